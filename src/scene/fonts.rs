//! The one font fallback chain behind every text: the scene measures with it, and the screen,
//! PNG and SVG draw with it, so all of them agree on which face draws which letter.
//!
//! Faces are numbered ([`FaceId`]) in the order they become known: first the bundled ones
//! (NanumSquare; Noto Sans subsets for accented Latin, Greek and Cyrillic, for maths and for
//! symbols; Noto Emoji), then
//! system fonts, looked up lazily only for a letter no bundled face has (Han, Kana, Arabic…).
//! A looked-up face stays loaded for the life of the process, so a [`FaceId`] never changes
//! meaning. Setting `SCALEVIEW_NO_SYSTEM_FONTS=1` restricts the chain to the bundled faces
//! (reproducible exports on any machine).

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock, RwLock};

use skrifa::instance::{LocationRef, Size};
use skrifa::outline::{DrawSettings, OutlinePen};
use skrifa::{FontRef, MetadataProvider};

use super::text::Weight;
use crate::assets;

/// Index of a face in the chain; stable for the life of the process.
pub type FaceId = usize;

/// The drawn stand-in for a letter that no available font has: a visible box, never nothing.
pub const TOFU: char = '□';

/// NanumSquare Regular: the first face of the regular chain (it also draws [`TOFU`]).
pub const NANUM_REGULAR: FaceId = 0;
/// NanumSquare Bold: the first face of the bold chain.
pub const NANUM_BOLD: FaceId = 1;
const NOTO_REGULAR: FaceId = 2;
const NOTO_BOLD: FaceId = 3;
const MATH: FaceId = 4;
const SYMBOLS: FaceId = 5;
const EMOJI: FaceId = 6;
/// How many faces are bundled (ids `0..BUNDLED`); system faces come after.
pub const BUNDLED: FaceId = 7;

/// One loaded face.
pub struct Face {
    /// Family name, as written in SVG `font-family` and `@font-face`.
    pub family: String,
    /// Whether this is a bold face (SVG `font-weight="700"`).
    pub bold: bool,
    /// The font file (a collection for `.ttc`), bundled or read once from the system.
    pub data: &'static [u8],
    /// Face index inside `data`.
    pub index: u32,
    /// Where the face comes from: `None` when bundled, else the system file.
    pub path: Option<std::path::PathBuf>,
    font: FontRef<'static>,
    upem: f32,
    /// Letters asked about so far and whether they have ink (see [`Face::covers`]).
    coverage: RwLock<HashMap<char, bool>>,
}

impl Face {
    fn load(
        data: &'static [u8],
        index: u32,
        family: &str,
        bold: bool,
        path: Option<std::path::PathBuf>,
    ) -> Option<Face> {
        let font = FontRef::from_index(data, index).ok()?;
        let upem = f32::from(
            font.metrics(Size::unscaled(), LocationRef::default())
                .units_per_em,
        );
        (upem > 0.0).then(|| Face {
            family: family.to_owned(),
            bold,
            data,
            index,
            path,
            font,
            upem,
            coverage: RwLock::new(HashMap::new()),
        })
    }

    /// The parsed font, for outlines and metrics.
    pub fn font(&self) -> &FontRef<'static> {
        &self.font
    }

    /// Design units per em.
    pub fn units_per_em(&self) -> f32 {
        self.upem
    }

    /// Whether the face really draws `c`: it maps `c` to a glyph with an outline that has ink.
    /// Fonts often map letters they do not design to an empty glyph (NanumSquare does so for
    /// every Han character), and bitmap-only colour emoji have no outline any renderer here
    /// could draw the same way; neither counts. Answers are remembered per letter.
    pub fn covers(&self, c: char) -> bool {
        let known = self.coverage.read().ok().and_then(|m| m.get(&c).copied());
        if let Some(k) = known {
            return k;
        }
        let has = has_ink(&self.font, c);
        if let Ok(mut m) = self.coverage.write() {
            m.insert(c, has);
        }
        has
    }

    /// Advance width of `c` in font units (0 for a letter the face lacks).
    pub fn advance(&self, c: char) -> f32 {
        self.font
            .charmap()
            .map(c)
            .and_then(|g| {
                self.font
                    .glyph_metrics(Size::unscaled(), LocationRef::default())
                    .advance_width(g)
            })
            .unwrap_or(0.0)
    }
}

/// Whether `font` maps `c` to a glyph it can draw (whitespace and invisible letters need no ink).
fn has_ink(font: &FontRef<'_>, c: char) -> bool {
    let Some(gid) = font.charmap().map(c).filter(|g| g.to_u32() != 0) else {
        return false;
    };
    if c.is_whitespace() || is_invisible(c) {
        return true;
    }
    let Some(glyph) = font.outline_glyphs().get(gid) else {
        return false;
    };
    let mut pen = InkPen(false);
    let settings = DrawSettings::unhinted(Size::new(16.0), LocationRef::default());
    glyph.draw(settings, &mut pen).is_ok() && pen.0
}

/// Notes whether an outline draws anything.
struct InkPen(bool);

impl OutlinePen for InkPen {
    fn move_to(&mut self, _: f32, _: f32) {}
    fn line_to(&mut self, _: f32, _: f32) {
        self.0 = true;
    }
    fn quad_to(&mut self, _: f32, _: f32, _: f32, _: f32) {
        self.0 = true;
    }
    fn curve_to(&mut self, _: f32, _: f32, _: f32, _: f32, _: f32, _: f32) {
        self.0 = true;
    }
    fn close(&mut self) {}
}

/// Letters drawn with no ink and no width of their own (joiners, direction marks).
pub fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{2060}' | '\u{FEFF}' | '\u{202A}'..='\u{202E}')
}

struct Registry {
    faces: RwLock<Vec<&'static Face>>,
    system: Mutex<System>,
}

#[derive(Default)]
struct System {
    db: Option<fontdb::Database>,
    found: HashMap<(char, bool), Option<FaceId>>,
    loaded: HashMap<(fontdb::ID, u32), FaceId>,
}

fn registry() -> &'static Registry {
    static REGISTRY: OnceLock<Registry> = OnceLock::new();
    REGISTRY.get_or_init(|| {
        let bundled = [
            (assets::FONT_REGULAR, "NanumSquare", false),
            (assets::FONT_BOLD, "NanumSquare", true),
            (assets::FONT_LATIN_REGULAR, "Noto Sans", false),
            (assets::FONT_LATIN_BOLD, "Noto Sans", true),
            (assets::FONT_MATH, "Noto Sans Math", false),
            (assets::FONT_SYMBOLS, "Noto Sans Symbols 2", false),
            (assets::FONT_EMOJI, "Noto Emoji", false),
        ];
        let faces = bundled
            .iter()
            .map(|&(data, family, bold)| {
                let face = Face::load(data, 0, family, bold, None)
                    .unwrap_or_else(|| panic!("bundled font {family} is unreadable"));
                &*Box::leak(Box::new(face))
            })
            .collect();
        Registry {
            faces: RwLock::new(faces),
            system: Mutex::new(System::default()),
        }
    })
}

/// The face with this id.
pub fn face(id: FaceId) -> &'static Face {
    let faces = registry()
        .faces
        .read()
        .unwrap_or_else(|poison| poison.into_inner());
    faces.get(id).copied().unwrap_or(faces[NANUM_REGULAR])
}

/// Every face known so far, in [`FaceId`] order (the screen registers new ones with egui).
pub fn faces() -> Vec<&'static Face> {
    registry()
        .faces
        .read()
        .unwrap_or_else(|poison| poison.into_inner())
        .clone()
}

/// The bundled faces tried, in order, for a text of this weight.
pub fn bundled_chain(weight: Weight) -> [FaceId; 5] {
    match weight {
        Weight::Regular => [NANUM_REGULAR, NOTO_REGULAR, MATH, SYMBOLS, EMOJI],
        Weight::Bold => [NANUM_BOLD, NOTO_BOLD, MATH, SYMBOLS, EMOJI],
    }
}

/// The first face of the chain that draws `c`, looking among the system's fonts when no
/// bundled face has it; `None` when nothing here can draw it (it is then drawn as [`TOFU`]).
pub fn face_for(c: char, weight: Weight) -> Option<FaceId> {
    if c.is_control() && !c.is_whitespace() {
        return None;
    }
    let bundled = bundled_chain(weight);
    if let Some(id) = bundled.into_iter().find(|&id| face(id).covers(c)) {
        return Some(id);
    }
    system_face_for(c, weight == Weight::Bold)
}

fn system_fonts_allowed() -> bool {
    std::env::var_os("SCALEVIEW_NO_SYSTEM_FONTS").is_none_or(|v| v.is_empty() || v == "0")
}

/// Look `c` up among the system's fonts: faces already loaded first, then every installed
/// face in a fixed order (matching weight first, then by family name and file), so the same
/// machine always picks the same face. Results are remembered per letter.
fn system_face_for(c: char, bold: bool) -> Option<FaceId> {
    if !system_fonts_allowed() || c.is_control() {
        return None;
    }
    let reg = registry();
    let mut sys = reg
        .system
        .lock()
        .unwrap_or_else(|poison| poison.into_inner());
    if let Some(&hit) = sys.found.get(&(c, bold)) {
        return hit;
    }
    let loaded: Vec<FaceId> = {
        let mut ids: Vec<FaceId> = sys.loaded.values().copied().collect();
        ids.sort_unstable();
        ids
    };
    let hit = loaded
        .iter()
        .copied()
        .filter(|&id| face(id).covers(c))
        .min_by_key(|&id| (face(id).bold != bold, id))
        .or_else(|| scan_system(&mut sys, c, bold));
    sys.found.insert((c, bold), hit);
    hit
}

fn scan_system(sys: &mut System, c: char, bold: bool) -> Option<FaceId> {
    let db = sys.db.get_or_insert_with(|| {
        let mut db = fontdb::Database::new();
        db.load_system_fonts();
        db
    });
    let mut candidates: Vec<(bool, String, String, u32, fontdb::ID)> = db
        .faces()
        .map(|f| {
            let path = match &f.source {
                fontdb::Source::File(p) | fontdb::Source::SharedFile(p, _) => {
                    p.display().to_string()
                }
                fontdb::Source::Binary(_) => String::new(),
            };
            let family = f
                .families
                .first()
                .map(|(n, _)| n.clone())
                .unwrap_or_default();
            let is_bold = f.weight.0 >= 600;
            let style_off = f.style != fontdb::Style::Normal || f.monospaced;
            (is_bold != bold || style_off, family, path, f.index, f.id)
        })
        .collect();
    candidates.sort();
    for (_, family, path, index, id) in candidates {
        let covers = db
            .with_face_data(id, |data, i| {
                FontRef::from_index(data, i).is_ok_and(|font| has_ink(&font, c))
            })
            .unwrap_or(false);
        if !covers {
            continue;
        }
        if let Some(&known) = sys.loaded.get(&(id, index)) {
            return Some(known);
        }
        let data: &'static [u8] = db
            .with_face_data(id, |data, _| Box::leak(data.to_vec().into_boxed_slice()))
            .map(|d| &*d)?;
        let is_bold = db.face(id).is_some_and(|f| f.weight.0 >= 600);
        let face = Face::load(
            data,
            index,
            &family,
            is_bold,
            (!path.is_empty()).then(|| path.into()),
        )?;
        let mut faces = registry()
            .faces
            .write()
            .unwrap_or_else(|poison| poison.into_inner());
        faces.push(Box::leak(Box::new(face)));
        let new_id = faces.len() - 1;
        sys.loaded.insert((id, index), new_id);
        return Some(new_id);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_chain_covers_latin_greek_cyrillic_and_hangul() {
        for c in
            "Café naïve Ærøskøbing Łódź Straße € ΆΈΉ ώ Жёлтый 한국어 → □ のサ ≈ ≤ ✓ ★ 🚀".chars()
        {
            let id = face_for(c, Weight::Regular);
            assert!(
                id.is_some_and(|id| id < BUNDLED),
                "{c:?} U+{:04X} not bundled",
                c as u32
            );
        }
        assert_eq!(face_for('é', Weight::Bold), Some(NOTO_BOLD));
        assert_eq!(face_for('한', Weight::Bold), Some(NANUM_BOLD));
        assert!(face(NANUM_REGULAR).covers(TOFU));
    }

    #[test]
    fn an_empty_glyph_is_not_coverage() {
        // NanumSquare maps Han characters and ≈ to glyphs without ink.
        for c in ['日', '中', '≈'] {
            assert!(!face(NANUM_REGULAR).covers(c), "{c}");
        }
    }

    #[test]
    fn a_private_use_letter_has_no_face() {
        assert_eq!(face_for('\u{10FFFD}', Weight::Regular), None);
        assert_eq!(face_for('\u{0007}', Weight::Regular), None);
    }
}
