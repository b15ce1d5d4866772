//! The paint list resolved into what tiny-skia fills: paths built once per picture — strokes
//! and dashes already outlined, text already turned into glyph outlines, icons already
//! rasterised — so that each strip of rows only fills the shapes that reach it.

use std::sync::Arc;

use resvg::tiny_skia::{
    self, FillRule, FilterQuality, Paint, Path, PathBuilder, Pixmap, PixmapMut, PixmapPaint,
    StrokeDash, Transform,
};

use super::IconPixmaps;
use crate::render::glyphs;
use crate::render::paint::{Prim, Stroke};
use crate::render::theme::Rgba;
use crate::scene::text;
use crate::scene::{Point, Rect};

/// One thing to put on the pixels, in picture coordinates.
pub(super) enum Shape {
    /// A path filled with a solid colour (a stroke arrives here as its outline).
    Fill {
        /// The outline, filled with the non-zero rule.
        path: Path,
        /// Its colour.
        colour: Rgba,
    },
    /// A stroke 1 px wide or thinner, which tiny-skia draws as a modulated hairline rather
    /// than an outline; already dashed.
    Hairline {
        /// The centre line.
        path: Path,
        /// Width and caps (no dash: the path is dashed already).
        stroke: tiny_skia::Stroke,
        /// Its colour.
        colour: Rgba,
    },
    /// An icon picture put at a whole pixel.
    Icon {
        /// The rasterised icon.
        picture: Arc<Pixmap>,
        /// Column of its left edge.
        x: i32,
        /// Row of its top edge.
        y: i32,
        /// 0 (invisible) to 1.
        opacity: f32,
    },
}

impl Shape {
    /// The rows the shape can touch, anti-aliasing included.
    fn rows(&self) -> (f32, f32) {
        match self {
            Shape::Fill { path, .. } => (path.bounds().top() - 1.0, path.bounds().bottom() + 1.0),
            Shape::Hairline { path, .. } => {
                (path.bounds().top() - 2.0, path.bounds().bottom() + 2.0)
            }
            Shape::Icon { picture, y, .. } => (*y as f32, (*y as f32) + picture.height() as f32),
        }
    }
}

fn paint_of(c: Rgba) -> Paint<'static> {
    let mut p = Paint::default();
    p.set_color_rgba8(c.0, c.1, c.2, c.3);
    p.anti_alias = true;
    p
}

/// A rectangle with per-corner radii (top-left, top-right, bottom-right, bottom-left).
fn rounded(r: Rect, radii: [f32; 4]) -> Option<Path> {
    let max = (r.width().min(r.height()) / 2.0).max(0.0);
    let [a, b, c, d] = radii.map(|x| x.clamp(0.0, max));
    // Control-point distance for a quarter circle drawn as a cubic.
    const K: f32 = 0.552_284_8;
    let (x0, y0, x1, y1) = (r.min.x, r.min.y, r.max.x, r.max.y);
    let mut pb = PathBuilder::new();
    pb.move_to(x0 + a, y0);
    pb.line_to(x1 - b, y0);
    if b > 0.0 {
        pb.cubic_to(x1 - b + b * K, y0, x1, y0 + b - b * K, x1, y0 + b);
    }
    pb.line_to(x1, y1 - c);
    if c > 0.0 {
        pb.cubic_to(x1, y1 - c + c * K, x1 - c + c * K, y1, x1 - c, y1);
    }
    pb.line_to(x0 + d, y1);
    if d > 0.0 {
        pb.cubic_to(x0 + d - d * K, y1, x0, y1 - d + d * K, x0, y1 - d);
    }
    pb.line_to(x0, y0 + a);
    if a > 0.0 {
        pb.cubic_to(x0, y0 + a - a * K, x0 + a - a * K, y0, x0 + a, y0);
    }
    pb.close();
    pb.finish()
}

/// The path through `points`, closed when `closed`.
fn poly_path(points: &[Point], closed: bool) -> Option<Path> {
    let mut pb = PathBuilder::new();
    for (i, p) in points.iter().enumerate() {
        if i == 0 {
            pb.move_to(p.x, p.y);
        } else {
            pb.line_to(p.x, p.y);
        }
    }
    if closed {
        pb.close();
    }
    pb.finish()
}

/// `path` stroked with `s`, as tiny-skia's `stroke_path` would with no scaling: dashed first,
/// then outlined (or kept as a hairline when 1 px or thinner).
fn stroked(path: &Path, s: &Stroke) -> Option<Shape> {
    let mut stroke = tiny_skia::Stroke {
        width: s.width,
        ..tiny_skia::Stroke::default()
    };
    if stroke.width.is_nan() || stroke.width < 0.0 {
        return None;
    }
    let dashed;
    let path = match s.dash.and_then(|(d, g)| StrokeDash::new(vec![d, g], 0.0)) {
        Some(dash) => {
            dashed = path.dash(&dash, 1.0)?;
            &dashed
        }
        None => path,
    };
    if stroke.width <= 1.0 {
        stroke.dash = None;
        return Some(Shape::Hairline {
            path: path.clone(),
            stroke,
            colour: s.colour,
        });
    }
    Some(Shape::Fill {
        path: path.stroke(&stroke, 1.0)?,
        colour: s.colour,
    })
}

/// The fill and stroke of one closed path.
fn filled_and_stroked(
    out: &mut Vec<Shape>,
    path: Option<Path>,
    fill: Option<Rgba>,
    stroke: Option<&Stroke>,
) {
    let Some(path) = path else { return };
    let outline = stroke.and_then(|s| stroked(&path, s));
    if let Some(colour) = fill {
        out.push(Shape::Fill { path, colour });
    }
    out.extend(outline);
}

/// The glyph outlines of one line of text.
fn text_path(prim: &Prim) -> Option<Shape> {
    let Prim::Text {
        x,
        y,
        size,
        weight,
        anchor,
        colour,
        content,
    } = prim
    else {
        return None;
    };
    let shaped = text::shape(content, *size, *weight);
    let left = anchor.left(*x, shaped.width);
    let mut pb = PathBuilder::new();
    for run in &shaped.runs {
        glyphs::run_path(&mut pb, run, left + run.x, *y, *size);
    }
    Some(Shape::Fill {
        path: pb.finish()?,
        colour: *colour,
    })
}

/// Every primitive of `prims` resolved, in drawing order; icons rasterised (or taken from
/// `icons`) on the way.
pub(super) fn resolve(prims: &[Prim], icons: &IconPixmaps) -> Vec<Shape> {
    icons.prepare(prims);
    let mut out = Vec::with_capacity(prims.len());
    for prim in prims {
        match prim {
            Prim::Begin { .. } | Prim::End => {}
            Prim::Rect {
                rect,
                radii,
                fill,
                stroke,
                ..
            } => filled_and_stroked(&mut out, rounded(*rect, *radii), *fill, stroke.as_ref()),
            Prim::Polyline { points, stroke, .. } => {
                out.extend(poly_path(points, false).and_then(|p| stroked(&p, stroke)));
            }
            Prim::Polygon { points, fill } => {
                filled_and_stroked(&mut out, poly_path(points, true), Some(*fill), None);
            }
            Prim::Circle {
                centre,
                radius,
                fill,
                stroke,
            } => filled_and_stroked(
                &mut out,
                PathBuilder::from_circle(centre.x, centre.y, *radius),
                *fill,
                stroke.as_ref(),
            ),
            Prim::Text { .. } => out.extend(text_path(prim)),
            Prim::Icon {
                icon,
                rect,
                opacity,
                ..
            } => {
                if rect.width() > 4096.0 || rect.width() <= 0.0 || *opacity <= 0.0 {
                    continue;
                }
                if let Some((picture, x, y)) = icons.get(icon.clone(), *rect) {
                    out.push(Shape::Icon {
                        picture,
                        x,
                        y,
                        opacity: opacity.clamp(0.0, 1.0),
                    });
                }
            }
        }
    }
    out
}

/// Fill `shapes` into `pixmap`, which holds the rows of the picture from `top` down; shapes
/// that cannot reach those rows are skipped.
pub(super) fn fill_band(pixmap: &mut PixmapMut, shapes: &[Shape], top: u32) {
    let at = Transform::from_translate(0.0, -(top as f32));
    let (first, last) = (top as f32, (top + pixmap.height()) as f32);
    for shape in shapes {
        let (above, below) = shape.rows();
        if below < first || above > last {
            continue;
        }
        match shape {
            Shape::Fill { path, colour } => {
                pixmap.fill_path(path, &paint_of(*colour), FillRule::Winding, at, None);
            }
            Shape::Hairline {
                path,
                stroke,
                colour,
            } => pixmap.stroke_path(path, &paint_of(*colour), stroke, at, None),
            Shape::Icon {
                picture,
                x,
                y,
                opacity,
            } => {
                let paint = PixmapPaint {
                    opacity: *opacity,
                    quality: FilterQuality::Nearest,
                    ..PixmapPaint::default()
                };
                pixmap.draw_pixmap(
                    *x,
                    y - top as i32,
                    picture.as_ref().as_ref(),
                    &paint,
                    Transform::identity(),
                    None,
                );
            }
        }
    }
}
