//! The endpoint rules library: the standard functions (`parseURL`, `substring`, ...) and the
//! AWS ones (`aws.partition`, `aws.parseArn`, `aws.isVirtualHostableS3Bucket`) as plain Rust.
//!
//! The evaluator (`eval`) maps rule-set calls onto these; they know nothing of rule sets.
use super::pattern::RegionPattern;
use super::EndpointError;

/// Whether `value` is an RFC 1123 host label (`[A-Za-z0-9][A-Za-z0-9-]{0,62}`), or with
/// `allow_subdomains`, dot-separated labels that each are.
pub fn is_valid_host_label(value: &str, allow_subdomains: bool) -> bool {
    if allow_subdomains {
        return value
            .split('.')
            .all(|label| is_valid_host_label(label, false));
    }
    let mut chars = value.chars();
    let starts_well = chars.next().is_some_and(|c| c.is_ascii_alphanumeric());
    starts_well && value.len() <= 63 && chars.all(|c| c.is_ascii_alphanumeric() || c == '-')
}

/// The ASCII characters `start..stop` of `input`, counted from the end when `reverse`.
/// `None` when the range is empty or out of bounds, or `input` is not ASCII.
pub fn substring(input: &str, start: usize, stop: usize, reverse: bool) -> Option<String> {
    if !input.is_ascii() || start >= stop || stop > input.len() {
        return None;
    }
    let (from, to) = if reverse {
        (input.len() - stop, input.len() - start)
    } else {
        (start, stop)
    };
    input.get(from..to).map(str::to_owned)
}

/// RFC 3986 percent-encoding of everything but the unreserved characters, uppercase hex.
pub fn uri_encode(value: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(byte >> 4)]));
            out.push(char::from(HEX[usize::from(byte & 0x0f)]));
        }
    }
    out
}

/// The parts of a URL, as the rules function `parseURL` returns them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Url {
    /// `https`, without `://`.
    pub scheme: String,
    /// Host and port as written, without any userinfo.
    pub authority: String,
    /// The path as written; empty when the URL has none.
    pub path: String,
    /// The path with a leading and a trailing `/` (just `/` when there is none).
    pub normalized_path: String,
    /// True when the host is an IPv4 or a bracketed IPv6 address.
    pub is_ip: bool,
}

/// Splits an absolute URL into its parts. `None` for anything that is not `scheme://host[:port][/path]`,
/// including URLs with a query or fragment (the rules spec rejects those).
pub fn parse_url(value: &str) -> Option<Url> {
    if value.contains(['?', '#'])
        || value
            .chars()
            .any(|c| c.is_ascii_whitespace() || c.is_control())
    {
        return None;
    }
    let (scheme, rest) = value.split_once("://")?;
    if !is_valid_scheme(scheme) {
        return None;
    }
    let (authority, path) = match rest.find('/') {
        Some(slash) => rest.split_at(slash),
        None => (rest, ""),
    };
    let authority = authority
        .rsplit_once('@')
        .map_or(authority, |(_, host)| host);
    let is_ip = parse_authority(authority)?;
    let normalized_path = match (path.starts_with('/'), path.ends_with('/')) {
        (false, _) => "/".to_owned(),
        (true, true) => path.to_owned(),
        (true, false) => format!("{path}/"),
    };
    Some(Url {
        scheme: scheme.to_owned(),
        authority: authority.to_owned(),
        path: path.to_owned(),
        normalized_path,
        is_ip,
    })
}

fn is_valid_scheme(scheme: &str) -> bool {
    let mut chars = scheme.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// Checks `host[:port]`; answers whether the host is an IP address.
fn parse_authority(authority: &str) -> Option<bool> {
    if let Some(bracketed) = authority.strip_prefix('[') {
        let (ipv6, after) = bracketed.split_once(']')?;
        let port_ok = after.is_empty() || after.strip_prefix(':').is_some_and(is_port);
        let ipv6_ok = ipv6.contains(':')
            && ipv6
                .chars()
                .all(|c| c.is_ascii_hexdigit() || c == ':' || c == '.');
        return (port_ok && ipv6_ok).then_some(true);
    }
    let host = match authority.split_once(':') {
        Some((host, port)) if is_port(port) => host,
        Some(_) => return None,
        None => authority,
    };
    let host_ok = !host.is_empty()
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_' | '~' | '%'));
    host_ok.then(|| is_ipv4(host))
}

fn is_port(port: &str) -> bool {
    !port.is_empty() && port.len() <= 5 && port.bytes().all(|b| b.is_ascii_digit())
}

fn is_ipv4(host: &str) -> bool {
    let octets: Vec<&str> = host.split('.').collect();
    octets.len() == 4
        && octets.iter().all(|o| {
            !o.is_empty()
                && o.len() <= 3
                && o.bytes().all(|b| b.is_ascii_digit())
                && o.parse::<u8>().is_ok()
        })
}

/// The parts of an ARN, as the rules function `aws.parseArn` returns them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Arn {
    /// `aws`, `aws-cn`, ...
    pub partition: String,
    /// The service namespace (`dynamodb`).
    pub service: String,
    /// The region; empty for global resources.
    pub region: String,
    /// The account id; empty for resources not owned by an account.
    pub account_id: String,
    /// The resource part split on `:` and `/`.
    pub resource_id: Vec<String>,
}

/// Parses `arn:partition:service:region:account:resource`. `None` when the prefix, partition,
/// service or resource is missing.
pub fn parse_arn(value: &str) -> Option<Arn> {
    let mut parts = value.splitn(6, ':');
    if parts.next()? != "arn" {
        return None;
    }
    let partition = parts.next().filter(|p| !p.is_empty())?;
    let service = parts.next().filter(|s| !s.is_empty())?;
    let region = parts.next()?;
    let account_id = parts.next()?;
    let resource = parts.next().filter(|r| !r.is_empty())?;
    Some(Arn {
        partition: partition.to_owned(),
        service: service.to_owned(),
        region: region.to_owned(),
        account_id: account_id.to_owned(),
        resource_id: resource.split([':', '/']).map(str::to_owned).collect(),
    })
}

/// Whether `value` can be an S3 bucket in a virtual-hosted-style host name: 3 to 63 lowercase
/// letters, digits and hyphens, starting and ending alphanumeric. With `allow_subdomains` dots
/// are allowed too, but not next to another dot or a hyphen, and not in an IPv4-shaped name.
pub fn is_virtual_hostable_s3_bucket(value: &str, allow_subdomains: bool) -> bool {
    let lower_alnum = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit();
    let allowed = |c: char| lower_alnum(c) || c == '-' || (allow_subdomains && c == '.');
    let well_formed = (3..=63).contains(&value.len())
        && value.starts_with(lower_alnum)
        && value.ends_with(lower_alnum)
        && value.chars().all(allowed);
    let bad_dot = ["..", "-.", ".-"].iter().any(|pair| value.contains(pair));
    well_formed && !bad_dot && !is_ipv4_shaped(value)
}

/// Four dot-separated runs of digits, whatever their values (`999.999.999.999` included).
fn is_ipv4_shaped(value: &str) -> bool {
    let parts: Vec<&str> = value.split('.').collect();
    parts.len() == 4
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
}

/// The AWS partitions (`partitions.json`) behind the rules function `aws.partition`.
#[derive(Debug, Clone)]
pub struct Partitions {
    partitions: Vec<Partition>,
}

#[derive(Debug, Clone)]
struct Partition {
    id: String,
    outputs: serde_json::Map<String, serde_json::Value>,
    region_regex: RegionPattern,
    regions: serde_json::Map<String, serde_json::Value>,
}

impl Partitions {
    /// Parses `partitions.json`. Fails when it is malformed or a `regionRegex` uses a construct
    /// beyond the small regular-expression subset this engine implements.
    pub fn parse(json: &str) -> Result<Partitions, EndpointError> {
        let invalid = |what: String| EndpointError::Invalid(format!("partitions.json: {what}"));
        let root: serde_json::Value =
            serde_json::from_str(json).map_err(|e| invalid(e.to_string()))?;
        let list = root
            .get("partitions")
            .and_then(serde_json::Value::as_array)
            .ok_or_else(|| invalid("no `partitions` array".to_owned()))?;
        let partitions = list
            .iter()
            .enumerate()
            .map(|(index, p)| {
                Partition::parse(p).map_err(|e| invalid(format!("partitions[{index}]: {e}")))
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Partitions { partitions })
    }

    /// The partition outputs (`name`, `dnsSuffix`, `dualStackDnsSuffix`, `supportsFIPS`,
    /// `supportsDualStack`, `implicitGlobalRegion`, ...) for `region`: the partition listing it
    /// explicitly (with that region's overrides), else the first whose regex matches, else `aws`.
    pub fn lookup(&self, region: &str) -> Option<serde_json::Map<String, serde_json::Value>> {
        let listed = self.partitions.iter().find_map(|p| {
            let entry = p.regions.get(region)?;
            let mut outputs = p.outputs_with_name();
            if let Some(overrides) = entry.as_object() {
                for (key, value) in overrides.iter().filter(|(key, _)| *key != "description") {
                    outputs.insert(key.clone(), value.clone());
                }
            }
            Some(outputs)
        });
        listed
            .or_else(|| {
                self.partitions
                    .iter()
                    .find(|p| p.region_regex.is_match(region))
                    .map(Partition::outputs_with_name)
            })
            .or_else(|| {
                self.partitions
                    .iter()
                    .find(|p| p.id == "aws")
                    .map(Partition::outputs_with_name)
            })
    }
}

impl Partition {
    fn parse(json: &serde_json::Value) -> Result<Partition, String> {
        let id = json
            .get("id")
            .and_then(serde_json::Value::as_str)
            .ok_or("no string `id`")?;
        let outputs = json
            .get("outputs")
            .and_then(serde_json::Value::as_object)
            .ok_or_else(|| format!("partition `{id}`: no `outputs` object"))?;
        let regex = json
            .get("regionRegex")
            .and_then(serde_json::Value::as_str)
            .ok_or_else(|| format!("partition `{id}`: no string `regionRegex`"))?;
        let region_regex = RegionPattern::compile(regex)
            .map_err(|e| format!("partition `{id}`: regionRegex `{regex}`: {e}"))?;
        let regions = match json.get("regions") {
            None => serde_json::Map::new(),
            Some(serde_json::Value::Object(regions)) => regions.clone(),
            Some(_) => return Err(format!("partition `{id}`: `regions` is not an object")),
        };
        Ok(Partition {
            id: id.to_owned(),
            outputs: outputs.clone(),
            region_regex,
            regions,
        })
    }

    fn outputs_with_name(&self) -> serde_json::Map<String, serde_json::Value> {
        let mut outputs = self.outputs.clone();
        outputs
            .entry("name")
            .or_insert_with(|| serde_json::Value::String(self.id.clone()));
        outputs
    }
}
