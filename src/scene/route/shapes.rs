//! The simple routes tried first: straight, L, Z and detours around a blocker, in order.

use super::super::geom::{Point, Rect};
use super::super::style;
use super::occupied::shared;
use super::{Ends, MIN_STEM, segment_hits_rect, without_repeats};

/// A range of heights or widths (low, high) two icons share.
type Band = (f32, f32);

/// How `a` and `b` line up: the band of heights their icons share when they sit side by side
/// in a row, and the band of widths when they sit one above the other in a column.
pub(super) fn alignment(a: Ends, b: Ends) -> (Option<Band>, Option<Band>) {
    let min_share = style::ICON * 0.25;
    let row = shared(
        (a.icon.min.y, a.icon.max.y),
        (b.icon.min.y, b.icon.max.y),
        min_share,
    )
    .filter(|_| (a.footprint.min.x > b.footprint.max.x) || (b.footprint.min.x > a.footprint.max.x));
    let column = shared(
        (a.icon.min.x, a.icon.max.x),
        (b.icon.min.x, b.icon.max.x),
        min_share,
    )
    .filter(|_| (a.footprint.min.y > b.footprint.max.y) || (b.footprint.min.y > a.footprint.max.y));
    (row, column)
}

/// Whether `a` and `b` sit in one row or one column, so a straight line joins them.
pub fn aligned(a: Ends, b: Ends) -> bool {
    let (row, column) = alignment(a, b);
    row.is_some() || column.is_some()
}

/// Offer every candidate route from `a` to `b` to `visit`, best looking first, until it
/// returns true (a clear one: the rest need not even be built).
#[expect(
    clippy::too_many_lines,
    reason = "the candidate route shapes (straight, L, Z, U, detours) tried in order of preference"
)]
pub(super) fn candidates(
    a: Ends,
    b: Ends,
    obstacles: &[Rect],
    mut visit: impl FnMut(&[Point]) -> bool,
) {
    let g = style::EDGE_GAP;
    let (ca, cb) = (a.icon.center(), b.icon.center());
    // Leaving upwards from the icon top, downwards from below the label.
    let top = |e: Ends, x: f32| Point::new(x, e.icon.min.y - g);
    let bottom = |e: Ends, x: f32| Point::new(x, e.footprint.max.y + g);
    let side = |e: Ends, y: f32, right: bool| {
        Point::new(
            if right {
                e.icon.max.x + g
            } else {
                e.icon.min.x - g
            },
            y,
        )
    };
    let (row, column) = alignment(a, b);
    if let Some((lo, hi)) = row {
        // Same row: one horizontal line (in the middle of the shared band, or beside it when
        // that lane is taken, e.g. by the link back), or a detour over or under what is between.
        let y = (lo + hi) / 2.0;
        let right = cb.x > ca.x;
        for off in lanes(lo, hi) {
            if visit(&[side(a, y + off, right), side(b, y + off, !right)]) {
                return;
            }
        }
        let (s, e) = (side(a, y, right), side(b, y, !right));
        let between: Vec<&Rect> = obstacles
            .iter()
            .filter(|r| segment_hits_rect(s, e, r))
            .collect();
        if !between.is_empty() {
            let above = between
                .iter()
                .map(|r| r.min.y)
                .fold(f32::INFINITY, f32::min)
                - 3.0 * g;
            let below = between
                .iter()
                .map(|r| r.max.y)
                .fold(f32::NEG_INFINITY, f32::max)
                + 3.0 * g;
            let above = above
                .min(a.icon.min.y - 2.0 * g)
                .min(b.icon.min.y - 2.0 * g);
            let below = below
                .max(a.footprint.max.y + 2.0 * g)
                .max(b.footprint.max.y + 2.0 * g);
            if visit(&[
                top(a, ca.x),
                Point::new(ca.x, above),
                Point::new(cb.x, above),
                top(b, cb.x),
            ]) {
                return;
            }
            visit(&[
                bottom(a, ca.x),
                Point::new(ca.x, below),
                Point::new(cb.x, below),
                bottom(b, cb.x),
            ]);
        }
    } else if let Some((lo, hi)) = column {
        // Same column: one vertical line, or a detour left or right of what sits between.
        let x = (lo + hi) / 2.0;
        let ends_at = |x: f32| {
            if cb.y > ca.y {
                (bottom(a, x), top(b, x))
            } else {
                (top(a, x), bottom(b, x))
            }
        };
        for off in lanes(lo, hi) {
            let (s, e) = ends_at(x + off);
            if visit(&[s, e]) {
                return;
            }
        }
        let (s, e) = ends_at(x);
        let between: Vec<&Rect> = obstacles
            .iter()
            .filter(|r| segment_hits_rect(s, e, r))
            .collect();
        if !between.is_empty() {
            let left = between
                .iter()
                .map(|r| r.min.x)
                .fold(f32::INFINITY, f32::min)
                - 3.0 * g;
            let right = between
                .iter()
                .map(|r| r.max.x)
                .fold(f32::NEG_INFINITY, f32::max)
                + 3.0 * g;
            let left = left.min(a.icon.min.x - 2.0 * g).min(b.icon.min.x - 2.0 * g);
            let right = right
                .max(a.icon.max.x + 2.0 * g)
                .max(b.icon.max.x + 2.0 * g);
            for x in [right, left] {
                let r = x > ca.x;
                if visit(&[
                    side(a, ca.y, r),
                    Point::new(x, ca.y),
                    Point::new(x, cb.y),
                    side(b, cb.y, r),
                ]) {
                    return;
                }
            }
        }
    } else {
        // L routes (leave horizontally then turn, or vertically then turn), then Z routes
        // through the middle column or row or lanes nearer either end. First through the
        // middle of each side; then through ports shifted along the side, so a link can enter
        // beside another instead of on top of it.
        let port = style::ICON * 0.25;
        let enter_v = |e: Ends, x: f32, from_y: f32| {
            if from_y < e.icon.center().y {
                top(e, x)
            } else {
                bottom(e, x)
            }
        };
        for (oa, ob) in [
            (0.0, 0.0),
            (0.0, -port),
            (0.0, port),
            (-port, 0.0),
            (port, 0.0),
        ] {
            let (ay, ax) = (ca.y + oa, ca.x + oa);
            let (by, bx) = (cb.y + ob, cb.x + ob);
            // Horizontal first: along a's row, then down/up into b.
            let corner = Point::new(bx, ay);
            if visit(&[
                side(a, ay, corner.x > ca.x),
                corner,
                enter_v(b, bx, corner.y),
            ]) {
                return;
            }
            // Vertical first: along a's column, then across into b.
            let corner = Point::new(ax, by);
            if visit(&[
                enter_v(a, ax, corner.y),
                corner,
                side(b, by, corner.x > cb.x),
            ]) {
                return;
            }
            for f in [0.5, 0.25, 0.75] {
                let (mx, my) = (ca.x + (cb.x - ca.x) * f, ca.y + (cb.y - ca.y) * f);
                if visit(&[
                    side(a, ay, mx > ca.x),
                    Point::new(mx, ay),
                    Point::new(mx, by),
                    side(b, by, mx > cb.x),
                ]) {
                    return;
                }
                if visit(&[
                    enter_v(a, ax, my),
                    Point::new(ax, my),
                    Point::new(bx, my),
                    enter_v(b, bx, my),
                ]) {
                    return;
                }
            }
        }
    }
}

/// Offsets from the middle of a shared band `lo..hi` for parallel straight lines: the middle
/// first, then lanes beside it that stay inside the band.
pub(super) fn lanes(lo: f32, hi: f32) -> impl Iterator<Item = f32> {
    let half = (hi - lo) / 2.0 - 4.0;
    [0.0f32, -12.0, 12.0, -24.0, 24.0]
        .into_iter()
        .filter(move |o| o.abs() <= half.max(0.0))
}

/// Whether every segment is horizontal or vertical and long enough to see (a jog of half a
/// unit would be drawn, after rounding, as a diagonal).
pub(super) fn tidy(points: &[Point]) -> bool {
    points.windows(2).all(|w| {
        let (dx, dy) = ((w[0].x - w[1].x).abs(), (w[0].y - w[1].y).abs());
        (dx < 1e-3 || dy < 1e-3) && dx.max(dy) >= 2.0
    })
}

/// Whether the first and last segments are long enough to read as a stem.
pub(super) fn has_stems(points: &[Point]) -> bool {
    let pts = without_repeats(points);
    match pts.as_slice() {
        [a, b] => a.distance(*b) >= MIN_STEM,
        [a, b, c] => a.distance(*b) >= MIN_STEM / 2.0 && b.distance(*c) >= MIN_STEM,
        [a, b, .., c, d] => a.distance(*b) >= MIN_STEM / 2.0 && c.distance(*d) >= MIN_STEM,
        _ => false,
    }
}
