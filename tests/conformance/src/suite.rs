//! Suites and their cases, as the case files give them.
use codegen::model::Model;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// The variable that points the harness at another folder of suites.
pub const DIR_VARIABLE: &str = "CONFORMANCE_DIR";

/// Suites of `../shared/conformance/next/` (kept apart until a generator passes them) that
/// this generator passes, so they run by default too.
pub const PASSING_NEXT: &[&str] = &["awsjson1_0_query_compatible", "restjson1"];

/// Where the suites are: `$CONFORMANCE_DIR`, else `../shared/conformance` beside the repository.
pub fn conformance_root(repository: &Path) -> PathBuf {
    match std::env::var_os(DIR_VARIABLE) {
        Some(dir) => PathBuf::from(dir),
        None => repository.join("../shared/conformance"),
    }
}

/// The suites to run: those of `$CONFORMANCE_DIR` when it is set, else those of
/// `../shared/conformance` plus the [`PASSING_NEXT`] folders of its `next/`. A passing folder
/// that has gone missing is still listed, so that loading it fails loudly rather than its
/// cases silently no longer running.
pub fn default_suite_dirs(repository: &Path) -> Result<Vec<PathBuf>, String> {
    let root = conformance_root(repository);
    let mut dirs = suite_dirs(&root)?;
    if std::env::var_os(DIR_VARIABLE).is_none() {
        dirs.extend(PASSING_NEXT.iter().map(|name| root.join("next").join(name)));
    }
    Ok(dirs)
}

/// The folders under `root` that hold a `model.json` and at least one case file, by name.
pub fn suite_dirs(root: &Path) -> Result<Vec<PathBuf>, String> {
    let entries = std::fs::read_dir(root).map_err(|e| format!("{}: {e}", root.display()))?;
    let mut dirs = Vec::new();
    for entry in entries {
        let path = entry
            .map_err(|e| format!("{}: {e}", root.display()))?
            .path();
        let has_cases = [REQUESTS, RESPONSES].iter().any(|f| path.join(f).is_file());
        if path.join("model.json").is_file() && has_cases {
            dirs.push(path);
        }
    }
    dirs.sort();
    Ok(dirs)
}

const REQUESTS: &str = "requests.json";
const RESPONSES: &str = "responses.json";

/// Which file a case comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `requests.json`: the client must send the expected request.
    Request,
    /// `responses.json`: the client must parse the scripted response as expected.
    Response,
}

impl Kind {
    /// `request` or `response`.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Request => "request",
            Kind::Response => "response",
        }
    }
}

/// One case of a case file.
#[derive(Debug, Clone)]
pub struct Case {
    /// Which file it is from.
    pub kind: Kind,
    /// Its id, unique within its file.
    pub id: String,
    /// The operation's absolute shape id.
    pub operation: String,
    /// The whole case as the file gives it.
    pub data: Value,
}

impl Case {
    /// The case's key in the runner's plan and results: unique within a suite.
    pub fn key(&self) -> String {
        format!("{}:{}", self.kind.as_str(), self.id)
    }

    /// The test's name: the suite's prefix, the kind, the id.
    pub fn test_name(&self, prefix: &str) -> String {
        format!("{prefix}_{}_{}", self.kind.as_str(), self.id)
    }

    /// The operation's name without its namespace.
    pub fn operation_name(&self) -> &str {
        short_name(&self.operation)
    }

    /// The case's description, for failure messages.
    pub fn description(&self) -> &str {
        self.data["description"].as_str().unwrap_or_default()
    }

    /// Why botocore skips the case, when it does.
    pub fn botocore_ignored(&self) -> Option<&str> {
        self.data["botocoreIgnored"].as_str()
    }
}

/// One folder of cases with its model.
#[derive(Debug)]
pub struct Suite {
    /// The folder's name (`awsjson1_0`).
    pub name: String,
    /// The folder.
    pub dir: PathBuf,
    /// `model.json` as text, for the generator.
    pub model_text: String,
    /// `model.json` loaded, for walking values.
    pub model: Model,
    /// Request cases, then response cases, each in file order.
    pub cases: Vec<Case>,
}

impl Suite {
    /// Reads the suite in `dir`.
    pub fn load(dir: &Path) -> Result<Suite, String> {
        let name = dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let model_path = dir.join("model.json");
        let model_text = std::fs::read_to_string(&model_path)
            .map_err(|e| format!("{}: {e}", model_path.display()))?;
        let model = Model::parse(&model_text, &model_path.display().to_string())
            .map_err(|e| e.to_string())?;
        let mut cases = read_cases(&dir.join(REQUESTS), Kind::Request)?;
        cases.extend(read_cases(&dir.join(RESPONSES), Kind::Response)?);
        Ok(Suite {
            name,
            dir: dir.to_path_buf(),
            model_text,
            model,
            cases,
        })
    }

    /// The prefix of the suite's test names: its folder name, lower case, letters and digits
    /// only (`awsjson1_0` gives `awsjson10`).
    pub fn prefix(&self) -> String {
        test_prefix(&self.name)
    }
}

/// Lower-case letters and digits of a folder name.
pub fn test_prefix(name: &str) -> String {
    name.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// The name after the `#` of a shape id.
pub fn short_name(id: &str) -> &str {
    id.rsplit_once('#').map_or(id, |(_, name)| name)
}

fn read_cases(path: &Path, kind: Kind) -> Result<Vec<Case>, String> {
    if !path.is_file() {
        return Ok(Vec::new());
    }
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let list: Vec<Value> =
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut cases: Vec<Case> = Vec::with_capacity(list.len());
    for (index, data) in list.into_iter().enumerate() {
        let field = |name: &str| -> Result<String, String> {
            data[name]
                .as_str()
                .map(str::to_string)
                .ok_or_else(|| format!("{}: case {index} has no string {name:?}", path.display()))
        };
        let (id, operation) = (field("id")?, field("operation")?);
        if cases.iter().any(|c| c.id == id) {
            return Err(format!("{}: case id {id:?} occurs twice", path.display()));
        }
        cases.push(Case {
            kind,
            id,
            operation,
            data,
        });
    }
    Ok(cases)
}
