//! Text in the SVG export, self-contained either way: `<text>` drawn with subsets of the faces
//! it uses embedded as `@font-face` data (selectable, editable text), or glyph outlines as
//! paths (identical in every viewer, including those that ignore embedded fonts). Every run is
//! placed at the x the scene measured, with kerning off, so both look like the PNG.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;
use std::sync::Mutex;

use base64::Engine;

use super::glyphs;
use super::svg::esc;
use crate::scene::fonts::{self, FaceId};
use crate::scene::text::{self, Weight};

/// How text is written into an SVG.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum TextMode {
    /// `<text>` with subsets of the fonts embedded: selectable and editable.
    #[default]
    EmbeddedFonts,
    /// Glyph outlines as `<path>`: looks the same everywhere, text is not selectable.
    Paths,
}

/// Where a line of text hangs from its x.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Anchor {
    /// x is the left edge.
    Start,
    /// x is the centre.
    Middle,
    /// x is the right edge.
    End,
}

impl Anchor {
    /// The left end of a line `width` wide anchored at `x`.
    pub fn left(self, x: f32, width: f32) -> f32 {
        match self {
            Anchor::Start => x,
            Anchor::Middle => x - width / 2.0,
            Anchor::End => x - width,
        }
    }
}

/// One line of text to write.
pub struct Line<'a> {
    /// Anchor x.
    pub x: f32,
    /// Baseline y.
    pub y: f32,
    /// Font size.
    pub size: f32,
    /// Weight.
    pub weight: Weight,
    /// How x anchors the line.
    pub anchor: Anchor,
    /// Colour attributes, e.g. `fill="#123456"`.
    pub fill: &'a str,
    /// The text.
    pub content: &'a str,
}

/// Writes text lines and, at the end, the font data they need.
pub struct TextWriter {
    mode: TextMode,
    used: BTreeMap<FaceId, BTreeSet<char>>,
}

impl TextWriter {
    /// A writer for `mode`.
    pub fn new(mode: TextMode) -> Self {
        TextWriter {
            mode,
            used: BTreeMap::new(),
        }
    }

    /// Append `line` to `out`.
    pub fn write(&mut self, out: &mut String, line: &Line) {
        let shaped = text::shape(line.content, line.size, line.weight);
        if shaped.runs.is_empty() {
            return;
        }
        let left = line.anchor.left(line.x, shaped.width);
        let as_paths =
            self.mode == TextMode::Paths || shaped.runs.iter().any(|r| !self.embeddable(r.face));
        if as_paths {
            let mut d = String::new();
            for run in &shaped.runs {
                glyphs::run_outline(&mut d, run, left + run.x, line.y, line.size);
            }
            let _ = write!(
                out,
                r#"<path class="text" aria-label="{}" d="{d}" {}/>"#,
                esc(line.content),
                line.fill
            );
            return;
        }
        let _ = write!(
            out,
            concat!(
                r#"<text xml:space="preserve" y="{:.1}" font-size="{:.1}" "#,
                r#"style="font-kerning:none;font-variant-ligatures:none" {}>"#
            ),
            line.y, line.size, line.fill
        );
        for run in &shaped.runs {
            let face = fonts::face(run.face);
            self.used
                .entry(run.face)
                .or_default()
                .extend(run.text.chars());
            let _ = write!(
                out,
                r#"<tspan x="{:.2}" font-family="'{}'" font-weight="{}">{}</tspan>"#,
                left + run.x,
                esc(&face.family),
                if face.bold { 700 } else { 400 },
                esc(&run.text)
            );
        }
        out.push_str("</text>");
    }

    /// Whether `face` can be embedded (subset succeeds). A face never changes, so the answer
    /// is remembered for the process, not tried again for every export.
    fn embeddable(&self, face: FaceId) -> bool {
        static KNOWN: Mutex<BTreeMap<FaceId, bool>> = Mutex::new(BTreeMap::new());
        if self.mode == TextMode::Paths {
            return false;
        }
        let mut known = KNOWN.lock().unwrap_or_else(|poison| poison.into_inner());
        // A face the subsetter fails on goes out as paths rather than missing.
        *known.entry(face).or_insert_with(|| {
            let f = fonts::face(face);
            subset(f.data, f.index, &BTreeSet::from([' '])).is_some()
        })
    }

    /// The `<style>` element with one `@font-face` per face used, each a subset holding only the
    /// letters written (empty when text went out as paths).
    pub fn font_faces(&mut self) -> String {
        let mut css = String::new();
        let used = std::mem::take(&mut self.used);
        for (&id, chars) in &used {
            let face = fonts::face(id);
            let Some(data) = subset(face.data, face.index, chars) else {
                continue;
            };
            let _ = write!(
                css,
                "@font-face{{font-family:'{}';font-weight:{};\
                 src:url(data:font/ttf;base64,{data}) format('truetype');}}",
                css_escape(&face.family),
                if face.bold { 700 } else { 400 },
            );
        }
        if css.is_empty() {
            String::new()
        } else {
            format!("<style>{css}</style>\n")
        }
    }
}

/// Tables left out of a subset: vertical metrics (horizontal text only), hinting (the text is
/// scaled freely), and the layout tables — every renderer here places glyphs by their advances
/// alone, so a viewer that shapes must not kern, ligate or join them differently.
pub(crate) const DROPPED_TABLES: &str = "vhea,vmtx,VORG,fpgm,prep,cvt ,hdmx,LTSH,VDMX,\
    kern,GPOS,GSUB,GDEF,morx,kerx,DSIG,MATH,FFTM,JSTF,BASE";

/// Name records kept: family and style names, version, and the copyright and licence that
/// the OFL requires to travel with the font.
pub(crate) const KEPT_NAMES: &str = "0,1,2,3,4,5,6,13,14";

/// A subset of face `index` of `font` with exactly `chars`, base64-encoded.
fn subset(font: &[u8], index: u32, chars: &BTreeSet<char>) -> Option<String> {
    let bytes = subset_bytes(font, index, chars, false)?;
    Some(base64::engine::general_purpose::STANDARD.encode(bytes))
}

/// A subset of face `index` of `font` with exactly `chars`, hinting and layout tables dropped;
/// with `retain_gids`, every kept glyph keeps its id (the PDF export addresses glyphs by id).
pub(crate) fn subset_bytes(
    font: &[u8],
    index: u32,
    chars: &BTreeSet<char>,
    retain_gids: bool,
) -> Option<Vec<u8>> {
    use fontcull_klippa::{
        Plan, SubsetFlags, parse_name_ids, parse_name_languages, parse_tag_list, parse_unicodes,
        populate_gids, subset_font,
    };
    let face = fontcull_skrifa::FontRef::from_index(font, index).ok()?;
    let unicodes: Vec<String> = chars.iter().map(|c| format!("{:x}", *c as u32)).collect();
    let mut flags = SubsetFlags::SUBSET_FLAGS_NO_HINTING;
    if retain_gids {
        flags |= SubsetFlags::SUBSET_FLAGS_RETAIN_GIDS;
    }
    let plan = Plan::new(
        &populate_gids("").ok()?,
        &parse_unicodes(&unicodes.join(",")).ok()?,
        &face,
        flags,
        &parse_tag_list(DROPPED_TABLES).ok()?,
        &parse_tag_list("").ok()?,
        &parse_tag_list("").ok()?,
        &parse_name_ids(KEPT_NAMES).ok()?,
        &parse_name_languages("*").ok()?,
    );
    subset_font(&face, &plan).ok()
}

fn css_escape(family: &str) -> String {
    family
        .chars()
        .filter(|c| !matches!(c, '\'' | '\\' | '<' | '>' | '&' | '"'))
        .collect()
}
