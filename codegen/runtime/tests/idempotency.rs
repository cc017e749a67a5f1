//! Idempotency tokens: UUID v4 as RFC 9562 defines the text form, fresh per call, and a
//! configured provider wins.
use runtime::config::Config;
use runtime::idempotency::uuid_v4;
use std::collections::HashSet;

/// `8-4-4-4-12` lower-case hex digits, version nibble 4, variant bits `10`.
fn is_uuid_v4(text: &str) -> bool {
    let groups: Vec<&str> = text.split('-').collect();
    let lengths: Vec<usize> = groups.iter().map(|g| g.len()).collect();
    lengths == [8, 4, 4, 4, 12]
        && text
            .chars()
            .all(|c| c == '-' || c.is_ascii_digit() || ('a'..='f').contains(&c))
        && groups[2].starts_with('4')
        && groups[3].starts_with(['8', '9', 'a', 'b'])
}

#[test]
fn tokens_are_distinct_uuid_v4() {
    let tokens: Vec<String> = (0..2000).map(|_| uuid_v4()).collect();
    for token in &tokens {
        assert!(is_uuid_v4(token), "{token}");
    }
    let distinct: HashSet<&String> = tokens.iter().collect();
    assert_eq!(distinct.len(), tokens.len());
}

#[test]
fn the_default_config_gives_random_tokens_and_a_provider_overrides_them() {
    let config = Config::builder().build();
    let (a, b) = (config.idempotency_token(), config.idempotency_token());
    assert!(is_uuid_v4(&a) && is_uuid_v4(&b) && a != b, "{a} {b}");
    let fixed = Config::builder()
        .idempotency_token_provider(|| "00000000-0000-4000-8000-000000000000".to_string())
        .build();
    assert_eq!(
        fixed.idempotency_token(),
        "00000000-0000-4000-8000-000000000000"
    );
    assert!(format!("{fixed:?}").contains("idempotency_tokens: custom"));
}
