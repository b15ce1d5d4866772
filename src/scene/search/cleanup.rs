//! A found path made drawable: collinear points merged, and steps too small to see taken
//! out without shortening the stems the arrowheads sit on.

use crate::scene::geom::Point;
use crate::scene::route;

/// Shortest step a route may take between two parallel runs: a smaller one (two grid lines
/// half a unit apart) would be drawn, after rounding, as a slanted line.
pub(super) const MIN_STEP: f32 = 2.0;

/// `points` (simplified: every segment turns) with each step shorter than [`MIN_STEP`] taken
/// out by moving the run after it onto the line of the run before it, or the run before onto
/// the line after when the run after ends at the route's fixed end. A step between the two
/// fixed ends' own runs stays (nothing can move).
pub(super) fn without_jogs(mut points: Vec<Point>) -> Vec<Point> {
    for _ in 0..points.len() {
        let n = points.len();
        let jog = (1..n.saturating_sub(2)).find(|&i| {
            let (a, b) = (points[i], points[i + 1]);
            let step = (a.x - b.x).abs().max((a.y - b.y).abs());
            step > 1e-3 && step < MIN_STEP
        });
        let Some(i) = jog else {
            break;
        };
        let (a, b) = (points[i], points[i + 1]);
        let vertical = (a.x - b.x).abs() < (a.y - b.y).abs();
        // The run after (i + 1 → i + 2) moves onto the run before, or the run before onto
        // the run after; never the fixed ends, and never so that an end's stem gets short.
        let options = [([i + 1, i + 2], a), ([i.wrapping_sub(1), i], b)];
        let fixed = |moved: &[usize; 2]| moved.iter().any(|&k| k == 0 || k >= n - 1);
        let moved = options
            .iter()
            .filter(|(m, _)| !fixed(m))
            .find_map(|(m, onto)| {
                let mut v = points.clone();
                for &k in m {
                    if vertical {
                        v[k].y = onto.y;
                    } else {
                        v[k].x = onto.x;
                    }
                }
                let v = simplify(&v);
                let stems = |r: &[Point]| match r {
                    [a, b, .., c, d] => (a.distance(*b), c.distance(*d)),
                    [a, b, c] => (a.distance(*b), b.distance(*c)),
                    [a, b] => (a.distance(*b), a.distance(*b)),
                    _ => (0.0, 0.0),
                };
                let (before, after) = (stems(&points), stems(&v));
                let keeps = after.0 >= before.0.min(MIN_STEM_KEPT) - 1e-3
                    && after.1 >= before.1.min(MIN_STEM_KEPT) - 1e-3;
                keeps.then_some(v)
            });
        match moved {
            Some(v) => points = v,
            None => break,
        }
    }
    points
}

/// A route's first and last runs (its stems) are never shortened below this by
/// [`without_jogs`] (the arrowhead needs a straight run to sit on).
pub(super) const MIN_STEM_KEPT: f32 = route::MIN_STEM;

/// The polyline without repeated points and without points in the middle of a straight run.
pub fn simplify(points: &[Point]) -> Vec<Point> {
    let mut out: Vec<Point> = Vec::with_capacity(points.len());
    for p in points {
        if out.last().is_some_and(|q| q.distance(*p) < 1e-3) {
            continue;
        }
        if out.len() >= 2 {
            let (a, b) = (out[out.len() - 2], out[out.len() - 1]);
            let straight = ((a.x - b.x).abs() < 0.01 && (b.x - p.x).abs() < 0.01)
                || ((a.y - b.y).abs() < 0.01 && (b.y - p.y).abs() < 0.01);
            if straight {
                out.pop();
            }
        }
        out.push(*p);
    }
    out
}
