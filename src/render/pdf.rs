//! PDF drawing on top of `pdf-writer`: the export SVG (text as outlines) translated path by
//! path into vector PDF operators, and real text in the scene's font runs with subsets of the
//! faces embedded (Type 0 / CIDFontType2, glyph ids kept, a ToUnicode map so the text can be
//! searched, selected and copied).
//!
//! The SVG is parsed by usvg, which resolves everything (symbols, transforms, gradient units)
//! before drawing — so this translator only meets paths with solid or linear-gradient paint.

use std::collections::{BTreeMap, BTreeSet};

use pdf_writer::types::{
    CidFontType, FontFlags, FunctionShadingType, LineCapStyle, LineJoinStyle, SystemInfo,
    UnicodeCmap,
};
use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, Str};
use resvg::tiny_skia::PathSegment;
use resvg::usvg;

use crate::scene::fonts::{self, FaceId};
use crate::scene::text::{self, Weight};

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
        let mut rgb = Vec::with_capacity(pixmap.pixels().len() * 3);
        let mut alpha = Vec::with_capacity(pixmap.pixels().len());
        for p in pixmap.pixels() {
            let c = p.demultiply();
            rgb.extend([c.red(), c.green(), c.blue()]);
            alpha.push(c.alpha());
        }
        Some(Picture {
            name,
            width: pixmap.width(),
            height: pixmap.height(),
            rgb: deflate(&rgb),
            alpha: deflate(&alpha),
        })
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

fn rgb(c: usvg::Color) -> [f32; 3] {
    [
        f32::from(c.red) / 255.0,
        f32::from(c.green) / 255.0,
        f32::from(c.blue) / 255.0,
    ]
}

/// `a` then `b` as PDF matrices (`[a b c d e f]`): the transform that applies `a` first.
fn concat(a: [f32; 6], b: [f32; 6]) -> [f32; 6] {
    [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]
}

fn matrix(t: usvg::Transform) -> [f32; 6] {
    [t.sx, t.ky, t.kx, t.sy, t.tx, t.ty]
}

/// The export SVG `svg` (text as outlines) parsed and resolved, ready for [`draw_tree`].
pub fn parse_svg(svg: &str) -> Result<usvg::Tree, String> {
    usvg::Tree::from_str(svg, &usvg::Options::default()).map_err(|e| e.to_string())
}

/// Draw a parsed export SVG into `content`, with `place` mapping its pixels to page points
/// (PDF's y axis points up: include the flip).
pub fn draw_tree(
    content: &mut Content,
    res: &mut PageResources,
    tree: &usvg::Tree,
    place: [f32; 6],
) {
    content.save_state();
    content.transform(place);
    draw_group(content, res, tree.root(), 1.0, place);
    content.restore_state();
}

/// Compress a stream for `/FlateDecode`.
pub fn deflate(data: &[u8]) -> Vec<u8> {
    miniz_oxide::deflate::compress_to_vec_zlib(data, 6)
}

fn draw_group(
    content: &mut Content,
    res: &mut PageResources,
    group: &usvg::Group,
    opacity: f32,
    place: [f32; 6],
) {
    let opacity = opacity * group.opacity().get();
    for node in group.children() {
        match node {
            usvg::Node::Group(g) => draw_group(content, res, g, opacity, place),
            usvg::Node::Path(p) if p.is_visible() => draw_path(content, res, p, opacity, place),
            usvg::Node::Image(i) if i.is_visible() => draw_image(content, res, i, opacity, place),
            _ => {}
        }
    }
}

/// A picture inside the drawing (a PNG custom icon, or an SVG inside one); other raster
/// formats are left out of the PDF.
fn draw_image(
    content: &mut Content,
    res: &mut PageResources,
    image: &usvg::Image,
    opacity: f32,
    place: [f32; 6],
) {
    let data = match image.kind() {
        usvg::ImageKind::SVG(tree) => return draw_group(content, res, tree.root(), opacity, place),
        usvg::ImageKind::PNG(data) => data,
        _ => return,
    };
    let name = format!("I{}", res.images.len());
    let Some(picture) = Picture::from_png(name.clone(), data) else {
        return;
    };
    res.images.push(picture);
    let size = image.size();
    content.save_state();
    if opacity < 0.999 {
        let state = res.state(opacity, opacity);
        content.set_parameters(Name(state.as_bytes()));
    }
    content.transform(matrix(image.abs_transform()));
    // An image fills the unit square, its first row at the top: y runs down in SVG space.
    content.transform([size.width(), 0.0, 0.0, -size.height(), 0.0, size.height()]);
    content.x_object(Name(name.as_bytes()));
    content.restore_state();
}

/// The paint's colour, or a gradient pattern's name; and the paint's own opacity.
fn paint(
    res: &mut PageResources,
    paint: &usvg::Paint,
    to_page: [f32; 6],
) -> (Result<[f32; 3], String>, f32) {
    match paint {
        usvg::Paint::Color(c) => (Ok(rgb(*c)), 1.0),
        usvg::Paint::LinearGradient(g) => {
            let stops = g.stops();
            let (Some(first), Some(last)) = (stops.first(), stops.last()) else {
                return (Ok([0.0; 3]), 0.0);
            };
            let name = format!("P{}", res.patterns.len());
            res.patterns.push(Gradient {
                name: name.clone(),
                matrix: concat(matrix(g.transform()), to_page),
                coords: [g.x1(), g.y1(), g.x2(), g.y2()],
                from: rgb(first.color()),
                to: rgb(last.color()),
            });
            (Err(name), first.opacity().get().min(last.opacity().get()))
        }
        usvg::Paint::RadialGradient(g) => {
            let c = g.stops().first().map_or([0.0; 3], |s| rgb(s.color()));
            (Ok(c), 1.0)
        }
        usvg::Paint::Pattern(_) => (Ok([0.5; 3]), 1.0),
    }
}

fn draw_path(
    content: &mut Content,
    res: &mut PageResources,
    path: &usvg::Path,
    opacity: f32,
    place: [f32; 6],
) {
    let t = matrix(path.abs_transform());
    let to_page = concat(t, place);
    let fill = path.fill().map(|f| {
        let (p, o) = paint(res, f.paint(), to_page);
        (p, o * f.opacity().get() * opacity, f.rule())
    });
    let stroke = path.stroke().map(|s| {
        let (p, o) = paint(res, s.paint(), to_page);
        (p, o * s.opacity().get() * opacity, s)
    });
    content.save_state();
    content.transform(t);
    let fill_alpha = fill.as_ref().map_or(1.0, |f| f.1);
    let stroke_alpha = stroke.as_ref().map_or(1.0, |s| s.1);
    if fill_alpha < 0.999 || stroke_alpha < 0.999 {
        let name = res.state(fill_alpha, stroke_alpha);
        content.set_parameters(Name(name.as_bytes()));
    }
    if let Some((p, _, _)) = &fill {
        match p {
            Ok(c) => {
                content.set_fill_rgb(c[0], c[1], c[2]);
            }
            Err(name) => {
                content.set_fill_color_space(pdf_writer::types::ColorSpaceOperand::Pattern);
                content.set_fill_pattern(None, Name(name.as_bytes()));
            }
        }
    }
    if let Some((p, _, s)) = &stroke {
        match p {
            Ok(c) => {
                content.set_stroke_rgb(c[0], c[1], c[2]);
            }
            Err(name) => {
                content.set_stroke_color_space(pdf_writer::types::ColorSpaceOperand::Pattern);
                content.set_stroke_pattern(None, Name(name.as_bytes()));
            }
        }
        content.set_line_width(s.width().get());
        content.set_line_cap(match s.linecap() {
            usvg::LineCap::Butt => LineCapStyle::ButtCap,
            usvg::LineCap::Round => LineCapStyle::RoundCap,
            usvg::LineCap::Square => LineCapStyle::ProjectingSquareCap,
        });
        content.set_line_join(match s.linejoin() {
            usvg::LineJoin::Round => LineJoinStyle::RoundJoin,
            usvg::LineJoin::Bevel => LineJoinStyle::BevelJoin,
            _ => LineJoinStyle::MiterJoin,
        });
        if let Some(d) = s.dasharray() {
            content.set_dash_pattern(d.iter().copied(), s.dashoffset());
        }
    }
    let mut last = (0.0, 0.0);
    for seg in path.data().segments() {
        match seg {
            PathSegment::MoveTo(p) => {
                content.move_to(p.x, p.y);
                last = (p.x, p.y);
            }
            PathSegment::LineTo(p) => {
                content.line_to(p.x, p.y);
                last = (p.x, p.y);
            }
            PathSegment::QuadTo(c, p) => {
                // A quadratic Bézier as the cubic that draws it.
                let c1 = (
                    last.0 + 2.0 / 3.0 * (c.x - last.0),
                    last.1 + 2.0 / 3.0 * (c.y - last.1),
                );
                let c2 = (p.x + 2.0 / 3.0 * (c.x - p.x), p.y + 2.0 / 3.0 * (c.y - p.y));
                content.cubic_to(c1.0, c1.1, c2.0, c2.1, p.x, p.y);
                last = (p.x, p.y);
            }
            PathSegment::CubicTo(c1, c2, p) => {
                content.cubic_to(c1.x, c1.y, c2.x, c2.y, p.x, p.y);
                last = (p.x, p.y);
            }
            PathSegment::Close => {
                content.close_path();
            }
        }
    }
    let even_odd = fill
        .as_ref()
        .is_some_and(|f| f.2 == usvg::FillRule::EvenOdd);
    match (fill.is_some(), stroke.is_some()) {
        (true, true) if even_odd => content.fill_even_odd_and_stroke(),
        (true, true) => content.fill_nonzero_and_stroke(),
        (true, false) if even_odd => content.fill_even_odd(),
        (true, false) => content.fill_nonzero(),
        (false, true) => content.stroke(),
        (false, false) => content.end_path(),
    };
    content.restore_state();
}

/// The faces a document's text uses and the letters of each, to embed at the end.
#[derive(Debug, Default)]
pub struct FontSet {
    used: BTreeMap<FaceId, BTreeSet<char>>,
    refs: BTreeMap<FaceId, Ref>,
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
            let data = super::svg_text::subset_bytes(face.data, face.index, chars, true)
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
