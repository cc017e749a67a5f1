//! Resolve: one service of a loaded model into the IR. Pure: no I/O.
use crate::docs::html_to_markdown;
use crate::http_bindings::{self, Side};
use crate::ir::{
    self, Binding, Enum, ErrorInfo, ErrorRef, HostLabel, Operation, Pagination, Protocol, RustType,
    SkippedOperation, Structure, TypeDef, Variant,
};
use crate::model::{Aggregate, Model, ModelError, OperationShape, Shape, Target, Traits};
use crate::naming::{self, Scope, TypeKind};
use std::collections::{BTreeMap, BTreeSet};

/// Choices that change what is resolved.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Only these operations (by shape name) and the shapes they reach; `None` means all.
    pub operations: Option<Vec<String>>,
}

const AWS_JSON_1_1: &str = "aws.protocols#awsJson1_1";
const AWS_JSON_1_0: &str = "aws.protocols#awsJson1_0";
const REST_JSON_1: &str = "aws.protocols#restJson1";
const SIGV4: &str = "aws.auth#sigv4";

/// Resolves the model's one service.
pub fn resolve(model: &Model, options: &Options) -> Result<ir::Service, ModelError> {
    // The element-type walks below recurse through lists and maps.
    model.check_collections()?;
    let (service_id, service) = find_service(model)?;
    let (protocol, content_type) = protocol(model, &service_id, &service.traits)?;
    let operation_ids = select_operations(
        model,
        &service_id,
        collect_operations(model, &service)?,
        options,
    )?;
    let (operation_ids, skipped) = leave_out_unsupported(model, operation_ids, protocol);
    let mut resolver = Resolver::new(model, protocol);
    resolver.reach(&operation_ids, &service.errors)?;
    let service_errors: Vec<String> = service.errors.iter().map(|t| t.target.clone()).collect();
    // Type prefixes, and the module and client method names, share one scope with the
    // `Client`'s own methods and the `mod.rs` of the operation folder; operations are in name
    // order, so the suffixes are the same every run.
    let client_methods: Vec<String> = naming::CLIENT_METHODS
        .iter()
        .chain(&["mod"])
        .map(|m| format!("module {m}"))
        .collect();
    let mut methods = Scope::with_reserved(
        &client_methods
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>(),
    );
    let mut operations = Vec::new();
    for id in &operation_ids {
        operations.push(resolver.operation(id, &service.traits, &service_errors, &mut methods)?);
    }
    crate::waiters::check_method_names(&operations).map_err(|problem| ModelError {
        file: model.file.clone(),
        shape: Some(service_id.clone()),
        problem,
    })?;
    let aws_service = service.traits.get("aws.api#service");
    let sdk_id = aws_service
        .and_then(|v| v.get("sdkId"))
        .and_then(|v| v.as_str())
        .map(str::to_string)
        .unwrap_or_else(|| short_name(&service_id).to_string());
    let title = service
        .traits
        .get("smithy.api#title")
        .and_then(|v| v.as_str())
        .unwrap_or(&sdk_id)
        .to_string();
    Ok(ir::Service {
        shape_name: short_name(&service_id).to_string(),
        crate_name: naming::crate_name(&sdk_id).map_err(|problem| ModelError {
            file: model.file.clone(),
            shape: Some(service_id.clone()),
            problem,
        })?,
        sdk_id,
        title,
        version: service.version.clone(),
        docs: docs(&service.traits),
        protocol,
        content_type,
        signing_name: service
            .traits
            .get(SIGV4)
            .and_then(|v| v.get("name"))
            .and_then(|v| v.as_str())
            .map(str::to_string),
        endpoint_rules: service
            .traits
            .get("smithy.rules#endpointRuleSet")
            .map(|v| v.to_string()),
        operations,
        types: resolver.types()?,
        errors: resolver.errors()?,
        query_compatible: service.traits.aws_query_compatible(),
        skipped,
    })
}

/// Splits the operations into those generated and those left out, one unsupported operation
/// never failing the whole model.
fn leave_out_unsupported(
    model: &Model,
    operation_ids: Vec<String>,
    protocol: Protocol,
) -> (Vec<String>, Vec<SkippedOperation>) {
    let mut kept = Vec::new();
    let mut skipped = Vec::new();
    for id in operation_ids {
        let reason = unsupported_reason(model, &id, protocol).or_else(|| match protocol {
            Protocol::RestJson1 => rest_json_problem(model, &id),
            Protocol::AwsJson => None,
        });
        match reason {
            Some(reason) => skipped.push(SkippedOperation {
                name: short_name(&id).to_string(),
                reason,
            }),
            None => kept.push(id),
        }
    }
    (kept, skipped)
}

/// Why the operation cannot be generated, if it cannot. Shapes missing here are left for
/// the resolver to report.
fn unsupported_reason(model: &Model, id: &str, protocol: Protocol) -> Option<String> {
    let shape = model.shape(id)?;
    let Shape::Operation(op) = &*shape else {
        return None;
    };
    if op.traits.requires_discovered_endpoint() {
        return Some(
            "it must be sent to an endpoint found by endpoint discovery \
             (`aws.api#clientDiscoveredEndpoint` with `required: true`), which this generator \
             does not implement"
                .into(),
        );
    }
    for (side, io) in [("input", &op.input), ("output", &op.output)] {
        let Some(io) = io else { continue };
        let Some(io_shape) = model.shape(&io.target) else {
            continue;
        };
        let Shape::Structure(structure) = &*io_shape else {
            continue;
        };
        for (member, m) in structure.members.iter() {
            let Some(target) = model.shape(&m.target) else {
                continue;
            };
            // restJson1 streams a blob payload; awsJson has no streamed bodies.
            let what = match &*target {
                Shape::Union(u) if u.traits.streaming() => "an event stream",
                Shape::Blob(b) if b.traits.streaming() && protocol != Protocol::RestJson1 => {
                    "a streaming blob"
                }
                _ => continue,
            };
            return Some(format!(
                "its {side} member `{member}` is {what} (`@streaming` {}), which this generator \
                 does not implement",
                m.target
            ));
        }
    }
    None
}

/// Why a restJson1 operation's HTTP bindings cannot be generated, if they cannot.
fn rest_json_problem(model: &Model, id: &str) -> Option<String> {
    let shape = model.shape(id)?;
    let Shape::Operation(op) = &*shape else {
        return None;
    };
    let target = |t: &Option<Target>| t.as_ref().map(|t| t.target.clone());
    http_bindings::problem(
        model,
        &op.traits,
        target(&op.input).as_deref(),
        target(&op.output).as_deref(),
    )
}

/// The name after the `#` of a shape id.
pub fn short_name(id: &str) -> &str {
    id.rsplit_once('#').map_or(id, |(_, name)| name)
}

fn docs(traits: &Traits) -> String {
    traits
        .documentation()
        .map(html_to_markdown)
        .unwrap_or_default()
}

fn find_service(model: &Model) -> Result<(String, crate::model::ServiceShape), ModelError> {
    let services: Vec<_> = model
        .shapes
        .iter()
        .filter_map(|(id, s)| match s {
            Shape::Service(svc) => Some((id.clone(), svc.clone())),
            _ => None,
        })
        .collect();
    match services.len() {
        1 => Ok(services.into_iter().next().expect("one service")),
        0 => Err(ModelError {
            file: model.file.clone(),
            shape: None,
            problem: "the model has no service shape".into(),
        }),
        n => Err(ModelError {
            file: model.file.clone(),
            shape: None,
            problem: format!("the model has {n} service shapes; exactly one is supported"),
        }),
    }
}

fn protocol(
    model: &Model,
    service_id: &str,
    traits: &Traits,
) -> Result<(Protocol, &'static str), ModelError> {
    if traits.has(AWS_JSON_1_1) {
        Ok((Protocol::AwsJson, "application/x-amz-json-1.1"))
    } else if traits.has(AWS_JSON_1_0) {
        Ok((Protocol::AwsJson, "application/x-amz-json-1.0"))
    } else if traits.has(REST_JSON_1) {
        Ok((Protocol::RestJson1, "application/json"))
    } else {
        let protocols: Vec<&String> = traits
            .0
            .keys()
            .filter(|k| k.starts_with("aws.protocols#"))
            .collect();
        Err(model.error(
            service_id,
            format!("protocol {protocols:?} is not supported; this generator emits awsJson1_0, awsJson1_1 and restJson1 clients"),
        ))
    }
}

fn collect_operations(
    model: &Model,
    service: &crate::model::ServiceShape,
) -> Result<Vec<String>, ModelError> {
    let mut found = BTreeSet::new();
    let mut resources: Vec<String> = service.resources.iter().map(|t| t.target.clone()).collect();
    found.extend(service.operations.iter().map(|t| t.target.clone()));
    let mut seen = BTreeSet::new();
    while let Some(id) = resources.pop() {
        if !seen.insert(id.clone()) {
            continue;
        }
        if let Some(Shape::Resource(r)) = model.shapes.get(&id) {
            for target in [&r.create, &r.put, &r.read, &r.update, &r.delete, &r.list]
                .into_iter()
                .flatten()
            {
                found.insert(target.target.clone());
            }
            found.extend(
                r.operations
                    .iter()
                    .chain(&r.collection_operations)
                    .map(|t| t.target.clone()),
            );
            resources.extend(r.resources.iter().map(|t| t.target.clone()));
        } else {
            return Err(model.error(&id, "bound as a resource but is not a resource shape"));
        }
    }
    for id in &found {
        if !matches!(model.shapes.get(id), Some(Shape::Operation(_))) {
            return Err(model.error(id, "bound as an operation but is not an operation shape"));
        }
    }
    let mut ops: Vec<String> = found.into_iter().collect();
    ops.sort_by(|a, b| short_name(a).cmp(short_name(b)));
    Ok(ops)
}

fn select_operations(
    model: &Model,
    service_id: &str,
    all: Vec<String>,
    options: &Options,
) -> Result<Vec<String>, ModelError> {
    let Some(wanted) = &options.operations else {
        return Ok(all);
    };
    let mut selected = Vec::new();
    for name in wanted {
        match all.iter().find(|id| short_name(id) == name) {
            Some(id) => selected.push(id.clone()),
            None => {
                return Err(model.error(
                    service_id,
                    format!("the service has no operation named {name:?}"),
                ));
            }
        }
    }
    selected.sort_by(|a, b| short_name(a).cmp(short_name(b)));
    selected.dedup();
    Ok(selected)
}

/// Walks shapes from the operations and turns each into IR once.
struct Resolver<'m> {
    model: &'m Model,
    /// Structures, unions and enums reached through members, with their Rust names.
    named: BTreeMap<String, String>,
    /// Error structures reached, with their Rust names.
    error_names: BTreeMap<String, String>,
    /// Members (shape id, member name) that must be boxed.
    boxed: BTreeSet<(String, String)>,
    /// The service's protocol: restJson1 members have HTTP bindings and JSON names.
    protocol: Protocol,
}

impl<'m> Resolver<'m> {
    fn new(model: &'m Model, protocol: Protocol) -> Self {
        Self {
            model,
            protocol,
            named: BTreeMap::new(),
            error_names: BTreeMap::new(),
            boxed: BTreeSet::new(),
        }
    }

    fn shape(&self, id: &str) -> Result<std::borrow::Cow<'m, Shape>, ModelError> {
        self.model
            .shape(id)
            .ok_or_else(|| self.model.error(id, "is not in the model"))
    }

    /// Finds every named type the operations reach, names them, and marks recursive members.
    fn reach(
        &mut self,
        operations: &[String],
        service_errors: &[Target],
    ) -> Result<(), ModelError> {
        let mut pending: Vec<String> = Vec::new();
        let mut errors: BTreeSet<String> =
            service_errors.iter().map(|t| t.target.clone()).collect();
        for id in operations {
            let op = self.operation_shape(id)?;
            for io in [&op.input, &op.output].into_iter().flatten() {
                pending.extend(self.member_targets(&io.target)?);
            }
            errors.extend(op.errors.iter().map(|t| t.target.clone()));
        }
        for id in &errors {
            match &*self.shape(id)? {
                Shape::Structure(_) => pending.extend(self.member_targets(id)?),
                _ => {
                    return Err(self
                        .model
                        .error(id, "listed as an error but is not a structure"))
                }
            }
        }
        let mut seen = BTreeSet::new();
        while let Some(id) = pending.pop() {
            if !seen.insert(id.clone()) {
                continue;
            }
            let shape = self.shape(&id)?;
            match &*shape {
                Shape::Structure(_) | Shape::Union(_) | Shape::Enum(_) | Shape::IntEnum(_) => {
                    pending.extend(self.member_targets(&id)?);
                    self.named.insert(id.clone(), String::new());
                }
                Shape::String(s) if s.traits.has_legacy_enum() => {
                    self.named.insert(id.clone(), String::new());
                }
                Shape::List(l) | Shape::Set(l) => pending.push(l.member.target.clone()),
                Shape::Map(m) => pending.push(m.value.target.clone()),
                _ => {}
            }
        }
        self.named
            .retain(|id, _| !errors.contains(id) && id != "smithy.api#Unit");
        // `types/error/` and the folders' `mod.rs` are taken; each type's file is its snake name.
        let mut scope = Scope::with_reserved(&["file mod", "file error"]);
        let ids: Vec<String> = self.named.keys().cloned().collect();
        let mut by_name: Vec<(String, String)> = ids
            .into_iter()
            .map(|id| (short_name(&id).to_string(), id))
            .collect();
        by_name.sort();
        for (name, id) in by_name {
            let rust = scope.claim_with(naming::type_name(&name), type_and_file);
            self.named.insert(id, rust);
        }
        let mut error_scope = Scope::with_reserved(&["file mod"]);
        for id in errors {
            let rust = error_scope.claim_with(naming::type_name(short_name(&id)), type_and_file);
            self.error_names.insert(id, rust);
        }
        self.mark_recursion()
    }

    fn operation_shape(&self, id: &str) -> Result<OperationShape, ModelError> {
        match &*self.shape(id)? {
            Shape::Operation(op) => Ok(op.clone()),
            _ => Err(self.model.error(id, "is not an operation")),
        }
    }

    fn member_targets(&self, id: &str) -> Result<Vec<String>, ModelError> {
        Ok(match &*self.shape(id)? {
            Shape::Structure(a) | Shape::Union(a) => {
                a.members.iter().map(|(_, m)| m.target.clone()).collect()
            }
            _ => Vec::new(),
        })
    }

    /// Boxes every member whose target can reach back to its own structure through
    /// structure and union members alone (lists and maps already allocate).
    fn mark_recursion(&mut self) -> Result<(), ModelError> {
        let mut edges: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
        let ids: Vec<String> = self
            .named
            .keys()
            .chain(self.error_names.keys())
            .cloned()
            .collect();
        for id in &ids {
            if let Shape::Structure(a) | Shape::Union(a) = &*self.shape(id)? {
                for (name, m) in a.members.iter() {
                    if matches!(
                        &*self.shape(&m.target)?,
                        Shape::Structure(_) | Shape::Union(_)
                    ) {
                        edges
                            .entry(id.clone())
                            .or_default()
                            .push((name.clone(), m.target.clone()));
                    }
                }
            }
        }
        for (from, list) in &edges {
            for (member, to) in list {
                if reaches(&edges, to, from) {
                    self.boxed.insert((from.clone(), member.clone()));
                }
            }
        }
        Ok(())
    }

    fn operation(
        &self,
        id: &str,
        service_traits: &Traits,
        service_errors: &[String],
        methods: &mut Scope,
    ) -> Result<Operation, ModelError> {
        let op = self.operation_shape(id)?;
        let name = short_name(id).to_string();
        // Every operation's paginator method is reserved, paginated or not, so a name never
        // depends on another operation's traits.
        let rust_name = methods.claim_with(naming::operation_name(&name), |candidate| {
            let snake = naming::snake(candidate);
            vec![
                format!("type {candidate}"),
                format!("module {}", naming::paginator_method(&snake)),
                format!("module {snake}"),
            ]
        });
        let snake = naming::snake(&rust_name);
        let [input_name, output_name, error_name] = naming::operation_types(&rust_name);
        let http = match self.protocol {
            Protocol::RestJson1 => {
                Some(http_bindings::http(&op.traits).map_err(|e| self.model.error(id, e))?)
            }
            Protocol::AwsJson => None,
        };
        let mut input =
            self.io_structure(op.input.as_ref(), input_name, TypeKind::Structure, &snake)?;
        let mut output =
            self.io_structure(op.output.as_ref(), output_name, TypeKind::Output, &snake)?;
        if let Some(http) = &http {
            self.bind(op.input.as_ref(), &mut input, Side::Input, &http.uri)?;
            self.bind(op.output.as_ref(), &mut output, Side::Output, &http.uri)?;
        }
        let mut error_ids: Vec<&String> = op
            .errors
            .iter()
            .map(|t| &t.target)
            .chain(service_errors)
            .collect();
        error_ids.sort_by_key(|id| short_name(id));
        error_ids.dedup();
        let mut variants = Scope::with_reserved(naming::own_names(TypeKind::OperationError));
        let errors = error_ids
            .into_iter()
            .map(|eid| {
                let type_name = self.error_names[eid].clone();
                let variant = variants.claim(naming::variant_name(
                    short_name(eid),
                    TypeKind::OperationError,
                ));
                ErrorRef {
                    predicate: naming::predicate(&variant),
                    variant,
                    type_name,
                    code: short_name(eid).to_string(),
                }
            })
            .collect();
        let paginated = pagination(&op.traits, service_traits, &snake);
        let host_prefix = host_prefix(&op.traits);
        let host_labels = match &host_prefix {
            Some(template) => self.host_labels(id, template, &op, &input)?,
            None => Vec::new(),
        };
        Ok(Operation {
            host_prefix,
            host_labels,
            request_compression: gzip_requested(&op.traits),
            snake,
            rust_name,
            error_name,
            docs: docs(&op.traits),
            signed: signed(&op.traits, service_traits),
            deprecated: op.traits.deprecated(),
            paginated,
            waiters: crate::waiters::of_operation(&op.traits)
                .map_err(|problem| self.model.error(id, problem))?,
            input,
            output,
            errors,
            http,
            name,
        })
    }

    /// Sets where each member of an input or output travels (restJson1).
    fn bind(
        &self,
        target: Option<&Target>,
        structure: &mut Structure,
        side: Side,
        uri: &str,
    ) -> Result<(), ModelError> {
        let Some(target) = target else {
            return Ok(());
        };
        let Shape::Structure(shape) = &*self.shape(&target.target)? else {
            return Ok(());
        };
        let labels = http_bindings::UriPattern::parse(uri)
            .map_err(|e| self.model.error(&target.target, e))?
            .labels;
        for member in &mut structure.members {
            let Some((_, m)) = shape.members.iter().find(|(n, _)| **n == member.wire_name) else {
                continue;
            };
            member.binding = match http_bindings::binding(&m.traits, side) {
                Binding::Label { .. } => Binding::Label {
                    greedy: labels
                        .iter()
                        .any(|(name, greedy)| *greedy && *name == member.wire_name),
                },
                other => other,
            };
        }
        Ok(())
    }

    /// The input members a host prefix's `{label}`s name: each must be a string member of the
    /// input marked `@hostLabel`.
    fn host_labels(
        &self,
        id: &str,
        template: &str,
        op: &OperationShape,
        input: &Structure,
    ) -> Result<Vec<HostLabel>, ModelError> {
        let input_id = op.input.as_ref().map(|t| t.target.as_str());
        let model_members = match input_id.map(|i| self.shape(i)).transpose()? {
            Some(shape) => match &*shape {
                Shape::Structure(a) => a.members.0.clone(),
                _ => Vec::new(),
            },
            None => Vec::new(),
        };
        let mut labels = Vec::new();
        for name in template_labels(template) {
            let problem = |what: &str| {
                self.model.error(
                    id,
                    format!("the @endpoint hostPrefix {template:?} names {{{name}}}, but {what}"),
                )
            };
            let Some((_, member)) = model_members.iter().find(|(n, _)| *n == name) else {
                return Err(problem("the input has no member of that name"));
            };
            if !member.traits.host_label() {
                return Err(problem("that input member is not marked @hostLabel"));
            }
            let Some(ir_member) = input.members.iter().find(|m| m.wire_name == name) else {
                return Err(problem("the input has no member of that name"));
            };
            if ir_member.ty != RustType::String {
                return Err(problem("that input member is not a string"));
            }
            labels.push(HostLabel {
                name: name.to_string(),
                field: ir_member.field.clone(),
                optional: ir_member.is_optional(),
            });
        }
        Ok(labels)
    }

    fn io_structure(
        &self,
        target: Option<&Target>,
        name: String,
        kind: TypeKind,
        module: &str,
    ) -> Result<Structure, ModelError> {
        let id = target.map_or("smithy.api#Unit", |t| t.target.as_str());
        match &*self.shape(id)? {
            Shape::Structure(a) => self.structure(id, a, name, kind, module.to_string()),
            _ => Err(self
                .model
                .error(id, "an operation input or output must be a structure")),
        }
    }

    fn structure(
        &self,
        id: &str,
        a: &Aggregate,
        name: String,
        kind: TypeKind,
        module: String,
    ) -> Result<Structure, ModelError> {
        let error = a.traits.error().map(|fault| ErrorInfo {
            fault: fault.to_string(),
            http_status: a.traits.http_error(),
            retryable: a.traits.retryable(),
            message_member: a
                .members
                .iter()
                .map(|(name, _)| name)
                .find(|name| name.eq_ignore_ascii_case("message"))
                .cloned(),
        });
        let mut scope = Scope::with_reserved(naming::own_names(kind));
        let mut members = Vec::new();
        for (member_name, m) in a.members.iter() {
            // The runtime reads an error's message into its metadata, whatever its case.
            if error.is_some() && member_name.eq_ignore_ascii_case("message") {
                continue;
            }
            let mut member = self.member(id, member_name, m, kind, &mut scope)?;
            // A restJson1 error's members may come from its response's headers.
            if error.is_some() && self.protocol == Protocol::RestJson1 {
                member.binding = match http_bindings::binding(&m.traits, Side::Output) {
                    header @ Binding::Header(_) => header,
                    _ => Binding::Body,
                };
            }
            members.push(member);
        }
        Ok(Structure {
            name,
            module,
            shape_name: short_name(id).to_string(),
            docs: docs(&a.traits),
            members,
            error,
            deprecated: a.traits.deprecated(),
        })
    }

    fn member(
        &self,
        owner: &str,
        name: &str,
        m: &crate::model::Member,
        kind: TypeKind,
        scope: &mut Scope,
    ) -> Result<ir::Member, ModelError> {
        let target = self.shape(&m.target)?;
        let (ty, timestamp_format) = self
            .rust_type(&m.target)
            .and_then(|ty| Ok((ty, self.timestamp_format(&m.target, &m.traits)?)))
            .map_err(|e| ModelError {
                problem: format!("member {name}: {}", e.problem),
                shape: Some(owner.to_string()),
                ..e
            })?;
        // A member's `@default(null)` removes its target's default.
        let default = m
            .traits
            .default_as_written()
            .or_else(|| target.traits().default_as_written());
        let default = default.filter(|v| !v.is_null());
        let zero_default = default.is_some_and(|v| is_zero(&ty, v)) && !m.traits.client_optional();
        let required = m.traits.required() && !zero_default && !m.traits.client_optional();
        let member_docs = m
            .traits
            .documentation()
            .or_else(|| target.traits().documentation());
        Ok(ir::Member {
            wire_name: name.to_string(),
            field: match kind {
                TypeKind::Union => scope.claim(naming::variant_name(name, kind)),
                _ => scope.claim_with(naming::field_name(name, kind), naming::member_methods),
            },
            docs: member_docs.map(html_to_markdown).unwrap_or_default(),
            required,
            zero_default,
            default_doc: default.map(|v| v.to_string()),
            sensitive: m.traits.sensitive() || self.sensitive_target(&m.target)?,
            boxed: self.boxed.contains(&(owner.to_string(), name.to_string())),
            constraints: constraints(&m.traits, target.traits()),
            deprecated: m.traits.deprecated(),
            idempotency_token: m.traits.idempotency_token(),
            ty,
            timestamp_format,
            binding: Binding::Body,
            json_name: match self.protocol {
                Protocol::RestJson1 => m.traits.json_name().map(str::to_string),
                Protocol::AwsJson => None,
            },
            json_media_type: target
                .traits()
                .get("smithy.api#mediaType")
                .and_then(|v| v.as_str())
                .is_some_and(|t| t == "application/json"),
            requires_length: target.traits().has("smithy.api#requiresLength"),
        })
    }

    fn sensitive_target(&self, id: &str) -> Result<bool, ModelError> {
        let shape = self.shape(id)?;
        if shape.traits().sensitive() {
            return Ok(true);
        }
        Ok(match &*shape {
            Shape::List(l) | Shape::Set(l) => {
                l.member.traits.sensitive() || self.sensitive_target(&l.member.target)?
            }
            Shape::Map(m) => {
                m.value.traits.sensitive()
                    || m.key.traits.sensitive()
                    || self.sensitive_target(&m.value.target)?
                    || self.sensitive_target(&m.key.target)?
            }
            _ => false,
        })
    }

    fn rust_type(&self, id: &str) -> Result<RustType, ModelError> {
        let shape = self.shape(id)?;
        Ok(match &*shape {
            Shape::String(s) if s.traits.has_legacy_enum() => {
                self.named_type(id)?
            }
            Shape::String(_) => RustType::String,
            Shape::Boolean(_) => RustType::Bool,
            Shape::Byte(_) => RustType::I8,
            Shape::Short(_) => RustType::I16,
            Shape::Integer(_) => RustType::I32,
            Shape::Long(_) => RustType::I64,
            Shape::Float(_) => RustType::F32,
            Shape::Double(_) => RustType::F64,
            Shape::BigInteger(_) | Shape::BigDecimal(_) => RustType::BigNumber,
            Shape::Blob(b) if b.traits.streaming() => RustType::ByteStream,
            Shape::Blob(_) => RustType::Blob,
            Shape::Timestamp(s) => {
                self.check_timestamp_format(id, &s.traits)?;
                RustType::Timestamp
            }
            Shape::Document(_) => RustType::Document,
            Shape::List(l) | Shape::Set(l) => {
                self.check_timestamp_format(id, &l.member.traits)?;
                RustType::List(
                    Box::new(self.rust_type(&l.member.target)?),
                    l.traits.sparse(),
                )
            }
            Shape::Map(m) => {
                self.check_timestamp_format(id, &m.value.traits)?;
                RustType::Map(
                    Box::new(self.rust_type(&m.value.target)?),
                    m.traits.sparse(),
                )
            }
            Shape::Structure(a) if a.traits.unit_type() => {
                return Err(self.model.error(
                    id,
                    "a member targeting smithy.api#Unit (a union member without a value) is not supported yet",
                ))
            }
            Shape::Structure(_) | Shape::Union(_) | Shape::Enum(_) | Shape::IntEnum(_) => {
                self.named_type(id)?
            }
            Shape::Member(_) | Shape::Service(_) | Shape::Operation(_) | Shape::Resource(_) => {
                return Err(self.model.error(
                    id,
                    "a member cannot target a service, operation, resource or member",
                ))
            }
        })
    }

    /// A `@timestampFormat` value must be one of Smithy's three formats.
    fn check_timestamp_format(&self, id: &str, traits: &Traits) -> Result<(), ModelError> {
        parse_timestamp_format(traits)
            .map(|_| ())
            .map_err(|problem| self.model.error(id, problem))
    }

    /// The format of the timestamps a member's value holds: the member's own
    /// `@timestampFormat` wins over its target's; through lists and maps, the list member's or
    /// map value's trait wins over the timestamp shape's. Structures spell their own members.
    fn timestamp_format(
        &self,
        target: &str,
        member: &Traits,
    ) -> Result<Option<ir::TimestampFormat>, ModelError> {
        let own = parse_timestamp_format(member).map_err(|p| self.model.error(target, p))?;
        let shape = self.shape(target)?;
        let inner = match &*shape {
            Shape::Timestamp(s) => {
                parse_timestamp_format(&s.traits).map_err(|p| self.model.error(target, p))?
            }
            Shape::List(l) | Shape::Set(l) => {
                self.timestamp_format(&l.member.target, &l.member.traits)?
            }
            Shape::Map(m) => self.timestamp_format(&m.value.target, &m.value.traits)?,
            _ => None,
        };
        Ok(match &*shape {
            Shape::Timestamp(_) => own.or(inner),
            _ => inner,
        })
    }

    /// The Rust type of a structure, union or enum: errors live in `types::error`.
    fn named_type(&self, id: &str) -> Result<RustType, ModelError> {
        if let Some(name) = self.named.get(id) {
            return Ok(RustType::Named(name.clone()));
        }
        if let Some(name) = self.error_names.get(id) {
            return Ok(RustType::NamedError(name.clone()));
        }
        Err(self
            .model
            .error(id, "is used as a member type but was not reached"))
    }

    fn types(&self) -> Result<BTreeMap<String, TypeDef>, ModelError> {
        let mut types = BTreeMap::new();
        for (id, rust) in &self.named {
            let def = match &*self.shape(id)? {
                Shape::Structure(a) => TypeDef::Structure(self.structure(
                    id,
                    a,
                    rust.clone(),
                    TypeKind::Structure,
                    naming::type_module(rust),
                )?),
                Shape::Union(a) => TypeDef::Union(self.structure(
                    id,
                    a,
                    rust.clone(),
                    TypeKind::Union,
                    naming::type_module(rust),
                )?),
                Shape::Enum(a) => TypeDef::Enum(self.enumeration(id, a, rust, false)?),
                Shape::IntEnum(a) => TypeDef::Enum(self.enumeration(id, a, rust, true)?),
                Shape::String(s) => TypeDef::Enum(self.legacy_enum(id, &s.traits, rust)?),
                _ => return Err(self.model.error(id, "cannot be a named type")),
            };
            types.insert(rust.clone(), def);
        }
        Ok(types)
    }

    fn errors(&self) -> Result<BTreeMap<String, Structure>, ModelError> {
        let mut errors = BTreeMap::new();
        for (id, rust) in &self.error_names {
            if let Shape::Structure(a) = &*self.shape(id)? {
                let s = self.structure(
                    id,
                    a,
                    rust.clone(),
                    TypeKind::Error,
                    naming::type_module(rust),
                )?;
                errors.insert(rust.clone(), s);
            }
        }
        Ok(errors)
    }

    fn enumeration(
        &self,
        id: &str,
        a: &Aggregate,
        rust: &str,
        int: bool,
    ) -> Result<Enum, ModelError> {
        let mut scope = Scope::with_reserved(naming::own_names(TypeKind::Enum));
        let mut values = BTreeMap::new();
        let mut variants = Vec::new();
        for (name, m) in a.members.iter() {
            let value = match m.traits.enum_value() {
                Some(serde_json::Value::String(s)) if !int => s.clone(),
                // intEnum values are Smithy integers, and the emitted enum holds an i32.
                Some(serde_json::Value::Number(n))
                    if int && n.as_i64().is_some_and(|v| i32::try_from(v).is_ok()) =>
                {
                    n.to_string()
                }
                None if !int => name.clone(),
                other => {
                    return Err(self.model.error(
                        id,
                        format!("member {name}: enum value {other:?} does not fit the enum"),
                    ))
                }
            };
            self.unique_value(id, &mut values, &value, name)?;
            variants.push(Variant {
                name: scope.claim(naming::variant_name(name, TypeKind::Enum)),
                value,
                docs: m
                    .traits
                    .documentation()
                    .map(html_to_markdown)
                    .unwrap_or_default(),
                deprecated: m.traits.deprecated(),
            });
        }
        Ok(Enum {
            name: rust.to_string(),
            module: naming::type_module(rust),
            docs: docs(&a.traits),
            int,
            variants,
            deprecated: a.traits.deprecated(),
        })
    }

    /// Two names for one wire value cannot both be read back: the model is ambiguous.
    fn unique_value(
        &self,
        id: &str,
        values: &mut BTreeMap<String, String>,
        value: &str,
        name: &str,
    ) -> Result<(), ModelError> {
        match values.insert(value.to_string(), name.to_string()) {
            None => Ok(()),
            Some(first) => Err(self.model.error(
                id,
                format!("enum value {value:?} is given twice, to {first} and to {name}"),
            )),
        }
    }

    /// Smithy 1.0's `@enum` trait on a string shape.
    fn legacy_enum(&self, id: &str, traits: &Traits, rust: &str) -> Result<Enum, ModelError> {
        let list = traits
            .legacy_enum()
            .ok_or_else(|| self.model.error(id, "@enum must be a list"))?;
        let mut scope = Scope::with_reserved(naming::own_names(TypeKind::Enum));
        let mut values = BTreeMap::new();
        let mut variants = Vec::new();
        for entry in list {
            let value = entry
                .get("value")
                .and_then(|v| v.as_str())
                .ok_or_else(|| self.model.error(id, "an @enum entry has no string value"))?;
            let name = entry.get("name").and_then(|v| v.as_str()).unwrap_or(value);
            self.unique_value(id, &mut values, value, name)?;
            variants.push(Variant {
                name: scope.claim(naming::variant_name(name, TypeKind::Enum)),
                value: value.to_string(),
                docs: entry
                    .get("documentation")
                    .and_then(|v| v.as_str())
                    .map(html_to_markdown)
                    .unwrap_or_default(),
                deprecated: entry
                    .get("deprecated")
                    .and_then(|v| v.as_bool())
                    .filter(|d| *d)
                    .map(|_| String::new()),
            });
        }
        Ok(Enum {
            name: rust.to_string(),
            module: naming::type_module(rust),
            docs: docs(traits),
            int: false,
            variants,
            deprecated: traits.deprecated(),
        })
    }
}

/// A type name and the file emit writes it to (`types/<snake>.rs`): both must be free.
fn type_and_file(candidate: &str) -> Vec<String> {
    vec![
        candidate.to_string(),
        format!("file {}", naming::type_module(candidate)),
    ]
}

fn reaches(edges: &BTreeMap<String, Vec<(String, String)>>, from: &str, to: &str) -> bool {
    let mut stack = vec![from.to_string()];
    let mut seen = BTreeSet::new();
    while let Some(id) = stack.pop() {
        if id == to {
            return true;
        }
        if seen.insert(id.clone()) {
            if let Some(list) = edges.get(&id) {
                stack.extend(list.iter().map(|(_, t)| t.clone()));
            }
        }
    }
    false
}

/// A default the type's own `Default` produces, so serde can fill it in.
fn is_zero(ty: &RustType, value: &serde_json::Value) -> bool {
    use serde_json::Value as J;
    match (ty, value) {
        (RustType::Bool, J::Bool(b)) => !b,
        (
            RustType::I8
            | RustType::I16
            | RustType::I32
            | RustType::I64
            | RustType::F32
            | RustType::F64,
            J::Number(n),
        ) => n.as_f64() == Some(0.0),
        (RustType::String, J::String(s)) => s.is_empty(),
        (RustType::List(..), J::Array(a)) => a.is_empty(),
        (RustType::Map(..), J::Object(o)) => o.is_empty(),
        _ => false,
    }
}

fn signed(op: &Traits, service: &Traits) -> bool {
    let effective = op.auth().or_else(|| service.auth());
    match effective {
        Some(schemes) => schemes.contains(&SIGV4),
        None => service.has(SIGV4),
    }
}

fn constraints(member: &Traits, target: &Traits) -> Vec<String> {
    let mut out = Vec::new();
    let pick = |f: &dyn Fn(&Traits) -> bool| if f(member) { member } else { target };
    let length_traits = pick(&|t: &Traits| t.length().is_some());
    if let Some((min, max)) = length_traits.length() {
        out.push(format!(
            "length: {}",
            bounds(min.map(|v| v.to_string()), max.map(|v| v.to_string()))
        ));
    }
    if let Some((min, max)) = pick(&|t: &Traits| t.range().is_some()).range() {
        out.push(format!("range: {}", bounds(min, max)));
    }
    if let Some(pattern) = pick(&|t: &Traits| t.pattern().is_some()).pattern() {
        out.push(format!("pattern: {}", code_span(pattern)));
    }
    out
}

fn bounds(min: Option<String>, max: Option<String>) -> String {
    match (min, max) {
        (Some(min), Some(max)) => format!("{min} to {max}"),
        (Some(min), None) => format!("at least {min}"),
        (None, Some(max)) => format!("at most {max}"),
        (None, None) => "any".to_string(),
    }
}

/// A Markdown code span that survives backticks inside.
fn code_span(text: &str) -> String {
    // A tab is shown as `\t`, as a pattern writes it (a raw tab is lost in rendered docs).
    let text = text.replace('\t', "\\t");
    if text.contains('`') {
        format!("`` {text} ``")
    } else {
        format!("`{text}`")
    }
}

/// The `@endpoint` trait's `hostPrefix`.
fn host_prefix(op: &Traits) -> Option<String> {
    op.host_prefix().map(str::to_string)
}

/// The `{label}` names of a host prefix template, in order.
fn template_labels(template: &str) -> Vec<&str> {
    template
        .split('{')
        .skip(1)
        .filter_map(|part| part.split_once('}').map(|(name, _)| name))
        .collect()
}

/// `@requestCompression` with gzip among its encodings (the only one the runtime speaks; a
/// client may send any request uncompressed).
fn gzip_requested(op: &Traits) -> bool {
    op.request_compression_encodings()
        .iter()
        .any(|e| e.eq_ignore_ascii_case("gzip"))
}

fn pagination(op: &Traits, service: &Traits, snake: &str) -> Option<Pagination> {
    let own = op.paginated()?;
    let inherited = service.paginated();
    let field = |name: &str| {
        own.get(name)
            .or_else(|| inherited.and_then(|s| s.get(name)))
            .and_then(|v| v.as_str())
            .map(str::to_string)
    };
    Some(Pagination {
        method: naming::paginator_method(snake),
        input_token: field("inputToken"),
        output_token: field("outputToken"),
        items: field("items"),
        page_size: field("pageSize"),
    })
}

/// `@timestampFormat` as the IR's format; an unknown value is a problem to report.
fn parse_timestamp_format(traits: &Traits) -> Result<Option<ir::TimestampFormat>, String> {
    match traits.timestamp_format() {
        None => Ok(None),
        Some("epoch-seconds") => Ok(Some(ir::TimestampFormat::EpochSeconds)),
        Some("date-time") => Ok(Some(ir::TimestampFormat::DateTime)),
        Some("http-date") => Ok(Some(ir::TimestampFormat::HttpDate)),
        Some(other) => Err(format!(
            "timestamp format {other:?} is not one of epoch-seconds, date-time, http-date"
        )),
    }
}
