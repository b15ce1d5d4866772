//! Pixels straight from the paint list ([`super::paint`]) with tiny-skia, on the CPU: the PNG
//! export and every frame of a film. Text is filled from the glyph outlines of the scene's
//! runs; icons are rasterised once per size and kept.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use resvg::tiny_skia::{self, Pixmap, PixmapMut};

use super::icons;
use super::paint::{IconRef, Prim};
use super::png::PngError;
use crate::scene::Rect;

mod shapes;

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
fn rasterize(key: &IconKey) -> Option<Arc<Pixmap>> {
    let (icon, size, fx, fy) = key;
    let s = |v: f32| v / ICON_STEPS;
    let (size, dx, dy) = (s(*size as f32), s(f32::from(*fx)), s(f32::from(*fy)));
    let svg = match icon {
        IconRef::Component(k) => icons::icon_svg(*k),
        IconRef::Badge(k) => icons::group_badge_svg(*k)?,
        IconRef::Custom(c) => {
            return icons::rasterize_tree_placed(&c.0.tree, size, dx, dy).map(Arc::new);
        }
    };
    icons::rasterize_placed(svg, size, dx, dy).map(Arc::new)
}

impl IconPixmaps {
    /// The picture of `icon` over `rect`, and the whole pixel where its pixmap goes.
    fn get(&self, icon: IconRef, rect: Rect) -> Option<(Arc<Pixmap>, i32, i32)> {
        let (key, x, y) = placed(icon, rect);
        let cached = self.cache.lock().ok()?.get(&key).cloned();
        let picture = match cached {
            Some(p) => p?,
            None => {
                let p = rasterize(&key);
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
                    Prim::Icon { icon, rect, .. } => Some(placed(icon.clone(), *rect).0),
                    _ => None,
                })
                .filter(|k| !cache.contains_key(k))
                .collect();
            set.into_iter().collect()
        };
        let half = missing.len() / 2;
        let (a, b) = missing.split_at(half);
        let make = |keys: &[IconKey]| -> Vec<(IconKey, Option<Arc<Pixmap>>)> {
            keys.iter().map(|k| (k.clone(), rasterize(k))).collect()
        };
        let (first, second) = std::thread::scope(|scope| {
            let other = scope.spawn(|| make(b));
            (make(a), other.join().unwrap_or_default())
        });
        self.store(first);
        self.store(second);
    }
}

/// Whether the first thing `prims` paint is an opaque rectangle over the whole `width ×
/// height` picture, so that every pixel of it ends opaque.
pub fn opaque_ground(prims: &[Prim], width: u32, height: u32) -> bool {
    matches!(
        prims.first(),
        Some(Prim::Rect { rect, radii, fill: Some(fill), .. })
            if fill.3 == 255
                && radii.iter().all(|r| *r == 0.0)
                && rect.min.x <= 0.0
                && rect.min.y <= 0.0
                && rect.max.x >= width as f32
                && rect.max.y >= height as f32
    )
}

/// Whether a `width × height` picture can be made at all (1 to 16384 pixels a side).
fn check_size(width: u32, height: u32) -> Result<(), PngError> {
    let side = 1..=super::png::MAX_SIDE;
    if side.contains(&width) && side.contains(&height) {
        Ok(())
    } else {
        Err(PngError::BadSize(width, height))
    }
}

/// A fresh `width × height` pixmap (transparent), or the reason there is none.
pub fn canvas(width: u32, height: u32) -> Result<Pixmap, PngError> {
    check_size(width, height)?;
    let len = (width as usize) * (height as usize) * 4;
    let size =
        tiny_skia::IntSize::from_wh(width, height).ok_or(PngError::BadSize(width, height))?;
    Pixmap::from_vec(super::png::try_zeroed(len, width, height)?, size)
        .ok_or(PngError::BadSize(width, height))
}

/// Draw `prims` onto `pixmap` in strips of 64 rows, on this thread and one helper (the list
/// resolved once into shapes; each strip fills those that reach it) — the same strips as
/// [`strips`], so a film frame and a still of the same moment are the same pixels.
pub fn draw(pixmap: &mut Pixmap, prims: &[Prim], icons: &IconPixmaps) {
    let shapes = shapes::resolve(prims, icons);
    let width = pixmap.width();
    let stride = width as usize * 4;
    let rows_per_strip = stride * STRIP_ROWS as usize;
    let single = pixmap.height() <= STRIP_ROWS;
    let strips = Mutex::new(pixmap.data_mut().chunks_mut(rows_per_strip).enumerate());
    let work = || loop {
        let Some((i, rows)) = strips.lock().ok().and_then(|mut s| s.next()) else {
            return;
        };
        let height = (rows.len() / stride) as u32;
        if let Some(mut band) = PixmapMut::from_bytes(rows, width, height) {
            shapes::fill_band(&mut band, &shapes, i as u32 * STRIP_ROWS);
        }
    };
    if single {
        work();
    } else {
        std::thread::scope(|scope| {
            scope.spawn(work);
            work();
        });
    }
}

/// Rows per strip of [`strips`] and [`draw`]: a strip of a 4K picture is 2 MB and stays in
/// cache while it is drawn and handed on.
const STRIP_ROWS: u32 = 64;

/// Strips drawn ahead of the one being handed on, at most: bounds the memory while the
/// consumer is slower than the drawing.
const STRIPS_AHEAD: usize = 6;

/// Draw `prims` as a `width × height` picture in strips of rows, on two helper threads, and
/// hand each strip's premultiplied RGBA rows to `take` on the calling thread, top to bottom —
/// so a consumer (the PNG encoder) works while the rest is still being drawn, and no
/// full-size picture is ever allocated. Stops at `take`'s first error.
pub fn strips<E: From<PngError>>(
    prims: &[Prim],
    width: u32,
    height: u32,
    mut take: impl FnMut(&[u8]) -> Result<(), E>,
) -> Result<(), E> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::mpsc;

    check_size(width, height)?;
    let shapes = shapes::resolve(prims, &SHARED_ICONS);
    let opaque = opaque_ground(prims, width, height);
    let count = height.div_ceil(STRIP_ROWS) as usize;
    let stride = width as usize * 4;
    let next = AtomicUsize::new(0);
    let (free_tx, free_rx) = mpsc::channel::<Vec<u8>>();
    let strip_bytes = stride * STRIP_ROWS as usize;
    for _ in 0..STRIPS_AHEAD.min(count) {
        let mut buffer = Vec::new();
        buffer.try_reserve_exact(strip_bytes).map_err(|_| {
            // What the strips need, not the whole picture (which is never held).
            let needed = (strip_bytes * STRIPS_AHEAD).div_ceil(1_000_000);
            PngError::OutOfMemory(width, height, needed)
        })?;
        let _ = free_tx.send(buffer);
    }
    let free_rx = Mutex::new(free_rx);
    let (done_tx, done_rx) = mpsc::channel::<(usize, Vec<u8>)>();
    let worker = |done: mpsc::Sender<(usize, Vec<u8>)>| loop {
        // A buffer first, then a strip number: every strip handed out can be drawn, so the
        // strip the consumer waits for always arrives.
        let Some(mut buffer) = free_rx.lock().ok().and_then(|rx| rx.recv().ok()) else {
            return;
        };
        let i = next.fetch_add(1, Ordering::SeqCst);
        if i >= count {
            return;
        }
        let top = i as u32 * STRIP_ROWS;
        let rows = STRIP_ROWS.min(height - top);
        if !opaque {
            // An opaque ground overwrites every pixel of the strip: no need to clear it first.
            buffer.clear();
        }
        buffer.resize(stride * rows as usize, 0);
        if let Some(mut band) = PixmapMut::from_bytes(&mut buffer, width, rows) {
            shapes::fill_band(&mut band, &shapes, top);
        }
        if done.send((i, buffer)).is_err() {
            return;
        }
    };
    std::thread::scope(|scope| {
        scope.spawn({
            let done = done_tx.clone();
            move || worker(done)
        });
        scope.spawn(move || worker(done_tx));
        let mut waiting = std::collections::BTreeMap::new();
        let result = (0..count).try_for_each(|i| {
            let strip = loop {
                if let Some(strip) = waiting.remove(&i) {
                    break strip;
                }
                match done_rx.recv() {
                    Ok((j, strip)) => {
                        waiting.insert(j, strip);
                    }
                    // Both helpers gone without strip i: only if one panicked.
                    Err(_) => {
                        return Err(PngError::DrawingStopped.into());
                    }
                }
            };
            take(&strip)?;
            let _ = free_tx.send(strip);
            Ok(())
        });
        // Let the helpers finish: no more strips to hand out, no more buffers.
        next.store(count, Ordering::SeqCst);
        drop(free_tx);
        result
    })
}

/// The icons rasterised so far in this process (stills share them; a film keeps its own).
static SHARED_ICONS: std::sync::LazyLock<IconPixmaps> =
    std::sync::LazyLock::new(IconPixmaps::default);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::svg::ExportOptions;
    use crate::render::theme::ThemeName;
    use crate::scene::Scene;

    /// Every strip's rows, joined top to bottom.
    fn joined(prims: &[Prim], w: u32, h: u32) -> Vec<u8> {
        let mut all = Vec::new();
        strips::<PngError>(prims, w, h, |rows| {
            all.extend_from_slice(rows);
            Ok(())
        })
        .expect("strips");
        all
    }

    #[test]
    fn strips_draw_the_same_pixels_as_one_whole_picture() {
        let d = crate::model::default_diagram();
        // A height that is not a multiple of the strip height, a transparent and an opaque
        // picture, a light and a dark theme.
        for (stage, w, h, transparent, theme) in [
            (4, 640, 333, false, ThemeName::Light),
            (8, 500, 201, true, ThemeName::Dark),
        ] {
            let scene = Scene::settled(&d, stage);
            let opts = ExportOptions {
                width: w,
                height: h,
                transparent,
                theme,
                ..ExportOptions::default()
            };
            let prims = crate::render::paint::export(&scene, &opts);
            assert_eq!(opaque_ground(&prims, w, h), !transparent);
            let mut whole = canvas(w, h).expect("canvas");
            draw(&mut whole, &prims, &IconPixmaps::default());
            let strips = joined(&prims, w, h);
            assert_eq!(strips.len(), whole.data().len());
            assert!(
                strips == whole.data(),
                "stage {stage}: strips differ from the whole picture"
            );
        }
    }

    #[test]
    fn a_consumer_error_stops_the_strips() {
        let d = crate::model::default_diagram();
        let scene = Scene::settled(&d, 2);
        let opts = ExportOptions::default();
        let prims = crate::render::paint::export(&scene, &opts);
        let mut seen = 0;
        let result = strips(&prims, opts.width, opts.height, |_| {
            seen += 1;
            if seen == 3 {
                let full = std::io::Error::other("disk full");
                Err(PngError::Encode(png::EncodingError::IoError(full)))
            } else {
                Ok(())
            }
        });
        let err = result.expect_err("the consumer's error");
        assert!(matches!(err, PngError::Encode(_)));
        // The cause travels with it, not only its words.
        let cause = std::error::Error::source(&err).expect("a source");
        assert!(cause.to_string().contains("disk full"), "{cause}");
        assert_eq!(seen, 3, "no strip is handed on after the error");
        assert!(matches!(
            strips::<PngError>(&prims, 0, 10, |_| Ok(())),
            Err(PngError::BadSize(0, 10))
        ));
    }
}
