//! Guard rails on the source itself: what `cargo fmt --check` lets through because rustfmt
//! silently skips what it cannot break (long string literals, attributes, macro arguments).

use std::path::{Path, PathBuf};

/// Widest line allowed in `src/`, in characters (not bytes: a Korean hint counts its letters).
const MAX_COLUMNS: usize = 100;

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read src") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn no_line_in_src_is_wider_than_100_columns() {
    let mut files = Vec::new();
    rust_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    assert!(files.len() > 50, "found only {} files", files.len());
    let too_wide: Vec<String> = files
        .iter()
        .flat_map(|f| {
            let text = std::fs::read_to_string(f).expect("read");
            text.lines()
                .enumerate()
                .filter(|(_, l)| l.chars().count() > MAX_COLUMNS)
                .map(|(i, l)| format!("{}:{} ({} columns)", f.display(), i + 1, l.chars().count()))
                .collect::<Vec<_>>()
        })
        .collect();
    assert!(
        too_wide.is_empty(),
        "lines over {MAX_COLUMNS} columns (break long strings with a `\\` continuation):\n{}",
        too_wide.join("\n")
    );
}
