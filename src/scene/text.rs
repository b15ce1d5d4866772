//! Text measurement and wrapping, and the runs every renderer draws: one font fallback chain
//! ([`super::fonts`]) decides which face draws which letter, so the screen, PNG and SVG agree
//! with the widths the scene measured.

use std::borrow::Cow;
use std::sync::OnceLock;

use super::fonts::{self, FaceId, TOFU};

/// Which weight a text uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Weight {
    /// Regular (NanumSquare Regular first).
    Regular,
    /// Bold, for titles and group labels (NanumSquare Bold first).
    Bold,
}

/// A piece of a line drawn with one face, placed by the scene's measurement.
#[derive(Clone, Debug, PartialEq)]
pub struct Run {
    /// The face that has every letter of `text`.
    pub face: FaceId,
    /// The letters, in the order they are drawn (left to right; right-to-left text is already
    /// reordered, missing letters are already [`TOFU`]).
    pub text: String,
    /// Start of the run from the line's left edge, in the units of `size`.
    pub x: f32,
    /// Width of the run (sum of advances).
    pub width: f32,
    /// Whether the run is right-to-left script (its `text` is already in drawing order; a
    /// renderer that reorders such text itself must be given it reversed).
    pub rtl: bool,
}

/// A line of text cut into [`Run`]s.
#[derive(Clone, Debug, PartialEq)]
pub struct Shaped {
    /// The runs, left to right.
    pub runs: Vec<Run>,
    /// Width of the whole line, the same number [`width`] returns.
    pub width: f32,
}

/// Advances of printable ASCII in NanumSquare (font units), looked up once: most labels are
/// ASCII and a charmap lookup per character dominated laying out big diagrams.
fn ascii_advances(weight: Weight) -> &'static [f32; 128] {
    static TABLES: OnceLock<[[f32; 128]; 2]> = OnceLock::new();
    let tables = TABLES.get_or_init(|| {
        [Weight::Regular, Weight::Bold].map(|w| {
            let face = fonts::face(fonts::bundled_chain(w)[0]);
            let mut t = [0.0; 128];
            for (b, slot) in t.iter_mut().enumerate() {
                *slot = face.advance(char::from(b as u8));
            }
            t
        })
    });
    &tables[usize::from(weight == Weight::Bold)]
}

/// Whether NanumSquare alone draws `text` (printable ASCII): the fast path.
fn plain_ascii(text: &str) -> bool {
    text.bytes().all(|b| (0x20..0x7f).contains(&b))
}

/// Whether the chain has a real glyph for `c` (bundled or from the system).
pub fn has_glyph(c: char) -> bool {
    c.is_whitespace() || fonts::is_invisible(c) || fonts::face_for(c, Weight::Regular).is_some()
}

/// Width of `text` in scene units at font size `size`.
pub fn width(text: &str, size: f32, weight: Weight) -> f32 {
    if plain_ascii(text) {
        let table = ascii_advances(weight);
        let units: f32 = text.bytes().map(|b| table[usize::from(b)]).sum();
        return units / fonts::face(fonts::bundled_chain(weight)[0]).units_per_em() * size;
    }
    shape(text, size, weight).width
}

/// Cut `text` (one line) into runs of one face each, in drawing order, measured at `size`.
pub fn shape(text: &str, size: f32, weight: Weight) -> Shaped {
    let first = fonts::bundled_chain(weight)[0];
    if plain_ascii(text) {
        let width = width(text, size, weight);
        let runs = if text.is_empty() {
            Vec::new()
        } else {
            vec![Run {
                face: first,
                text: text.to_owned(),
                x: 0.0,
                width,
                rtl: false,
            }]
        };
        return Shaped { runs, width };
    }
    let visual = visual_order(text);
    let mut runs: Vec<Run> = Vec::new();
    let mut x = 0.0;
    for (c, face) in assign_faces(&visual, weight) {
        let (c, face) = match face {
            Some(f) => (c, f),
            None => (TOFU, first),
        };
        let f = fonts::face(face);
        let advance = if fonts::is_invisible(c) {
            0.0
        } else {
            f.advance(c) / f.units_per_em() * size
        };
        // Runs also break where the direction changes, so each is one direction throughout
        // (spaces and joiners go with the run they are in).
        let neutral = c == ' ' || fonts::is_invisible(c);
        let rtl = is_right_to_left(c);
        match runs.last_mut() {
            Some(run) if run.face == face && (neutral || run.rtl == rtl) => {
                run.text.push(c);
                run.width += advance;
            }
            _ => runs.push(Run {
                face,
                text: c.to_string(),
                x,
                width: advance,
                rtl,
            }),
        }
        x += advance;
    }
    Shaped { runs, width: x }
}

/// The face of every letter of `text`: per word, the first face of the chain that has all of
/// its letters (so "Café" is one face, not three letters of one and one of another); a word no
/// single face covers takes each letter's own first face. Spaces keep the face before them.
/// `None` marks a letter nothing here can draw.
fn assign_faces(text: &str, weight: Weight) -> Vec<(char, Option<FaceId>)> {
    // A line one bundled face draws entirely stays in that face ("Base de données" in Noto
    // Sans, rather than two words of NanumSquare and one of Noto Sans).
    let whole_line = fonts::bundled_chain(weight).into_iter().find(|&id| {
        text.chars()
            .filter(|c| !c.is_whitespace() && !fonts::is_invisible(*c))
            .all(|c| fonts::face(id).covers(c))
    });
    if let Some(id) = whole_line {
        return text
            .chars()
            .map(|c| (if c.is_whitespace() { ' ' } else { c }, Some(id)))
            .collect();
    }
    let mut out: Vec<(char, Option<FaceId>)> = Vec::with_capacity(text.len());
    let mut word: Vec<char> = Vec::new();
    let flush = |word: &mut Vec<char>, out: &mut Vec<(char, Option<FaceId>)>| {
        if word.is_empty() {
            return;
        }
        let own: Vec<Option<FaceId>> = word.iter().map(|&c| fonts::face_for(c, weight)).collect();
        let mut candidates: Vec<FaceId> = fonts::bundled_chain(weight).to_vec();
        for id in own.iter().flatten() {
            if !candidates.contains(id) {
                candidates.push(*id);
            }
        }
        let whole = candidates.into_iter().find(|&id| {
            word.iter()
                .filter(|c| !fonts::is_invisible(**c))
                .all(|&c| fonts::face(id).covers(c))
        });
        match whole {
            Some(id) => out.extend(word.iter().map(|&c| (c, Some(id)))),
            None => out.extend(word.iter().copied().zip(own)),
        }
        word.clear();
    };
    for c in text.chars() {
        if c.is_whitespace() {
            flush(&mut word, &mut out);
            let before = out.last().and_then(|&(_, f)| f);
            let face = before
                .filter(|&f| fonts::face(f).covers(' '))
                .unwrap_or(fonts::bundled_chain(weight)[0]);
            // Every kind of space is drawn as the face's own space.
            out.push((' ', Some(face)));
        } else {
            word.push(c);
        }
    }
    flush(&mut word, &mut out);
    out
}

/// Whether `c` belongs to a right-to-left script (Hebrew, Arabic, Syriac, Thaana, N'Ko…).
pub fn is_right_to_left(c: char) -> bool {
    matches!(
        c as u32,
        0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF | 0x10800..=0x10FFF | 0x1E800..=0x1EFFF
    )
}

/// Whether `c` is an Arabic-script letter that joins its neighbours when shaped.
pub fn joins(c: char) -> bool {
    matches!(
        c as u32,
        0x0620..=0x064A | 0x066E..=0x06D3 | 0x06FA..=0x06FF | 0x0750..=0x077F | 0x08A0..=0x08FF
    )
}

/// `text` in drawing order: right-to-left runs reversed by the Unicode bidi algorithm, with a
/// zero-width non-joiner between Arabic letters so that every renderer — including those that
/// shape — draws the same unjoined letters in the same order (`check` warns about it).
pub fn visual_order(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_right_to_left) {
        return Cow::Borrowed(text);
    }
    let info = unicode_bidi::BidiInfo::new(text, None);
    let mut out = String::with_capacity(text.len() * 2);
    for para in &info.paragraphs {
        let line = para.range.clone();
        out.push_str(&info.reorder_line(para, line));
    }
    let mut spaced = String::with_capacity(out.len() * 2);
    let mut prev: Option<char> = None;
    for c in out.chars() {
        if prev.is_some_and(joins) && joins(c) {
            spaced.push('\u{200C}');
        }
        spaced.push(c);
        prev = Some(c);
    }
    Cow::Owned(spaced)
}

/// Break `text` into at most `max_lines` lines no wider than `max_width`; a `\n` in the text
/// always starts a new line. The last line ends with `…` when the text did not fit. Returns
/// the lines and whether anything was cut.
pub fn wrap(
    text: &str,
    size: f32,
    weight: Weight,
    max_width: f32,
    max_lines: usize,
) -> (Vec<String>, bool) {
    let mut lines: Vec<String> = Vec::new();
    for paragraph in text.split('\n') {
        wrap_paragraph(paragraph, size, weight, max_width, &mut lines);
    }
    if lines.len() <= max_lines {
        return (lines, false);
    }
    lines.truncate(max_lines.max(1));
    if let Some(last) = lines.last_mut() {
        *last = ellipsize(last, size, weight, max_width);
    }
    (lines, true)
}

/// Append the lines of one paragraph (text without line breaks), broken at spaces, or inside a
/// word wider than a line.
fn wrap_paragraph(text: &str, size: f32, weight: Weight, max_width: f32, lines: &mut Vec<String>) {
    let mut current = String::new();
    let breakable = |c: char| c.is_whitespace() && !is_no_break_space(c);
    for word in text.split(breakable).filter(|w| !w.is_empty()) {
        let candidate = if current.is_empty() {
            word.to_owned()
        } else {
            format!("{current} {word}")
        };
        if width(&candidate, size, weight) <= max_width {
            current = candidate;
            continue;
        }
        if !current.is_empty() {
            lines.push(std::mem::take(&mut current));
        }
        // A single word wider than the line is broken by characters.
        let mut piece = String::new();
        for c in word.chars() {
            piece.push(c);
            if width(&piece, size, weight) > max_width && piece.chars().count() > 1 {
                piece.pop();
                lines.push(std::mem::take(&mut piece));
                piece.push(c);
            }
        }
        current = piece;
    }
    if !current.is_empty() {
        lines.push(current);
    }
}

/// A space a line must not break at: no-break (U+00A0), narrow no-break (U+202F, between
/// groups of digits in French) and figure space (U+2007).
fn is_no_break_space(c: char) -> bool {
    matches!(c, '\u{a0}' | '\u{202f}' | '\u{2007}')
}

/// Shorten `line` until it plus `…` fits in `max_width`.
pub fn ellipsize(line: &str, size: f32, weight: Weight, max_width: f32) -> String {
    let mut chars: Vec<char> = line.chars().collect();
    loop {
        let candidate: String = chars.iter().collect::<String>() + "…";
        if chars.is_empty() || width(&candidate, size, weight) <= max_width {
            return candidate;
        }
        chars.pop();
        while chars.last().is_some_and(|c| c.is_whitespace()) {
            chars.pop();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_come_from_the_font() {
        let narrow = width("iiii", 20.0, Weight::Regular);
        let wide = width("WWWW", 20.0, Weight::Regular);
        assert!(narrow > 0.0 && wide > narrow * 1.5, "{narrow} {wide}");
        assert!(
            (width("ab", 40.0, Weight::Regular) - 2.0 * width("ab", 20.0, Weight::Regular)).abs()
                < 1e-3
        );
        assert!(has_glyph('한') && has_glyph('A'));
    }

    #[test]
    fn a_line_never_breaks_at_a_no_break_space() {
        // "1 000 000 utilisateurs" in French: the number stays whole on its line.
        let text = "1\u{202f}000\u{202f}000 utilisateurs";
        let number = width("1\u{202f}000\u{202f}000", 18.0, Weight::Regular).max(width(
            "utilisateurs",
            18.0,
            Weight::Regular,
        ));
        let (lines, _) = wrap(text, 18.0, Weight::Regular, number + 2.0, 3);
        assert_eq!(lines, ["1\u{202f}000\u{202f}000", "utilisateurs"]);
        let (lines, _) = wrap("1 000 000 users", 18.0, Weight::Regular, number + 2.0, 3);
        assert_eq!(lines.len(), 2, "ordinary spaces still break: {lines:?}");
    }

    #[test]
    fn a_newline_in_the_text_starts_a_new_line() {
        let (lines, cut) = wrap("Web\nservers", 18.0, Weight::Regular, 500.0, 2);
        assert_eq!(lines, ["Web", "servers"]);
        assert!(!cut);
        let (lines, cut) = wrap("a\nb\nc", 18.0, Weight::Regular, 500.0, 2);
        assert_eq!(lines.len(), 2);
        assert!(cut, "a third line is cut");
    }

    #[test]
    fn wrap_respects_width_and_line_limit() {
        let (lines, cut) = wrap("Web app + database", 17.0, Weight::Regular, 120.0, 2);
        assert!(!cut && lines.len() == 2, "{lines:?}");
        for l in &lines {
            assert!(width(l, 17.0, Weight::Regular) <= 120.0);
        }
        let (lines, cut) = wrap(
            "one two three four five six seven eight",
            17.0,
            Weight::Regular,
            80.0,
            2,
        );
        assert!(
            cut && lines.len() == 2 && lines[1].ends_with('…'),
            "{lines:?}"
        );
        let (lines, _) = wrap(
            "사용자 1,000명이 접속하는 아키텍처",
            17.0,
            Weight::Regular,
            100.0,
            3,
        );
        assert!(lines.len() >= 2, "{lines:?}");
    }
}
