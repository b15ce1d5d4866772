//! The lines drawn so far, and how much a new segment would run along or cross them.

use std::collections::BTreeMap;

use super::super::geom::Point;

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
pub(super) fn shared(a: (f32, f32), b: (f32, f32), min: f32) -> Option<(f32, f32)> {
    let (lo, hi) = (a.0.max(b.0), a.1.min(b.1));
    (hi - lo >= min).then_some((lo, hi))
}
