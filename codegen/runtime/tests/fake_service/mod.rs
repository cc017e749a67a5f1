//! A hand-written operation shaped like what the generator emits, to drive the runtime.
#![allow(dead_code)]

use runtime::error::{ErrorMetadata, Unhandled};
use runtime::operation::{
    OperationError, OperationOutput, OperationSpec, ResponseMetadata, ServiceSpec,
};
use serde::{Deserialize, Serialize};
use std::fmt;

pub static SERVICE: ServiceSpec = ServiceSpec {
    name: "FakeService",
    sdk_id: "Fake Service",
    content_type: "application/x-amz-json-1.1",
    signing_name: Some("fakesvc"),
    endpoint_rules: None,
    partitions: "{}",
    crate_version: "9.9.9",
    query_compatible: false,
};

pub static DO_THING: OperationSpec = OperationSpec {
    name: "DoThing",
    target: "FakeService.DoThing",
    signed: false,
    host_prefix: None,
    request_compression: false,
};

pub static DO_SIGNED_THING: OperationSpec = OperationSpec {
    name: "DoSignedThing",
    target: "FakeService.DoSignedThing",
    signed: true,
    host_prefix: None,
    request_compression: false,
};

#[derive(Debug, Default, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct DoThingInput {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub count: Option<i32>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct DoThingOutput {
    pub greeting: Option<String>,
    pub count: Option<i32>,
    #[serde(skip)]
    pub metadata: ResponseMetadata,
}

impl OperationOutput for DoThingOutput {
    fn set_metadata(&mut self, metadata: ResponseMetadata) {
        self.metadata = metadata;
    }
}

#[derive(Debug)]
pub enum DoThingError {
    NotFound {
        resource: Option<String>,
        metadata: ErrorMetadata,
    },
    /// Modeled `@retryable`.
    Busy(ErrorMetadata),
    Unhandled(Unhandled),
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct NotFoundBody {
    resource: Option<String>,
}

impl OperationError for DoThingError {
    fn from_response(metadata: ErrorMetadata) -> Self {
        match metadata.shape_code().unwrap_or_default() {
            "NotFoundException" => {
                match serde_json::from_slice::<NotFoundBody>(metadata.raw_body()) {
                    Ok(parsed) => DoThingError::NotFound {
                        resource: parsed.resource,
                        metadata,
                    },
                    Err(_) => DoThingError::Unhandled(Unhandled::new(metadata)),
                }
            }
            "BusyException" => DoThingError::Busy(metadata),
            _ => DoThingError::Unhandled(Unhandled::new(metadata)),
        }
    }
    fn metadata(&self) -> &ErrorMetadata {
        match self {
            DoThingError::NotFound { metadata, .. } | DoThingError::Busy(metadata) => metadata,
            DoThingError::Unhandled(u) => u.metadata(),
        }
    }
    fn is_retryable(&self) -> bool {
        matches!(self, DoThingError::Busy(_))
    }
}

impl fmt::Display for DoThingError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.metadata().fmt(f)
    }
}

impl std::error::Error for DoThingError {}

/// The Cognito service with its real endpoint rules, read from `../shared/models`.
pub fn cognito_service() -> &'static ServiceSpec {
    let models = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/models");
    let model = std::fs::read_to_string(models.join("cognito-identity-provider-2016-04-18.json"))
        .expect("Cognito model in shared/models");
    let partitions =
        std::fs::read_to_string(models.join("partitions.json")).expect("partitions.json");
    let model: serde_json::Value = serde_json::from_str(&model).expect("model is JSON");
    let rules = model["shapes"]
        .as_object()
        .expect("shapes")
        .values()
        .find_map(|shape| shape["traits"].get("smithy.rules#endpointRuleSet"))
        .expect("the model has endpoint rules")
        .to_string();
    Box::leak(Box::new(ServiceSpec {
        name: "AWSCognitoIdentityProviderService",
        sdk_id: "Cognito Identity Provider",
        content_type: "application/x-amz-json-1.1",
        signing_name: Some("cognito-idp"),
        endpoint_rules: Some(Box::leak(rules.into_boxed_str())),
        partitions: Box::leak(partitions.into_boxed_str()),
        crate_version: "0.1.0",
        query_compatible: false,
    }))
}

/// A signed Cognito operation.
pub static COGNITO_OP: OperationSpec = OperationSpec {
    name: "ListUsers",
    target: "AWSCognitoIdentityProviderService.ListUsers",
    signed: true,
    host_prefix: None,
    request_compression: false,
};
