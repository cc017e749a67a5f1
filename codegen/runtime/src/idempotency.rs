//! `@idempotencyToken` members the caller leaves unset are filled with a fresh UUID v4, as every
//! AWS SDK does, so a retried call is recognised by the service as the same request.
use std::fmt;
use std::sync::Arc;

/// Makes the token for an unset `@idempotencyToken` member. The default is a random UUID v4;
/// tests that compare requests byte for byte set a fixed one with
/// [`ConfigBuilder::idempotency_token_provider`](super::config::ConfigBuilder::idempotency_token_provider).
#[derive(Clone)]
pub struct TokenProvider(Option<Arc<dyn Fn() -> String + Send + Sync>>);

impl TokenProvider {
    /// Random UUID v4 tokens.
    pub fn random() -> Self {
        TokenProvider(None)
    }

    /// Tokens from `make`.
    pub fn from_fn(make: impl Fn() -> String + Send + Sync + 'static) -> Self {
        TokenProvider(Some(Arc::new(make)))
    }

    /// The next token.
    pub fn token(&self) -> String {
        match &self.0 {
            Some(make) => make(),
            None => uuid_v4(),
        }
    }
}

impl Default for TokenProvider {
    fn default() -> Self {
        Self::random()
    }
}

impl fmt::Debug for TokenProvider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.0.is_some() {
            "custom"
        } else {
            "random UUID v4"
        })
    }
}

/// A random (version 4, RFC 9562) UUID in its hyphenated lower-case form.
pub fn uuid_v4() -> String {
    use ring::rand::SecureRandom as _;
    let mut bytes = [0u8; 16];
    if ring::rand::SystemRandom::new().fill(&mut bytes).is_err() {
        // The OS random source failing is not a reason to fail the call: a token only has to
        // be unique, and the clock with the address of a stack value is unique enough.
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let salt = &bytes as *const _ as usize as u128;
        bytes = (nanos ^ salt.rotate_left(64)).to_le_bytes();
    }
    uuid_text(bytes)
}

/// `bytes` with the version (4) and variant (RFC) bits set, as `8-4-4-4-12` hex digits.
fn uuid_text(mut bytes: [u8; 16]) -> String {
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let mut text = String::with_capacity(36);
    for (i, byte) in bytes.iter().enumerate() {
        if matches!(i, 4 | 6 | 8 | 10) {
            text.push('-');
        }
        text.push_str(&format!("{byte:02x}"));
    }
    text
}
