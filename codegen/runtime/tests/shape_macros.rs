//! The shape macros on hand-written types, as the generator declares them: JSON round trips
//! (checked against JSON written out here, not against the macros' own output), required
//! members' error correction, `@default` zeros, timestamp formats, floats, redaction, unions'
//! unknown variant and enums' unknown values.
use runtime::types::{DateTime, REDACTED};
use serde_json::json;

/// `Login`: a required, a sensitive optional, a defaulted, an http-date, a float and a boxed
/// member, like a generated operation input.
#[derive(Clone, PartialEq)]
pub struct Login {
    user: String,
    secret: Option<String>,
    attempts: i32,
    at: Option<DateTime>,
    score: Option<f64>,
    next: Option<Box<Login>>,
    tags: Vec<String>,
}

impl Login {
    fn new(user: impl Into<String>, tags: Vec<String>) -> Self {
        Self {
            user: user.into(),
            secret: None,
            attempts: 0,
            at: None,
            score: None,
            next: None,
            tags,
        }
    }
    fn user(&self) -> &str {
        &self.user
    }
}

runtime::structure! {
    Login = "LoginRequest";
    serialize;
    deserialize;
    user "User" Req(Plain) shown: set_user(String), with_user(impl Into<String>) -> into_user;
    secret "Secret" Opt(Plain) redacted: set_secret(Option<String>), with_secret(impl Into<String>), with_secret_opt -> into_secret;
    attempts "Attempts" Def(Plain) shown: set_attempts(i32), with_attempts(i32);
    at "At" Opt(HttpDateText) shown: set_at(Option<DateTime>), with_at(DateTime), with_at_opt;
    score "Score" Opt(Float) shown: set_score(Option<f64>), with_score(f64), with_score_opt;
    next "Next" OptBox(Plain) shown: set_next(Option<Login>), with_next(Login), with_next_opt -> into_next;
    #[deprecated(note = "use something else")]
    tags "Tags" Req(Plain) shown: set_tags(Vec<String>), with_tags(Vec<String>) -> #[deprecated(note = "use something else")] into_tags;
}

impl runtime::correction::Zero for Login {
    fn zero() -> Option<Self> {
        runtime::correction::zero_structure()
    }
}

/// An output: its metadata is not on the wire, and only deserialization is compiled.
#[derive(Clone, PartialEq, Default)]
pub struct Answer {
    token: Option<String>,
    r#type: Option<String>,
    metadata: u16,
}

runtime::structure! {
    Answer = "AnswerResponse", metadata;
    #[cfg(any())] serialize;
    deserialize;
    token "Token" Opt(Plain) redacted: set_token(Option<String>), with_token(impl Into<String>), with_token_opt;
    r#type "Type" Opt(Plain) shown: set_type(Option<String>), with_type(impl Into<String>), with_type_opt;
}

#[test]
fn a_structure_writes_its_wire_names_skipping_unset_members() {
    let login = Login::new("alice", vec!["a".into()])
        .with_secret("s3cret")
        .with_at(DateTime::from_secs(784111777))
        .with_score(f64::NAN)
        .with_next(Login::new("bob", vec![]));
    let written = serde_json::to_value(&login).unwrap();
    let expected = json!({
        "User": "alice",
        "Secret": "s3cret",
        "Attempts": 0,
        "At": "Sun, 06 Nov 1994 08:49:37 GMT",
        "Score": "NaN",
        "Next": {"User": "bob", "Attempts": 0, "Tags": []},
        "Tags": ["a"],
    });
    assert_eq!(written, expected);
}

#[test]
fn a_structure_reads_what_it_writes_and_skips_unknown_members() {
    let text = r#"{"User":"alice","Unknown":[1,{"x":2}],"At":"Sun, 06 Nov 1994 08:49:37 GMT","Score":"-Infinity","Secret":null,"Tags":["t"],"Next":{"User":"bob","Tags":[]}}"#;
    let login: Login = serde_json::from_str(text).unwrap();
    assert_eq!(login.user(), "alice");
    assert_eq!(login.secret, None);
    assert_eq!(login.at, Some(DateTime::from_secs(784111777)));
    assert_eq!(login.score, Some(f64::NEG_INFINITY));
    assert_eq!(
        login.attempts, 0,
        "an absent @default member reads as its default"
    );
    assert_eq!(login.next.as_deref().map(Login::user), Some("bob"));
    let again: Login = serde_json::from_value(serde_json::to_value(&login).unwrap()).unwrap();
    assert!(again == login);
}

#[test]
fn a_missing_required_member_reads_as_its_zero_value() {
    let login: Login = serde_json::from_str(r#"{"Secret":"s"}"#).unwrap();
    assert_eq!(login.user, "");
    assert!(login.tags.is_empty());
    assert_eq!(login.secret.as_deref(), Some("s"));
    let wrong = serde_json::from_str::<Login>(r#"{"User":7}"#).unwrap_err();
    assert!(wrong.to_string().contains("invalid type"), "{wrong}");
    let not_an_object = serde_json::from_str::<Login>("[]").unwrap_err();
    assert!(
        not_an_object.to_string().contains("structure LoginRequest"),
        "{not_an_object}"
    );
}

#[test]
#[allow(deprecated)]
fn setters_store_and_into_moves_out() {
    let mut login = Login::new("alice", vec![]);
    login
        .set_secret(Some("x".into()))
        .set_next(Some(Login::new("n", vec![])));
    assert_eq!(login.clone().into_secret().as_deref(), Some("x"));
    assert_eq!(
        login.clone().into_next().map(|n| n.into_user()),
        Some("n".to_string())
    );
    let login = login
        .with_secret_opt(None)
        .with_next_opt(None)
        .with_tags(vec!["t".into()])
        .with_attempts(3);
    assert_eq!(login.secret, None);
    assert!(login.next.is_none());
    assert_eq!(login.attempts, 3);
    assert_eq!(login.into_tags(), vec!["t".to_string()]);
    let mut login = Login::new("a", vec![])
        .with_user("b")
        .with_score_opt(Some(1.5))
        .with_at_opt(None);
    login
        .set_user("c".into())
        .set_attempts(4)
        .set_score(None)
        .set_at(Some(DateTime::from_secs(1)))
        .set_tags(vec![]);
    assert_eq!(
        (login.user(), login.score, login.at),
        ("c", None, Some(DateTime::from_secs(1)))
    );
}

#[test]
fn debug_redacts_sensitive_members_and_shows_the_rest() {
    let login = Login::new("alice", vec![]).with_secret("s3cret");
    let shown = format!("{login:?}");
    assert_eq!(
        shown,
        format!(
            "Login {{ user: \"alice\", secret: Some(\"{REDACTED}\"), attempts: 0, at: None, score: None, next: None, tags: [] }}"
        )
    );
    assert!(!shown.contains("s3cret"));
    let unset = format!("{:?}", Answer::default());
    assert_eq!(unset, "Answer { token: None, type: None, metadata: 0 }");
    let typed = format!(
        "{:?}",
        Answer::default().with_type("t").with_token("secret")
    );
    assert_eq!(
        typed,
        format!("Answer {{ token: Some({REDACTED:?}), type: Some(\"t\"), metadata: 0 }}")
    );
}

#[test]
fn metadata_is_left_for_the_runtime_to_fill() {
    let answer: Answer = serde_json::from_str(r#"{"Token":"t","Type":"x","metadata":5}"#).unwrap();
    assert_eq!(answer.r#type.as_deref(), Some("x"));
    assert_eq!(answer.token.as_deref(), Some("t"));
    assert_eq!(answer.metadata, 0);
}

/// A union with a plain, a float, a timestamp and a sensitive member.
#[derive(Clone, PartialEq)]
#[non_exhaustive]
pub enum Choice {
    Name(String),
    Ratio(f32),
    When(DateTime),
    Secret(String),
    Unknown,
}

runtime::union! {
    Choice;
    Name "name" Plain shown,
    Ratio "ratio" Float shown,
    When "when" DateTimeText shown,
    Secret "secret" Plain redacted,
}

#[test]
fn a_union_is_one_member_and_unknown_members_read_as_unknown() {
    assert_eq!(
        serde_json::to_value(Choice::Ratio(f32::INFINITY)).unwrap(),
        json!({"ratio": "Infinity"})
    );
    assert_eq!(
        serde_json::to_value(Choice::When(DateTime::from_secs(0))).unwrap(),
        json!({"when": "1970-01-01T00:00:00Z"})
    );
    let read: Choice = serde_json::from_value(json!({"name": "n", "other": null})).unwrap();
    assert!(read == Choice::Name("n".into()));
    let unknown: Choice = serde_json::from_value(json!({"newMember": 1})).unwrap();
    assert!(unknown == Choice::Unknown);
    let bad = serde_json::from_value::<Choice>(json!({"ratio": true})).unwrap_err();
    assert!(bad.to_string().starts_with("Choice.ratio: "), "{bad}");
    let sent = serde_json::to_value(Choice::Unknown).unwrap_err();
    assert_eq!(
        sent.to_string(),
        "cannot send the Unknown variant of Choice"
    );
    assert_eq!(
        format!("{:?}", Choice::Secret("x".into())),
        format!("Secret({REDACTED:?})")
    );
    assert_eq!(format!("{:?}", Choice::Name("x".into())), "Name(\"x\")");
    assert_eq!(format!("{:?}", Choice::Unknown), "Unknown");
}

#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Mode {
    On,
    Off,
    Unknown(String),
}

runtime::string_enum! {
    Mode;
    On = "ON",
    Off = "OFF",
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Level {
    Low,
    High,
    Unknown(i32),
}

runtime::int_enum! {
    Level;
    Low = 1,
    High = 10,
}

#[test]
fn enums_speak_their_wire_values_and_keep_unknown_ones() {
    assert_eq!(Mode::values(), ["ON", "OFF"]);
    assert_eq!("OFF".parse::<Mode>().unwrap(), Mode::Off);
    assert_eq!(Mode::from("DIMMED"), Mode::Unknown("DIMMED".into()));
    assert_eq!(Mode::Unknown("DIMMED".into()).to_string(), "DIMMED");
    assert_eq!(serde_json::to_string(&Mode::On).unwrap(), r#""ON""#);
    assert_eq!(
        serde_json::from_str::<Mode>(r#""x""#).unwrap(),
        Mode::Unknown("x".into())
    );
    assert_eq!(Level::values(), [1, 10]);
    assert_eq!(Level::from(10), Level::High);
    assert_eq!(Level::Unknown(3).as_i32(), 3);
    assert_eq!(serde_json::to_string(&Level::Low).unwrap(), "1");
    assert_eq!(
        serde_json::from_str::<Level>("7").unwrap(),
        Level::Unknown(7)
    );
}
