//! The diagram model: the RON format, its validation, and the checked [`Diagram`] it produces.
//!
//! `parse` is the only way in; everything downstream of it can trust the diagram.

mod aliases;
mod axis;
mod catalogue;
mod diagnostic;
mod diagram;
mod file;
mod format;
pub mod icon;
mod kinds;
mod source_map;
mod syntax;
mod synthetic;
mod validate;

pub use aliases::aliases;
pub use axis::{Axis, AxisFormat, Scale, compact_number, grouped_number, readable_number};
pub use catalogue::{catalogue_pictures, catalogue_ron, kinds_markdown};
pub use diagnostic::{Diagnostic, Pos, Severity};
pub use diagram::{Component, ComponentAt, Diagram, Grid, Group, Lifetime, Link, Stage};
pub use file::{
    LoadError, ReadError, load_file, load_file_with_source, parse_file_bytes, read_at_most,
    read_capped,
};
pub use format::FORMAT_VERSION;
pub use kinds::{Category, ComponentKind, GroupKind, LinkStyle};
pub use synthetic::synthetic_diagram;
pub use validate::MAX_CELL;

/// Something in a diagram file that a diagnostic can point at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Item {
    /// The diagram's `title`.
    Title,
    /// The axis (`axis.label`).
    Axis,
    /// `stages[i]`.
    Stage(usize),
    /// `groups[i]`.
    Group(usize),
    /// `components[i]`.
    Component(usize),
    /// `links[i]`.
    Link(usize),
}

/// Where each of `items` is written in `src` (line and column of its start; 1:1 if it cannot
/// be found, e.g. the source is not the one the diagram came from).
pub fn positions_of(src: &str, items: &[Item]) -> Vec<Pos> {
    use source_map::Seg;
    let src = src.strip_prefix('\u{feff}').unwrap_or(src);
    let map = source_map::SourceMap::build(src);
    items
        .iter()
        .map(|item| {
            let (field, i) = match *item {
                Item::Title => return map.locate(&[Seg::Field("title")]),
                Item::Axis => return map.locate(&[Seg::Field("axis")]),
                Item::Stage(i) => ("stages", i),
                Item::Group(i) => ("groups", i),
                Item::Component(i) => ("components", i),
                Item::Link(i) => ("links", i),
            };
            map.locate(&[Seg::Field(field), Seg::Index(i)])
        })
        .collect()
}

/// Largest diagram file accepted; real diagrams are a few tens of kilobytes.
pub const MAX_FILE_BYTES: usize = 4 * 1024 * 1024;

/// The default diagram shipped inside the binary (the AWS 1 → 10M users talk).
pub const DEFAULT_DIAGRAM: &str = include_str!("../../diagrams/aws-10m-users.ron");

/// Name used in diagnostics for the embedded default diagram.
pub const DEFAULT_DIAGRAM_NAME: &str = "<embedded>/aws-10m-users.ron";

/// A diagram shipped inside the binary, opened by name (`--diagram NAME`, the Diagrams menu).
#[derive(Clone, Copy, Debug)]
pub struct BuiltIn {
    /// Its name, the file name in `diagrams/` without `.ron`.
    pub name: &'static str,
    /// The RON text.
    pub source: &'static str,
}

/// Every built-in diagram; the first is the default.
pub const BUILT_IN: &[BuiltIn] = &[
    BuiltIn {
        name: "aws-10m-users",
        source: DEFAULT_DIAGRAM,
    },
    BuiltIn {
        name: "aws-10m-users-ko",
        source: include_str!("../../diagrams/aws-10m-users-ko.ron"),
    },
    BuiltIn {
        name: "kubernetes-on-aws",
        source: include_str!("../../diagrams/kubernetes-on-aws.ron"),
    },
];

/// Where the built-in diagram called `name` (with or without `.ron`) is in [`BUILT_IN`].
pub fn built_in_index(name: &str) -> Option<usize> {
    let name = name.strip_suffix(".ron").unwrap_or(name);
    BUILT_IN.iter().position(|b| b.name == name)
}

/// The built-in diagram called `name` (with or without `.ron`), parsed.
pub fn built_in(name: &str) -> Option<Diagram> {
    let b = BUILT_IN[built_in_index(name)?];
    parse(b.source, &format!("<embedded>/{}.ron", b.name)).ok()
}

/// The titles of the built-in diagrams, in [`BUILT_IN`] order (parsed once).
pub fn built_in_titles() -> Vec<String> {
    static TITLES: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    TITLES
        .get_or_init(|| {
            BUILT_IN
                .iter()
                .map(|b| built_in(b.name).map_or_else(|| b.name.to_owned(), |d| d.title))
                .collect()
        })
        .clone()
}

/// Parse and validate a diagram; `file` is only used to label diagnostics. A leading UTF-8
/// byte-order mark (some Windows editors write one) is skipped; it takes no column.
pub fn parse(src: &str, file: &str) -> Result<Diagram, Vec<Diagnostic>> {
    if src.len() > MAX_FILE_BYTES {
        return Err(vec![ReadError::TooBig(src.len() as u64).diagnostic(file)]);
    }
    let src = src.strip_prefix('\u{feff}').unwrap_or(src);
    let options = ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
        .with_recursion_limit(64);
    let raw: format::RawDiagram = options
        .from_str(src)
        .map_err(|e| vec![syntax::diagnose(file, src, &e)])?;
    validate::validate(raw, src, file)
}

/// Parse raw file bytes: checks size and UTF-8 before parsing.
pub fn parse_bytes(bytes: &[u8], file: &str) -> Result<Diagram, Vec<Diagnostic>> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(vec![ReadError::TooBig(bytes.len() as u64).diagnostic(file)]);
    }
    match std::str::from_utf8(bytes) {
        Ok(src) => parse(src, file),
        Err(e) => {
            let good = &bytes[..e.valid_up_to()];
            let text = String::from_utf8_lossy(good);
            let line = text.matches('\n').count() + 1;
            let col = text.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            Err(vec![
                Diagnostic::new(file, Pos { line, col }, "the file is not UTF-8 text")
                    .with_hint("save it as UTF-8 in your editor; is this really a .ron diagram?"),
            ])
        }
    }
}

/// The embedded default diagram, parsed. It is checked by tests, so failure here is a build bug.
pub fn default_diagram() -> Diagram {
    match parse(DEFAULT_DIAGRAM, DEFAULT_DIAGRAM_NAME) {
        Ok(d) => d,
        Err(diags) => {
            let text: Vec<String> = diags.iter().map(ToString::to_string).collect();
            panic!(
                "the embedded default diagram is invalid:\n{}",
                text.join("\n")
            )
        }
    }
}
