//! Wire protocols: how an input becomes a request and a response becomes an output or an
//! error. The call pipeline ([`super::client`]) is the same for every protocol; awsJson 1.0/1.1
//! is the only one so far, and a second (restJson1) goes beside it.
pub mod aws_json;
