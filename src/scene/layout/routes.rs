//! Routing every link of a stage, and placing each link's label right after its route.
//!
//! Links between components in one row or column go first (a straight line is their only
//! good route, and the others then keep off it). Each link tries the simple shapes and a
//! search near its ends; when nothing clear is found there, a search over the whole stage; and
//! when even that finds nothing clear, the least bad route, marked as not clean (`check` warns).

use std::collections::HashMap;
use std::sync::Arc;

use super::labels::LabelPlacer;
use super::{Buckets, ComponentLayout, GroupLayout, LinkLayout, Slots};
use crate::model::{Diagram, Link};
use crate::scene::geom::{Point, Rect};
use crate::scene::route::{self, Ends, Occupied, Wire};
use crate::scene::style::EDGE_LABEL_SIZE;
use crate::scene::text::{self, Weight};

/// What the routes of one stage are found around.
struct Surroundings<'a> {
    nodes: &'a Slots<ComponentLayout>,
    /// Components by bucket, to gather the obstacles near a link quickly.
    index: HashMap<(i64, i64), Vec<usize>>,
    group_labels: &'a [Rect],
    buckets: Buckets,
    /// Stamps for gathering each component once per search area.
    seen: Vec<usize>,
    gathered: usize,
}

impl Surroundings<'_> {
    /// The fixed obstacles for link `l` inside `area`: other components' footprints and group
    /// labels (link labels placed so far are added by [`LabelPlacer::obstacles_in`]).
    fn gather(&mut self, l: &Link, area: Rect, out: &mut Vec<Rect>) {
        out.clear();
        self.gathered += 1;
        for k in self.buckets.covering(area) {
            for &j in self.index.get(&k).into_iter().flatten() {
                if j != l.from && j != l.to && self.seen[j] != self.gathered {
                    self.seen[j] = self.gathered;
                    if let Some(n) = self.nodes.get(&j).filter(|n| n.rect.intersects(&area)) {
                        out.push(n.rect);
                    }
                }
            }
        }
        out.extend(self.group_labels.iter().filter(|r| r.intersects(&area)));
    }
}

fn ends(n: &ComponentLayout) -> Ends {
    Ends {
        icon: n.icon,
        footprint: n.rect,
    }
}

/// Route every link alive at `stage` and place its label.
#[expect(
    clippy::too_many_lines,
    reason = "the routing phases in order: order links, route each, place labels, settle labels"
)]
pub fn route_links(
    d: &Diagram,
    stage: usize,
    nodes: &Slots<ComponentLayout>,
    groups: &Slots<GroupLayout>,
    group_labels: &[Rect],
) -> Slots<LinkLayout> {
    let cell = d.grid.cell_width.max(d.grid.cell_height);
    let buckets = Buckets(cell * 2.0);
    let mut index: HashMap<(i64, i64), Vec<usize>> = HashMap::new();
    for n in nodes.values() {
        for k in buckets.covering(n.rect) {
            index.entry(k).or_default().push(n.index);
        }
    }
    let mut around = Surroundings {
        nodes,
        index,
        group_labels,
        buckets,
        seen: vec![usize::MAX; d.components.len()],
        gathered: 0,
    };
    let mut occupied = Occupied::default();
    // Group borders count as lines already drawn: a link running along one would vanish in it.
    for g in groups.values() {
        let r = g.rect;
        let corners = [
            r.min,
            Point::new(r.max.x, r.min.y),
            r.max,
            Point::new(r.min.x, r.max.y),
            r.min,
        ];
        occupied.add(&corners, Wire::BORDER);
    }
    let stage_box = nodes
        .values()
        .map(|n| n.rect)
        .chain(groups.values().map(|g| g.rect))
        .fold(Rect::NOTHING, |a, b| a.union(b));
    let mut labels = LabelPlacer::new(
        buckets,
        nodes
            .values()
            .flat_map(ComponentLayout::ink_boxes)
            .chain(group_labels.iter().copied()),
    );
    let mut order: Vec<(bool, usize)> = d
        .links
        .iter()
        .enumerate()
        .filter(|(_, l)| l.life.contains(stage))
        .filter_map(|(i, l)| {
            let (a, b) = (nodes.get(&l.from)?, nodes.get(&l.to)?);
            Some((!route::aligned(ends(a), ends(b)), i))
        })
        .collect();
    order.sort_unstable();
    let mut routes = Slots::default();
    let mut obstacles: Vec<Rect> = Vec::new();
    for i in order.into_iter().map(|(_, i)| i) {
        let l = &d.links[i];
        let (Some(a), Some(b)) = (nodes.get(&l.from), nodes.get(&l.to)) else {
            continue;
        };
        let pair = Wire {
            from: l.from,
            to: l.to,
            labelled: !l.label.is_empty(),
        };
        let (ea, eb) = (ends(a), ends(b));
        // The simple routes stay inside the two components' joint box, or a cell beyond it
        // when they detour around a blocker; so does the first search.
        let near = a.rect.union(b.rect).expand_by(cell);
        around.gather(l, near, &mut obstacles);
        labels.obstacles_in(near, &mut obstacles);
        let (r, clean) = match route::route(ea, eb, pair, &obstacles, &occupied, near) {
            Some(r) => (r, true),
            None => {
                // Nothing clear nearby: search the whole stage, with the labels placed so far
                // in the way, then without them (they move in the last pass), and at last
                // accept the least bad route.
                let wide = stage_box.expand_by(cell);
                let mut fixed = Vec::new();
                around.gather(l, wide, &mut fixed);
                obstacles.clone_from(&fixed);
                labels.obstacles_in(wide, &mut obstacles);
                let with_labels = route::search(ea, eb, pair, &obstacles, &occupied, wide, false);
                let clear_with = with_labels
                    .as_ref()
                    .is_some_and(|r| route::is_clear(r, pair, &obstacles, &occupied));
                let past_labels = if clear_with {
                    None
                } else {
                    route::search(ea, eb, pair, &fixed, &occupied, wide, false)
                };
                let clear_past = past_labels
                    .as_ref()
                    .is_some_and(|r| route::is_clear(r, pair, &fixed, &occupied));
                match (with_labels, past_labels) {
                    (Some(r), _) if clear_with => (r, true),
                    (_, Some(r)) if clear_past => (r, true),
                    (Some(r), _) | (None, Some(r)) => (r, false),
                    (None, None) => {
                        let r = route::search(ea, eb, pair, &fixed, &occupied, wide, true)
                            .unwrap_or_else(|| {
                                let (p, q) = (a.icon.center(), b.icon.center());
                                vec![p, Point::new(q.x, p.y), q]
                            });
                        (r, false)
                    }
                }
            }
        };
        let points = route::polyline(&r);
        occupied.add(&points, pair);
        labels.add_route(i, &points);
        let (label_size, (label_pos, label_fits)) = if l.label.is_empty() {
            ((0.0, 0.0), (Point::default(), true))
        } else {
            let size = (
                text::width(&l.label, EDGE_LABEL_SIZE, Weight::Regular),
                EDGE_LABEL_SIZE,
            );
            (size, labels.place(i, &points, size))
        };
        let id = format!("{}->{}", d.components[l.from].id, d.components[l.to].id);
        routes.insert(
            i,
            LinkLayout {
                // Stored cleaned: no repeated or collinear points (a sub-unit jog between two
                // nearly equal points would otherwise blend as a kink).
                route: points,
                clean,
                id: Arc::from(id),
                label: Arc::from(l.label.as_str()),
                label_size,
                label_pos,
                label_fits,
                // Measured once every route and label is in place (`text_room`).
                label_away: Point::new(0.0, 0.0),
                label_room: 1.0,
            },
        );
    }
    // Last pass: a label that a later line came too near moves to a better spot.
    for (i, l) in routes.iter_mut().filter(|(_, l)| l.label_size.0 > 0.0) {
        let points = route::polyline(&l.route);
        (l.label_pos, l.label_fits) = labels.settle(i, &points, l.label_size, l.label_pos);
    }
    routes
}
