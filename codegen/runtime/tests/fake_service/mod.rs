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
    fn from_response(code: &str, body: &[u8], metadata: ErrorMetadata) -> Self {
        match code {
            "NotFoundException" => match serde_json::from_slice::<NotFoundBody>(body) {
                Ok(parsed) => DoThingError::NotFound {
                    resource: parsed.resource,
                    metadata,
                },
                Err(_) => DoThingError::Unhandled(Unhandled::new(metadata)),
            },
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
