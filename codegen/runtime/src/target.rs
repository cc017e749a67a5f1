//! Where a call goes: the endpoint from the model's rules (or the configured URL), checked
//! once per client, and the operation's `@endpoint` host prefix put before its host.
use super::config::{redact_userinfo, Config};
use super::endpoint::fns::is_valid_host_label;
use super::endpoint::{BuiltIns, Params, Partitions, RuleSet};
use super::error::ConstructionKind;
use super::operation::ServiceSpec;
use super::region;
use http::header::{HeaderName, HeaderValue};

/// Where requests go and how they are signed, from the endpoint rules.
#[derive(Debug)]
pub(crate) struct Target {
    pub(crate) uri: http::Uri,
    pub(crate) host: HeaderValue,
    pub(crate) headers: Vec<(HeaderName, HeaderValue)>,
    pub(crate) signing_name: Option<String>,
    pub(crate) signing_region: Option<String>,
}

/// The endpoint as the rules (or the configuration) give it, before validation.
#[derive(Debug, Default)]
struct RawEndpoint {
    url: String,
    headers: Vec<(String, String)>,
    signing_name: Option<String>,
    signing_region: Option<String>,
}

/// Where one call's requests go: the endpoint's URI and host, with the operation's host prefix.
#[derive(Debug)]
pub(crate) struct Destination {
    pub(crate) uri: http::Uri,
    pub(crate) host: HeaderValue,
}

/// failure is cached.
pub(crate) type Failed = (ConstructionKind, String);

impl Target {
    /// The URI and host of this endpoint, with `host_prefix` put before the host.
    pub(crate) fn destination(&self, host_prefix: Option<&str>) -> Result<Destination, String> {
        let Some(prefix) = host_prefix.filter(|p| !p.is_empty()) else {
            return Ok(Destination {
                uri: self.uri.clone(),
                host: self.host.clone(),
            });
        };
        let authority = self
            .uri
            .authority()
            .ok_or_else(|| format!("endpoint {} has no host", self.uri))?;
        let prefixed = format!("{prefix}{authority}");
        let mut parts = self.uri.clone().into_parts();
        parts.authority = Some(
            prefixed
                .parse()
                .map_err(|e| format!("host {prefixed:?} is not a valid host: {e}"))?,
        );
        let uri = http::Uri::from_parts(parts)
            .map_err(|e| format!("host {prefixed:?} does not make a valid URL: {e}"))?;
        let host = HeaderValue::from_str(&prefixed)
            .map_err(|e| format!("host {prefixed:?} is not a valid Host header: {e}"))?;
        Ok(Destination { uri, host })
    }
}

/// Fills the `{label}`s of an `@endpoint` host prefix (`foo.{label}.`) with the values in
/// `labels` (member name, value). Every value must be a valid host label (see
/// [`is_valid_host_label`]), and so must every dot-separated part of the result.
pub(crate) fn expand_host_prefix(
    template: &str,
    labels: &[(&str, &str)],
) -> Result<String, String> {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let close = after
            .find('}')
            .ok_or_else(|| format!("host prefix {template:?} has an unclosed `{{`"))?;
        let name = &after[..close];
        let value = labels
            .iter()
            .find(|(label, _)| *label == name)
            .map(|(_, value)| *value)
            .ok_or_else(|| format!("host prefix {template:?} needs the host label {name:?}"))?;
        if !is_valid_host_label(value, false) {
            return Err(format!(
                "the host label {name:?} is {value:?}, which is not a valid host label \
                 (1 to 63 ASCII letters, digits and hyphens, not starting with a hyphen)"
            ));
        }
        out.push_str(value);
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    let parts = out.strip_suffix('.').unwrap_or(&out);
    if !parts.is_empty() && !is_valid_host_label(parts, true) {
        return Err(format!(
            "host prefix {template:?} gives {out:?}, which is not a valid start of a host name"
        ));
    }
    Ok(out)
}

pub(crate) fn resolve_target(service: &ServiceSpec, config: &Config) -> Result<Target, Failed> {
    let invalid_endpoint = |message: String| (ConstructionKind::InvalidEndpoint, message);
    // Checked before the rules see them: a region becomes part of the host name and the
    // credential scope, so a bad one must never reach either.
    if let Some(region) = config.region() {
        let source = config.region_source().unwrap_or("the configuration");
        region::check_region(region, source).map_err(|e| (ConstructionKind::InvalidRegion, e))?;
    }
    let endpoint_url = match config.sourced_endpoint_url_for(service.sdk_id) {
        Some((url, source)) => {
            check_endpoint_url(&url).map_err(|e| {
                let shown = redact_userinfo(&url);
                invalid_endpoint(format!("the endpoint URL {shown:?} (from {source}) {e}"))
            })?;
            Some(url)
        }
        None => None,
    };
    let raw = match service.endpoint_rules {
        Some(rules) => {
            if config.region().is_none() && endpoint_url.is_none() {
                return Err((ConstructionKind::MissingRegion, missing_region(service)));
            }
            resolve_with_rules(rules, service.partitions, config, endpoint_url).map_err(|e| {
                invalid_endpoint(format!(
                    "could not resolve the {} endpoint: {e}",
                    service.sdk_id
                ))
            })?
        }
        None => RawEndpoint {
            url: endpoint_url.ok_or_else(|| {
                invalid_endpoint(format!(
                    "the {} model has no endpoint rules: set an endpoint with \
                         Config::builder().endpoint_url(..) or AWS_ENDPOINT_URL",
                    service.sdk_id
                ))
            })?,
            ..RawEndpoint::default()
        },
    };
    target_from(raw).map_err(invalid_endpoint)
}

/// Checks an endpoint URL: `http://` or `https://`, a host, and no `user:password@` (it
/// would be sent in the Host header). Says what is wrong, for the caller to prefix.
fn check_endpoint_url(url: &str) -> Result<http::Uri, String> {
    let uri: http::Uri = url
        .parse()
        .map_err(|e| format!("is not a valid URL ({e}); expected https://host[:port][/path]"))?;
    match uri.scheme_str() {
        Some("https") | Some("http") => {}
        _ => return Err("must start with https:// or http://".to_string()),
    }
    let authority = uri.authority().ok_or("has no host")?;
    if authority.as_str().contains('@') {
        return Err(
            "carries a user name or password (user:password@host): they would be sent in the \
             Host header; remove them, requests are authenticated with AWS credentials"
                .to_string(),
        );
    }
    if authority.host().is_empty() {
        return Err("has no host".to_string());
    }
    Ok(uri)
}

fn target_from(raw: RawEndpoint) -> Result<Target, String> {
    let uri = check_endpoint_url(&raw.url)
        .map_err(|e| format!("endpoint URL {:?} {e}", redact_userinfo(&raw.url)))?;
    let authority = uri
        .authority()
        .ok_or_else(|| format!("endpoint URL {:?} has no host", raw.url))?;
    let host = HeaderValue::from_str(authority.as_str())
        .map_err(|e| format!("endpoint URL {:?} has an unusable host: {e}", raw.url))?;
    let mut headers = Vec::with_capacity(raw.headers.len());
    for (name, value) in raw.headers {
        let header_name = HeaderName::from_bytes(name.as_bytes())
            .map_err(|e| format!("endpoint header name {name:?} is not valid: {e}"))?;
        let header_value = HeaderValue::from_str(&value)
            .map_err(|e| format!("endpoint header {name} has an invalid value: {e}"))?;
        headers.push((header_name, header_value));
    }
    Ok(Target {
        uri: with_default_path(uri),
        host,
        headers,
        signing_name: raw.signing_name,
        signing_region: raw.signing_region,
    })
}

/// awsJson operations are `POST /` relative to the endpoint: an endpoint with a path
/// (`https://example.com/custom`) gets the operation's `/` joined to it (`/custom/`).
fn with_default_path(uri: http::Uri) -> http::Uri {
    let raw = uri.path_and_query().map_or("", |p| p.as_str());
    let path = raw.split('?').next().unwrap_or_default();
    if path.ends_with('/') {
        return uri;
    }
    let joined = match uri.query() {
        Some(query) => format!("{path}/?{query}"),
        None => format!("{path}/"),
    };
    let Ok(path_and_query) = http::uri::PathAndQuery::try_from(joined) else {
        return uri;
    };
    let mut parts = uri.clone().into_parts();
    parts.path_and_query = Some(path_and_query);
    http::Uri::from_parts(parts).unwrap_or(uri)
}

fn resolve_with_rules(
    rules: &str,
    partitions: &str,
    config: &Config,
    endpoint_url: Option<String>,
) -> Result<RawEndpoint, String> {
    let rules = RuleSet::parse(rules).map_err(|e| e.to_string())?;
    let partitions = Partitions::parse(partitions).map_err(|e| e.to_string())?;
    let builtins = BuiltIns {
        region: config.region().map(str::to_string),
        use_fips: config.use_fips(),
        use_dual_stack: config.use_dual_stack(),
        endpoint: endpoint_url,
    };
    let params = Params::from_builtins(&rules, &builtins);
    let endpoint = rules
        .resolve(&params, &partitions)
        .map_err(|e| e.to_string())?;
    let (signing_name, signing_region) = sigv4_overrides(&endpoint.properties);
    let headers = endpoint
        .headers
        .into_iter()
        .flat_map(|(name, values)| values.into_iter().map(move |v| (name.clone(), v)))
        .collect();
    Ok(RawEndpoint {
        url: endpoint.url,
        headers,
        signing_name,
        signing_region,
    })
}

/// The signing name and region of the endpoint's `sigv4` auth scheme, when it sets them.
fn sigv4_overrides(properties: &serde_json::Value) -> (Option<String>, Option<String>) {
    let scheme = properties
        .get("authSchemes")
        .and_then(|schemes| schemes.as_array())
        .and_then(|schemes| {
            schemes
                .iter()
                .find(|s| s.get("name").and_then(|n| n.as_str()) == Some("sigv4"))
        });
    let text = |key: &str| -> Option<String> {
        Some(scheme?.get(key)?.as_str()?.to_string()).filter(|v| !v.is_empty())
    };
    (text("signingName"), text("signingRegion"))
}

pub(crate) fn missing_region(service: &ServiceSpec) -> String {
    format!(
        "no AWS region configured for {}: set AWS_REGION (or a region in the AWS profile) \
         or use Config::builder().region(..)",
        service.sdk_id
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_prefixes_expand_and_labels_are_checked() {
        assert_eq!(expand_host_prefix("foo.", &[]).unwrap(), "foo.");
        assert_eq!(
            expand_host_prefix("foo.{label}.", &[("label", "bar")]).unwrap(),
            "foo.bar."
        );
        assert_eq!(
            expand_host_prefix("{a}-{b}.", &[("b", "y"), ("a", "x")]).unwrap(),
            "x-y."
        );
        for bad in ["", "a b", "-a", "a.b", "ünï", &"x".repeat(64)] {
            let error = expand_host_prefix("foo.{label}.", &[("label", bad)]).unwrap_err();
            assert!(error.contains("not a valid host label"), "{bad:?}: {error}");
        }
        // The endpoint rules' `isValidHostLabel` (one definition for both) accepts a label
        // ending in `-`, as the Smithy rules spec's `[a-zA-Z\d][a-zA-Z\d\-]{0,62}` does.
        assert_eq!(
            expand_host_prefix("foo.{label}.", &[("label", "a-")]).unwrap(),
            "foo.a-."
        );
        assert!(expand_host_prefix("foo.{label}.", &[])
            .unwrap_err()
            .contains("needs the host label \"label\""));
        assert!(expand_host_prefix("foo.{label", &[("label", "a")]).is_err());
        assert!(expand_host_prefix("{label}.", &[("label", "a-1")]).is_ok());
        assert!(expand_host_prefix("{label}.", &[("label", &"x".repeat(63))]).is_ok());
    }
}
