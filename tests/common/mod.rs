//! Helpers shared by the integration tests.

use std::collections::BTreeMap;
use std::path::PathBuf;

/// The committed golden file `tests/golden/<kind>/<name>`, or `None` after writing `fresh`
/// there when `UPDATE_GOLDEN` is set (`UPDATE_GOLDEN=1 cargo test` regenerates every golden).
#[allow(dead_code)]
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

/// Decode a PNG into (width, height, RGBA bytes).
#[allow(dead_code)]
pub fn decode_png(bytes: &[u8]) -> (u32, u32, Vec<u8>) {
    let mut dec = png::Decoder::new(std::io::Cursor::new(bytes));
    dec.set_transformations(png::Transformations::EXPAND | png::Transformations::ALPHA);
    let mut reader = dec.read_info().expect("png header");
    let mut buf = vec![0; reader.output_buffer_size().expect("size")];
    let info = reader.next_frame(&mut buf).expect("png frame");
    buf.truncate(info.buffer_size());
    assert_eq!(
        info.color_type,
        png::ColorType::Rgba,
        "expected RGBA output"
    );
    (info.width, info.height, buf)
}

/// Fraction of pixels of two same-sized RGBA images that differ by more than 40 in a channel
/// (anti-aliasing may differ slightly; shapes may not).
#[allow(dead_code)]
pub fn differing_fraction(a: &[u8], b: &[u8]) -> f64 {
    let differing = a
        .chunks_exact(4)
        .zip(b.chunks_exact(4))
        .filter(|(p, q)| p.iter().zip(q.iter()).any(|(x, y)| x.abs_diff(*y) > 40))
        .count();
    differing as f64 / (a.len() / 4).max(1) as f64
}

/// A fresh, empty folder for one test: `scaleview-test-<pid>-<name>` in the system's temp dir.
#[allow(dead_code)]
pub fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("scaleview-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}

/// Run the built `scaleview` with `args`: (exit code, stdout, stderr).
#[allow(dead_code)]
pub fn run(args: &[&str]) -> (i32, String, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_scaleview"))
        .args(args)
        .output()
        .expect("run scaleview");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The diagram files shipped in `diagrams/`, sorted by name: the one list every test that
/// goes over them uses.
#[allow(dead_code)]
pub fn shipped_diagrams() -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("diagrams");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("diagrams/")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .collect();
    files.sort();
    assert!(files.len() >= 4, "only {} shipped diagrams", files.len());
    files
}

/// The objects of a PDF scaleview wrote, by number: each one's dictionary as text and its
/// stream (inflated when it is `/FlateDecode`), for tests that read what a PDF holds.
#[allow(dead_code)]
pub fn pdf_objects(bytes: &[u8]) -> BTreeMap<u32, (String, Vec<u8>)> {
    let mut objects = BTreeMap::new();
    let mut at = 0;
    while let Some(pos) = find(&bytes[at..], b" 0 obj\n") {
        let start = at + pos;
        let line_start = bytes[..start]
            .iter()
            .rposition(|b| *b == b'\n')
            .map_or(0, |p| p + 1);
        let num: u32 = std::str::from_utf8(&bytes[line_start..start])
            .expect("object number")
            .trim()
            .parse()
            .expect("object number");
        let body_start = start + 7;
        let end = body_start + find(&bytes[body_start..], b"\nendobj").expect("endobj");
        let body = &bytes[body_start..end];
        let (dict, stream) = match find(body, b"\nstream\n") {
            Some(s) => {
                let e = find(body, b"\nendstream").expect("endstream");
                let raw = &body[s + 8..e];
                let dict = String::from_utf8_lossy(&body[..s]).into_owned();
                let data = if dict.contains("/FlateDecode") {
                    miniz_oxide::inflate::decompress_to_vec_zlib(raw).expect("inflate")
                } else {
                    raw.to_vec()
                };
                (dict, data)
            }
            None => (String::from_utf8_lossy(body).into_owned(), Vec::new()),
        };
        objects.insert(num, (dict, stream));
        at = end;
    }
    objects
}

/// Where `needle` first occurs in `hay`.
#[allow(dead_code)]
pub fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}
