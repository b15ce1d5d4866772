//! Pixels straight from the paint list ([`super::paint`]) with tiny-skia, on the CPU: the PNG
//! export and every frame of a film. Text is filled from the glyph outlines of the scene's
//! runs; icons are rasterised once per size and kept.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use resvg::tiny_skia::{
    self, FillRule, FilterQuality, Paint, PathBuilder, Pixmap, PixmapMut, PixmapPaint, StrokeDash,
    Transform,
};

use super::glyphs;
use super::icons;
use super::paint::{IconRef, Prim, Stroke};
use super::png::PngError;
use super::theme::Rgba;
use crate::scene::Rect;
use crate::scene::text;

/// Steps per pixel in which icon sizes and positions are told apart.
const ICON_STEPS: f32 = 4.0;

/// Icon pictures already rasterised: by picture, size and position within a pixel (in
/// quarters), so an icon is drawn where the scene put it — as a vector renderer would — and
/// still rasterised only once per look.
#[derive(Default)]
pub struct IconPixmaps {
    cache: Mutex<HashMap<IconKey, Option<Arc<Pixmap>>>>,
}

/// An icon at a size and a position within a pixel, both in quarter pixels.
type IconKey = (IconRef, u32, u8, u8);

/// Where an icon over `rect` is drawn from: its cache key, and the whole pixel where its
/// pixmap goes.
fn placed(icon: IconRef, rect: Rect) -> (IconKey, i32, i32) {
    let q = |v: f32| (v * ICON_STEPS).round() / ICON_STEPS;
    let (x, y, size) = (q(rect.min.x), q(rect.min.y), q(rect.width()));
    let (ox, oy) = (x.floor(), y.floor());
    let key = (
        icon,
        (size * ICON_STEPS) as u32,
        ((x - ox) * ICON_STEPS) as u8,
        ((y - oy) * ICON_STEPS) as u8,
    );
    (key, ox as i32, oy as i32)
}

/// The pixmap of a cache key.
fn rasterize(key: IconKey) -> Option<Arc<Pixmap>> {
    let (icon, size, fx, fy) = key;
    let svg = match icon {
        IconRef::Component(k) => icons::icon_svg(k),
        IconRef::Badge(k) => icons::group_badge_svg(k)?,
    };
    let s = |v: f32| v / ICON_STEPS;
    icons::rasterize_placed(svg, s(size as f32), s(f32::from(fx)), s(f32::from(fy))).map(Arc::new)
}

impl IconPixmaps {
    /// The picture of `icon` over `rect`, and the whole pixel where its pixmap goes.
    fn get(&self, icon: IconRef, rect: Rect) -> Option<(Arc<Pixmap>, i32, i32)> {
        let (key, x, y) = placed(icon, rect);
        let cached = self.cache.lock().ok()?.get(&key).cloned();
        let picture = match cached {
            Some(p) => p?,
            None => {
                let p = rasterize(key);
                self.store(vec![(key, p.clone())]);
                p?
            }
        };
        Some((picture, x, y))
    }

    fn store(&self, pictures: Vec<(IconKey, Option<Arc<Pixmap>>)>) {
        if let Ok(mut cache) = self.cache.lock() {
            if cache.len() > 2048 {
                // A camera that keeps zooming would otherwise keep every size ever drawn.
                cache.clear();
            }
            cache.extend(pictures);
        }
    }

    /// Rasterise, on two threads, every icon of `prims` not cached yet.
    fn prepare(&self, prims: &[Prim]) {
        let missing: Vec<IconKey> = {
            let Ok(cache) = self.cache.lock() else { return };
            let set: std::collections::HashSet<IconKey> = prims
                .iter()
                .filter_map(|p| match p {
                    Prim::Icon { icon, rect, .. } => Some(placed(*icon, *rect).0),
                    _ => None,
                })
                .filter(|k| !cache.contains_key(k))
                .collect();
            set.into_iter().collect()
        };
        let half = missing.len() / 2;
        let (a, b) = missing.split_at(half);
        let make = |keys: &[IconKey]| -> Vec<(IconKey, Option<Arc<Pixmap>>)> {
            keys.iter().map(|k| (*k, rasterize(*k))).collect()
        };
        let (first, second) = std::thread::scope(|scope| {
            let other = scope.spawn(|| make(b));
            (make(a), other.join().unwrap_or_default())
        });
        self.store(first);
        self.store(second);
    }
}

fn paint_of(c: Rgba) -> Paint<'static> {
    let mut p = Paint::default();
    p.set_color_rgba8(c.0, c.1, c.2, c.3);
    p.anti_alias = true;
    p
}

/// A rectangle with per-corner radii (top-left, top-right, bottom-right, bottom-left).
fn rounded(r: Rect, radii: [f32; 4]) -> Option<tiny_skia::Path> {
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
fn poly_path(points: &[crate::scene::Point], closed: bool) -> Option<tiny_skia::Path> {
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

fn stroke_path(pixmap: &mut PixmapMut, path: &tiny_skia::Path, s: &Stroke, at: Transform) {
    let mut st = tiny_skia::Stroke {
        width: s.width,
        ..tiny_skia::Stroke::default()
    };
    if let Some((d, g)) = s.dash {
        st.dash = StrokeDash::new(vec![d, g], 0.0);
    }
    pixmap.stroke_path(path, &paint_of(s.colour), &st, at, None);
}

/// Draw `prims` onto `pixmap` (premultiplied RGBA), icons from `icons`: the whole picture, or
/// the band of it that starts `top` rows down (the pixmap then holds only those rows).
pub fn draw_band(pixmap: &mut PixmapMut, prims: &[Prim], icons: &IconPixmaps, top: u32) {
    let at = Transform::from_translate(0.0, -(top as f32));
    for prim in prims {
        match prim {
            Prim::Begin { .. } | Prim::End => {}
            Prim::Rect {
                rect,
                radii,
                fill,
                stroke,
                ..
            } => {
                let Some(path) = rounded(*rect, *radii) else {
                    continue;
                };
                if let Some(f) = fill {
                    pixmap.fill_path(&path, &paint_of(*f), FillRule::Winding, at, None);
                }
                if let Some(s) = stroke {
                    stroke_path(pixmap, &path, s, at);
                }
            }
            Prim::Polyline { points, stroke, .. } => {
                if let Some(path) = poly_path(points, false) {
                    stroke_path(pixmap, &path, stroke, at);
                }
            }
            Prim::Polygon { points, fill } => {
                if let Some(path) = poly_path(points, true) {
                    pixmap.fill_path(&path, &paint_of(*fill), FillRule::Winding, at, None);
                }
            }
            Prim::Circle {
                centre,
                radius,
                fill,
                stroke,
            } => {
                let Some(path) = PathBuilder::from_circle(centre.x, centre.y, *radius) else {
                    continue;
                };
                if let Some(f) = fill {
                    pixmap.fill_path(&path, &paint_of(*f), FillRule::Winding, at, None);
                }
                if let Some(s) = stroke {
                    stroke_path(pixmap, &path, s, at);
                }
            }
            Prim::Text {
                x,
                y,
                size,
                weight,
                anchor,
                colour,
                content,
            } => {
                let shaped = text::shape(content, *size, *weight);
                let left = anchor.left(*x, shaped.width);
                let mut pb = PathBuilder::new();
                for run in &shaped.runs {
                    glyphs::run_path(&mut pb, run, left + run.x, *y, *size);
                }
                if let Some(path) = pb.finish() {
                    pixmap.fill_path(&path, &paint_of(*colour), FillRule::Winding, at, None);
                }
            }
            Prim::Icon {
                icon,
                rect,
                opacity,
                ..
            } => {
                if rect.width() > 4096.0 || rect.width() <= 0.0 || *opacity <= 0.0 {
                    continue;
                }
                let Some((picture, x, y)) = icons.get(*icon, *rect) else {
                    continue;
                };
                let paint = PixmapPaint {
                    opacity: opacity.clamp(0.0, 1.0),
                    quality: FilterQuality::Nearest,
                    ..PixmapPaint::default()
                };
                pixmap.draw_pixmap(
                    x,
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

/// A fresh `width × height` pixmap (transparent), or the reason there is none.
pub fn canvas(width: u32, height: u32) -> Result<Pixmap, PngError> {
    if width == 0 || height == 0 || width > super::png::MAX_SIDE || height > super::png::MAX_SIDE {
        return Err(PngError::BadSize(width, height));
    }
    let len = (width as usize) * (height as usize) * 4;
    let size =
        tiny_skia::IntSize::from_wh(width, height).ok_or(PngError::BadSize(width, height))?;
    Pixmap::from_vec(super::png::try_zeroed(len, width, height)?, size)
        .ok_or(PngError::BadSize(width, height))
}

/// Draw `prims` onto `pixmap`, the upper and lower halves on two threads (each walks the
/// whole list; tiny-skia clips what falls outside its rows).
pub fn draw(pixmap: &mut Pixmap, prims: &[Prim], icons: &IconPixmaps) {
    let (w, h) = (pixmap.width(), pixmap.height());
    if h < 64 {
        draw_band(&mut pixmap.as_mut(), prims, icons, 0);
        return;
    }
    icons.prepare(prims);
    let half = h / 2;
    let (upper, lower) = pixmap.data_mut().split_at_mut((w * half * 4) as usize);
    std::thread::scope(|scope| {
        scope.spawn(|| {
            if let Some(mut band) = PixmapMut::from_bytes(lower, w, h - half) {
                draw_band(&mut band, prims, icons, half);
            }
        });
        if let Some(mut band) = PixmapMut::from_bytes(upper, w, half) {
            draw_band(&mut band, prims, icons, 0);
        }
    });
}

/// The icons rasterised so far in this process (stills share them; a film keeps its own).
static SHARED_ICONS: std::sync::LazyLock<IconPixmaps> =
    std::sync::LazyLock::new(IconPixmaps::default);

/// `prims` drawn on a fresh `width × height` pixmap, icons from the process's shared cache.
pub fn render(prims: &[Prim], width: u32, height: u32) -> Result<Pixmap, PngError> {
    let mut pixmap = canvas(width, height)?;
    draw(&mut pixmap, prims, &SHARED_ICONS);
    Ok(pixmap)
}
