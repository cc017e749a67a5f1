//! Load: the Smithy JSON AST, typed. Every Smithy 2.0 shape type has a variant; traits are
//! kept as raw JSON and read through typed accessors, so unknown traits pass through untouched.
//! Mixins are applied while loading (and the mixin shapes dropped), and a loaded model has
//! valid shape ids, no dangling or mixin references, and lists and maps that nest finitely.
use serde::Deserialize;
use serde_json::Value;
use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

mod checks;
mod mixins;

pub use checks::MAX_COLLECTION_NESTING;

/// A problem with the model, naming the file and, where there is one, the shape.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelError {
    /// The model file (or `<memory>` for a model given as text).
    pub file: String,
    /// The shape the problem is in, if any.
    pub shape: Option<String>,
    /// What is wrong.
    pub problem: String,
}

impl fmt::Display for ModelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.shape {
            Some(shape) => write!(f, "{}: shape {shape}: {}", self.file, self.problem),
            None => write!(f, "{}: {}", self.file, self.problem),
        }
    }
}

impl std::error::Error for ModelError {}

/// A loaded model: the shapes by absolute shape id, in id order.
#[derive(Debug, Clone)]
pub struct Model {
    /// Where the model came from, for error messages.
    pub file: String,
    /// Every shape of the model by its absolute id (`namespace#Name`).
    pub shapes: BTreeMap<String, Shape>,
}

/// A reference to another shape (`{"target": "..."}`).
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
pub struct Target {
    /// The absolute shape id it points at.
    pub target: String,
}

/// A member of an aggregate shape.
#[derive(Debug, Clone, Deserialize, PartialEq)]
pub struct Member {
    /// The absolute shape id of the member's type.
    pub target: String,
    /// The member's traits.
    #[serde(default)]
    pub traits: Traits,
}

/// Traits as the model has them; typed accessors live on this type.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(transparent)]
pub struct Traits(pub BTreeMap<String, Value>);

/// Fields every simple shape has.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
pub struct Simple {
    /// The shape's traits.
    #[serde(default)]
    pub traits: Traits,
}

/// Structures, unions, enums and intEnums.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
pub struct Aggregate {
    /// Members in model order.
    #[serde(default)]
    pub members: indexmap_like::OrderedMembers,
    /// The shape's traits.
    #[serde(default)]
    pub traits: Traits,
}

/// A list shape.
#[derive(Debug, Clone, Deserialize, PartialEq)]
pub struct ListShape {
    /// The element member.
    pub member: Member,
    /// The shape's traits.
    #[serde(default)]
    pub traits: Traits,
}

/// A map shape.
#[derive(Debug, Clone, Deserialize, PartialEq)]
pub struct MapShape {
    /// The key member.
    pub key: Member,
    /// The value member.
    pub value: Member,
    /// The shape's traits.
    #[serde(default)]
    pub traits: Traits,
}

/// A service shape.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
pub struct ServiceShape {
    /// The service's version string.
    #[serde(default)]
    pub version: String,
    /// Operations bound directly to the service.
    #[serde(default)]
    pub operations: Vec<Target>,
    /// Resources bound to the service.
    #[serde(default)]
    pub resources: Vec<Target>,
    /// Errors every operation of the service can return.
    #[serde(default)]
    pub errors: Vec<Target>,
    /// The shape's traits.
    #[serde(default)]
    pub traits: Traits,
}

/// An operation shape.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
pub struct OperationShape {
    /// The input structure (absent means `smithy.api#Unit`).
    pub input: Option<Target>,
    /// The output structure (absent means `smithy.api#Unit`).
    pub output: Option<Target>,
    /// The errors the operation can return.
    #[serde(default)]
    pub errors: Vec<Target>,
    /// The shape's traits.
    #[serde(default)]
    pub traits: Traits,
}

/// A resource shape: only its operations matter to a client.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct ResourceShape {
    /// Lifecycle and other operations, each optional.
    #[serde(default)]
    pub create: Option<Target>,
    #[serde(default)]
    #[allow(missing_docs)]
    pub put: Option<Target>,
    #[serde(default)]
    #[allow(missing_docs)]
    pub read: Option<Target>,
    #[serde(default)]
    #[allow(missing_docs)]
    pub update: Option<Target>,
    #[serde(default)]
    #[allow(missing_docs)]
    pub delete: Option<Target>,
    #[serde(default)]
    #[allow(missing_docs)]
    pub list: Option<Target>,
    /// Non-lifecycle operations.
    #[serde(default)]
    pub operations: Vec<Target>,
    /// Operations on the collection.
    #[serde(default)]
    pub collection_operations: Vec<Target>,
    /// Child resources.
    #[serde(default)]
    pub resources: Vec<Target>,
    /// The shape's traits.
    #[serde(default)]
    pub traits: Traits,
}

/// One shape of any Smithy 2.0 type.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(tag = "type", rename_all = "camelCase")]
#[allow(missing_docs)]
pub enum Shape {
    Blob(Simple),
    Boolean(Simple),
    String(Simple),
    Enum(Aggregate),
    IntEnum(Aggregate),
    Byte(Simple),
    Short(Simple),
    Integer(Simple),
    Long(Simple),
    Float(Simple),
    Double(Simple),
    BigInteger(Simple),
    BigDecimal(Simple),
    Timestamp(Simple),
    Document(Simple),
    List(ListShape),
    /// Smithy 1.0's set, read as a list.
    Set(ListShape),
    Map(MapShape),
    Structure(Aggregate),
    Union(Aggregate),
    Member(Member),
    Service(ServiceShape),
    Operation(OperationShape),
    Resource(ResourceShape),
}

impl Shape {
    /// The shape's own traits.
    pub fn traits(&self) -> &Traits {
        match self {
            Shape::Blob(s)
            | Shape::Boolean(s)
            | Shape::String(s)
            | Shape::Byte(s)
            | Shape::Short(s)
            | Shape::Integer(s)
            | Shape::Long(s)
            | Shape::Float(s)
            | Shape::Double(s)
            | Shape::BigInteger(s)
            | Shape::BigDecimal(s)
            | Shape::Timestamp(s)
            | Shape::Document(s) => &s.traits,
            Shape::Enum(a) | Shape::IntEnum(a) | Shape::Structure(a) | Shape::Union(a) => &a.traits,
            Shape::List(l) | Shape::Set(l) => &l.traits,
            Shape::Map(m) => &m.traits,
            Shape::Member(m) => &m.traits,
            Shape::Service(s) => &s.traits,
            Shape::Operation(o) => &o.traits,
            Shape::Resource(r) => &r.traits,
        }
    }

    /// Every shape id this shape refers to, with where (for "missing target" errors).
    pub fn references(&self) -> Vec<(String, &str)> {
        fn named<'a>(name: &str, t: &'a Target) -> (String, &'a str) {
            (name.to_string(), t.target.as_str())
        }
        let mut refs = Vec::new();
        match self {
            Shape::Enum(a) | Shape::IntEnum(a) | Shape::Structure(a) | Shape::Union(a) => {
                for (name, m) in a.members.iter() {
                    refs.push((format!("member {name}"), m.target.as_str()));
                }
            }
            Shape::List(l) | Shape::Set(l) => {
                refs.push(("member".into(), l.member.target.as_str()))
            }
            Shape::Map(m) => {
                refs.push(("key".into(), m.key.target.as_str()));
                refs.push(("value".into(), m.value.target.as_str()));
            }
            Shape::Member(m) => refs.push(("target".into(), m.target.as_str())),
            Shape::Service(s) => {
                refs.extend(s.operations.iter().map(|t| named("operation", t)));
                refs.extend(s.resources.iter().map(|t| named("resource", t)));
                refs.extend(s.errors.iter().map(|t| named("error", t)));
            }
            Shape::Operation(o) => {
                refs.extend(o.input.iter().map(|t| named("input", t)));
                refs.extend(o.output.iter().map(|t| named("output", t)));
                refs.extend(o.errors.iter().map(|t| named("error", t)));
            }
            Shape::Resource(r) => {
                for (name, t) in [
                    ("create", &r.create),
                    ("put", &r.put),
                    ("read", &r.read),
                    ("update", &r.update),
                    ("delete", &r.delete),
                    ("list", &r.list),
                ] {
                    refs.extend(t.iter().map(|t| named(name, t)));
                }
                refs.extend(r.operations.iter().map(|t| named("operation", t)));
                refs.extend(
                    r.collection_operations
                        .iter()
                        .map(|t| named("operation", t)),
                );
                refs.extend(r.resources.iter().map(|t| named("resource", t)));
            }
            _ => {}
        }
        refs
    }
}

/// Members kept in model order (serde_json's `preserve_order` keeps the file's order).
pub mod indexmap_like {
    use super::Member;
    use serde::Deserialize;

    /// Members in the order the model lists them.
    #[derive(Debug, Clone, Default, PartialEq)]
    pub struct OrderedMembers(pub Vec<(String, Member)>);

    impl OrderedMembers {
        /// Name and member, in model order.
        pub fn iter(&self) -> impl Iterator<Item = (&String, &Member)> {
            self.0.iter().map(|(n, m)| (n, m))
        }
        /// How many members.
        pub fn len(&self) -> usize {
            self.0.len()
        }
        /// True when there are none.
        pub fn is_empty(&self) -> bool {
            self.0.is_empty()
        }
    }

    impl<'de> Deserialize<'de> for OrderedMembers {
        fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            let map = serde_json::Map::deserialize(d)?;
            let mut members = Vec::with_capacity(map.len());
            for (name, value) in map {
                let member = Member::deserialize(value)
                    .map_err(|e| serde::de::Error::custom(format!("member {name}: {e}")))?;
                members.push((name, member));
            }
            Ok(Self(members))
        }
    }
}

/// The prelude shapes a model may target without defining them.
pub fn prelude_shape(id: &str) -> Option<Shape> {
    let name = id.strip_prefix("smithy.api#")?;
    let simple = Simple::default;
    let zero = |value: Value| Simple {
        traits: Traits(BTreeMap::from([("smithy.api#default".to_string(), value)])),
    };
    Some(match name {
        "String" => Shape::String(simple()),
        "Blob" => Shape::Blob(simple()),
        "BigInteger" => Shape::BigInteger(simple()),
        "BigDecimal" => Shape::BigDecimal(simple()),
        "Timestamp" => Shape::Timestamp(simple()),
        "Document" => Shape::Document(simple()),
        "Boolean" => Shape::Boolean(simple()),
        "Byte" => Shape::Byte(simple()),
        "Short" => Shape::Short(simple()),
        "Integer" => Shape::Integer(simple()),
        "Long" => Shape::Long(simple()),
        "Float" => Shape::Float(simple()),
        "Double" => Shape::Double(simple()),
        "PrimitiveBoolean" => Shape::Boolean(zero(Value::Bool(false))),
        "PrimitiveByte" => Shape::Byte(zero(Value::from(0))),
        "PrimitiveShort" => Shape::Short(zero(Value::from(0))),
        "PrimitiveInteger" => Shape::Integer(zero(Value::from(0))),
        "PrimitiveLong" => Shape::Long(zero(Value::from(0))),
        "PrimitiveFloat" => Shape::Float(zero(Value::from(0))),
        "PrimitiveDouble" => Shape::Double(zero(Value::from(0))),
        "Unit" => Shape::Structure(Aggregate {
            traits: Traits(BTreeMap::from([(
                "smithy.api#unitType".to_string(),
                Value::Object(Default::default()),
            )])),
            ..Aggregate::default()
        }),
        _ => return None,
    })
}

impl Model {
    /// Reads and checks a model file.
    pub fn load(path: &Path) -> Result<Model, ModelError> {
        let file = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| ModelError {
            file: file.clone(),
            shape: None,
            problem: format!("cannot read the model: {e}"),
        })?;
        Model::parse(&text, &file)
    }

    /// Parses and checks a model given as JSON text; `file` names it in errors.
    pub fn parse(text: &str, file: &str) -> Result<Model, ModelError> {
        let error = |shape: Option<&str>, problem: String| ModelError {
            file: file.to_string(),
            shape: shape.map(str::to_string),
            problem,
        };
        let mut document: Value =
            serde_json::from_str(text).map_err(|e| error(None, format!("not valid JSON: {e}")))?;
        let version = document.get("smithy").and_then(Value::as_str);
        match version {
            Some(v) if v.starts_with("2.") || v.starts_with("1.") => {}
            Some(v) => return Err(error(None, format!("unsupported Smithy version {v:?}"))),
            None => {
                return Err(error(
                    None,
                    "no \"smithy\" version field: is this a Smithy JSON AST model?".into(),
                ))
            }
        }
        // Taken out of the document, not cloned: each shape below is consumed, not copied.
        let mut raw_shapes = match document.get_mut("shapes").map(Value::take) {
            Some(Value::Object(map)) => map,
            Some(_) => return Err(error(None, "\"shapes\" is not an object".into())),
            None => return Err(error(None, "no \"shapes\" object".into())),
        };
        for id in raw_shapes.keys() {
            if !id.contains('#') {
                return Err(error(
                    Some(id),
                    "shape id is not absolute (namespace#Name)".into(),
                ));
            }
            // Shape names become type and module names: they must be what Smithy allows.
            if !checks::is_shape_id(id) {
                return Err(error(
                    Some(id),
                    "not a valid shape id: namespace and name are letters, digits and _, starting with a letter".into(),
                ));
            }
        }
        mixins::apply(&mut raw_shapes).map_err(|(id, problem)| error(Some(&id), problem))?;
        let mut shapes = BTreeMap::new();
        for (id, raw) in raw_shapes {
            let shape = Shape::deserialize(raw).map_err(|e| error(Some(&id), e.to_string()))?;
            shapes.insert(id, shape);
        }
        let mut model = Model {
            file: file.to_string(),
            shapes,
        };
        model.check_references()?;
        // Mixins are applied and nothing refers to them: code is never generated for one.
        model
            .shapes
            .retain(|_, shape| !shape.traits().has("smithy.api#mixin"));
        model.check_collections()?;
        Ok(model)
    }

    /// Lists and maps nest finitely and at most [`MAX_COLLECTION_NESTING`] deep, so walks over
    /// element types end. [`Model::parse`] checks it; resolve checks again, as a `Model` can
    /// also be built by hand.
    pub fn check_collections(&self) -> Result<(), ModelError> {
        checks::collection_nesting(&self.shapes).map_err(|(id, problem)| self.error(&id, problem))
    }

    fn check_references(&self) -> Result<(), ModelError> {
        for (id, shape) in &self.shapes {
            for (place, target) in shape.references() {
                let problem = match self.shape(target) {
                    None => "which is not in the model",
                    Some(t) if t.traits().has("smithy.api#mixin") => {
                        "which is a mixin: a mixin can only be mixed into other shapes"
                    }
                    Some(_) => continue,
                };
                return Err(self.error(id, format!("{place} targets {target}, {problem}")));
            }
        }
        Ok(())
    }

    /// A shape of the model or of the prelude.
    pub fn shape(&self, id: &str) -> Option<std::borrow::Cow<'_, Shape>> {
        match self.shapes.get(id) {
            Some(shape) => Some(std::borrow::Cow::Borrowed(shape)),
            None => prelude_shape(id).map(std::borrow::Cow::Owned),
        }
    }

    /// An error naming this model and a shape.
    pub fn error(&self, shape: &str, problem: impl Into<String>) -> ModelError {
        ModelError {
            file: self.file.clone(),
            shape: Some(shape.to_string()),
            problem: problem.into(),
        }
    }
}

/// Typed views of the traits the generator uses.
impl Traits {
    /// True when the trait is present.
    pub fn has(&self, id: &str) -> bool {
        self.0.contains_key(id)
    }
    /// The trait's raw value.
    pub fn get(&self, id: &str) -> Option<&Value> {
        self.0.get(id)
    }
    /// `@documentation` HTML.
    pub fn documentation(&self) -> Option<&str> {
        self.get("smithy.api#documentation").and_then(Value::as_str)
    }
    /// `@required`.
    pub fn required(&self) -> bool {
        self.has("smithy.api#required")
    }
    /// `@sensitive`.
    pub fn sensitive(&self) -> bool {
        self.has("smithy.api#sensitive")
    }
    /// `@default` value (JSON `null` means the default was removed).
    pub fn default_value(&self) -> Option<&Value> {
        self.get("smithy.api#default").filter(|v| !v.is_null())
    }
    /// `@default` as written, `null` (a member removing its target's default) included.
    pub fn default_as_written(&self) -> Option<&Value> {
        self.get("smithy.api#default")
    }
    /// `@clientOptional`.
    pub fn client_optional(&self) -> bool {
        self.has("smithy.api#clientOptional")
    }
    /// `@streaming`: on a union, an event stream; on a blob, a streamed body.
    pub fn streaming(&self) -> bool {
        self.has("smithy.api#streaming")
    }
    /// `aws.protocols#awsQueryCompatible` on a service.
    pub fn aws_query_compatible(&self) -> bool {
        self.has("aws.protocols#awsQueryCompatible")
    }
    /// `aws.api#clientDiscoveredEndpoint` with `required: true` on an operation: it must be
    /// sent to an endpoint found through the service's endpoint discovery operation.
    pub fn requires_discovered_endpoint(&self) -> bool {
        self.get("aws.api#clientDiscoveredEndpoint")
            .and_then(|v| v.get("required"))
            .and_then(Value::as_bool)
            .unwrap_or(false)
    }
    /// `@hostLabel`.
    pub fn host_label(&self) -> bool {
        self.has("smithy.api#hostLabel")
    }
    /// Smithy 1.0's `@enum` on a string shape: present at all (whatever its value).
    pub fn has_legacy_enum(&self) -> bool {
        self.has("smithy.api#enum")
    }
    /// Smithy 1.0's `@enum` entries; `None` when absent or not a list.
    pub fn legacy_enum(&self) -> Option<&Vec<Value>> {
        self.get("smithy.api#enum").and_then(Value::as_array)
    }
    /// `@endpoint`'s `hostPrefix`.
    pub fn host_prefix(&self) -> Option<&str> {
        self.get("smithy.api#endpoint")?.get("hostPrefix")?.as_str()
    }
    /// `@requestCompression`'s `encodings`.
    pub fn request_compression_encodings(&self) -> Vec<&str> {
        self.get("smithy.api#requestCompression")
            .and_then(|v| v.get("encodings"))
            .and_then(Value::as_array)
            .map(|list| list.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default()
    }
    /// `@unitType` (the prelude's `Unit`).
    pub fn unit_type(&self) -> bool {
        self.has("smithy.api#unitType")
    }
    /// `@enumValue`.
    pub fn enum_value(&self) -> Option<&Value> {
        self.get("smithy.api#enumValue")
    }
    /// `@error`: `client` or `server`.
    pub fn error(&self) -> Option<&str> {
        self.get("smithy.api#error").and_then(Value::as_str)
    }
    /// `@httpError` status code.
    pub fn http_error(&self) -> Option<u16> {
        self.get("smithy.api#httpError")
            .and_then(Value::as_u64)
            .and_then(|v| u16::try_from(v).ok())
    }
    /// `@retryable`.
    pub fn retryable(&self) -> bool {
        self.has("smithy.api#retryable")
    }
    /// `@deprecated`: its message and since, as one sentence.
    pub fn deprecated(&self) -> Option<String> {
        let value = self.get("smithy.api#deprecated")?;
        let message = value.get("message").and_then(Value::as_str);
        let since = value.get("since").and_then(Value::as_str);
        Some(match (message, since) {
            (Some(m), Some(s)) => format!("{m} (since {s})"),
            (Some(m), None) => m.to_string(),
            (None, Some(s)) => format!("deprecated since {s}"),
            (None, None) => String::new(),
        })
    }
    /// `@length` bounds.
    pub fn length(&self) -> Option<(Option<i64>, Option<i64>)> {
        self.bounds("smithy.api#length")
    }
    /// `@range` bounds, as text (they may be decimals).
    pub fn range(&self) -> Option<(Option<String>, Option<String>)> {
        let value = self.get("smithy.api#range")?;
        let text = |k: &str| value.get(k).map(|v| v.to_string());
        Some((text("min"), text("max")))
    }
    fn bounds(&self, id: &str) -> Option<(Option<i64>, Option<i64>)> {
        let value = self.get(id)?;
        Some((
            value.get("min").and_then(Value::as_i64),
            value.get("max").and_then(Value::as_i64),
        ))
    }
    /// `@pattern`.
    pub fn pattern(&self) -> Option<&str> {
        self.get("smithy.api#pattern").and_then(Value::as_str)
    }
    /// `@idempotencyToken`.
    pub fn idempotency_token(&self) -> bool {
        self.has("smithy.api#idempotencyToken")
    }
    /// `@timestampFormat`.
    pub fn timestamp_format(&self) -> Option<&str> {
        self.get("smithy.api#timestampFormat")
            .and_then(Value::as_str)
    }
    /// `@jsonName` (not used on the wire by awsJson, kept for documentation).
    pub fn json_name(&self) -> Option<&str> {
        self.get("smithy.api#jsonName").and_then(Value::as_str)
    }
    /// `@sparse`.
    pub fn sparse(&self) -> bool {
        self.has("smithy.api#sparse")
    }
    /// `@auth` list of scheme ids; `Some(empty)` means unauthenticated.
    pub fn auth(&self) -> Option<Vec<&str>> {
        let list = self.get("smithy.api#auth")?.as_array()?;
        Some(list.iter().filter_map(Value::as_str).collect())
    }
    /// `@optionalAuth`.
    pub fn optional_auth(&self) -> bool {
        self.has("smithy.api#optionalAuth")
    }
    /// `@paginated` as raw JSON (inputToken, outputToken, items, pageSize).
    pub fn paginated(&self) -> Option<&Value> {
        self.get("smithy.api#paginated")
    }
}
