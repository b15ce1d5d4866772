//! The settled layout of one stage: every visible component, group and link with its box.

use std::collections::HashMap;
use std::sync::Arc;

use super::geom::{Point, Rect};
use super::route::{self, Route};
use super::style::*;
use super::text::{self, Weight};
use crate::model::{Diagram, Grid};

/// A component's resolved box at one stage.
#[derive(Clone, Debug, PartialEq)]
pub struct NodeLayout {
    /// Index into `Diagram::components`.
    pub index: usize,
    /// The icon square.
    pub icon: Rect,
    /// Icon plus label: what links attach to and what groups enclose.
    pub rect: Rect,
    /// Model id, shared with every scene drawn from this layout (no copy per frame).
    pub id: Arc<str>,
    /// Label lines after wrapping.
    pub lines: Arc<[String]>,
    /// Whether wrapping cut the label (the full text goes in the tooltip).
    pub truncated: bool,
    /// The full label at this stage.
    pub label: Arc<str>,
    /// Width of the widest label line.
    pub label_width: f32,
}

/// A group's resolved box at one stage.
#[derive(Clone, Debug, PartialEq)]
pub struct GroupLayout {
    /// Index into `Diagram::groups`.
    pub index: usize,
    /// Model id.
    pub id: Arc<str>,
    /// Corner label.
    pub label: Arc<str>,
    /// Its border.
    pub rect: Rect,
    /// Nesting depth (0 = outermost).
    pub depth: usize,
    /// Natural width of the corner label.
    pub label_width: f32,
    /// How far the corner label may grow and stay inside the box.
    pub label_room: f32,
}

/// A link's route at one stage, with its names ready to share.
#[derive(Clone, Debug, PartialEq)]
pub struct LinkLayout {
    /// The four-point route.
    pub route: Route,
    /// `from->to` ids.
    pub id: Arc<str>,
    /// Text beside the line (may be empty).
    pub label: Arc<str>,
    /// Natural width and height of the label (0 × 0 without one).
    pub label_size: (f32, f32),
    /// Centre of the label, placed clear of every line, component and other label.
    pub label_pos: Point,
}

/// Values stored by a dense index (component, group or link number): a frame looks up every
/// component twice, and a vector slot is much cheaper than hashing.
#[derive(Clone, Debug)]
pub struct Slots<T>(Vec<Option<T>>);

impl<T> Default for Slots<T> {
    fn default() -> Self {
        Slots(Vec::new())
    }
}

impl<T> Slots<T> {
    /// The value at `i`, if any.
    pub fn get(&self, i: &usize) -> Option<&T> {
        self.0.get(*i).and_then(Option::as_ref)
    }

    /// Store `v` at `i`.
    pub fn insert(&mut self, i: usize, v: T) {
        if self.0.len() <= i {
            self.0.resize_with(i + 1, || None);
        }
        self.0[i] = Some(v);
    }

    /// Every stored value with its index.
    pub fn iter(&self) -> impl Iterator<Item = (usize, &T)> {
        self.0
            .iter()
            .enumerate()
            .filter_map(|(i, v)| v.as_ref().map(|v| (i, v)))
    }

    /// Every stored value.
    pub fn values(&self) -> impl Iterator<Item = &T> {
        self.0.iter().flatten()
    }

    /// Every stored value with its index, mutably.
    pub fn iter_mut(&mut self) -> impl Iterator<Item = (usize, &mut T)> {
        self.0
            .iter_mut()
            .enumerate()
            .filter_map(|(i, v)| v.as_mut().map(|v| (i, v)))
    }
}

/// Everything visible at a settled stage.
#[derive(Clone, Debug, Default)]
pub struct StageLayout {
    /// Visible components by component index.
    pub nodes: Slots<NodeLayout>,
    /// Visible (non-empty) groups by group index.
    pub groups: Slots<GroupLayout>,
    /// Routes of the links alive at this stage, by link index.
    pub routes: Slots<LinkLayout>,
    /// Union of all boxes.
    pub bounds: Rect,
    /// How much all text may grow before labels collide (see `text_room`).
    pub text_room: f32,
}

/// A coarse spatial grid of squares `.0` scene units wide, to find what lies near a box
/// without scanning the whole stage.
#[derive(Clone, Copy, Debug)]
pub struct Buckets(pub f32);

impl Buckets {
    /// The square a point falls in.
    pub fn key(self, p: Point) -> (i64, i64) {
        ((p.x / self.0).floor() as i64, (p.y / self.0).floor() as i64)
    }

    /// Every square a rectangle touches.
    pub fn covering(self, r: Rect) -> impl Iterator<Item = (i64, i64)> {
        let (k0, k1) = (self.key(r.min), self.key(r.max));
        (k0.0..=k1.0).flat_map(move |x| (k0.1..=k1.1).map(move |y| (x, y)))
    }
}

/// Centre of a grid cell in scene units.
pub fn cell_center(grid: &Grid, cell: (f32, f32)) -> Point {
    Point::new(cell.0 * grid.cell_width, cell.1 * grid.cell_height)
}

/// Lay out one stage.
pub fn layout_stage(d: &Diagram, stage: usize) -> StageLayout {
    let mut nodes = Slots::default();
    for (i, c) in d.components_at(stage) {
        let at = &c.at[stage];
        let center = cell_center(&d.grid, at.cell);
        let max_w = (d.grid.cell_width - NODE_MARGIN).max(ICON);
        let (lines, truncated) = text::wrap(
            &at.label,
            LABEL_SIZE,
            Weight::Regular,
            max_w,
            LABEL_MAX_LINES,
        );
        let text_w = lines
            .iter()
            .map(|l| text::width(l, LABEL_SIZE, Weight::Regular))
            .fold(0.0, f32::max);
        let label_h = LABEL_LINE * lines.len() as f32;
        // An icon with a one-line label is centred on the cell; longer labels grow downwards,
        // so icons in a row stay level and the links between them horizontal.
        // The footprint keeps room below the label for it to grow (see MAX_TEXT_BOOST).
        let total_h = ICON + LABEL_GAP + label_h * MAX_TEXT_BOOST;
        let top = center.y - (ICON + LABEL_GAP + LABEL_LINE) / 2.0;
        let icon = Rect::from_min_max(
            Point::new(center.x - ICON / 2.0, top),
            Point::new(center.x + ICON / 2.0, top + ICON),
        );
        let w = text_w.max(ICON);
        let rect = Rect::from_min_max(
            Point::new(center.x - w / 2.0, top),
            Point::new(center.x + w / 2.0, top + total_h),
        );
        nodes.insert(
            i,
            NodeLayout {
                index: i,
                id: Arc::from(c.id.as_str()),
                icon,
                rect,
                lines: Arc::from(lines),
                truncated,
                label: at.label.clone(),
                label_width: text_w,
            },
        );
    }

    // Groups: bottom-up from members, so nested groups are computed before their parents.
    let mut groups: Slots<GroupLayout> = Slots::default();
    let depth_of = |g: usize| {
        let mut depth = 0;
        let mut cur = d.groups[g].parent;
        while let Some(p) = cur {
            depth += 1;
            cur = d.groups[p].parent;
            if depth > d.groups.len() {
                break;
            }
        }
        depth
    };
    let mut order: Vec<usize> = (0..d.groups.len())
        .filter(|g| d.groups[*g].life.contains(stage))
        .collect();
    order.sort_by_key(|g| std::cmp::Reverse(depth_of(*g)));
    for g in order {
        let mut inner = Rect::NOTHING;
        for (i, c) in d.components_at(stage) {
            if c.at[stage].group == Some(g)
                && let Some(n) = nodes.get(&i)
            {
                inner = inner.union(n.rect);
            }
        }
        for (child, cl) in groups.iter() {
            if d.groups[child].parent == Some(g) {
                inner = inner.union(cl.rect);
            }
        }
        if inner.is_empty() {
            continue;
        }
        let mut rect = inner.expand(
            GROUP_PAD,
            GROUP_PAD + GROUP_LABEL_BAND,
            GROUP_PAD,
            GROUP_PAD,
        );
        // The corner label must fit inside the box: widen it to the right when it does not.
        let label_width = text::width(&d.groups[g].label, GROUP_LABEL_SIZE, Weight::Bold);
        let inset = group_label_inset(d.groups[g].kind);
        if rect.width() < inset + label_width + GROUP_PAD {
            rect.max.x = rect.min.x + inset + label_width + GROUP_PAD;
        }
        groups.insert(
            g,
            GroupLayout {
                index: g,
                id: Arc::from(d.groups[g].id.as_str()),
                label: Arc::from(d.groups[g].label.as_str()),
                rect,
                depth: depth_of(g),
                label_width,
                label_room: super::text_room::group_label_room(&rect, inset, label_width),
            },
        );
    }

    // Obstacles are found through a coarse grid, so routing stays linear in the diagram size.
    let buckets = Buckets(d.grid.cell_width.max(d.grid.cell_height) * 2.0);
    let mut index: HashMap<(i64, i64), Vec<usize>> = HashMap::new();
    for n in nodes.values() {
        for k in buckets.covering(n.rect) {
            index.entry(k).or_default().push(n.index);
        }
    }
    // Group corner labels are obstacles too: a line through a label makes it unreadable.
    let group_labels: Vec<Rect> = groups
        .values()
        .map(|g| {
            let (g_rect, w) = (g.rect, g.label_width);
            let inset = group_label_inset(d.groups[g.index].kind);
            Rect::from_min_max(
                Point::new(g_rect.min.x + inset, g_rect.min.y + 2.0),
                Point::new(g_rect.min.x + inset + w, g_rect.min.y + GROUP_LABEL_BAND),
            )
        })
        .collect();
    let mut routes = Slots::default();
    let mut occupied = route::Occupied::default();
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
        occupied.add(&corners, (usize::MAX, usize::MAX));
    }
    let mut obstacles: Vec<Rect> = Vec::new();
    // Which components were already gathered for the current link (stamped with its number).
    let mut seen: Vec<usize> = vec![usize::MAX; d.components.len()];
    // Links between components in one row or column go first: a straight line is their only
    // good route, and the links that can turn then keep off it.
    let ends = |n: &NodeLayout| route::Ends {
        icon: n.icon,
        footprint: n.rect,
    };
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
    for (i, l) in order.into_iter().map(|(_, i)| (i, &d.links[i])) {
        let (Some(a), Some(b)) = (nodes.get(&l.from), nodes.get(&l.to)) else {
            continue;
        };
        // Every candidate route stays inside the two components' joint bounding box, or a cell
        // beyond it when it detours around a blocker.
        let area = a
            .rect
            .union(b.rect)
            .expand_by(d.grid.cell_width.max(d.grid.cell_height));
        obstacles.clear();
        for k in buckets.covering(area) {
            for &j in index.get(&k).into_iter().flatten() {
                if j != l.from && j != l.to && seen.get(j).is_some_and(|s| *s != i) {
                    seen[j] = i;
                    if let Some(n) = nodes.get(&j).filter(|n| n.rect.intersects(&area)) {
                        obstacles.push(n.rect);
                    }
                }
            }
        }
        obstacles.extend(group_labels.iter().filter(|r| r.intersects(&area)));
        let r = route::route(ends(a), ends(b), (l.from, l.to), &obstacles, &occupied);
        occupied.add(&route::polyline(&r), (l.from, l.to));
        let label_size = if l.label.is_empty() {
            (0.0, 0.0)
        } else {
            (
                text::width(&l.label, EDGE_LABEL_SIZE, Weight::Regular),
                EDGE_LABEL_SIZE,
            )
        };
        let id = format!("{}->{}", d.components[l.from].id, d.components[l.to].id);
        routes.insert(
            i,
            LinkLayout {
                route: r,
                id: Arc::from(id),
                label: Arc::from(l.label.as_str()),
                label_size,
                label_pos: Point::default(),
            },
        );
    }
    place_link_labels(&mut routes, &nodes, &group_labels, buckets);
    // Link labels count too, or an export could cut one off at the edge.
    let labels = routes
        .values()
        .filter(|l| l.label_size.0 > 0.0)
        .map(|l| route::label_box(l.label_pos, l.label_size));
    let bounds = nodes
        .values()
        .map(|n| n.rect)
        .chain(groups.values().map(|g| g.rect))
        .chain(labels)
        .fold(Rect::NOTHING, |a, b| a.union(b));
    let group_of = |i: usize| {
        d.components[i].at[stage]
            .group
            .and_then(|g| groups.get(&g))
            .map(|g| g.rect)
    };
    let text_room = super::text_room::text_room(&nodes, group_of, buckets);
    StageLayout {
        nodes,
        groups,
        routes,
        bounds,
        text_room,
    }
}

/// A straight piece of link `.0`'s route, from `.1` to `.2`.
type LinkSegment = (usize, Point, Point);

/// Put every link label where it touches no line, component, group label or other link label,
/// trying spots along the link's segments (longest first) on either side; the first spot when
/// none is free. Runs after routing, so labels dodge lines placed after their own.
fn place_link_labels(
    routes: &mut Slots<LinkLayout>,
    nodes: &Slots<NodeLayout>,
    group_labels: &[Rect],
    buckets: Buckets,
) {
    // Skip the work entirely for diagrams without link labels (most big ones).
    if routes.values().all(|l| l.label_size.0 <= 0.0) {
        return;
    }
    let mut segments: HashMap<(i64, i64), Vec<LinkSegment>> = HashMap::new();
    for (i, l) in routes.iter() {
        for w in route::polyline(&l.route).windows(2) {
            let r = Rect::from_min_max(
                Point::new(w[0].x.min(w[1].x), w[0].y.min(w[1].y)),
                Point::new(w[0].x.max(w[1].x), w[0].y.max(w[1].y)),
            );
            for k in buckets.covering(r) {
                segments.entry(k).or_default().push((i, w[0], w[1]));
            }
        }
    }
    let mut boxes: HashMap<(i64, i64), Vec<Rect>> = HashMap::new();
    for r in nodes
        .values()
        .map(|n| n.rect)
        .chain(group_labels.iter().copied())
    {
        for k in buckets.covering(r) {
            boxes.entry(k).or_default().push(r);
        }
    }
    for (i, l) in routes.iter_mut().filter(|(_, l)| l.label_size.0 > 0.0) {
        let points = route::polyline(&l.route);
        let spots = route::label_spots(&points, l.label_size);
        // How many lines and boxes a label at `at` would touch.
        let conflicts = |at: Point| -> usize {
            let b = route::label_box(at, l.label_size);
            buckets
                .covering(b)
                .map(|k| {
                    let lines = segments.get(&k).map_or(0, |v| {
                        v.iter()
                            .filter(|(j, p, q)| *j != i && route::segment_hits_rect(*p, *q, &b))
                            .count()
                    });
                    let others = boxes
                        .get(&k)
                        .map_or(0, |v| v.iter().filter(|r| r.intersects(&b)).count());
                    lines + others
                })
                .sum()
        };
        let mut best: Option<(usize, Point)> = None;
        for at in spots {
            let c = conflicts(at);
            if best.is_none_or(|(bc, _)| c < bc) {
                best = Some((c, at));
            }
            if c == 0 {
                break;
            }
        }
        let at = best.map(|(_, p)| p).unwrap_or_default();
        l.label_pos = at;
        let b = route::label_box(at, l.label_size);
        for k in buckets.covering(b) {
            boxes.entry(k).or_default().push(b);
        }
    }
}
