//! Header values the pipeline writes on every attempt, formatted on the stack: the
//! invocation id and `amz-sdk-request`, and values borrowed from `&'static str`s.
use super::retry::Jitter;
use bytes::Bytes;
use http::header::HeaderValue;

/// A header value borrowing a `&'static str`: no copy, and an error rather than a panic if the
/// text is not a valid header value.
pub(crate) fn static_value(
    text: &'static str,
) -> Result<HeaderValue, http::header::InvalidHeaderValue> {
    HeaderValue::from_maybe_shared(Bytes::from_static(text.as_bytes()))
}

/// A random UUID-shaped id shared by all attempts of one call, kept as text on the stack.
#[derive(Clone, Copy)]
pub(crate) struct InvocationId([u8; 36]);

impl InvocationId {
    pub(crate) fn new(jitter: &Jitter) -> InvocationId {
        let (a, b) = (jitter.next_u64(), jitter.next_u64());
        let mut text = *b"00000000-0000-4000-0000-000000000000";
        put_hex(&mut text[0..8], a >> 32);
        put_hex(&mut text[9..13], (a >> 16) & 0xffff);
        put_hex(&mut text[15..18], a & 0x0fff);
        put_hex(&mut text[19..23], ((b >> 48) & 0x3fff) | 0x8000);
        put_hex(&mut text[24..36], b & 0xffff_ffff_ffff);
        InvocationId(text)
    }

    pub(crate) fn header_value(&self) -> Result<HeaderValue, http::header::InvalidHeaderValue> {
        HeaderValue::from_bytes(&self.0)
    }
}

/// Writes the low `out.len()` hex digits of `value`, lower-case, most significant first.
fn put_hex(out: &mut [u8], mut value: u64) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    for slot in out.iter_mut().rev() {
        *slot = HEX[(value & 0xf) as usize];
        value >>= 4;
    }
}

/// `attempt=1; max=3`, formatted on the stack.
pub(crate) fn attempt_header(
    attempt: u32,
    max_attempts: u32,
) -> Result<HeaderValue, http::header::InvalidHeaderValue> {
    let mut text = StackText::new();
    text.push(b"attempt=");
    text.push_decimal(attempt);
    text.push(b"; max=");
    text.push_decimal(max_attempts);
    HeaderValue::from_bytes(text.as_bytes())
}

/// A short text built without allocating; 40 bytes hold `attempt=<u32>; max=<u32>`.
struct StackText {
    bytes: [u8; 40],
    len: usize,
}

impl StackText {
    fn new() -> StackText {
        StackText {
            bytes: [0; 40],
            len: 0,
        }
    }

    fn push(&mut self, part: &[u8]) {
        let end = self.len + part.len();
        if let Some(slot) = self.bytes.get_mut(self.len..end) {
            slot.copy_from_slice(part);
            self.len = end;
        }
    }

    fn push_decimal(&mut self, value: u32) {
        let mut digits = [0u8; 10];
        let mut start = digits.len();
        let mut rest = value;
        loop {
            start -= 1;
            digits[start] = b'0' + (rest % 10) as u8;
            rest /= 10;
            if rest == 0 {
                break;
            }
        }
        self.push(digits.get(start..).unwrap_or_default());
    }

    fn as_bytes(&self) -> &[u8] {
        self.bytes.get(..self.len).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attempt_header_matches_format_at_the_extremes() {
        for (attempt, max) in [(1, 3), (0, 0), (u32::MAX, u32::MAX), (10, 1_000_000)] {
            let value = attempt_header(attempt, max).unwrap();
            assert_eq!(
                value.to_str().unwrap(),
                format!("attempt={attempt}; max={max}")
            );
        }
    }

    #[test]
    fn invocation_ids_are_uuid_v4_text() {
        let jitter = Jitter::new();
        let id = InvocationId::new(&jitter).header_value().unwrap();
        let text = id.to_str().unwrap();
        let groups: Vec<&str> = text.split('-').collect();
        let lengths: Vec<usize> = groups.iter().map(|g| g.len()).collect();
        assert_eq!(lengths, [8, 4, 4, 4, 12], "{text}");
        assert!(text
            .bytes()
            .all(|b| b == b'-' || b.is_ascii_hexdigit() && !b.is_ascii_uppercase()));
        assert!(groups[2].starts_with('4'), "version 4: {text}");
        assert!(
            matches!(groups[3].as_bytes()[0], b'8' | b'9' | b'a' | b'b'),
            "variant: {text}"
        );
    }
}
