//! Shortest orthogonal paths around obstacles, for links no simple route (straight, L, Z)
//! can take.
//!
//! The search runs on a sparse orthogonal grid (a Hanan-style grid): its lines are the edges of
//! every obstacle, the ports' stub ends, the search area's border and lanes in the middle of
//! the channels between them, so any orthogonal route around the obstacles can be drawn on it.
//! A* over (grid point, heading) states minimises length, plus a cost per bend, per crossing of
//! a line already drawn, and per unit run along an unrelated line (which would read as one
//! wire); running along a link that shares an end (fan-in, fan-out) costs little.

mod cleanup;
mod costs;
mod grid;

pub use cleanup::simplify;
use cleanup::without_jogs;
use costs::{LineCosts, stub_cost};
use grid::Grid;

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use super::geom::{Point, Rect};
use super::route::Occupied;

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

#[cfg(test)]
mod tests {
    use super::*;

    /// The link every test routes: from component 0 to 1, without a label.
    const WIRE: super::super::route::Wire = super::super::route::Wire {
        from: 0,
        to: 1,
        labelled: false,
    };

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
            ends: WIRE,
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
            ends: WIRE,
            soft: false,
        };
        assert!(shortest(&q).is_none());
        q.soft = true;
        assert!(shortest(&q).is_some());
    }
}
