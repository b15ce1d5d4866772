//! Text as outlines: the glyphs of a [`Run`] written as SVG path data, placed exactly where the
//! scene measured them. The PNG export draws text this way (so drawn width = measured width on
//! every machine), and the SVG export does when asked for text as paths.

use std::fmt::Write;

use skrifa::MetadataProvider;
use skrifa::instance::{LocationRef, Size};
use skrifa::outline::{DrawSettings, OutlinePen};

use crate::scene::fonts;
use crate::scene::text::Run;

/// Draw each letter of `run` (starting at `x`, left edge, at font size `size`) through the pen
/// `pen_at` makes for the letter's left edge.
fn walk<P: OutlinePen>(
    run: &Run,
    x: f32,
    size: f32,
    mut pen_at: impl FnMut(f32) -> P,
    mut done: impl FnMut(P, bool),
) {
    let face = fonts::face(run.face);
    let font = face.font();
    let charmap = font.charmap();
    let outlines = font.outline_glyphs();
    let scale = size / face.units_per_em();
    let mut pen_x = x;
    for c in run.text.chars() {
        if fonts::is_invisible(c) {
            continue;
        }
        if let Some(glyph) = charmap.map(c).and_then(|g| outlines.get(g)) {
            let mut pen = pen_at(pen_x);
            let settings = DrawSettings::unhinted(Size::new(size), LocationRef::default());
            let drawn = glyph.draw(settings, &mut pen).is_ok();
            done(pen, drawn);
        }
        pen_x += face.advance(c) * scale;
    }
}

/// Append the outlines of `run` to `d` (SVG path data in absolute coordinates): the run starts
/// at `x` (left edge) on the baseline `y`, at font size `size`.
pub fn run_outline(d: &mut String, run: &Run, x: f32, y: f32, size: f32) {
    walk(
        run,
        x,
        size,
        |pen_x| PathPen {
            d: String::new(),
            x: pen_x,
            y,
            open: false,
        },
        |pen, drawn| {
            d.push_str(&pen.d);
            if drawn && pen.open {
                d.push('Z');
            }
        },
    );
}

/// Add the outlines of `run` to `pb` (a tiny-skia path), placed as [`run_outline`] places
/// them: the run starts at `x` (left edge) on the baseline `y`, at font size `size`.
pub fn run_path(pb: &mut resvg::tiny_skia::PathBuilder, run: &Run, x: f32, y: f32, size: f32) {
    let cell = std::cell::RefCell::new(pb);
    walk(
        run,
        x,
        size,
        |pen_x| SkiaPen {
            pb: &cell,
            x: pen_x,
            y,
        },
        |_, _| {},
    );
}

/// Feeds outline commands to a tiny-skia path, flipping y as [`PathPen`] does.
struct SkiaPen<'a, 'b> {
    pb: &'a std::cell::RefCell<&'b mut resvg::tiny_skia::PathBuilder>,
    x: f32,
    y: f32,
}

impl OutlinePen for SkiaPen<'_, '_> {
    fn move_to(&mut self, x: f32, y: f32) {
        self.pb.borrow_mut().move_to(self.x + x, self.y - y);
    }
    fn line_to(&mut self, x: f32, y: f32) {
        self.pb.borrow_mut().line_to(self.x + x, self.y - y);
    }
    fn quad_to(&mut self, cx0: f32, cy0: f32, x: f32, y: f32) {
        self.pb
            .borrow_mut()
            .quad_to(self.x + cx0, self.y - cy0, self.x + x, self.y - y);
    }
    fn curve_to(&mut self, cx0: f32, cy0: f32, cx1: f32, cy1: f32, x: f32, y: f32) {
        self.pb.borrow_mut().cubic_to(
            self.x + cx0,
            self.y - cy0,
            self.x + cx1,
            self.y - cy1,
            self.x + x,
            self.y - y,
        );
    }
    fn close(&mut self) {
        self.pb.borrow_mut().close();
    }
}

/// Writes outline commands, flipping the font's y-up space into SVG's y-down space.
struct PathPen {
    d: String,
    x: f32,
    y: f32,
    open: bool,
}

impl PathPen {
    fn point(&mut self, x: f32, y: f32) {
        let _ = write!(self.d, "{:.2} {:.2}", self.x + x, self.y - y);
    }
}

impl OutlinePen for PathPen {
    fn move_to(&mut self, x: f32, y: f32) {
        if self.open {
            self.d.push('Z');
        }
        self.d.push('M');
        self.point(x, y);
        self.open = true;
    }

    fn line_to(&mut self, x: f32, y: f32) {
        self.d.push('L');
        self.point(x, y);
    }

    fn quad_to(&mut self, cx0: f32, cy0: f32, x: f32, y: f32) {
        self.d.push('Q');
        self.point(cx0, cy0);
        self.d.push(' ');
        self.point(x, y);
    }

    fn curve_to(&mut self, cx0: f32, cy0: f32, cx1: f32, cy1: f32, x: f32, y: f32) {
        self.d.push('C');
        self.point(cx0, cy0);
        self.d.push(' ');
        self.point(cx1, cy1);
        self.d.push(' ');
        self.point(x, y);
    }

    fn close(&mut self) {
        self.d.push('Z');
        self.open = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scene::text::{Weight, shape};

    #[test]
    fn outlines_span_the_measured_width() {
        let shaped = shape("Café 한국", 100.0, Weight::Regular);
        assert!(shaped.runs.len() >= 2, "{shaped:?}");
        let mut d = String::new();
        for run in &shaped.runs {
            run_outline(&mut d, run, run.x, 100.0, 100.0);
        }
        let xs: Vec<f32> = d
            .split(|c: char| c.is_ascii_alphabetic())
            .flat_map(|seg| {
                let nums: Vec<f32> = seg
                    .split_whitespace()
                    .filter_map(|n| n.parse().ok())
                    .collect();
                nums.chunks_exact(2).map(|p| p[0]).collect::<Vec<_>>()
            })
            .collect();
        let (min, max) = xs
            .iter()
            .fold((f32::MAX, f32::MIN), |(a, b), &x| (a.min(x), b.max(x)));
        assert!((-1.0..15.0).contains(&min), "ink starts at {min}");
        assert!(
            max <= shaped.width + 1.0 && max > shaped.width - 15.0,
            "ink ends at {max}, measured {}",
            shaped.width
        );
    }
}
