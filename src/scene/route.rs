//! Link routing: a straight line when it is clear, otherwise the simplest orthogonal route (an
//! L, then a Z) that does not run through another component. Routes are computed per settled
//! stage and have four points, so transitions can interpolate them point by point.

use super::geom::{Point, Rect};
use super::style;

/// A route: always four points (straight lines repeat points) so any two can be blended.
pub type Route = [Point; 4];

/// Whether the segment a–b passes through the inside of `r` (Liang–Barsky clipping).
pub fn segment_hits_rect(a: Point, b: Point, r: &Rect) -> bool {
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let mut t0 = 0.0f32;
    let mut t1 = 1.0f32;
    for (p, q) in [
        (-dx, a.x - r.min.x),
        (dx, r.max.x - a.x),
        (-dy, a.y - r.min.y),
        (dy, r.max.y - a.y),
    ] {
        if p.abs() < 1e-9 {
            if q < 0.0 {
                return false;
            }
        } else {
            let t = q / p;
            if p < 0.0 {
                t0 = t0.max(t);
            } else {
                t1 = t1.min(t);
            }
            if t0 > t1 {
                return false;
            }
        }
    }
    t1 - t0 > 1e-4
}

fn clear(points: &[Point], obstacles: &[Rect]) -> bool {
    points
        .windows(2)
        .all(|w| obstacles.iter().all(|r| !segment_hits_rect(w[0], w[1], r)))
}

/// Where a line from inside `icon` towards `toward` leaves the component: at the icon's border,
/// or below the label when it leaves downwards (so it never crosses the label).
pub fn attach_point(icon: Rect, footprint: Rect, toward: Point) -> Point {
    let icon_box = icon.expand_by(style::EDGE_GAP);
    let p = icon_box.border_point_toward(toward);
    if (p.y - icon_box.max.y).abs() < 0.5 && toward.y > icon_box.max.y {
        let c = icon.center();
        let dy = toward.y - c.y;
        let bottom = footprint.max.y + style::EDGE_GAP;
        let t = (bottom - c.y) / dy;
        return Point::new(c.x + (toward.x - c.x) * t, bottom);
    }
    p
}

/// Route from component `a` to component `b` (icon and footprint boxes) around `obstacles`
/// (the footprints of every other visible component).
pub fn route(a: (Rect, Rect), b: (Rect, Rect), obstacles: &[Rect]) -> Route {
    let (ca, cb) = (a.0.center(), b.0.center());
    let p0 = attach_point(a.0, a.1, cb);
    let p1 = attach_point(b.0, b.1, ca);
    let straight = [p0, p0.lerp(p1, 1.0 / 3.0), p0.lerp(p1, 2.0 / 3.0), p1];
    let obstacles: Vec<Rect> = obstacles.iter().map(|r| r.expand_by(2.0)).collect();
    if clear(&[p0, p1], &obstacles) {
        return straight;
    }
    // L routes: leave horizontally then turn, or vertically then turn.
    for corner in [Point::new(cb.x, ca.y), Point::new(ca.x, cb.y)] {
        let s = attach_point(a.0, a.1, corner);
        let e = attach_point(b.0, b.1, corner);
        if clear(&[s, corner, e], &obstacles) {
            return [s, corner, corner, e];
        }
    }
    // Z routes through the middle column or row.
    let mx = (ca.x + cb.x) / 2.0;
    let my = (ca.y + cb.y) / 2.0;
    for (c1, c2) in [
        (Point::new(mx, ca.y), Point::new(mx, cb.y)),
        (Point::new(ca.x, my), Point::new(cb.x, my)),
    ] {
        let s = attach_point(a.0, a.1, c1);
        let e = attach_point(b.0, b.1, c2);
        if clear(&[s, c1, c2, e], &obstacles) {
            return [s, c1, c2, e];
        }
    }
    straight
}

/// Blend two routes point by point.
pub fn lerp_route(a: &Route, b: &Route, t: f32) -> Route {
    [
        a[0].lerp(b[0], t),
        a[1].lerp(b[1], t),
        a[2].lerp(b[2], t),
        a[3].lerp(b[3], t),
    ]
}

/// The route as a polyline without repeated or collinear-redundant points.
pub fn polyline(r: &Route) -> Vec<Point> {
    let mut pts: Vec<Point> = Vec::with_capacity(4);
    for p in r {
        if pts.last().is_none_or(|q: &Point| q.distance(*p) > 0.5) {
            pts.push(*p);
        }
    }
    // Drop middle points that lie on the straight line between their neighbours.
    let mut i = 1;
    while i + 1 < pts.len() {
        let (a, b, c) = (pts[i - 1], pts[i], pts[i + 1]);
        let cross = (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x);
        if cross.abs() < 0.5 * a.distance(c).max(1.0) {
            pts.remove(i);
        } else {
            i += 1;
        }
    }
    if pts.len() < 2 {
        pts = vec![r[0], r[3]];
    }
    pts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn boxed(x: f32, y: f32) -> (Rect, Rect) {
        let icon = Rect::from_center_size(Point::new(x, y), 50.0, 50.0);
        (icon, icon.expand(10.0, 0.0, 10.0, 25.0))
    }

    #[test]
    fn clear_lines_stay_straight_and_blocked_ones_turn() {
        let (a, b) = (boxed(0.0, 0.0), boxed(400.0, 0.0));
        let r = route(a, b, &[]);
        assert_eq!(polyline(&r).len(), 2);
        let blocker = Rect::from_center_size(Point::new(200.0, 100.0), 60.0, 60.0);
        let r = route(a, boxed(400.0, 200.0), &[blocker]);
        let pts = polyline(&r);
        assert!(pts.len() > 2, "{pts:?}");
        assert!(clear(&pts, &[blocker]));
    }

    #[test]
    fn segment_rect_intersection() {
        let r = Rect::from_min_max(Point::new(0.0, 0.0), Point::new(10.0, 10.0));
        assert!(segment_hits_rect(
            Point::new(-5.0, 5.0),
            Point::new(15.0, 5.0),
            &r
        ));
        assert!(!segment_hits_rect(
            Point::new(-5.0, 15.0),
            Point::new(15.0, 15.0),
            &r
        ));
        assert!(!segment_hits_rect(
            Point::new(-5.0, -5.0),
            Point::new(-1.0, 20.0),
            &r
        ));
    }
}
