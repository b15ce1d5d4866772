//! Helpers shared by the integration tests.

use std::path::PathBuf;

/// The committed golden file `tests/golden/<kind>/<name>`, or `None` after writing `fresh`
/// there when `UPDATE_GOLDEN` is set (`UPDATE_GOLDEN=1 cargo test` regenerates every golden).
pub fn golden(kind: &str, name: &str, fresh: &[u8]) -> Option<Vec<u8>> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(kind)
        .join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(&path, fresh).expect("write golden");
        return None;
    }
    Some(
        std::fs::read(&path)
            .unwrap_or_else(|_| panic!("missing {}; run with UPDATE_GOLDEN=1", path.display())),
    )
}
