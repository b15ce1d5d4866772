//! Custom icons (`icon: "icons/haproxy.svg"` on a component): found relative to the diagram's
//! folder, checked, parsed once, and normalised into the same 64×64 SVG the built-in icons
//! are, so every renderer draws them the way it draws a kind's icon.
//!
//! Nothing an icon file holds can reach outside the diagram's folder or stall the app: paths
//! that leave the folder (absolute, `..`, a symlink pointing out) are refused, files are
//! size-capped, SVGs are parsed with every external reference refused (only `data:` pictures
//! inside the file are drawn), and a PNG's dimensions are checked before it is decoded. A
//! refused or broken icon is a warning at its line and column; the component keeps its kind's
//! icon.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use resvg::usvg;

use super::source_map::{Seg, SourceMap};
use super::{Diagnostic, Diagram};

/// Largest icon file read.
pub const MAX_ICON_BYTES: usize = 512 * 1024;

/// Largest width or height of a PNG icon, in pixels (icons are drawn at most a few hundred).
pub const MAX_ICON_PIXELS: u32 = 2048;

/// The start of an SVG element with the namespaces an icon uses.
const SVG_OPEN: &str = concat!(
    r#"<svg xmlns="http://www.w3.org/2000/svg""#,
    r#" xmlns:xlink="http://www.w3.org/1999/xlink""#
);

/// A picture of the author's own, read and checked.
#[derive(Debug)]
pub struct CustomIcon {
    /// The path as the diagram writes it.
    pub written: String,
    /// The file it was read from (watched for live reload).
    pub file: PathBuf,
    /// A name unique to its content (`custom-1f2e…`), for SVG ids and texture names.
    pub key: String,
    /// The icon as a 64×64 SVG, the picture centred and scaled to fit: what the SVG export
    /// inlines.
    pub svg: String,
    /// `svg` parsed: what the raster renderers draw.
    pub tree: Arc<usvg::Tree>,
    /// Something the author should know although the icon is used (its text is not drawn).
    pub note: Option<(String, String)>,
}

/// Two icons are the same picture when their content is.
impl PartialEq for CustomIcon {
    fn eq(&self, other: &Self) -> bool {
        self.key == other.key
    }
}

/// Why an icon was not used: a message and a hint.
type Refusal = (String, String);

/// Read the custom icon of every component that names one, relative to `dir` (the diagram's
/// folder; `None` for a diagram that has no file). Problems are warnings in `d.notices`,
/// pointing into `src` (the text of `file`).
pub fn load_icons(d: &mut Diagram, src: &str, file: &str, dir: Option<&Path>) {
    let mut loaded: Vec<(String, Result<Arc<CustomIcon>, Refusal>)> = Vec::new();
    let mut map: Option<SourceMap> = None;
    for i in 0..d.components.len() {
        let Some(written) = d.components[i].icon_path.clone() else {
            continue;
        };
        let result = match loaded.iter().find(|(w, _)| *w == written) {
            Some((_, r)) => r.clone(),
            None => {
                let r = load(&written, dir).map(Arc::new);
                loaded.push((written.clone(), r.clone()));
                r
            }
        };
        let note = match result {
            Ok(icon) => {
                let note = icon.note.clone();
                d.components[i].icon = Some(icon);
                note
            }
            Err(refused) => Some(refused),
        };
        if let Some((message, hint)) = note {
            let src = src.strip_prefix('\u{feff}').unwrap_or(src);
            let map = map.get_or_insert_with(|| SourceMap::build(src));
            let pos = map.locate(&[Seg::Field("components"), Seg::Index(i), Seg::Field("icon")]);
            d.notices
                .push(Diagnostic::warning(file, pos, message).with_hint(hint));
        }
    }
}

/// Find, read and parse one icon.
fn load(written: &str, dir: Option<&Path>) -> Result<CustomIcon, Refusal> {
    let relative = checked_path(written)?;
    let dir = dir.ok_or_else(|| {
        refusal(
            "this diagram has no folder to find icons in",
            "save the diagram to a file next to its icons",
        )
    })?;
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let file = inside(dir, &relative)?;
    let bytes = super::read_at_most(&file, MAX_ICON_BYTES).map_err(|e| match e {
        super::ReadError::TooBig(len) => refusal(
            &format!(
                "the icon is {} KB; icons may be at most {} KB",
                len.div_ceil(1024),
                MAX_ICON_BYTES / 1024
            ),
            "simplify the SVG or save the PNG smaller (256×256 is plenty)",
        ),
        other => {
            let d = other.diagnostic(written);
            (
                format!("cannot use the icon: {}", d.message),
                d.hint.unwrap_or_default(),
            )
        }
    })?;
    let is_png = relative
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("png"));
    let tree = if is_png {
        png_tree(&bytes)?
    } else {
        svg_tree(&bytes)?
    };
    let note = (!is_png && contains(&bytes, b"<text")).then(|| {
        refusal(
            "the icon's text is not drawn (icons are drawn without fonts)",
            "convert the text to paths in your drawing program (\"object to path\")",
        )
    });
    let key = format!("custom-{:016x}", fnv1a(&bytes));
    let svg = square(&tree, &key);
    let tree = parse_safely(svg.as_bytes()).map_err(|_| {
        refusal(
            "the icon could not be redrawn after reading it",
            "try saving it again from your drawing program as plain SVG",
        )
    })?;
    Ok(CustomIcon {
        written: written.to_owned(),
        file,
        key,
        svg,
        tree: Arc::new(tree),
        note,
    })
}

/// Whether `needle` occurs in `bytes`.
fn contains(bytes: &[u8], needle: &[u8]) -> bool {
    bytes.windows(needle.len()).any(|w| w == needle)
}

/// A message and a hint.
fn refusal(message: &str, hint: &str) -> Refusal {
    (message.to_owned(), hint.to_owned())
}

/// The written path as a relative path inside the diagram's folder, or why it is refused.
fn checked_path(written: &str) -> Result<PathBuf, Refusal> {
    let keep = "put the icon in the diagram's folder (or a folder inside it) and write its \
                path from there, e.g. `icon: \"icons/haproxy.svg\"`";
    if written.trim().is_empty() {
        return Err(refusal("the icon path is empty", keep));
    }
    let drive = written.as_bytes().get(1) == Some(&b':');
    if Path::new(written).is_absolute() || written.starts_with(['/', '\\']) || drive {
        return Err(refusal(
            "icon paths are relative to the diagram's folder; this one is absolute",
            keep,
        ));
    }
    if written.split(['/', '\\']).any(|part| part == "..") {
        return Err(refusal(
            "the icon path leaves the diagram's folder (`..`)",
            keep,
        ));
    }
    let path = PathBuf::from(written.replace('\\', "/"));
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    if !matches!(ext.as_deref(), Some("svg" | "png")) {
        return Err(refusal(
            "icons are SVG or PNG files",
            "export the picture as .svg (best: sharp at any size) or .png",
        ));
    }
    Ok(path)
}

/// `dir/relative`, if it exists and really is inside `dir` once symlinks are followed.
fn inside(dir: &Path, relative: &Path) -> Result<PathBuf, Refusal> {
    let joined = dir.join(relative);
    let missing = |_| {
        refusal(
            &format!("there is no icon at {}", joined.display()),
            "check the spelling; the path is relative to the diagram's folder",
        )
    };
    let root = std::fs::canonicalize(dir).map_err(missing)?;
    let file = std::fs::canonicalize(&joined).map_err(missing)?;
    if !file.starts_with(&root) {
        return Err(refusal(
            "the icon is a link to a file outside the diagram's folder",
            "copy the icon into the diagram's folder instead of linking to it",
        ));
    }
    Ok(file)
}

/// Parse SVG bytes with every reference to another file or address refused.
fn parse_safely(bytes: &[u8]) -> Result<usvg::Tree, String> {
    let refused: Arc<Mutex<Vec<String>>> = Arc::default();
    let seen = Arc::clone(&refused);
    let mut options = usvg::Options {
        resources_dir: None,
        ..usvg::Options::default()
    };
    options.image_href_resolver.resolve_string = Box::new(move |href: &str, _| {
        if let Ok(mut seen) = seen.lock() {
            seen.push(href.to_owned());
        }
        None
    });
    let tree = usvg::Tree::from_data(bytes, &options).map_err(|e| e.to_string())?;
    let refused = refused.lock().map(|r| r.clone()).unwrap_or_default();
    match refused.first() {
        Some(href) => Err(format!("external:{href}")),
        None => Ok(tree),
    }
}

/// An SVG icon parsed, or why not.
fn svg_tree(bytes: &[u8]) -> Result<usvg::Tree, Refusal> {
    parse_safely(bytes).map_err(|e| match e.strip_prefix("external:") {
        Some(href) => refusal(
            &format!("the icon refers to another file (`{href}`); icons must be self-contained"),
            "embed the picture in the SVG (most editors call it \"embed images\") or use a PNG",
        ),
        None => refusal(
            &format!("the icon is not a valid SVG: {e}"),
            "open it in a browser or a drawing program and save it again as plain SVG",
        ),
    })
}

/// A PNG icon, its size checked before decoding, as an SVG tree holding the picture.
fn png_tree(bytes: &[u8]) -> Result<usvg::Tree, Refusal> {
    let broken = |e: &dyn std::fmt::Display| {
        refusal(
            &format!("the icon is not a valid PNG: {e}"),
            "open it in an image editor and save it again as PNG",
        )
    };
    let mut reader = png::Decoder::new(std::io::Cursor::new(bytes))
        .read_info()
        .map_err(|e| broken(&e))?;
    let (w, h) = (reader.info().width, reader.info().height);
    if w > MAX_ICON_PIXELS || h > MAX_ICON_PIXELS {
        return Err(refusal(
            &format!("the icon is {w}×{h} pixels; icons may be at most {MAX_ICON_PIXELS} a side"),
            "save it at 256×256; it is drawn at most a few hundred pixels wide",
        ));
    }
    // Decode it all once, so a truncated file is caught here and not while drawing.
    let mut pixels = vec![
        0;
        reader
            .output_buffer_size()
            .ok_or_else(|| broken(&"too large"))?
    ];
    reader.next_frame(&mut pixels).map_err(|e| broken(&e))?;
    use base64::Engine as _;
    let data = base64::engine::general_purpose::STANDARD.encode(bytes);
    let svg = format!(
        "{SVG_OPEN} width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\">\
         <image width=\"{w}\" height=\"{h}\" xlink:href=\"data:image/png;base64,{data}\"/></svg>"
    );
    parse_safely(svg.as_bytes()).map_err(|e| broken(&e))
}

/// The picture as a 64×64 SVG, centred and scaled to fit, its ids prefixed with `key` so
/// two icons in one exported SVG never share an id. The `xlink` namespace is declared on the
/// group, so its inside stays valid XML wherever it is inlined.
fn square(tree: &usvg::Tree, key: &str) -> String {
    let size = tree.size();
    let (w, h) = (size.width().max(1e-3), size.height().max(1e-3));
    let s = 64.0 / w.max(h);
    let (dx, dy) = ((64.0 - w * s) / 2.0, (64.0 - h * s) / 2.0);
    let options = usvg::WriteOptions {
        id_prefix: Some(format!("{key}-")),
        ..usvg::WriteOptions::default()
    };
    let inner = tree.to_string(&options);
    let body = svg_body(&inner);
    format!(
        "{SVG_OPEN} width=\"64\" height=\"64\" viewBox=\"0 0 64 64\">\
         <g xmlns:xlink=\"http://www.w3.org/1999/xlink\" \
         transform=\"translate({dx} {dy}) scale({s})\">{body}</g></svg>"
    )
}

/// The inside of an `<svg>` element.
pub fn svg_body(svg: &str) -> &str {
    let start = svg
        .find("<svg")
        .and_then(|i| svg[i..].find('>').map(|j| i + j + 1))
        .unwrap_or(0);
    let end = svg.rfind("</svg>").unwrap_or(svg.len());
    if start <= end { &svg[start..end] } else { "" }
}

/// FNV-1a, 64 bits: a stable name for an icon's content.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}
