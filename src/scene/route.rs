//! Link routing in the style of architecture diagrams: a straight horizontal or vertical line
//! between components in the same row or column, otherwise the simplest orthogonal route (an L,
//! then a Z, then a detour around a blocker) that runs through no other component and does not
//! lie on top of a link already placed. When none of those is clear, a shortest-path search
//! ([`super::search`]) finds an orthogonal route of any length around everything in the way.
//! Routes never have a diagonal, and every route ends in a straight stem into its target, so the
//! arrowhead sits on a visible line.

use std::collections::BTreeMap;

use super::geom::{Point, Rect};
use super::search::{self, Dir, Port};
use super::style;

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

/// Horizontal and vertical segments of the links placed so far, so later links can avoid
/// running on top of them (two links sharing a segment read as one).
#[derive(Clone, Debug, Default)]
pub struct Occupied {
    horizontal: BTreeMap<i64, Vec<Placed>>,
    vertical: BTreeMap<i64, Vec<Placed>>,
}

/// A recorded segment: its lane coordinate, its extent along the lane, and the components the
/// link joins.
#[derive(Clone, Copy, Debug)]
struct Placed {
    at: f32,
    lo: f32,
    hi: f32,
    ends: Wire,
}

/// How much of a candidate route lies on top of recorded links.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Overlap {
    /// Along links that share one of its components (fan-in and fan-out may bundle).
    pub related: f32,
    /// Along links between other components (reads as a wrong connection).
    pub unrelated: f32,
}

impl Overlap {
    /// Count the part of the stretch `lo..hi` that lies on a recorded segment `seg_lo..seg_hi`
    /// of link `seg` lying on the same line, for a route of link `wire`. Segments that merely
    /// meet end to end also read as one line, so a gap of [`NEAR`] is kept at both ends.
    pub fn add_run(
        &mut self,
        (lo, hi): (f32, f32),
        (seg_lo, seg_hi): (f32, f32),
        seg: Wire,
        wire: Wire,
    ) {
        let len = (hi.min(seg_hi) - lo.max(seg_lo) + 2.0 * NEAR).max(0.0);
        if len <= 0.0 {
            return;
        }
        if seg.may_bundle(wire) {
            self.related += len;
        } else {
            self.unrelated += len;
        }
    }

    /// Both kinds together.
    pub fn total(&self) -> f32 {
        self.related + self.unrelated
    }
}

/// Segments closer than this (scene units) count as lying on top of each other.
pub const NEAR: f32 = 6.0;

fn lane(c: f32) -> i64 {
    (c / NEAR).round() as i64
}

impl Occupied {
    /// Record the chosen route of the link joining components `ends`.
    pub fn add(&mut self, points: &[Point], ends: Wire) {
        for w in points.windows(2) {
            let (a, b) = (w[0], w[1]);
            if (a.y - b.y).abs() < 0.5 {
                let e = Placed {
                    at: a.y,
                    lo: a.x.min(b.x),
                    hi: a.x.max(b.x),
                    ends,
                };
                self.horizontal.entry(lane(a.y)).or_default().push(e);
            } else if (a.x - b.x).abs() < 0.5 {
                let e = Placed {
                    at: a.x,
                    lo: a.y.min(b.y),
                    hi: a.y.max(b.y),
                    ends,
                };
                self.vertical.entry(lane(a.x)).or_default().push(e);
            }
        }
    }

    /// How much of `points` (a route of the link joining `ends`) lies on recorded segments.
    pub fn overlap(&self, points: &[Point], ends: Wire) -> Overlap {
        let mut out = Overlap::default();
        for w in points.windows(2) {
            let o = self.run_along(w[0], w[1], ends);
            out.related += o.related;
            out.unrelated += o.unrelated;
        }
        out
    }

    /// How much of the straight segment a–b lies on recorded segments. Links sharing an end
    /// are related (they may bundle); the two directions between the same pair of components
    /// are not (they must stay a visible pair).
    pub fn run_along(&self, a: Point, b: Point, ends: Wire) -> Overlap {
        let mut out = Overlap::default();
        let (map, c, lo, hi) = if (a.y - b.y).abs() < 0.5 {
            (&self.horizontal, a.y, a.x.min(b.x), a.x.max(b.x))
        } else if (a.x - b.x).abs() < 0.5 {
            (&self.vertical, a.x, a.y.min(b.y), a.y.max(b.y))
        } else {
            return out;
        };
        let k = lane(c);
        for p in map
            .range(k - 1..=k + 1)
            .flat_map(|(_, v)| v)
            .filter(|p| (c - p.at).abs() < NEAR)
        {
            out.add_run((lo, hi), (p.lo, p.hi), p.ends, ends);
        }
        out
    }

    /// The recorded segments lying along the horizontal (or vertical) line at `c`, as
    /// (low end, high end, link).
    pub fn along_line(&self, horizontal: bool, c: f32) -> Vec<(f32, f32, Wire)> {
        let map = if horizontal {
            &self.horizontal
        } else {
            &self.vertical
        };
        let k = lane(c);
        map.range(k - 1..=k + 1)
            .flat_map(|(_, v)| v)
            .filter(|p| (c - p.at).abs() < NEAR)
            .map(|p| (p.lo, p.hi, p.ends))
            .collect()
    }

    /// The recorded horizontal (or vertical) segments whose line lies between `lo` and `hi`,
    /// as (line, low end, high end).
    pub fn segments_between(
        &self,
        horizontal: bool,
        lo: f32,
        hi: f32,
    ) -> impl Iterator<Item = (f32, f32, f32)> + '_ {
        let map = if horizontal {
            &self.horizontal
        } else {
            &self.vertical
        };
        map.range(lane(lo)..=lane(hi))
            .flat_map(|(_, v)| v)
            .filter(move |p| p.at >= lo && p.at <= hi)
            .map(|p| (p.at, p.lo, p.hi))
    }

    /// How many recorded segments the straight segment a–b crosses (at a right angle).
    pub fn crossings(&self, a: Point, b: Point) -> usize {
        let (map, c, lo, hi) = if (a.y - b.y).abs() < 0.5 {
            (&self.vertical, a.y, a.x.min(b.x), a.x.max(b.x))
        } else if (a.x - b.x).abs() < 0.5 {
            (&self.horizontal, a.x, a.y.min(b.y), a.y.max(b.y))
        } else {
            return 0;
        };
        map.range(lane(lo)..=lane(hi))
            .flat_map(|(_, v)| v)
            .filter(|p| p.at > lo + 0.5 && p.at < hi - 0.5 && c > p.lo + 0.5 && c < p.hi - 0.5)
            .count()
    }
}

/// A link as the router sees it: the components it joins, and whether it carries a label.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Wire {
    /// Source component.
    pub from: usize,
    /// Target component.
    pub to: usize,
    /// Whether the link has a label (a labelled line never bundles: its label would sit
    /// beside two lines at once).
    pub labelled: bool,
}

impl Wire {
    /// The lines already drawn that nobody may run along (group borders).
    pub const BORDER: Wire = Wire {
        from: usize::MAX,
        to: usize::MAX,
        labelled: false,
    };

    /// Whether two links may share a line: they have a component in common, neither has a
    /// label, and they are not the two directions (or two copies) of one pair.
    pub fn may_bundle(self, other: Wire) -> bool {
        let (a, b) = ((self.from, self.to), (other.from, other.to));
        let same_pair = (a.0 == b.0 && a.1 == b.1) || (a.0 == b.1 && a.1 == b.0);
        !same_pair
            && !self.labelled
            && !other.labelled
            && (a.0 == b.0 || a.0 == b.1 || a.1 == b.0 || a.1 == b.1)
    }
}

/// The overlap of two intervals, if it is at least `min` long.
fn shared(a: (f32, f32), b: (f32, f32), min: f32) -> Option<(f32, f32)> {
    let (lo, hi) = (a.0.max(b.0), a.1.min(b.1));
    (hi - lo >= min).then_some((lo, hi))
}

/// A range of heights or widths (low, high) two icons share.
type Band = (f32, f32);

/// How `a` and `b` line up: the band of heights their icons share when they sit side by side
/// in a row, and the band of widths when they sit one above the other in a column.
fn alignment(a: Ends, b: Ends) -> (Option<Band>, Option<Band>) {
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
fn candidates(a: Ends, b: Ends, obstacles: &[Rect], mut visit: impl FnMut(&[Point]) -> bool) {
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
fn lanes(lo: f32, hi: f32) -> impl Iterator<Item = f32> {
    let half = (hi - lo) / 2.0 - 4.0;
    [0.0f32, -12.0, 12.0, -24.0, 24.0]
        .into_iter()
        .filter(move |o| o.abs() <= half.max(0.0))
}

/// Whether every segment is horizontal or vertical and long enough to see (a jog of half a
/// unit would be drawn, after rounding, as a diagonal).
fn tidy(points: &[Point]) -> bool {
    points.windows(2).all(|w| {
        let (dx, dy) = ((w[0].x - w[1].x).abs(), (w[0].y - w[1].y).abs());
        (dx < 1e-3 || dy < 1e-3) && dx.max(dy) >= 2.0
    })
}

/// Whether the first and last segments are long enough to read as a stem.
fn has_stems(points: &[Point]) -> bool {
    let pts = without_repeats(points);
    match pts.as_slice() {
        [a, b] => a.distance(*b) >= MIN_STEM,
        [a, b, c] => a.distance(*b) >= MIN_STEM / 2.0 && b.distance(*c) >= MIN_STEM,
        [a, b, .., c, d] => a.distance(*b) >= MIN_STEM / 2.0 && c.distance(*d) >= MIN_STEM,
        _ => false,
    }
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
fn without_repeats(points: &[Point]) -> Vec<Point> {
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

    fn axis_aligned(pts: &[Point]) -> bool {
        pts.windows(2)
            .all(|w| (w[0].x - w[1].x).abs() < 0.01 || (w[0].y - w[1].y).abs() < 0.01)
    }

    fn clear(pts: &[Point], obstacles: &[Rect]) -> bool {
        hits(pts, obstacles) == 0
    }

    #[test]
    fn components_in_a_row_or_column_get_one_straight_line() {
        let none = Occupied::default();
        let pts = polyline(&routed(
            boxed(0.0, 0.0),
            boxed(400.0, 0.0),
            w(0, 1),
            &[],
            &none,
        ));
        assert_eq!(pts.len(), 2, "{pts:?}");
        assert_eq!(pts[0].y, pts[1].y, "horizontal");
        assert!(
            pts[0].x > 28.0 && pts[1].x < 372.0,
            "starts and ends at the icon sides"
        );
        let pts = polyline(&routed(
            boxed(0.0, 0.0),
            boxed(0.0, 300.0),
            w(0, 1),
            &[],
            &none,
        ));
        assert_eq!(pts.len(), 2, "{pts:?}");
        assert_eq!(pts[0].x, pts[1].x, "vertical");
        assert!(pts[0].y > 28.0 + 25.0, "leaves below the label");
    }

    #[test]
    fn a_blocker_in_the_same_row_or_column_is_walked_around() {
        let none = Occupied::default();
        let blocker = boxed(200.0, 0.0).footprint;
        let pts = polyline(&routed(
            boxed(0.0, 0.0),
            boxed(400.0, 0.0),
            w(0, 1),
            &[blocker],
            &none,
        ));
        assert!(pts.len() == 4, "{pts:?}");
        assert!(axis_aligned(&pts) && clear(&pts, &[blocker]), "{pts:?}");
        let blocker = boxed(0.0, 200.0).footprint;
        let pts = polyline(&routed(
            boxed(0.0, 0.0),
            boxed(0.0, 400.0),
            w(0, 1),
            &[blocker],
            &none,
        ));
        assert!(axis_aligned(&pts) && clear(&pts, &[blocker]), "{pts:?}");
    }

    #[test]
    fn offset_components_get_an_orthogonal_route_around_blockers() {
        let none = Occupied::default();
        let pts = polyline(&routed(
            boxed(0.0, 0.0),
            boxed(400.0, 250.0),
            w(0, 1),
            &[],
            &none,
        ));
        assert_eq!(pts.len(), 3, "an L: {pts:?}");
        assert!(axis_aligned(&pts));
        // Block the horizontal-first L: the route turns the other way or zig-zags.
        let blocker = boxed(400.0, 0.0).footprint;
        let pts = polyline(&routed(
            boxed(0.0, 0.0),
            boxed(400.0, 250.0),
            w(0, 1),
            &[blocker],
            &none,
        ));
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
