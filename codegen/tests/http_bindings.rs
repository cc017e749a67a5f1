//! restJson1 operations in the IR: each member's binding as the Smithy HTTP binding traits
//! say, and an operation whose `@http` or bindings are invalid (or of a kind the generator
//! does not write) left out with a reason naming the problem, never failing the model.
use codegen::ir::{Binding, Protocol, RustType};
use codegen::model::Model;
use codegen::resolve::{resolve, Options};
use serde_json::{json, Value};

fn string() -> Value {
    json!({ "target": "smithy.api#String" })
}

fn with(target: &str, traits: Value) -> Value {
    json!({ "target": target, "traits": traits })
}

fn operation(name: &str, http: Value, input: Value) -> (String, Value, String, Value) {
    (
        format!("t#{name}"),
        json!({ "type": "operation", "input": { "target": format!("t#{name}Input") },
                "traits": { "smithy.api#http": http } }),
        format!("t#{name}Input"),
        json!({ "type": "structure", "members": input }),
    )
}

fn model() -> Model {
    let required_label = json!({ "smithy.api#httpLabel": {}, "smithy.api#required": {} });
    let ops = [
        operation(
            "Good",
            json!({ "method": "PUT", "uri": "/things/{Id}/files/{Path+}?x=1", "code": 201 }),
            json!({
                "Id": with("smithy.api#String", required_label.clone()),
                "Path": with("smithy.api#String", required_label.clone()),
                "Tag": with("smithy.api#String", json!({ "smithy.api#httpQuery": "tag" })),
                "Params": with("t#Params", json!({ "smithy.api#httpQueryParams": {} })),
                "When": with("smithy.api#Timestamp", json!({ "smithy.api#httpHeader": "X-When" })),
                "Meta": with("t#Params", json!({ "smithy.api#httpPrefixHeaders": "x-meta-" })),
                "Note": with("smithy.api#String", json!({ "smithy.api#jsonName": "note_text" })),
                "Plain": string(),
            }),
        ),
        operation("NoHttpMethod", json!({ "uri": "/x" }), json!({})),
        operation(
            "UnboundLabel",
            json!({ "method": "GET", "uri": "/x/{Missing}" }),
            json!({}),
        ),
        operation(
            "OptionalLabel",
            json!({ "method": "GET", "uri": "/x/{Id}" }),
            json!({ "Id": with("smithy.api#String", json!({ "smithy.api#httpLabel": {} })) }),
        ),
        operation(
            "PayloadAndBody",
            json!({ "method": "POST", "uri": "/x" }),
            json!({
                "Data": with("smithy.api#Blob", json!({ "smithy.api#httpPayload": {} })),
                "Other": string(),
            }),
        ),
        operation(
            "BadHeaderName",
            json!({ "method": "POST", "uri": "/x" }),
            json!({ "H": with("smithy.api#String", json!({ "smithy.api#httpHeader": "X Bad" })) }),
        ),
        operation(
            "PartLabel",
            json!({ "method": "GET", "uri": "/x/a{Id}" }),
            json!({ "Id": with("smithy.api#String", required_label) }),
        ),
        operation(
            "Upload",
            json!({ "method": "PUT", "uri": "/upload" }),
            json!({ "Data": with("t#Stream", json!({ "smithy.api#httpPayload": {} })) }),
        ),
        operation(
            "StreamInBody",
            json!({ "method": "PUT", "uri": "/x" }),
            json!({ "Data": with("t#Stream", json!({})), "Other": string() }),
        ),
        operation(
            "Events",
            json!({ "method": "POST", "uri": "/x" }),
            json!({ "Events": with("t#EventStream", json!({ "smithy.api#httpPayload": {} })) }),
        ),
    ];
    let mut shapes = serde_json::Map::new();
    shapes.insert(
        "t#Svc".into(),
        json!({
            "type": "service", "version": "2024-01-01",
            "operations": ops.iter().map(|(id, ..)| json!({ "target": id })).collect::<Vec<_>>(),
            "traits": { "aws.api#service": { "sdkId": "Rest Bindings" }, "aws.protocols#restJson1": {} }
        }),
    );
    shapes.insert(
        "t#Stream".into(),
        json!({ "type": "blob", "traits": { "smithy.api#streaming": {} } }),
    );
    shapes.insert(
        "t#EventStream".into(),
        json!({ "type": "union", "members": { "A": string() },
                "traits": { "smithy.api#streaming": {} } }),
    );
    shapes.insert(
        "t#Params".into(),
        json!({ "type": "map", "key": string(), "value": string() }),
    );
    for (id, op, input_id, input) in ops {
        shapes.insert(id, op);
        shapes.insert(input_id, input);
    }
    let text = json!({ "smithy": "2.0", "shapes": shapes }).to_string();
    Model::parse(&text, "<memory>").expect("the model loads")
}

#[test]
fn members_travel_where_their_traits_say() {
    let service = resolve(&model(), &Options::default()).expect("resolves");
    assert_eq!(service.protocol, Protocol::RestJson1);
    let good = service
        .operations
        .iter()
        .find(|op| op.name == "Good")
        .expect("Good is generated");
    let http = good.http.as_ref().expect("restJson1 operations have @http");
    assert_eq!(
        (http.method.as_str(), http.uri.as_str(), http.code),
        ("PUT", "/things/{Id}/files/{Path+}?x=1", 201)
    );
    let binding = |name: &str| {
        let m = good.input.members.iter().find(|m| m.wire_name == name);
        m.map(|m| (m.binding.clone(), m.json_key().to_string()))
            .expect(name)
    };
    assert_eq!(binding("Id").0, Binding::Label { greedy: false });
    assert_eq!(binding("Path").0, Binding::Label { greedy: true });
    assert_eq!(binding("Tag").0, Binding::Query("tag".into()));
    assert_eq!(binding("Params").0, Binding::QueryParams);
    assert_eq!(binding("When").0, Binding::Header("X-When".into()));
    assert_eq!(binding("Meta").0, Binding::PrefixHeaders("x-meta-".into()));
    assert_eq!(binding("Note"), (Binding::Body, "note_text".into()));
    assert_eq!(binding("Plain"), (Binding::Body, "Plain".into()));
    let upload = service.operations.iter().find(|op| op.name == "Upload");
    let data = &upload
        .expect("a streaming payload is generated")
        .input
        .members[0];
    assert_eq!(
        (&data.binding, &data.ty),
        (&Binding::Payload, &RustType::ByteStream)
    );
}

#[test]
fn operations_with_invalid_bindings_are_left_out_with_the_reason() {
    let service =
        resolve(&model(), &Options::default()).expect("one bad operation never fails the model");
    let reason = |name: &str| {
        service
            .skipped
            .iter()
            .find(|s| s.name == name)
            .map(|s| s.reason.clone())
            .unwrap_or_else(|| panic!("{name} should be left out"))
    };
    assert!(reason("NoHttpMethod").contains("no `method`"));
    assert!(reason("UnboundLabel").contains("{Missing}"));
    assert!(reason("OptionalLabel").contains("not `@required`"));
    assert!(reason("PayloadAndBody").contains("`@httpPayload` member beside other body members"));
    assert!(reason("BadHeaderName").contains("not a valid header name"));
    assert!(reason("PartLabel").contains("neither a label nor literal URL text"));
    assert!(reason("StreamInBody").contains("`@streaming` blob that is not the `@httpPayload`"));
    assert!(reason("Events").contains("an event stream"));
    assert_eq!(service.operations.len(), 2);
    assert_eq!(service.warnings().len(), 8);
}
