//! The export SVG, parsed by usvg, translated node by node into PDF operators: groups with
//! their transforms and opacity, paths with solid or linear-gradient paint, PNG images.

use pdf_writer::types::{LineCapStyle, LineJoinStyle};
use pdf_writer::{Content, Name};
use resvg::tiny_skia::PathSegment;
use resvg::usvg;

use super::{Gradient, PageResources, Picture};

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

/// Pixels on the long side of a JPEG, GIF or WebP picture inside a custom icon, redrawn for
/// the PDF: an icon is at most a few centimetres on a page, so this is print quality.
const OTHER_IMAGE_PX: f32 = 256.0;

/// A picture inside the drawing: a PNG custom icon, an SVG inside one (drawn as vectors), or a
/// JPEG, GIF or WebP inside one (decoded and embedded as pixels with their transparency).
fn draw_image(
    content: &mut Content,
    res: &mut PageResources,
    image: &usvg::Image,
    opacity: f32,
    place: [f32; 6],
) {
    let name = format!("I{}", res.images.len());
    let picture = match image.kind() {
        usvg::ImageKind::SVG(tree) => return draw_group(content, res, tree.root(), opacity, place),
        usvg::ImageKind::PNG(data) => Picture::from_png(name.clone(), data),
        other => Picture::from_other(name.clone(), other, image.size(), OTHER_IMAGE_PX),
    };
    let Some(picture) = picture else {
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
