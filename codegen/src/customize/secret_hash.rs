//! Amazon Cognito user pools: `SecretHash`. An app client with a secret must send
//! `Base64(HMAC_SHA256(client_secret, username + client_id))` with the calls that name a user,
//! either as the input's `SecretHash` member or as `SECRET_HASH` in its `AuthParameters` or
//! `ChallengeResponses` map. No AWS SDK computes it; this emits a function that does, and an
//! opt-in `Client::with_app_client_secret` with which the client fills the hash wherever the
//! caller left it unset.
use super::Customization;
use crate::emit::{rust_file, EmitError, GeneratedFile};
use crate::ir::{Member, Operation, RustType, Service};
use crate::naming::ident;
use proc_macro2::TokenStream;
use quote::quote;

/// The service this applies to, by its shape name.
const SERVICE: &str = "AWSCognitoIdentityProviderService";

/// Input maps that carry `SECRET_HASH` beside `USERNAME`.
const MAP_MEMBERS: &[&str] = &["AuthParameters", "ChallengeResponses"];

/// The Cognito customization; present only for the Cognito user pools service.
pub struct SecretHash;

pub fn for_service(service: &Service) -> Option<SecretHash> {
    (service.shape_name == SERVICE).then_some(SecretHash)
}

/// Where an operation's input takes the hash.
enum Slot<'a> {
    /// `SecretHash: Option<String>` beside required `ClientId` and `Username` strings.
    Member {
        client_id: &'a Member,
        username: &'a Member,
        secret_hash: &'a Member,
    },
    /// A `Option<HashMap<String, String>>` holding `USERNAME`, beside a required `ClientId`.
    Map {
        client_id: &'a Member,
        map: &'a Member,
    },
}

fn member<'a>(op: &'a Operation, wire_name: &str) -> Option<&'a Member> {
    op.input.members.iter().find(|m| m.wire_name == wire_name)
}

fn required_string(m: &Member) -> bool {
    m.required && m.ty == RustType::String
}

/// The slot of `op`, when its input has the members, of the types, that carry the hash.
fn slot(op: &Operation) -> Option<Slot<'_>> {
    let client_id = member(op, "ClientId").filter(|m| required_string(m))?;
    if let Some(secret_hash) = member(op, "SecretHash") {
        let username = member(op, "Username").filter(|m| required_string(m))?;
        let optional_string = secret_hash.is_optional() && secret_hash.ty == RustType::String;
        return optional_string.then_some(Slot::Member {
            client_id,
            username,
            secret_hash,
        });
    }
    let string_map = RustType::Map(Box::new(RustType::String), false);
    let map = MAP_MEMBERS
        .iter()
        .filter_map(|name| member(op, name))
        .find(|m| m.is_optional() && m.ty == string_map)?;
    Some(Slot::Map { client_id, map })
}

impl Customization for SecretHash {
    fn files(&self) -> Result<Vec<GeneratedFile>, EmitError> {
        Ok(vec![rust_file("src/secret_hash.rs", module())?])
    }

    fn modules(&self) -> Vec<&'static str> {
        vec!["secret_hash"]
    }

    fn client_fields(&self) -> Vec<(&'static str, &'static str)> {
        vec![("app_client_secrets", "secret_hash::AppClientSecrets")]
    }

    fn before_call(&self, op: &Operation) -> Option<TokenStream> {
        Some(match slot(op)? {
            Slot::Member {
                client_id,
                username,
                secret_hash,
            } => {
                let (c, u, s) = (
                    ident(&client_id.field),
                    ident(&username.field),
                    ident(&secret_hash.field),
                );
                quote! {
                    self.app_client_secrets.fill(&input.#c, &input.#u, &mut input.#s);
                }
            }
            Slot::Map { client_id, map } => {
                let (c, m) = (ident(&client_id.field), ident(&map.field));
                quote! {
                    self.app_client_secrets.fill_map(&input.#c, &mut input.#m);
                }
            }
        })
    }
}

/// `src/secret_hash.rs`.
fn module() -> TokenStream {
    quote! {
        //! Cognito's `SecretHash`, which an app client with a secret must send with every call
        //! that names a user: [`secret_hash`] computes it, and
        //! [`Client::with_app_client_secret`](crate::Client::with_app_client_secret) makes the
        //! client fill it in (the `SecretHash` member, or `SECRET_HASH` in `AuthParameters` and
        //! `ChallengeResponses`) wherever the input leaves it unset.
        use std::collections::HashMap;
        use std::sync::Arc;

        /// `Base64(HMAC_SHA256(client_secret, username + client_id))`, as Cognito documents it.
        pub fn secret_hash(client_secret: &str, username: &str, client_id: &str) -> String {
            use base64::Engine as _;
            let key = ring::hmac::Key::new(ring::hmac::HMAC_SHA256, client_secret.as_bytes());
            let mut context = ring::hmac::Context::with_key(&key);
            context.update(username.as_bytes());
            context.update(client_id.as_bytes());
            base64::engine::general_purpose::STANDARD.encode(context.sign().as_ref())
        }

        /// App client secrets by client id. `Debug` shows the client ids only.
        #[derive(Clone, Default)]
        pub struct AppClientSecrets(Arc<HashMap<String, String>>);

        impl std::fmt::Debug for AppClientSecrets {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                let mut ids: Vec<&String> = self.0.keys().collect();
                ids.sort();
                f.debug_struct("AppClientSecrets").field("client_ids", &ids).finish()
            }
        }

        impl AppClientSecrets {
            /// Sets `slot` to the hash when it is unset and `client_id` has a secret.
            pub(crate) fn fill(&self, client_id: &str, username: &str, slot: &mut Option<String>) {
                if slot.is_some() {
                    return;
                }
                if let Some(secret) = self.0.get(client_id) {
                    *slot = Some(secret_hash(secret, username, client_id));
                }
            }

            /// Adds `SECRET_HASH` to `params` when it has a `USERNAME` but no hash, and
            /// `client_id` has a secret.
            pub(crate) fn fill_map(&self, client_id: &str, params: &mut Option<HashMap<String, String>>) {
                let (Some(secret), Some(params)) = (self.0.get(client_id), params.as_mut()) else {
                    return;
                };
                if params.contains_key("SECRET_HASH") {
                    return;
                }
                if let Some(username) = params.get("USERNAME") {
                    let hash = secret_hash(secret, username, client_id);
                    params.insert("SECRET_HASH".to_string(), hash);
                }
            }
        }

        impl crate::Client {
            /// This client, filling `SecretHash` for `client_id` from its `secret` wherever an
            /// input leaves it unset (a hash the caller set is sent as it is). Call once per
            /// app client; the secret never appears in `Debug` output or logs.
            pub fn with_app_client_secret(
                mut self,
                client_id: impl Into<String>,
                secret: impl Into<String>,
            ) -> Self {
                let mut secrets = (*self.app_client_secrets.0).clone();
                secrets.insert(client_id.into(), secret.into());
                self.app_client_secrets = AppClientSecrets(Arc::new(secrets));
                self
            }
        }
    }
}
