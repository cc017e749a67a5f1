//! The JMESPath subset, on examples from the JMESPath specification and tutorial, and on every
//! path the AWS models' waiters use.
use runtime::jmespath::parse;
use serde_json::{json, Value};

fn eval(expr: &str, data: &Value) -> Value {
    parse(expr)
        .unwrap_or_else(|e| panic!("{expr}: {e}"))
        .evaluate(data)
}

#[test]
fn fields_and_sub_expressions() {
    assert_eq!(eval("a", &json!({"a": "foo", "b": "bar"})), json!("foo"));
    let deep = json!({"a": {"b": {"c": {"d": "value"}}}});
    assert_eq!(eval("a.b.c.d", &deep), json!("value"));
    assert_eq!(eval("a.b.c", &json!({"a": {"b": 1}})), Value::Null);
    assert_eq!(eval("missing", &json!({"a": 1})), Value::Null);
    assert_eq!(eval("\"with space\"", &json!({"with space": 1})), json!(1));
    assert_eq!(eval("a", &json!([1])), Value::Null);
    assert_eq!(eval("@", &json!(3)), json!(3));
}

#[test]
fn indexes_count_from_either_end() {
    let data = json!(["a", "b", "c", "d", "e", "f"]);
    assert_eq!(eval("[1]", &data), json!("b"));
    assert_eq!(eval("[-1]", &data), json!("f"));
    assert_eq!(eval("[9]", &data), Value::Null);
    assert_eq!(eval("[-9]", &data), Value::Null);
    let nested = json!({"a": {"b": {"c": [{"d": [0, [1, 2]]}, {"d": [3, 4]}]}}});
    assert_eq!(eval("a.b.c[0].d[1][0]", &nested), json!(1));
}

#[test]
fn list_projections_drop_nulls_and_nest() {
    let people = json!({"people": [
        {"first": "James", "last": "d"},
        {"first": "Jacob", "last": "e"},
        {"first": "Jayden", "last": "f"},
        {"missing": "different"}
    ]});
    assert_eq!(
        eval("people[*].first", &people),
        json!(["James", "Jacob", "Jayden"])
    );
    assert_eq!(eval("people[*].first[0]", &people), json!([]));
    assert_eq!(eval("foo[*].bar", &json!({"foo": {"bar": 1}})), Value::Null);
    let reservations = json!({"reservations": [
        {"instances": [{"state": "running"}, {"state": "stopped"}]},
        {"instances": [{"state": "terminated"}, {"state": "running"}]}
    ]});
    assert_eq!(
        eval("reservations[*].instances[*].state", &reservations),
        json!([["running", "stopped"], ["terminated", "running"]])
    );
    assert_eq!(
        eval("reservations[].instances[].state", &reservations),
        json!(["running", "stopped", "terminated", "running"])
    );
    // A pipe stops the projection: `[0]` indexes the projected list.
    assert_eq!(
        eval("reservations[*].instances[0].state | [0]", &reservations),
        json!("running")
    );
}

#[test]
fn flatten_splices_one_level() {
    let data = json!({"foo": [[0, 1], 2, [3], 4, [5, [6, 7]]]});
    assert_eq!(eval("foo[]", &data), json!([0, 1, 2, 3, 4, 5, [6, 7]]));
    assert_eq!(eval("foo[][]", &data), json!([0, 1, 2, 3, 4, 5, 6, 7]));
    assert_eq!(eval("foo[]", &json!({"foo": "x"})), Value::Null);
}

#[test]
fn filters_compare_and_combine() {
    let machines = json!({"machines": [
        {"name": "a", "state": "running", "n": 1},
        {"name": "b", "state": "stopped", "n": 2},
        {"name": "c", "state": "running", "n": 3}
    ]});
    assert_eq!(
        eval("machines[?state=='running'].name", &machines),
        json!(["a", "c"])
    );
    assert_eq!(
        eval("machines[?n > `1`].name", &machines),
        json!(["b", "c"])
    );
    assert_eq!(eval("machines[?n <= `1.0`].name", &machines), json!(["a"]));
    assert_eq!(
        eval("machines[?state == 'running' && n != `1`].name", &machines),
        json!(["c"])
    );
    assert_eq!(
        eval("machines[?!(state == 'running')].name", &machines),
        json!(["b"])
    );
    assert_eq!(
        eval("machines[?state == 'gone'] | [0]", &machines),
        Value::Null
    );
    // Ordering is for numbers only.
    assert_eq!(eval("a < b", &json!({"a": "x", "b": "y"})), Value::Null);
    assert_eq!(
        eval("a == b", &json!({"a": [1, {"c": 2}], "b": [1.0, {"c": 2}]})),
        json!(true)
    );
    assert_eq!(eval("a || b", &json!({"a": [], "b": "x"})), json!("x"));
    assert_eq!(eval("a && b", &json!({"a": "", "b": "x"})), json!(""));
}

#[test]
fn functions_length_and_contains() {
    let data = json!({"s": "héllo", "l": [1, "a", null], "o": {"k": 1}, "n": 5});
    assert_eq!(eval("length(s)", &data), json!(5));
    assert_eq!(eval("length(l)", &data), json!(3));
    assert_eq!(eval("length(o)", &data), json!(1));
    assert_eq!(eval("length(n)", &data), Value::Null);
    assert_eq!(eval("contains(l, 'a')", &data), json!(true));
    assert_eq!(eval("contains(l, `1.0`)", &data), json!(true));
    assert_eq!(eval("contains(s, 'ell')", &data), json!(false));
    assert_eq!(eval("contains(s, 'éll')", &data), json!(true));
    assert_eq!(eval("length(l[?@ == 'a']) > `0`", &data), json!(true));
}

#[test]
fn everything_else_is_refused_with_a_position() {
    for (expr, offset) in [
        ("foo.*", 4),
        ("foo[1:2]", 5),
        ("{a: b}", 0),
        ("abs(x)", 0),
        ("foo[", 4),
        ("&foo", 0),
        ("foo.bar baz", 8),
        ("length(a, b)", 0),
        ("'unterminated", 0),
        ("`{bad json`", 0),
        ("a ~ b", 2),
    ] {
        let error = parse(expr).expect_err(expr);
        assert_eq!(error.offset, offset, "{expr}: {error}");
    }
}

/// Every waiter path of the AWS JSON models parses.
#[test]
fn every_waiter_path_of_the_models_parses() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/models");
    let mut files: Vec<_> = std::fs::read_dir(&root)
        .unwrap()
        .chain(std::fs::read_dir(root.join("corpus/awsjson")).unwrap())
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    let mut paths = 0;
    for file in files {
        let Ok(model) = serde_json::from_str::<Value>(&std::fs::read_to_string(&file).unwrap())
        else {
            continue;
        };
        let Some(shapes) = model["shapes"].as_object() else {
            continue;
        };
        for shape in shapes.values() {
            let Some(waiters) = shape["traits"]["smithy.waiters#waitable"].as_object() else {
                continue;
            };
            for (name, waiter) in waiters {
                for acceptor in waiter["acceptors"].as_array().unwrap() {
                    for matcher in ["output", "inputOutput"] {
                        if let Some(path) = acceptor["matcher"][matcher]["path"].as_str() {
                            parse(path).unwrap_or_else(|e| {
                                panic!("{}: {name}: {path}: {e}", file.display())
                            });
                            paths += 1;
                        }
                    }
                }
            }
        }
    }
    assert!(paths >= 161, "only {paths} paths found");
}
