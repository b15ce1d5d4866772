//! Shortest orthogonal paths around obstacles, for links no simple route (straight, L, Z)
//! can take.
//!
//! The search runs on a sparse orthogonal grid (a Hanan-style grid): its lines are the edges of
//! every obstacle, the ports' stub ends, the search area's border and lanes in the middle of
//! the channels between them, so any orthogonal route around the obstacles can be drawn on it.
//! A* over (grid point, heading) states minimises length, plus a cost per bend, per crossing of
//! a line already drawn, and per unit run along an unrelated line (which would read as one
//! wire); running along a link that shares an end (fan-in, fan-out) costs little.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use super::geom::{Point, Rect};
use super::route::{Occupied, Overlap};

/// A heading on the grid.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dir {
    /// Towards smaller x.
    Left,
    /// Towards larger x.
    Right,
    /// Towards smaller y (up on screen).
    Up,
    /// Towards larger y.
    Down,
}

impl Dir {
    const ALL: [Dir; 4] = [Dir::Left, Dir::Right, Dir::Up, Dir::Down];

    fn index(self) -> usize {
        self as usize
    }

    fn reverse(self) -> Dir {
        match self {
            Dir::Left => Dir::Right,
            Dir::Right => Dir::Left,
            Dir::Up => Dir::Down,
            Dir::Down => Dir::Up,
        }
    }
}

/// Where a route may start or end: the point on the component's border where the line
/// touches it, the end of the straight stub that leaves it (so every arrowhead has a stem),
/// and the heading of that stub away from the component.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Port {
    /// On the component's border.
    pub at: Point,
    /// End of the stub, clear of the component.
    pub out: Point,
    /// Heading from `at` to `out`.
    pub dir: Dir,
}

/// Weight on the A* heuristic (1 = always the cheapest route; a little more searches far
/// less for a route within a few percent of it).
const HEURISTIC_WEIGHT: f32 = 1.6;
/// Cost of one bend, in units of length.
const BEND: f32 = 28.0;
/// Cost of crossing a line already drawn.
const CROSS: f32 = 36.0;
/// Extra cost per unit run along an unrelated line.
const UNRELATED: f32 = 80.0;
/// Extra cost per unit run along a line that shares an end.
const RELATED: f32 = 0.4;
/// In the last-resort search, extra cost per unit through an obstacle and per entry.
const THROUGH: (f32, f32) = (30.0, 600.0);
/// Channels wider than this get extra lanes beside their middle, so parallel links can be
/// nudged apart instead of sharing one line.
const LANE: f32 = 10.0;
/// Grids with extra lanes larger than this are searched without them (a long link across a
/// big diagram has plenty of channels anyway).
const LANES_UP_TO: usize = 6_000;
/// Grids larger than this are not searched at all (the caller falls back); about 500 × 500.
const MAX_NODES: usize = 250_000;

/// What to search: from any of `starts` to any of `goals`, inside `area`, around `obstacles`
/// (already grown by the clearance wanted), for the link joining components `ends`.
pub struct Query<'a> {
    /// Ports the route may leave from.
    pub starts: &'a [Port],
    /// Ports the route may arrive at.
    pub goals: &'a [Port],
    /// Boxes the route may not enter (the ports' stubs neither).
    pub obstacles: &'a [Rect],
    /// The two ends' own boxes: the route may not enter them beyond the ports' stubs.
    pub own: &'a [Rect],
    /// The route stays inside this box.
    pub area: Rect,
    /// Lines already drawn.
    pub occupied: &'a Occupied,
    /// The components the link joins (for related/unrelated lines).
    pub ends: super::route::Wire,
    /// Allow passing through obstacles at a high cost (the last resort).
    pub soft: bool,
}

/// A sparse orthogonal grid with blocked points and segments.
struct Grid {
    xs: Vec<f32>,
    ys: Vec<f32>,
    /// Points strictly inside an obstacle.
    node_blocked: Vec<bool>,
    /// Segment from (ix, iy) to (ix + 1, iy) runs inside an obstacle.
    h_blocked: Vec<bool>,
    /// Segment from (ix, iy) to (ix, iy + 1) runs inside an obstacle.
    v_blocked: Vec<bool>,
}

const EPS: f32 = 0.01;

fn coordinates(mut v: Vec<f32>, lo: f32, hi: f32, lanes: bool) -> Vec<f32> {
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
fn lower(v: &[f32], x: f32) -> usize {
    v.partition_point(|c| *c < x)
}

impl Grid {
    fn build(q: &Query) -> Option<Grid> {
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

    fn index_of(&self, p: Point) -> Option<usize> {
        let ix = self.xs.iter().position(|x| (x - p.x).abs() < 1e-3)?;
        let iy = self.ys.iter().position(|y| (y - p.y).abs() < 1e-3)?;
        Some(iy * self.xs.len() + ix)
    }

    fn point(&self, node: usize) -> Point {
        let nx = self.xs.len();
        Point::new(self.xs[node % nx], self.ys[node / nx])
    }

    /// The neighbour of `node` heading `d`, and whether the segment to it is blocked.
    fn step(&self, node: usize, d: Dir) -> Option<(usize, bool)> {
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

#[derive(Clone, Copy, PartialEq)]
struct Open {
    f: f32,
    state: usize,
}

impl Eq for Open {}

impl Ord for Open {
    fn cmp(&self, other: &Self) -> Ordering {
        other
            .f
            .total_cmp(&self.f)
            .then_with(|| other.state.cmp(&self.state))
    }
}

impl PartialOrd for Open {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// The cheapest route for `q` as a polyline from a start port's border point to a goal port's
/// border point, or `None` when no route exists (or the grid would be too large).
#[expect(
    clippy::too_many_lines,
    reason = "an A* search over the sparse grid kept in one function for its shared state"
)]
pub fn shortest(q: &Query) -> Option<Vec<Point>> {
    let g = Grid::build(q)?;
    let n = g.xs.len() * g.ys.len();
    let mut cost = vec![f32::INFINITY; n * 4];
    let mut parent = vec![u32::MAX; n * 4];
    let mut heap = BinaryHeap::new();
    // A port is usable when its stub end is free and the stub itself crosses nothing.
    let usable = |p: &Port| {
        q.soft
            || !q
                .obstacles
                .iter()
                .any(|r| super::route::segment_hits_rect(p.at, p.out, r))
    };
    let goals: Vec<(usize, &Port)> = q
        .goals
        .iter()
        .filter(|p| usable(p))
        .filter_map(|p| Some((g.index_of(p.out)?, p)))
        .filter(|(i, _)| q.soft || !g.node_blocked[*i])
        .collect();
    if goals.is_empty() {
        return None;
    }
    // Distance to the nearest goal, plus a bend when not in line with it; weighted a little
    // above 1 (weighted A*), which finds a route within a few percent of the cheapest while
    // expanding far fewer states.
    let h = |node: usize| {
        let p = g.point(node);
        let best = goals
            .iter()
            .map(|(_, gp)| {
                let (dx, dy) = ((gp.out.x - p.x).abs(), (gp.out.y - p.y).abs());
                dx + dy + if dx > 0.01 && dy > 0.01 { BEND } else { 0.0 }
            })
            .fold(f32::INFINITY, f32::min);
        best * HEURISTIC_WEIGHT
    };
    for s in q.starts.iter().filter(|p| usable(p)) {
        let Some(i) = g.index_of(s.out) else {
            continue;
        };
        if g.node_blocked[i] && !q.soft {
            continue;
        }
        let state = i * 4 + s.dir.index();
        let c = stub_cost(q, s.at, s.out);
        if c < cost[state] {
            cost[state] = c;
            parent[state] = u32::MAX;
            heap.push(Open { f: c + h(i), state });
        }
    }
    let lines = LineCosts::new(q, &g);
    let mut edge_cost: Vec<f32> = vec![f32::NAN; n * 4];
    let mut best: Option<(f32, usize, usize)> = None; // (total, state, goal index)
    while let Some(Open { f, state }) = heap.pop() {
        if best.is_some_and(|(b, _, _)| f >= b) {
            break;
        }
        let (node, dir) = (state / 4, Dir::ALL[state % 4]);
        let here = cost[state];
        if f > here + h(node) + 1e-3 {
            continue; // stale entry
        }
        for (gi, (gnode, gp)) in goals.iter().enumerate() {
            if *gnode == node && dir != gp.dir {
                let bend = if dir == gp.dir.reverse() { 0.0 } else { BEND };
                let total = here + bend + stub_cost(q, gp.out, gp.at);
                if best.is_none_or(|(b, _, _)| total < b) {
                    best = Some((total, state, gi));
                }
            }
        }
        for nd in Dir::ALL {
            if nd == dir.reverse() {
                continue;
            }
            let Some((next, blocked)) = g.step(node, nd) else {
                continue;
            };
            if blocked && !q.soft {
                continue;
            }
            let key = node * 4 + nd.index();
            if edge_cost[key].is_nan() {
                edge_cost[key] = lines.cost(q, &g, node, next, blocked);
            }
            let c = here + edge_cost[key] + if nd == dir { 0.0 } else { BEND };
            let ns = next * 4 + nd.index();
            if c < cost[ns] {
                cost[ns] = c;
                parent[ns] = state as u32;
                heap.push(Open {
                    f: c + h(next),
                    state: ns,
                });
            }
        }
    }
    let (_, end_state, gi) = best?;
    let mut nodes = vec![end_state / 4];
    let mut s = end_state;
    while parent[s] != u32::MAX {
        s = parent[s] as usize;
        nodes.push(s / 4);
    }
    nodes.reverse();
    let start = q
        .starts
        .iter()
        .find(|p| g.index_of(p.out) == Some(nodes[0]) && p.dir.index() == s % 4)?;
    let goal = goals[gi].1;
    let mut pts = vec![start.at];
    pts.extend(nodes.iter().map(|i| g.point(*i)));
    pts.push(goal.at);
    Some(without_jogs(simplify(&pts)))
}

/// Shortest step a route may take between two parallel runs: a smaller one (two grid lines
/// half a unit apart) would be drawn, after rounding, as a slanted line.
const MIN_STEP: f32 = 2.0;

/// `points` (simplified: every segment turns) with each step shorter than [`MIN_STEP`] taken
/// out by moving the run after it onto the line of the run before it, or the run before onto
/// the line after when the run after ends at the route's fixed end. A step between the two
/// fixed ends' own runs stays (nothing can move).
fn without_jogs(mut points: Vec<Point>) -> Vec<Point> {
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
const MIN_STEM_KEPT: f32 = super::route::MIN_STEM;

/// What lies along and across every grid line, gathered once per search so that pricing a
/// grid segment needs no lookups.
struct LineCosts {
    /// Per horizontal line (by y index).
    rows: Vec<Line>,
    /// Per vertical line (by x index).
    cols: Vec<Line>,
}

/// What lies on one grid line: recorded segments along it (low end, high end, link), and
/// where recorded segments cross it, sorted.
type Line = (Vec<(f32, f32, super::route::Wire)>, Vec<f32>);

impl LineCosts {
    fn new(q: &Query, g: &Grid) -> LineCosts {
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
    fn cost(&self, q: &Query, g: &Grid, a: usize, b: usize, blocked: bool) -> f32 {
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
fn stub_cost(q: &Query, a: Point, b: Point) -> f32 {
    let run = q.occupied.run_along(a, b, q.ends);
    price(a.distance(b), run, q.occupied.crossings(a, b), false)
}

/// Cost of a straight piece of route: its length, plus what it runs along, crosses or (in the
/// last-resort search) goes through.
fn price(len: f32, run: Overlap, crossings: usize, blocked: bool) -> f32 {
    let mut c = len + run.unrelated * UNRELATED + run.related * RELATED + crossings as f32 * CROSS;
    if blocked {
        c += len * THROUGH.0 + THROUGH.1;
    }
    c
}

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

#[cfg(test)]
mod tests {
    use super::*;

    fn port(at: Point, dir: Dir) -> Port {
        let d = 12.0;
        let out = match dir {
            Dir::Left => Point::new(at.x - d, at.y),
            Dir::Right => Point::new(at.x + d, at.y),
            Dir::Up => Point::new(at.x, at.y - d),
            Dir::Down => Point::new(at.x, at.y + d),
        };
        Port { at, out, dir }
    }

    #[test]
    fn steps_too_small_to_see_are_taken_out() {
        let p = |x, y| Point::new(x, y);
        // Half a unit down between two horizontal runs, then a turn down.
        let route = vec![
            p(0.0, 10.5),
            p(20.0, 10.5),
            p(20.0, 10.0),
            p(100.0, 10.0),
            p(100.0, 50.0),
            p(120.0, 50.0),
        ];
        let out = without_jogs(route);
        assert_eq!(
            out,
            [p(0.0, 10.5), p(100.0, 10.5), p(100.0, 50.0), p(120.0, 50.0)]
        );
        // The run after the step ends at the fixed end: the run before moves instead.
        let route = vec![
            p(0.0, 0.0),
            p(0.0, 30.0),
            p(40.0, 30.0),
            p(40.0, 31.0),
            p(80.0, 31.0),
        ];
        let out = without_jogs(route);
        assert_eq!(out, [p(0.0, 0.0), p(0.0, 31.0), p(80.0, 31.0)]);
        // Between the two ends' own runs nothing can move.
        let route = vec![p(0.0, 0.0), p(30.0, 0.0), p(30.0, 1.0), p(60.0, 1.0)];
        assert_eq!(without_jogs(route.clone()), route);
        // Nor when moving would shorten a stem below the arrowhead's run.
        let route = vec![
            p(0.0, 0.0),
            p(0.0, 30.0),
            p(40.0, 30.0),
            p(40.0, 31.0),
            p(80.0, 31.0),
            p(80.0, 20.0),
        ];
        let out = without_jogs(route.clone());
        assert!(
            out[out.len() - 2].distance(out[out.len() - 1]) >= 10.0,
            "{out:?}"
        );
    }

    #[test]
    fn goes_around_a_wall_with_few_bends() {
        let wall = Rect::from_min_max(Point::new(90.0, -100.0), Point::new(110.0, 100.0));
        let q = Query {
            starts: &[port(Point::new(0.0, 0.0), Dir::Right)],
            goals: &[port(Point::new(200.0, 0.0), Dir::Left)],
            obstacles: &[wall.expand_by(6.0)],
            own: &[],
            area: Rect::from_min_max(Point::new(-50.0, -200.0), Point::new(250.0, 200.0)),
            occupied: &Occupied::default(),
            ends: super::super::route::Wire {
                from: 0,
                to: 1,
                labelled: false,
            },
            soft: false,
        };
        let pts = shortest(&q).expect("a route");
        assert!(pts.windows(2).all(|w| w[0].x == w[1].x || w[0].y == w[1].y));
        assert!(
            pts.windows(2)
                .all(|w| !super::super::route::segment_hits_rect(w[0], w[1], &wall)),
            "{pts:?}"
        );
        assert_eq!(pts.len(), 6, "out, up, across, down, in: {pts:?}");
    }

    #[test]
    fn no_route_through_a_closed_box_unless_soft() {
        let boxed = [
            Rect::from_min_max(Point::new(150.0, -300.0), Point::new(160.0, 300.0)),
            Rect::from_min_max(Point::new(-300.0, 150.0), Point::new(300.0, 160.0)),
        ];
        let mut q = Query {
            starts: &[port(Point::new(0.0, 0.0), Dir::Right)],
            goals: &[port(Point::new(200.0, 200.0), Dir::Left)],
            obstacles: &boxed,
            own: &[],
            area: Rect::from_min_max(Point::new(-100.0, -100.0), Point::new(260.0, 260.0)),
            occupied: &Occupied::default(),
            ends: super::super::route::Wire {
                from: 0,
                to: 1,
                labelled: false,
            },
            soft: false,
        };
        assert!(shortest(&q).is_none());
        q.soft = true;
        assert!(shortest(&q).is_some());
    }
}
