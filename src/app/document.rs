//! Loading diagram files for the app: size cap, UTF-8, parse, with every failure a diagnostic.

use std::path::Path;

use crate::model::{self, Diagnostic, Diagram, Pos};

/// Read and validate a diagram file. A missing, unreadable, oversized or invalid file is a
/// list of diagnostics, never a panic.
pub fn load(path: &Path) -> Result<Diagram, Vec<Diagnostic>> {
    let name = path.display().to_string();
    let fail =
        |msg: String, hint: &str| vec![Diagnostic::new(&name, Pos::START, msg).with_hint(hint)];
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(fail(
                "the file is gone (deleted, renamed, or being saved)".into(),
                "the last good diagram stays on screen; save the file again to reload it",
            ));
        }
        Err(e) => {
            return Err(fail(
                format!("cannot read the file: {e}"),
                "check that the file exists and is readable",
            ));
        }
    };
    if meta.len() > model::MAX_FILE_BYTES as u64 {
        return Err(fail(
            format!(
                "the file is {:.1} MB; diagrams may be at most {} MB",
                meta.len() as f64 / 1e6,
                model::MAX_FILE_BYTES / (1024 * 1024)
            ),
            "is this the right file? a large diagram is a few hundred kilobytes",
        ));
    }
    match std::fs::read(path) {
        Ok(bytes) => model::parse_bytes(&bytes, &name),
        Err(e) => Err(fail(
            format!("cannot read the file: {e}"),
            "check that the file exists and is readable",
        )),
    }
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
            let title = load(&p).map(|d| d.title).unwrap_or_else(|_| {
                p.file_name()
                    .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
            });
            out.push((canon, title));
        }
    }
    out.sort_by(|a, b| a.1.cmp(&b.1));
    out
}
