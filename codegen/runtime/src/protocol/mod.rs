//! Wire protocols: how an input becomes a request and a response becomes an output or an
//! error. The call pipeline ([`super::client`]) is the same for every protocol; awsJson 1.0/1.1
//! (`aws_json`) and restJson1 (`rest_json`, in the crates of restJson1 services) share it.
pub mod aws_json;
pub mod rest_json;
