//! Error-code extraction: `error_metadata` over any status, `X-Amzn-ErrorType` header and body,
//! and `normalize_error_code` over any string.
use runtime::protocol::aws_json::{error_metadata, normalize_error_code};

/// Input: two bytes of status, one flag byte, then (when the flag's low bit is set) a header
/// value up to the first newline, then the body.
pub fn run(data: &[u8]) {
    let [high, low, flags, rest @ ..] = data else {
        return;
    };
    let status = u16::from_be_bytes([*high, *low]);
    let (header, body) = split_header(*flags, rest);
    let mut headers = http::HeaderMap::new();
    let header_value = header.and_then(|h| http::HeaderValue::from_bytes(h).ok());
    if let Some(value) = &header_value {
        headers.insert("x-amzn-errortype", value.clone());
    }
    let metadata = error_metadata(status, &headers, body);
    assert_eq!(metadata.status, status);
    if let Some(code) = metadata.code() {
        assert!(!code.is_empty(), "a code is never empty: no code is None");
        check_normalized(code);
    }
    // The header wins whenever it holds a code.
    if let Some(header) = header_value.as_ref().and_then(|v| v.to_str().ok()) {
        let from_header = normalize_error_code(header);
        if !from_header.is_empty() {
            assert_eq!(
                metadata.code(),
                Some(from_header),
                "the X-Amzn-ErrorType header wins"
            );
        }
    }
    if metadata.code().is_none() {
        assert!(
            metadata.message.is_some(),
            "an error without a code comes with a message"
        );
    }
    let _ = metadata.to_string();
    if let Ok(text) = std::str::from_utf8(data) {
        let normalized = normalize_error_code(text);
        check_normalized(normalized);
        assert!(text.contains(normalized), "normalizing only cuts");
        assert_eq!(normalize_error_code(normalized), normalized, "idempotent");
    }
}

/// With the flag's low bit set, the bytes up to the first newline are the header.
pub fn split_header(flags: u8, rest: &[u8]) -> (Option<&[u8]>, &[u8]) {
    if flags & 1 == 0 {
        return (None, rest);
    }
    match rest.iter().position(|b| *b == b'\n') {
        Some(end) => (Some(&rest[..end]), &rest[end + 1..]),
        None => (Some(rest), &[]),
    }
}

fn check_normalized(code: &str) {
    assert!(!code.contains(':'), "{code:?} keeps a `:`");
    assert!(!code.contains('#'), "{code:?} keeps a namespace");
    assert_eq!(code, code.trim(), "{code:?} is not trimmed");
}
