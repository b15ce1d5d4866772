//! Link routing in the style of architecture diagrams: a straight horizontal or vertical line
//! between components in the same row or column, otherwise the simplest orthogonal route (an L,
//! then a Z, then a detour around a blocker) that runs through no other component and does not
//! lie on top of a link already placed. When none of those is clear, a shortest-path search
//! ([`super::search`]) finds an orthogonal route of any length around everything in the way.
//! Routes never have a diagonal, and every route ends in a straight stem into its target, so the
//! arrowhead sits on a visible line.

use super::geom::{Point, Rect};
use super::search::{self, Dir, Port};
use super::style;

mod occupied;
mod polyline;
mod shapes;
pub use occupied::{NEAR, Occupied, Overlap, Wire};
use polyline::without_repeats;
pub use polyline::{label_box, label_spots, lerp_route, polyline};
pub use shapes::aligned;
use shapes::{candidates, has_stems, tidy};

/// A route: an orthogonal polyline from the source's border to the target's, any length.
pub type Route = Vec<Point>;

/// Shortest straight run into the target (and out of the source), so arrowheads have a stem.
pub const MIN_STEM: f32 = 10.0;
/// How far beyond its two ends the first search for a link looks.
const TIGHT_MARGIN: f32 = 60.0;
/// Clearance the searched routes keep from components and group labels.
const CLEARANCE: f32 = 6.0;

/// A component as the router sees it: its icon square and its icon + label footprint.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Ends {
    /// The icon square (horizontal links attach to its sides, at its centre height).
    pub icon: Rect,
    /// Icon plus label (a link leaving downwards starts below the label).
    pub footprint: Rect,
}

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

/// How many of `obstacles` the polyline runs through.
fn hits(points: &[Point], obstacles: &[Rect]) -> usize {
    obstacles
        .iter()
        .filter(|r| points.windows(2).any(|w| segment_hits_rect(w[0], w[1], r)))
        .count()
}

/// Whether a route runs back through its own ends: it must leave `a` heading away from it and
/// reach `b` heading into it, and only its first segment may touch where it starts and only
/// its last where it ends (a zig-zag must not cut through a label).
fn crosses_own_ends(points: &[Point], a: Ends, b: Ends) -> bool {
    let pts = without_repeats(points);
    if let ([p0, p1, ..], [.., q0, q1]) = (pts.as_slice(), pts.as_slice()) {
        let (ca, cb) = (a.icon.center(), b.icon.center());
        let away = (p1.x - p0.x) * (p0.x - ca.x) + (p1.y - p0.y) * (p0.y - ca.y);
        let into = (q1.x - q0.x) * (cb.x - q1.x) + (q1.y - q0.y) * (cb.y - q1.y);
        if away <= 0.0 || into <= 0.0 {
            return true;
        }
    }
    let n = points.len().saturating_sub(1);
    let (fa, fb) = (a.footprint.expand_by(-1.0), b.footprint.expand_by(-1.0));
    points.windows(2).enumerate().any(|(k, w)| {
        (k > 0 && segment_hits_rect(w[0], w[1], &fa))
            || (k + 1 < n && segment_hits_rect(w[0], w[1], &fb))
    })
}

/// The ports of a component for the search: the middle of each side and two places beside it
/// on each side, each with a stub long enough to clear the component and its label.
fn ports(e: Ends) -> Vec<Port> {
    let g = style::EDGE_GAP;
    let (c, fp) = (e.icon.center(), e.footprint);
    let clear = CLEARANCE + 2.0;
    let mut out = Vec::with_capacity(12);
    for off in [0.0, -style::ICON * 0.25, style::ICON * 0.25] {
        let right = Point::new(e.icon.max.x + g, c.y + off);
        let left = Point::new(e.icon.min.x - g, c.y + off);
        let top = Point::new(c.x + off, e.icon.min.y - g);
        let bottom = Point::new(c.x + off, fp.max.y + g);
        out.push(Port {
            at: right,
            out: Point::new((fp.max.x + clear).max(right.x + MIN_STEM), right.y),
            dir: Dir::Right,
        });
        out.push(Port {
            at: left,
            out: Point::new((fp.min.x - clear).min(left.x - MIN_STEM), left.y),
            dir: Dir::Left,
        });
        out.push(Port {
            at: top,
            out: Point::new(top.x, (fp.min.y - clear).min(top.y - MIN_STEM)),
            dir: Dir::Up,
        });
        out.push(Port {
            at: bottom,
            out: Point::new(bottom.x, (fp.max.y + clear).max(bottom.y + MIN_STEM)),
            dir: Dir::Down,
        });
    }
    out
}

/// Search for a route from `a` to `b` inside `area` around `obstacles` (footprints of other
/// components and group labels). `soft` allows going through obstacles at a high cost.
pub fn search(
    a: Ends,
    b: Ends,
    ends: Wire,
    obstacles: &[Rect],
    occupied: &Occupied,
    area: Rect,
    soft: bool,
) -> Option<Route> {
    let grown: Vec<Rect> = obstacles.iter().map(|r| r.expand_by(CLEARANCE)).collect();
    // Its own ends are in the way too, beyond the stubs.
    let own = [
        a.footprint.expand_by(CLEARANCE),
        b.footprint.expand_by(CLEARANCE),
    ];
    let (starts, goals) = (ports(a), ports(b));
    let area = area
        .union(a.footprint.expand_by(4.0 * CLEARANCE + MIN_STEM))
        .union(b.footprint.expand_by(4.0 * CLEARANCE + MIN_STEM));
    search::shortest(&search::Query {
        starts: &starts,
        goals: &goals,
        obstacles: &grown,
        own: &own,
        area,
        occupied,
        ends,
        soft,
    })
}

/// Route the link `ends` from component `a` to component `b` around `obstacles` (the
/// footprints of the other visible components nearby, and group labels), avoiding the segments
/// in `occupied`. The simple shapes come first (straight, L, Z, detour): the first that is
/// clear wins. Otherwise a shortest-path search inside `area`. `None` when neither finds a
/// clear route; the caller then searches wider (see [`search()`]).
pub fn route(
    a: Ends,
    b: Ends,
    ends: Wire,
    obstacles: &[Rect],
    occupied: &Occupied,
    area: Rect,
) -> Option<Route> {
    let grown: Vec<Rect> = obstacles.iter().map(|r| r.expand_by(2.0)).collect();
    let mut clear = None;
    // The first simple route that only bundles with links sharing an end, if none is clear.
    let mut bundled = None;
    candidates(a, b, &grown, |c| {
        let c = &search::simplify(c);
        // Only the obstacles inside `area` are known: a detour beyond it is not judged.
        let known = c.iter().all(|p| area.contains(*p));
        if !(known && tidy(c) && has_stems(c) && hits(c, &grown) == 0 && !crosses_own_ends(c, a, b))
        {
            return false;
        }
        let overlap = occupied.overlap(c, ends);
        if overlap.total() < 1.0 {
            clear = Some(c.clone());
            return true;
        }
        if overlap.unrelated < 1.0 && bundled.is_none() {
            bundled = Some(c.clone());
        }
        false
    });
    clear.or(bundled).or_else(|| {
        // A tight box around the two ends first (a small grid is searched fast), then the
        // whole area.
        let tight = a.footprint.union(b.footprint).expand_by(TIGHT_MARGIN);
        [tight, area].into_iter().find_map(|box_| {
            let r = search(a, b, ends, obstacles, occupied, box_, false)?;
            is_clear(&r, ends, obstacles, occupied).then_some(r)
        })
    })
}

/// Whether `r` crosses none of `obstacles` and runs along no unrelated line.
pub fn is_clear(r: &[Point], ends: Wire, obstacles: &[Rect], occupied: &Occupied) -> bool {
    hits(r, obstacles) == 0 && occupied.overlap(r, ends).unrelated < 1.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn boxed(x: f32, y: f32) -> Ends {
        let icon = Rect::from_center_size(Point::new(x, y), 56.0, 56.0);
        Ends {
            icon,
            footprint: icon.expand(10.0, 0.0, 10.0, 25.0),
        }
    }

    fn w(from: usize, to: usize) -> Wire {
        Wire {
            from,
            to,
            labelled: false,
        }
    }

    fn routed(a: Ends, b: Ends, ends: Wire, obstacles: &[Rect], occupied: &Occupied) -> Route {
        let area = a.footprint.union(b.footprint).expand_by(300.0);
        route(a, b, ends, obstacles, occupied, area).expect("a clear route")
    }

    /// The drawn line of a link from the component at `a` to the one at `b`, nothing routed
    /// before it, around `blockers`.
    fn between(a: (f32, f32), b: (f32, f32), blockers: &[Rect]) -> Vec<Point> {
        let none = Occupied::default();
        polyline(&routed(
            boxed(a.0, a.1),
            boxed(b.0, b.1),
            w(0, 1),
            blockers,
            &none,
        ))
    }

    fn axis_aligned(pts: &[Point]) -> bool {
        pts.windows(2)
            .all(|w| (w[0].x - w[1].x).abs() < 0.01 || (w[0].y - w[1].y).abs() < 0.01)
    }

    fn clear(pts: &[Point], obstacles: &[Rect]) -> bool {
        hits(pts, obstacles) == 0
    }

    #[test]
    fn components_in_a_row_or_column_get_one_straight_line() {
        let pts = between((0.0, 0.0), (400.0, 0.0), &[]);
        assert_eq!(pts.len(), 2, "{pts:?}");
        assert_eq!(pts[0].y, pts[1].y, "horizontal");
        assert!(
            pts[0].x > 28.0 && pts[1].x < 372.0,
            "starts and ends at the icon sides"
        );
        let pts = between((0.0, 0.0), (0.0, 300.0), &[]);
        assert_eq!(pts.len(), 2, "{pts:?}");
        assert_eq!(pts[0].x, pts[1].x, "vertical");
        assert!(pts[0].y > 28.0 + 25.0, "leaves below the label");
    }

    #[test]
    fn a_blocker_in_the_same_row_or_column_is_walked_around() {
        let blocker = boxed(200.0, 0.0).footprint;
        let pts = between((0.0, 0.0), (400.0, 0.0), &[blocker]);
        assert!(pts.len() == 4, "{pts:?}");
        assert!(axis_aligned(&pts) && clear(&pts, &[blocker]), "{pts:?}");
        let blocker = boxed(0.0, 200.0).footprint;
        let pts = between((0.0, 0.0), (0.0, 400.0), &[blocker]);
        assert!(axis_aligned(&pts) && clear(&pts, &[blocker]), "{pts:?}");
    }

    #[test]
    fn offset_components_get_an_orthogonal_route_around_blockers() {
        let pts = between((0.0, 0.0), (400.0, 250.0), &[]);
        assert_eq!(pts.len(), 3, "an L: {pts:?}");
        assert!(axis_aligned(&pts));
        // Block the horizontal-first L: the route turns the other way or zig-zags.
        let blocker = boxed(400.0, 0.0).footprint;
        let pts = between((0.0, 0.0), (400.0, 250.0), &[blocker]);
        assert!(axis_aligned(&pts) && clear(&pts, &[blocker]), "{pts:?}");
    }

    #[test]
    fn a_second_link_does_not_run_on_top_of_the_first() {
        let mut occupied = Occupied::default();
        let src = boxed(0.0, 0.0);
        let first = polyline(&routed(src, boxed(400.0, -250.0), w(0, 1), &[], &occupied));
        occupied.add(&first, w(0, 1));
        let second = polyline(&routed(src, boxed(400.0, 250.0), w(0, 2), &[], &occupied));
        let overlap = occupied.overlap(&second, w(0, 2));
        assert!(overlap.total() < 1.0, "{first:?} / {second:?}");
        assert!(axis_aligned(&second));
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
