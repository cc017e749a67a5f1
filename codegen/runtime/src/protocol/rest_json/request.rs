//! Building a request from an input's bound members, in whatever order the generated
//! [`super::http_input!`] names them.
use super::{uri, Encoded, Payload, TextCodec, Values};
use crate::runtime::stream::ByteStream;
use http::header::{HeaderMap, HeaderName, HeaderValue, CONTENT_TYPE};

/// A request being built from an input's members, in any order; [`Request::finish`] fills the
/// URI pattern.
pub struct Request {
    method: &'static str,
    pattern: &'static str,
    labels: Vec<(&'static str, String)>,
    query: uri::Query,
    headers: HeaderMap,
    body: Option<(ByteStream, &'static str)>,
    checksum_required: bool,
    unsigned_payload: bool,
}

impl Request {
    /// A request for the `@http` trait's method and URI pattern (literal query included).
    pub fn new(method: &'static str, pattern: &'static str) -> Self {
        Self {
            method,
            pattern,
            labels: Vec::new(),
            query: uri::Query::default(),
            headers: HeaderMap::new(),
            body: None,
            checksum_required: false,
            unsigned_payload: false,
        }
    }

    /// An `@httpLabel` member (`{name}`, or `{name+}` when `greedy`: its `/` are kept).
    /// An empty value is an error, as Smithy says.
    pub fn label<C: TextCodec<T>, T>(
        &mut self,
        name: &'static str,
        member: &'static str,
        value: &T,
        greedy: bool,
    ) -> Result<(), String> {
        let text = C::write(value).map_err(|e| format!("{member}: {e}"))?;
        if text.is_empty() {
            return Err(format!(
                "{member}: the URI label {{{name}}} must not be empty"
            ));
        }
        self.labels.push((name, uri::encoded(&text, greedy)));
        Ok(())
    }

    /// An `@httpQuery` member: `name=value`, repeated per item of a list; nothing when unset.
    pub fn query<C: Values<T>, T>(
        &mut self,
        name: &'static str,
        member: &'static str,
        value: Option<&T>,
    ) -> Result<(), String> {
        let texts = match value {
            Some(value) => C::texts(value).map_err(|e| format!("{member}: {e}"))?,
            None => Vec::new(),
        };
        self.query.named(name, &texts);
        Ok(())
    }

    /// An `@httpQueryParams` map (values a scalar or a list): one parameter per entry (per
    /// item), in key order; an `@httpQuery` member of the same name wins.
    pub fn query_params<'a, C: Values<T>, T: 'a, M>(
        &mut self,
        member: &'static str,
        value: Option<&'a M>,
    ) -> Result<(), String>
    where
        &'a M: IntoIterator<Item = (&'a String, &'a T)>,
    {
        for (name, value) in sorted_entries(value) {
            let texts = C::texts(value).map_err(|e| format!("{member}: {e}"))?;
            self.query.param(name, &texts);
        }
        Ok(())
    }

    /// An `@httpHeader` member; nothing when unset, an empty value for an empty string or list.
    pub fn header<C: Values<T>, T>(
        &mut self,
        name: &'static str,
        member: &'static str,
        value: Option<&T>,
    ) -> Result<(), String> {
        let Some(value) = value else {
            return Ok(());
        };
        let text = C::header(value).map_err(|e| format!("{member}: {e}"))?;
        let (name, value) = header(name, &text, member)?;
        self.headers.insert(name, value);
        Ok(())
    }

    /// An `@httpPrefixHeaders` map: one header per entry, named `prefix` + key. A header a
    /// member binds by name wins.
    pub fn prefix_headers<'a, C: Values<T>, T: 'a, M>(
        &mut self,
        prefix: &'static str,
        member: &'static str,
        value: Option<&'a M>,
    ) -> Result<(), String>
    where
        &'a M: IntoIterator<Item = (&'a String, &'a T)>,
    {
        for (key, value) in sorted_entries(value) {
            let text = C::header(value).map_err(|e| format!("{member}: {e}"))?;
            let (name, value) = header(&format!("{prefix}{key}"), &text, member)?;
            self.headers.entry(name).or_insert(value);
        }
        Ok(())
    }

    /// The members left for the body, as one JSON object (`body` serializes them).
    pub fn json_body<B: serde::Serialize>(
        &mut self,
        input: &'static str,
        body: &B,
    ) -> Result<(), String> {
        let json = serde_json::to_vec(body).map_err(|e| format!("{input}: {e}"))?;
        self.body = Some((ByteStream::from(json), "application/json"));
        Ok(())
    }

    /// An `@httpPayload` member: the whole body.
    pub fn payload<P: Payload<T>, T>(
        &mut self,
        member: &'static str,
        value: Option<&T>,
    ) -> Result<(), String> {
        self.body = P::write(value).map_err(|e| format!("{member}: {e}"))?;
        Ok(())
    }

    /// `@httpChecksumRequired`: the request carries `Content-MD5`, the MD5 of its body. (A body
    /// the pipeline gzips afterwards would need it computed again; no model has both.)
    pub fn checksum_required(&mut self) {
        self.checksum_required = true;
    }

    /// `aws.auth#unsignedPayload`: the signature covers `UNSIGNED-PAYLOAD`, not the body.
    pub fn unsigned_payload(&mut self) {
        self.unsigned_payload = true;
    }

    /// The request, its URI pattern filled in.
    pub fn finish(self) -> Result<Encoded, String> {
        let (path, literal_query) = self.pattern.split_once('?').unwrap_or((self.pattern, ""));
        let mut path_and_query = uri::expand_path(path, &self.labels)?;
        let query = self.query.finish(literal_query);
        if !query.is_empty() {
            path_and_query.push('?');
            path_and_query.push_str(&query);
        }
        let method = http::Method::from_bytes(self.method.as_bytes())
            .map_err(|_| format!("{:?} is not an HTTP method", self.method))?;
        let mut headers = self.headers;
        let body = match self.body {
            Some((body, content_type)) => {
                headers
                    .entry(CONTENT_TYPE)
                    .or_insert(HeaderValue::from_static(content_type));
                body
            }
            None => ByteStream::default(),
        };
        if self.checksum_required {
            let bytes = body.bytes().ok_or(
                "the operation requires a Content-MD5 checksum, which needs the body in memory",
            )?;
            let md5 = HeaderValue::from_str(&super::content_md5(bytes))
                .map_err(|_| "the Content-MD5 value is not a header value".to_string())?;
            headers.insert(HeaderName::from_static("content-md5"), md5);
        }
        Ok(Encoded {
            method,
            path_and_query,
            headers,
            body,
            unsigned_payload: self.unsigned_payload,
        })
    }
}

/// A map's entries in key order, so that the same input always makes the same request.
fn sorted_entries<'a, T: 'a, M>(map: Option<&'a M>) -> Vec<(&'a String, &'a T)>
where
    &'a M: IntoIterator<Item = (&'a String, &'a T)>,
{
    let mut entries: Vec<_> = map.into_iter().flatten().collect();
    entries.sort_by(|a, b| a.0.cmp(b.0));
    entries
}

fn header(
    name: &str,
    text: &str,
    member: &'static str,
) -> Result<(HeaderName, HeaderValue), String> {
    let name = HeaderName::from_bytes(name.as_bytes())
        .map_err(|_| format!("{member}: {name:?} is not a valid header name"))?;
    // The value may be a secret: the message does not quote it.
    let value = HeaderValue::from_str(text).map_err(|_| {
        format!("{member}: the value holds characters a header cannot carry (such as a line break)")
    })?;
    Ok((name, value))
}
