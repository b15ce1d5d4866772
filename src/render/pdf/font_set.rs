//! Real text in PDF: the scene's font runs written with subsets of their faces embedded
//! (Type 0 / CIDFontType2, glyph ids kept, a ToUnicode map for search and copy).

use std::collections::{BTreeMap, BTreeSet};

use pdf_writer::types::{CidFontType, FontFlags, SystemInfo, UnicodeCmap};
use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, Str};

use super::{Alloc, TextStyle, deflate};

use crate::scene::fonts::{self, FaceId};
use crate::scene::text;

/// The faces a document's text uses and the letters of each, to embed at the end.
#[derive(Debug, Default)]
pub struct FontSet {
    used: BTreeMap<FaceId, BTreeSet<char>>,
    pub(super) refs: BTreeMap<FaceId, Ref>,
}

impl FontSet {
    /// Take in the letters another set used (pages laid out apart, then kept).
    pub fn absorb(&mut self, other: FontSet) {
        for (face, chars) in other.used {
            self.used.entry(face).or_default().extend(chars);
        }
    }

    /// Reserve the font objects of every face used so far (call before writing pages that
    /// name them, after all text was laid out).
    pub fn reserve(&mut self, alloc: &mut Alloc) {
        for face in self.used.keys() {
            self.refs.entry(*face).or_insert_with(|| alloc.bump());
        }
    }

    /// Show one line of text with the left end of its baseline at `(x, y)` (page points).
    pub fn line(&mut self, content: &mut Content, s: &str, (x, y): (f32, f32), style: TextStyle) {
        let TextStyle {
            size,
            weight,
            colour,
        } = style;
        let shaped = text::shape(s, size, weight);
        content.begin_text();
        content.set_fill_rgb(colour[0], colour[1], colour[2]);
        for run in &shaped.runs {
            let face = fonts::face(run.face);
            let charmap = {
                use skrifa::MetadataProvider;
                face.font().charmap()
            };
            let mut glyphs = Vec::new();
            for c in run.text.chars().filter(|c| !fonts::is_invisible(*c)) {
                self.used.entry(run.face).or_default().insert(c);
                let gid = charmap.map(c).map_or(0, |g| g.to_u32());
                glyphs.extend_from_slice(&(gid as u16).to_be_bytes());
            }
            content.set_font(Name(format!("F{}", run.face).as_bytes()), size);
            content.set_text_matrix([1.0, 0.0, 0.0, 1.0, x + run.x, y]);
            content.show(Str(&glyphs));
        }
        content.end_text();
    }

    /// Write every reserved font: a subset of the face with the used letters (glyph ids kept),
    /// its widths, and the map from glyphs back to letters.
    pub fn write(&self, pdf: &mut Pdf, alloc: &mut Alloc) {
        for (face_id, chars) in &self.used {
            let Some(&type0) = self.refs.get(face_id) else {
                continue;
            };
            let face = fonts::face(*face_id);
            let (cid, descriptor, file, cmap) =
                (alloc.bump(), alloc.bump(), alloc.bump(), alloc.bump());
            let name = format!(
                "SV{:04}+{}",
                face_id,
                face.family
                    .chars()
                    .filter(char::is_ascii_alphanumeric)
                    .collect::<String>()
            );
            let charmap = {
                use skrifa::MetadataProvider;
                face.font().charmap()
            };
            let scale = 1000.0 / face.units_per_em();
            let mut glyphs: BTreeMap<u16, (char, f32)> = BTreeMap::new();
            for c in chars {
                if let Some(g) = charmap.map(*c) {
                    glyphs.insert(g.to_u32() as u16, (*c, face.advance(*c) * scale));
                }
            }
            pdf.type0_font(type0)
                .base_font(Name(name.as_bytes()))
                .encoding_predefined(Name(b"Identity-H"))
                .descendant_font(cid)
                .to_unicode(cmap);
            let mut cf = pdf.cid_font(cid);
            cf.subtype(CidFontType::Type2)
                .base_font(Name(name.as_bytes()))
                .system_info(SystemInfo {
                    registry: Str(b"Adobe"),
                    ordering: Str(b"Identity"),
                    supplement: 0,
                })
                .font_descriptor(descriptor)
                .default_width(0.0)
                .cid_to_gid_map_predefined(Name(b"Identity"));
            {
                let mut w = cf.widths();
                for (g, (_, width)) in &glyphs {
                    w.consecutive(*g, [*width]);
                }
            }
            cf.finish();
            pdf.font_descriptor(descriptor)
                .name(Name(name.as_bytes()))
                .flags(FontFlags::SYMBOLIC)
                .bbox(Rect::new(-200.0, -300.0, 1200.0, 1000.0))
                .italic_angle(0.0)
                .ascent(900.0)
                .descent(-250.0)
                .cap_height(700.0)
                .stem_v(if face.bold { 120.0 } else { 80.0 })
                .font_file2(file);
            let data = crate::render::svg_text::subset_bytes(face.data, face.index, chars, true)
                .unwrap_or_else(|| face.data.to_vec());
            let packed = deflate(&data);
            pdf.stream(file, &packed)
                .filter(pdf_writer::Filter::FlateDecode)
                .pair(Name(b"Length1"), data.len() as i32);
            let mut unicode = UnicodeCmap::new(
                Name(b"Custom"),
                SystemInfo {
                    registry: Str(b"Adobe"),
                    ordering: Str(b"UCS"),
                    supplement: 0,
                },
            );
            for (g, (c, _)) in &glyphs {
                unicode.pair(*g, *c);
            }
            let unicode = unicode.finish();
            pdf.cmap(cmap, &unicode);
        }
    }
}
