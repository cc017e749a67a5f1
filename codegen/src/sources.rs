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

    /// Reads the file and checks its sha256.
    pub fn read_checked(&self, path: &Path) -> Result<String, String> {
        let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let digest: String = Sha256::digest(&bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        if digest != self.sha256 {
            return Err(format!(
                "{}: sha256 is {digest}, but model/sources.json records {} (from {})",
                path.display(),
                self.sha256,
                self.source
            ));
        }
        String::from_utf8(bytes).map_err(|e| format!("{}: not UTF-8: {e}", path.display()))
    }
}
