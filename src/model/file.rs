//! Reading a diagram file from disk: size cap before reading, UTF-8, parse and validate.
//! Shared by the app (open, live reload) and the command line (`check`, `export`).

use std::path::Path;

use super::{Diagnostic, Diagram, MAX_FILE_BYTES, Pos, parse_bytes};

/// Why a file did not give a diagram.
#[derive(Clone, Debug, PartialEq)]
pub enum LoadError {
    /// The file could not be read (missing, unreadable, too large): one diagnostic at 1:1.
    Unreadable(Diagnostic),
    /// The file was read but is not a valid diagram.
    Invalid(Vec<Diagnostic>),
}

impl LoadError {
    /// Every diagnostic, whatever the kind of failure.
    pub fn into_diagnostics(self) -> Vec<Diagnostic> {
        match self {
            LoadError::Unreadable(d) => vec![d],
            LoadError::Invalid(ds) => ds,
        }
    }
}

/// Read and validate a diagram file. The size is checked before anything is read, so a huge
/// file is refused at once; nothing here panics.
pub fn load_file(path: &Path) -> Result<Diagram, LoadError> {
    let name = path.display().to_string();
    let fail = |msg: String, hint: &str| {
        LoadError::Unreadable(Diagnostic::new(&name, Pos::START, msg).with_hint(hint))
    };
    let unreadable = |e: std::io::Error| {
        if e.kind() == std::io::ErrorKind::NotFound {
            fail(
                "the file is gone (deleted, renamed, or being saved)".into(),
                "check the path; if an editor is saving it, it will be back in a moment",
            )
        } else {
            fail(
                format!("cannot read the file: {e}"),
                "check that the file exists and is readable",
            )
        }
    };
    let meta = std::fs::metadata(path).map_err(unreadable)?;
    if meta.len() > MAX_FILE_BYTES as u64 {
        return Err(fail(
            format!(
                "the file is {:.1} MB; diagrams may be at most {} MB",
                meta.len() as f64 / 1e6,
                MAX_FILE_BYTES / (1024 * 1024)
            ),
            "is this the right file? a large diagram is a few hundred kilobytes",
        ));
    }
    let bytes = std::fs::read(path).map_err(unreadable)?;
    parse_bytes(&bytes, &name).map_err(LoadError::Invalid)
}
