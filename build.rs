//! Build script: records the git commit the binary is built from, for `scaleview --version`
//! ("unknown" when built outside a git checkout, e.g. from a source tarball), and bundles every
//! UI language file in `assets/lang/` (a third language is a new file there, no code change).

use std::process::Command;

fn main() {
    bundle_languages();
    let commit = Command::new("git")
        .args(["rev-parse", "--short=12", "HEAD"])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "unknown".to_owned());
    let dirty = Command::new("git")
        .args(["status", "--porcelain", "--untracked-files=no"])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .is_some_and(|o| !o.stdout.is_empty());
    let suffix = if dirty { "-modified" } else { "" };
    println!("cargo:rustc-env=SCALEVIEW_COMMIT={commit}{suffix}");
    // Rebuild when HEAD moves (a commit, a checkout).
    for path in [".git/HEAD", ".git/index"] {
        if std::path::Path::new(path).exists() {
            println!("cargo:rerun-if-changed={path}");
        }
    }
}

/// Write `$OUT_DIR/languages.rs`: `LANGUAGES`, every `assets/lang/<code>.ron` as
/// `(code, contents)`, English first, then by code.
fn bundle_languages() {
    let dir = std::path::Path::new("assets/lang");
    println!("cargo:rerun-if-changed=assets/lang");
    let mut codes: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok())
                .filter_map(|e| {
                    let name = e.file_name().into_string().ok()?;
                    name.strip_suffix(".ron").map(str::to_owned)
                })
                .collect()
        })
        .unwrap_or_default();
    codes.sort_by_key(|c| (c != "en", c.clone()));
    let manifest = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| ".".into());
    let mut out = String::from("/// Every bundled UI language: (code, RON text), English first.\n");
    out.push_str("pub const LANGUAGES: &[(&str, &str)] = &[\n");
    for code in &codes {
        println!("cargo:rerun-if-changed=assets/lang/{code}.ron");
        out.push_str(&format!(
            "    ({code:?}, include_str!({:?})),\n",
            format!("{manifest}/assets/lang/{code}.ron")
        ));
    }
    out.push_str("];\n");
    let out_dir = std::env::var("OUT_DIR").unwrap_or_else(|_| ".".into());
    let _ = std::fs::write(std::path::Path::new(&out_dir).join("languages.rs"), out);
}
