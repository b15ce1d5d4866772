//! The price of a grid segment: what lies along and across each grid line (links already
//! drawn, related or not), gathered once per search.

use super::Query;
use super::grid::{Grid, lower};
use crate::scene::geom::Point;
use crate::scene::route::{self, Overlap};

/// Cost of crossing a line already drawn.
pub(super) const CROSS: f32 = 36.0;

/// Extra cost per unit run along an unrelated line.
pub(super) const UNRELATED: f32 = 80.0;

/// Extra cost per unit run along a line that shares an end.
pub(super) const RELATED: f32 = 0.4;

/// In the last-resort search, extra cost per unit through an obstacle and per entry.
pub(super) const THROUGH: (f32, f32) = (30.0, 600.0);

/// What lies along and across every grid line, gathered once per search so that pricing a
/// grid segment needs no lookups.
pub(super) struct LineCosts {
    /// Per horizontal line (by y index).
    pub(super) rows: Vec<Line>,
    /// Per vertical line (by x index).
    pub(super) cols: Vec<Line>,
}

/// What lies on one grid line: recorded segments along it (low end, high end, link), and
/// where recorded segments cross it, sorted.
pub(super) type Line = (Vec<(f32, f32, route::Wire)>, Vec<f32>);

impl LineCosts {
    pub(super) fn new(q: &Query, g: &Grid) -> LineCosts {
        let (x0, x1) = (g.xs[0], g.xs[g.xs.len() - 1]);
        let (y0, y1) = (g.ys[0], g.ys[g.ys.len() - 1]);
        let mut rows: Vec<_> =
            g.ys.iter()
                .map(|y| (q.occupied.along_line(true, *y), Vec::new()))
                .collect();
        let mut cols: Vec<_> =
            g.xs.iter()
                .map(|x| (q.occupied.along_line(false, *x), Vec::new()))
                .collect();
        // Each upright segment crosses the rows strictly between its ends, and each level
        // one the columns: one pass over the segments in the area.
        for (x, lo, hi) in q.occupied.segments_between(false, x0, x1) {
            let (a, b) = (
                lower(&g.ys, lo + 0.5),
                g.ys.partition_point(|y| *y < hi - 0.5),
            );
            for row in &mut rows[a..b.max(a)] {
                row.1.push(x);
            }
        }
        for (y, lo, hi) in q.occupied.segments_between(true, y0, y1) {
            let (a, b) = (
                lower(&g.xs, lo + 0.5),
                g.xs.partition_point(|x| *x < hi - 0.5),
            );
            for col in &mut cols[a..b.max(a)] {
                col.1.push(y);
            }
        }
        for line in rows.iter_mut().chain(cols.iter_mut()) {
            line.1.sort_by(f32::total_cmp);
        }
        LineCosts { rows, cols }
    }

    /// Cost of the grid segment between neighbours `a` and `b` (see [`price`]).
    pub(super) fn cost(&self, q: &Query, g: &Grid, a: usize, b: usize, blocked: bool) -> f32 {
        let nx = g.xs.len();
        let (pa, pb) = (g.point(a), g.point(b));
        let ((along, across), lo, hi) = if a / nx == b / nx {
            (&self.rows[a / nx], pa.x.min(pb.x), pa.x.max(pb.x))
        } else {
            (&self.cols[a % nx], pa.y.min(pb.y), pa.y.max(pb.y))
        };
        let mut run = Overlap::default();
        for (plo, phi, wire) in along {
            run.add_run((lo, hi), (*plo, *phi), *wire, q.ends);
        }
        let first = across.partition_point(|c| *c <= lo + 0.5);
        let last = across.partition_point(|c| *c < hi - 0.5);
        price(hi - lo, run, last.saturating_sub(first), blocked)
    }
}

/// Cost of a stub (a port's fixed straight segment), priced like any grid segment.
pub(super) fn stub_cost(q: &Query, a: Point, b: Point) -> f32 {
    let run = q.occupied.run_along(a, b, q.ends);
    price(a.distance(b), run, q.occupied.crossings(a, b), false)
}

/// Cost of a straight piece of route: its length, plus what it runs along, crosses or (in the
/// last-resort search) goes through.
pub(super) fn price(len: f32, run: Overlap, crossings: usize, blocked: bool) -> f32 {
    let mut c = len + run.unrelated * UNRELATED + run.related * RELATED + crossings as f32 * CROSS;
    if blocked {
        c += len * THROUGH.0 + THROUGH.1;
    }
    c
}
