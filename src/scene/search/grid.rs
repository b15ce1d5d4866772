//! The sparse orthogonal grid the search runs on: its lines, and which of its points and
//! segments lie inside an obstacle.

use super::{Dir, LANE, LANES_UP_TO, MAX_NODES, Query};
use crate::scene::geom::Point;

/// A sparse orthogonal grid with blocked points and segments.
pub(super) struct Grid {
    pub(super) xs: Vec<f32>,
    pub(super) ys: Vec<f32>,
    /// Points strictly inside an obstacle.
    pub(super) node_blocked: Vec<bool>,
    /// Segment from (ix, iy) to (ix + 1, iy) runs inside an obstacle.
    pub(super) h_blocked: Vec<bool>,
    /// Segment from (ix, iy) to (ix, iy + 1) runs inside an obstacle.
    pub(super) v_blocked: Vec<bool>,
}

pub(super) const EPS: f32 = 0.01;

pub(super) fn coordinates(mut v: Vec<f32>, lo: f32, hi: f32, lanes: bool) -> Vec<f32> {
    v.retain(|c| c.is_finite() && *c >= lo - EPS && *c <= hi + EPS);
    v.sort_by(f32::total_cmp);
    v.dedup_by(|a, b| (*a - *b).abs() < 1e-3);
    let mut out = Vec::with_capacity(v.len() * 2);
    for w in v.windows(2) {
        out.push(w[0]);
        let gap = w[1] - w[0];
        let mid = (w[0] + w[1]) / 2.0;
        if lanes && gap > 6.0 * LANE {
            out.extend([mid - 1.5 * LANE, mid, mid + 1.5 * LANE]);
        } else if gap > 2.0 * LANE {
            out.push(mid);
        }
    }
    out.extend(v.last());
    out
}

/// First index with `v[i] >= x`.
pub(super) fn lower(v: &[f32], x: f32) -> usize {
    v.partition_point(|c| *c < x)
}

impl Grid {
    pub(super) fn build(q: &Query) -> Option<Grid> {
        let a = q.area;
        let mut xs = vec![a.min.x, a.max.x];
        let mut ys = vec![a.min.y, a.max.y];
        for r in q.obstacles.iter().chain(q.own) {
            xs.extend([r.min.x, r.max.x]);
            ys.extend([r.min.y, r.max.y]);
        }
        // The search runs between the stubs' ends (a stub itself is straight and fixed).
        for p in q.starts.iter().chain(q.goals) {
            xs.push(p.out.x);
            ys.push(p.out.y);
        }
        let mut grid = (
            coordinates(xs.clone(), a.min.x, a.max.x, true),
            coordinates(ys.clone(), a.min.y, a.max.y, true),
        );
        if grid.0.len() * grid.1.len() > LANES_UP_TO {
            grid = (
                coordinates(xs, a.min.x, a.max.x, false),
                coordinates(ys, a.min.y, a.max.y, false),
            );
        }
        let (xs, ys) = grid;
        let (nx, ny) = (xs.len(), ys.len());
        if nx < 2 || ny < 2 || nx * ny > MAX_NODES {
            return None;
        }
        let mut g = Grid {
            node_blocked: vec![false; nx * ny],
            h_blocked: vec![false; nx * ny],
            v_blocked: vec![false; nx * ny],
            xs,
            ys,
        };
        for r in q.obstacles.iter().chain(q.own) {
            // Lines strictly inside, and segments between lines within the box's span.
            let (ix_in, ix_out) = (lower(&g.xs, r.min.x + EPS), lower(&g.xs, r.max.x - EPS));
            let (iy_in, iy_out) = (lower(&g.ys, r.min.y + EPS), lower(&g.ys, r.max.y - EPS));
            let (ix_span, ix_span_end) = (lower(&g.xs, r.min.x - EPS), lower(&g.xs, r.max.x + EPS));
            let (iy_span, iy_span_end) = (lower(&g.ys, r.min.y - EPS), lower(&g.ys, r.max.y + EPS));
            for iy in iy_in..iy_out {
                for ix in ix_in..ix_out {
                    g.node_blocked[iy * nx + ix] = true;
                }
                // Horizontal segments at a height strictly inside, within the x span.
                for ix in ix_span..ix_span_end.saturating_sub(1) {
                    g.h_blocked[iy * nx + ix] = true;
                }
            }
            for ix in ix_in..ix_out {
                for iy in iy_span..iy_span_end.saturating_sub(1) {
                    g.v_blocked[iy * nx + ix] = true;
                }
            }
        }
        Some(g)
    }

    pub(super) fn index_of(&self, p: Point) -> Option<usize> {
        let ix = self.xs.iter().position(|x| (x - p.x).abs() < 1e-3)?;
        let iy = self.ys.iter().position(|y| (y - p.y).abs() < 1e-3)?;
        Some(iy * self.xs.len() + ix)
    }

    pub(super) fn point(&self, node: usize) -> Point {
        let nx = self.xs.len();
        Point::new(self.xs[node % nx], self.ys[node / nx])
    }

    /// The neighbour of `node` heading `d`, and whether the segment to it is blocked.
    pub(super) fn step(&self, node: usize, d: Dir) -> Option<(usize, bool)> {
        let nx = self.xs.len();
        let (ix, iy) = (node % nx, node / nx);
        let (next, blocked) = match d {
            Dir::Left if ix > 0 => (node - 1, self.h_blocked[node - 1]),
            Dir::Right if ix + 1 < nx => (node + 1, self.h_blocked[node]),
            Dir::Up if iy > 0 => (node - nx, self.v_blocked[node - nx]),
            Dir::Down if iy + 1 < self.ys.len() => (node + nx, self.v_blocked[node]),
            _ => return None,
        };
        Some((next, blocked || self.node_blocked[next]))
    }
}
