//! Finds the input files `model/sources.json` records, and checks them against their sha256.
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// One recorded input file.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct Source {
    /// File name.
    pub file: String,
    /// Expected sha256, hex.
    pub sha256: String,
    /// Where to download it.
    pub source: String,
}

/// The recorded inputs.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct Sources {
    /// The service model.
    pub model: Source,
    /// `partitions.json`.
    pub partitions: Source,
}

impl Sources {
    /// Reads `model/sources.json` under the repository root.
    pub fn read(root: &Path) -> Result<Sources, String> {
        let path = root.join("model/sources.json");
        let text =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
    }
}

impl Source {
    /// `model/<file>` if a user placed it there, else `../shared/models/<file>` beside the
    /// repository; an error says where to get it when neither exists.
    pub fn locate(&self, root: &Path) -> Result<PathBuf, String> {
        let candidates = [
            root.join("model").join(&self.file),
            root.join("../shared/models").join(&self.file),
        ];
        candidates.iter().find(|p| p.is_file()).cloned().ok_or_else(|| {
            format!(
                "{} not found at {} or {}.\nDownload it from {}\nand place it in model/, or pass --model PATH.",
                self.file,
                candidates[0].display(),
                candidates[1].display(),
                self.source
            )
        })
    }

    /// Reads the file and checks its sha256; a mismatch names the command that takes a new
    /// model.
    pub fn read_checked(&self, path: &Path) -> Result<String, String> {
        let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let digest = sha256_hex(&bytes);
        if digest != self.sha256 {
            return Err(format!(
                "{}: sha256 is {digest}, but model/sources.json records {} (from {}).\n\
                 If this is a new version of the model, take it with\n  \
                 cargo xtask model update {} [--source URL]\n\
                 which records it and regenerates generated/ (or generate without recording: \
                 cargo xtask codegen --model PATH --out DIR).",
                path.display(),
                self.sha256,
                self.source,
                path.display(),
            ));
        }
        String::from_utf8(bytes).map_err(|e| format!("{}: not UTF-8: {e}", path.display()))
    }

    /// Reads the file without checking its sha256 (the tests generate from whatever model is
    /// in place, so a changed model shows as snapshot diffs).
    pub fn read_unchecked(&self, path: &Path) -> Result<String, String> {
        let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
        String::from_utf8(bytes).map_err(|e| format!("{}: not UTF-8: {e}", path.display()))
    }
}

impl Sources {
    /// Records a new model's sha256 and source in `model/sources.json`, keeping everything else.
    pub fn record_model(root: &Path, sha256: &str, source: &str) -> Result<(), String> {
        let path = root.join("model/sources.json");
        let text =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let mut json: serde_json::Value =
            serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        let model = json
            .get_mut("model")
            .and_then(serde_json::Value::as_object_mut)
            .ok_or_else(|| format!("{}: no \"model\" object", path.display()))?;
        model.insert("sha256".into(), sha256.into());
        model.insert("source".into(), source.into());
        let mut text = serde_json::to_string_pretty(&json).map_err(|e| e.to_string())?;
        text.push('\n');
        std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))
    }
}

/// The sha256 of `bytes`, as lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
