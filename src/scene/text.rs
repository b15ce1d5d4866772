//! Text measurement and wrapping with the bundled font's real metrics, so the screen and the
//! exports size labels identically.

use std::sync::OnceLock;

use skrifa::instance::{LocationRef, Size};
use skrifa::{FontRef, MetadataProvider};

use crate::assets;

/// Which bundled face a text uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Weight {
    /// NanumSquare Regular.
    Regular,
    /// NanumSquare Bold.
    Bold,
}

struct Face {
    font: FontRef<'static>,
    upem: f32,
    /// Advances of the ASCII characters (font units), looked up once: most labels are ASCII
    /// and a charmap lookup per character dominated laying out big diagrams.
    ascii: [f32; 128],
}

fn face(weight: Weight) -> Option<&'static Face> {
    static REGULAR: OnceLock<Option<Face>> = OnceLock::new();
    static BOLD: OnceLock<Option<Face>> = OnceLock::new();
    let (cell, bytes) = match weight {
        Weight::Regular => (&REGULAR, assets::FONT_REGULAR),
        Weight::Bold => (&BOLD, assets::FONT_BOLD),
    };
    cell.get_or_init(|| {
        let font = FontRef::new(bytes).ok()?;
        let upem = f32::from(
            font.metrics(Size::unscaled(), LocationRef::default())
                .units_per_em,
        );
        if upem <= 0.0 {
            return None;
        }
        let charmap = font.charmap();
        let metrics = font.glyph_metrics(Size::unscaled(), LocationRef::default());
        let mut ascii = [upem * 0.6; 128];
        for (b, slot) in ascii.iter_mut().enumerate() {
            if let Some(w) = charmap
                .map(char::from(b as u8))
                .and_then(|g| metrics.advance_width(g))
            {
                *slot = w;
            }
        }
        Some(Face { font, upem, ascii })
    })
    .as_ref()
}

/// Whether the bundled font has a glyph for `c` (tests use this to check shipped diagrams).
pub fn has_glyph(c: char) -> bool {
    c.is_whitespace() || face(Weight::Regular).is_some_and(|f| f.font.charmap().map(c).is_some())
}

/// Width of `text` in scene units at font size `size`.
pub fn width(text: &str, size: f32, weight: Weight) -> f32 {
    let Some(f) = face(weight) else {
        return text.chars().count() as f32 * size * 0.6;
    };
    if text.is_ascii() {
        let units: f32 = text.bytes().map(|b| f.ascii[usize::from(b & 0x7f)]).sum();
        return units / f.upem * size;
    }
    let charmap = f.font.charmap();
    let metrics = f
        .font
        .glyph_metrics(Size::unscaled(), LocationRef::default());
    let units: f32 = text
        .chars()
        .map(|c| {
            if c.is_ascii() {
                return f.ascii[c as usize];
            }
            charmap
                .map(c)
                .and_then(|g| metrics.advance_width(g))
                .unwrap_or(f.upem * if is_wide(c) { 1.0 } else { 0.6 })
        })
        .sum();
    units / f.upem * size
}

fn is_wide(c: char) -> bool {
    matches!(c as u32, 0x1100..=0x11FF | 0x3000..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF)
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
    for word in text.split_whitespace() {
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
