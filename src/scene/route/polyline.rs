//! Routes as polylines: cleaning, blending between stages, and spots for their labels.

use super::super::geom::{Point, Rect};
use super::super::style;
use super::Route;

/// Candidate spots for a link's label, best first: beside the middle of the longest segment,
/// then nearer its ends, then beside the other segments; on the upper (or, for an upright
/// segment, right) side first, then the other side. Each is far enough that a label of `size`
/// (width, height, grown to the largest text boost) does not touch its own line; the last
/// spots sit on the line.
pub fn label_spots(points: &[Point], size: (f32, f32)) -> Vec<Point> {
    let mut segments: Vec<(Point, Point)> = points.windows(2).map(|w| (w[0], w[1])).collect();
    segments.sort_by(|x, y| y.0.distance(y.1).total_cmp(&x.0.distance(x.1)));
    let (w, h) = (
        size.0 * style::MAX_TEXT_BOOST,
        size.1 * style::MAX_TEXT_BOOST,
    );
    let mut out = Vec::with_capacity(segments.len() * 11);
    for (p0, p1) in segments {
        let (dx, dy) = (p1.x - p0.x, p1.y - p0.y);
        let len = (dx * dx + dy * dy).sqrt().max(1e-3);
        let (mut nx, mut ny) = (dy / len, -dx / len);
        if ny > 0.0 || (ny == 0.0 && nx < 0.0) {
            nx = -nx;
            ny = -ny;
        }
        let off = nx.abs() * w / 2.0 + ny.abs() * h / 2.0 + style::EDGE_GAP + 2.0;
        for t in [
            0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8, 0.1, 0.9, 0.05, 0.95, 0.0, 1.0,
        ] {
            let m = p0.lerp(p1, t);
            for side in [1.0, -1.0] {
                out.push(Point::new(m.x + side * nx * off, m.y + side * ny * off));
            }
        }
    }
    // Last resort: on the line itself, which the label's background then interrupts.
    for (p0, p1) in points.windows(2).map(|w| (w[0], w[1])) {
        for t in [0.5, 0.3, 0.7, 0.15, 0.85] {
            out.push(p0.lerp(p1, t));
        }
    }
    out
}

/// The box a link label occupies when centred at `at` (grown to the largest text boost).
pub fn label_box(at: Point, size: (f32, f32)) -> Rect {
    let k = style::MAX_TEXT_BOOST;
    Rect::from_center_size(at, size.0 * k + 4.0, size.1 * k + 4.0)
}

/// The points with consecutive repeats (closer than half a unit) dropped.
pub(super) fn without_repeats(points: &[Point]) -> Vec<Point> {
    let mut pts: Vec<Point> = Vec::with_capacity(points.len());
    for p in points {
        if pts.last().is_none_or(|q: &Point| q.distance(*p) > 0.5) {
            pts.push(*p);
        }
    }
    pts
}

/// Blend two routes. Routes with different numbers of points are first given the same number
/// by splitting the longest segments of the shorter one (which does not change its shape), so
/// at `t` = 0 and 1 the blend is exactly `a` and `b` and in between every point moves
/// continuously.
pub fn lerp_route(a: &[Point], b: &[Point], t: f32) -> Route {
    let n = a.len().max(b.len());
    if t <= 0.0 {
        return padded(a, n);
    }
    if t >= 1.0 {
        return padded(b, n);
    }
    let (a, b) = (padded(a, n), padded(b, n));
    a.iter().zip(&b).map(|(p, q)| p.lerp(*q, t)).collect()
}

/// `points` with segments split at their middle (longest first) until it has `n` points.
fn padded(points: &[Point], n: usize) -> Vec<Point> {
    let mut v = points.to_vec();
    if v.is_empty() {
        return vec![Point::default(); n];
    }
    while v.len() < n {
        if v.len() == 1 {
            v.push(v[0]);
            continue;
        }
        let (i, _) = v
            .windows(2)
            .enumerate()
            .map(|(i, w)| (i, w[0].distance(w[1])))
            .fold((0, -1.0), |best, x| if x.1 > best.1 { x } else { best });
        let mid = v[i].lerp(v[i + 1], 0.5);
        v.insert(i + 1, mid);
    }
    v
}

/// The route as a polyline without repeated or collinear-redundant points.
pub fn polyline(r: &[Point]) -> Vec<Point> {
    let mut pts = without_repeats(r);
    // Drop middle points that lie on the straight line between their neighbours.
    let mut i = 1;
    while i + 1 < pts.len() {
        let (a, b, c) = (pts[i - 1], pts[i], pts[i + 1]);
        let cross = (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x);
        // Only points truly on the line: a tolerance would turn a small jog into a diagonal.
        if cross.abs() < 1e-3 * a.distance(c).max(1.0) {
            pts.remove(i);
        } else {
            i += 1;
        }
    }
    if pts.len() < 2
        && let (Some(f), Some(l)) = (r.first(), r.last())
    {
        pts = vec![*f, *l];
    }
    pts
}
