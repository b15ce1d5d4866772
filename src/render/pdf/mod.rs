//! PDF drawing on top of `pdf-writer`: the export SVG (text as outlines) translated path by
//! path into vector PDF operators, and real text in the scene's font runs with subsets of the
//! faces embedded (Type 0 / CIDFontType2, glyph ids kept, a ToUnicode map so the text can be
//! searched, selected and copied).
//!
//! The SVG is parsed by usvg, which resolves everything (symbols, transforms, gradient units)
//! before drawing — so this translator only meets paths with solid or linear-gradient paint.

mod draw;
mod font_set;

pub use draw::{deflate, draw_tree, parse_svg};
pub use font_set::FontSet;

use std::collections::BTreeMap;

use pdf_writer::types::FunctionShadingType;
use pdf_writer::{Finish, Name, Pdf, Rect, Ref};

use crate::scene::text::Weight;

/// Hands out object numbers.
#[derive(Debug)]
pub struct Alloc(i32);

impl Default for Alloc {
    fn default() -> Self {
        Alloc(1)
    }
}

impl Alloc {
    /// A fresh object reference.
    pub fn bump(&mut self) -> Ref {
        let r = Ref::new(self.0);
        self.0 += 1;
        r
    }
}

/// What a page's content refers to: graphics states (opacity) and gradient patterns, by
/// name, written once the page is done.
#[derive(Debug, Default)]
pub struct PageResources {
    /// `/Gn` → (fill opacity, stroke opacity).
    pub states: BTreeMap<String, (f32, f32)>,
    /// The gradients used, written as `/Pn` shading patterns.
    patterns: Vec<Gradient>,
    /// The pictures used (PNG inside a custom icon), written as `/In` image XObjects.
    images: Vec<Picture>,
}

/// A raster picture, ready to be written as an image XObject with a soft mask.
#[derive(Debug)]
struct Picture {
    name: String,
    width: u32,
    height: u32,
    /// RGB, deflated.
    rgb: Vec<u8>,
    /// Alpha, deflated.
    alpha: Vec<u8>,
}

impl Picture {
    /// A PNG's pixels, colour and opacity apart (PDF keeps opacity in a soft mask).
    fn from_png(name: String, data: &[u8]) -> Option<Picture> {
        let pixmap = resvg::tiny_skia::Pixmap::decode_png(data).ok()?;
        Some(Picture::from_pixmap(name, &pixmap))
    }

    /// A picture of a format PDF has no filter for here (JPEG, GIF, WebP inside a custom
    /// SVG icon), decoded by resvg and drawn at `px` pixels on its long side.
    fn from_other(
        name: String,
        kind: &usvg::ImageKind,
        size: usvg::Size,
        px: f32,
    ) -> Option<Picture> {
        use base64::Engine as _;
        let (mime, data) = match kind {
            usvg::ImageKind::JPEG(d) => ("jpeg", d),
            usvg::ImageKind::GIF(d) => ("gif", d),
            usvg::ImageKind::WEBP(d) => ("webp", d),
            _ => return None,
        };
        let s = px / size.width().max(size.height()).max(1e-3);
        let (w, h) = (size.width() * s, size.height() * s);
        let data = base64::engine::general_purpose::STANDARD.encode(data.as_slice());
        let svg = format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\">\
             <image width=\"{w}\" height=\"{h}\" preserveAspectRatio=\"none\" \
             href=\"data:image/{mime};base64,{data}\"/></svg>"
        );
        let tree = usvg::Tree::from_str(&svg, &usvg::Options::default()).ok()?;
        let mut pixmap = resvg::tiny_skia::Pixmap::new(w.ceil() as u32, h.ceil() as u32)?;
        resvg::render(
            &tree,
            resvg::tiny_skia::Transform::default(),
            &mut pixmap.as_mut(),
        );
        Some(Picture::from_pixmap(name, &pixmap))
    }

    fn from_pixmap(name: String, pixmap: &resvg::tiny_skia::Pixmap) -> Picture {
        let mut rgb = Vec::with_capacity(pixmap.pixels().len() * 3);
        let mut alpha = Vec::with_capacity(pixmap.pixels().len());
        for p in pixmap.pixels() {
            let c = p.demultiply();
            rgb.extend([c.red(), c.green(), c.blue()]);
            alpha.push(c.alpha());
        }
        Picture {
            name,
            width: pixmap.width(),
            height: pixmap.height(),
            rgb: deflate(&rgb),
            alpha: deflate(&alpha),
        }
    }
}

/// Where a page goes in the document: its object, its content stream, its size and its
/// page tree.
#[derive(Clone, Copy, Debug)]
pub struct PageSlot {
    /// The page object.
    pub page: Ref,
    /// Its content stream.
    pub contents: Ref,
    /// Its size in points.
    pub media: Rect,
    /// The page tree it belongs to.
    pub parent: Ref,
}

/// How a line of text looks.
#[derive(Clone, Copy, Debug)]
pub struct TextStyle {
    /// Size in points.
    pub size: f32,
    /// Regular or bold.
    pub weight: Weight,
    /// Fill colour, RGB 0..=1.
    pub colour: [f32; 3],
}

/// A two-colour axial gradient, ready to be written as a shading pattern.
#[derive(Debug)]
struct Gradient {
    name: String,
    matrix: [f32; 6],
    coords: [f32; 4],
    from: [f32; 3],
    to: [f32; 3],
}

impl PageResources {
    /// The graphics state name for these opacities.
    fn state(&mut self, fill: f32, stroke: f32) -> String {
        let name = format!("G{}", self.states.len());
        let key = (
            (fill * 1000.0).round() / 1000.0,
            (stroke * 1000.0).round() / 1000.0,
        );
        if let Some((n, _)) = self.states.iter().find(|(_, v)| **v == key) {
            return n.clone();
        }
        self.states.insert(name.clone(), key);
        name
    }

    /// Write the page object `slot.page` with these resources, and the objects they name.
    pub fn write(&self, pdf: &mut Pdf, alloc: &mut Alloc, slot: PageSlot, fonts: &FontSet) {
        let PageSlot {
            page,
            contents,
            media,
            parent,
        } = slot;
        let pattern_refs: Vec<(String, Ref, Ref, Ref)> = self
            .patterns
            .iter()
            .map(|g| (g.name.clone(), alloc.bump(), alloc.bump(), alloc.bump()))
            .collect();
        let image_refs: Vec<(Ref, Ref)> = self
            .images
            .iter()
            .map(|_| (alloc.bump(), alloc.bump()))
            .collect();
        let state_refs: Vec<(String, Ref, (f32, f32))> = self
            .states
            .iter()
            .map(|(n, v)| (n.clone(), alloc.bump(), *v))
            .collect();
        let mut p = pdf.page(page);
        p.media_box(media).parent(parent).contents(contents);
        let mut res = p.resources();
        {
            let mut f = res.fonts();
            for (face, r) in &fonts.refs {
                f.pair(Name(format!("F{face}").as_bytes()), *r);
            }
        }
        {
            let mut s = res.ext_g_states();
            for (n, r, _) in &state_refs {
                s.pair(Name(n.as_bytes()), *r);
            }
        }
        {
            let mut pats = res.patterns();
            for (n, r, _, _) in &pattern_refs {
                pats.pair(Name(n.as_bytes()), *r);
            }
        }
        if !self.images.is_empty() {
            let mut x = res.x_objects();
            for (img, (r, _)) in self.images.iter().zip(&image_refs) {
                x.pair(Name(img.name.as_bytes()), *r);
            }
        }
        res.finish();
        p.finish();
        for (img, (r, mask)) in self.images.iter().zip(image_refs) {
            let mut x = pdf.image_xobject(r, &img.rgb);
            x.filter(pdf_writer::Filter::FlateDecode);
            x.width(img.width as i32)
                .height(img.height as i32)
                .bits_per_component(8)
                .s_mask(mask);
            x.color_space().device_rgb();
            x.finish();
            let mut m = pdf.image_xobject(mask, &img.alpha);
            m.filter(pdf_writer::Filter::FlateDecode);
            m.width(img.width as i32)
                .height(img.height as i32)
                .bits_per_component(8);
            m.color_space().device_gray();
            m.finish();
        }
        for (_, r, (fill, stroke)) in state_refs {
            pdf.ext_graphics(r)
                .non_stroking_alpha(fill)
                .stroking_alpha(stroke);
        }
        for (g, (_, pattern, shading, function)) in self.patterns.iter().zip(pattern_refs) {
            pdf.shading_pattern(pattern)
                .matrix(g.matrix)
                .shading_ref(shading);
            let mut sh = pdf.function_shading(shading);
            sh.shading_type(FunctionShadingType::Axial);
            sh.color_space().device_rgb();
            sh.coords(g.coords).function(function).extend([true, true]);
            sh.finish();
            pdf.exponential_function(function)
                .domain([0.0, 1.0])
                .c0(g.from)
                .c1(g.to)
                .n(1.0);
        }
    }
}
