//! Diagram files for the app: loading (as diagnostics), display names, the shipped set.

use std::path::Path;

use crate::model::{self, Diagnostic, Diagram};

/// Read and validate a diagram file; every failure is a list of diagnostics for the panel.
pub fn load(path: &Path) -> Result<Diagram, Vec<Diagnostic>> {
    model::load_file(path).map_err(model::LoadError::into_diagnostics)
}

/// How a file is named in the window title and menus: its file name.
pub fn display_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// Diagram files shipped in a `diagrams/` folder next to the working directory or the binary,
/// with their titles (files that do not parse are listed with their file name).
pub fn shipped_diagrams() -> Vec<(std::path::PathBuf, String)> {
    let mut dirs = vec![std::path::PathBuf::from("diagrams")];
    if let Ok(exe) = std::env::current_exe()
        && let Some(d) = exe.parent()
    {
        dirs.push(d.join("diagrams"));
        dirs.push(d.join("../../diagrams"));
    }
    let mut out: Vec<(std::path::PathBuf, String)> = Vec::new();
    for dir in dirs {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.extension().is_none_or(|x| x != "ron") {
                continue;
            }
            let canon = std::fs::canonicalize(&p).unwrap_or(p.clone());
            if out.iter().any(|(q, _)| *q == canon) {
                continue;
            }
            let title = load(&p)
                .map(|d| d.title)
                .unwrap_or_else(|_| display_name(&p));
            out.push((canon, title));
        }
    }
    out.sort_by(|a, b| a.1.cmp(&b.1));
    out
}
