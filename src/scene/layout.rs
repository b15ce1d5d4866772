//! The settled layout of one stage: every visible component, group and link with its box.

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

impl NodeLayout {
    /// The boxes that hold ink: the icon, and the label as wide as it may grow
    /// (`MAX_TEXT_BOOST`). The footprint `rect` also covers the empty corners beside the icon.
    pub fn ink_boxes(&self) -> [Rect; 2] {
        let c = self.icon.center();
        let half = self.label_width * MAX_TEXT_BOOST / 2.0;
        let label = Rect::from_min_max(
            Point::new(c.x - half, self.icon.max.y),
            Point::new(c.x + half, self.rect.max.y),
        );
        [self.icon, label]
    }
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
    /// The route: an orthogonal polyline of any length.
    pub route: Route,
    /// Whether the route is clear: it crosses no other component or group label and runs
    /// along no unrelated line (false when the author's layout left no such route).
    pub clean: bool,
    /// `from->to` ids.
    pub id: Arc<str>,
    /// Text beside the line (may be empty).
    pub label: Arc<str>,
    /// Natural width and height of the label (0 × 0 without one).
    pub label_size: (f32, f32),
    /// Centre of the label, placed clear of every line, component and other label.
    pub label_pos: Point,
    /// Whether the label found a spot touching nothing else and nearer its own line than any
    /// other (false: the author's layout left no room; `check` warns).
    pub label_fits: bool,
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

    /// The value at `i`, mutably, if any.
    pub fn get_mut(&mut self, i: usize) -> Option<&mut T> {
        self.0.get_mut(i).and_then(Option::as_mut)
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
    // What each group encloses (members and child groups), before padding.
    let mut inners: Vec<Rect> = vec![Rect::NOTHING; d.groups.len()];
    let mut level: Vec<usize> = Vec::new();
    for (k, &g) in order.iter().enumerate() {
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
        if !inner.is_empty() {
            inners[g] = inner;
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
                    label_room: 1.0,
                },
            );
            level.push(g);
        }
        // A level is done: keep its sibling boxes apart before their parents enclose them.
        if order.get(k + 1).is_none_or(|n| depth_of(*n) != depth_of(g)) {
            separate_siblings(d, &mut groups, &inners, &level);
            level.clear();
        }
    }
    for (g, gl) in groups.iter_mut() {
        let inset = group_label_inset(d.groups[g].kind);
        gl.label_room = super::text_room::group_label_room(&gl.rect, inset, gl.label_width);
    }

    let buckets = Buckets(d.grid.cell_width.max(d.grid.cell_height) * 2.0);
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
    let routes = super::link_routes::route_links(d, stage, &nodes, &groups, &group_labels);
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

/// Sibling groups (same parent) whose padded boxes overlap although their contents do not:
/// their facing borders meet half-way between the contents, so neither box seems to hold the
/// other's members. Boxes whose contents overlap stay as they are (`check` warns).
fn separate_siblings(
    d: &Diagram,
    groups: &mut Slots<GroupLayout>,
    inners: &[Rect],
    level: &[usize],
) {
    for (k, &a) in level.iter().enumerate() {
        for &b in &level[k + 1..] {
            if d.groups[a].parent != d.groups[b].parent {
                continue;
            }
            let (Some(ra), Some(rb)) = (
                groups.get(&a).map(|g| g.rect),
                groups.get(&b).map(|g| g.rect),
            ) else {
                continue;
            };
            if !ra.intersects(&rb) {
                continue;
            }
            let (ia, ib) = (inners[a], inners[b]);
            // The widest gap between the contents decides the axis and the order.
            let gaps = [
                (ib.min.x - ia.max.x, 0),
                (ia.min.x - ib.max.x, 1),
                (ib.min.y - ia.max.y, 2),
                (ia.min.y - ib.max.y, 3),
            ];
            let (gap, side) = gaps
                .into_iter()
                .fold((f32::MIN, 0), |best, g| if g.0 > best.0 { g } else { best });
            if gap <= 2.0 {
                continue;
            }
            let (first, second, lo, hi) = match side {
                0 | 2 => (a, b, ia, ib),
                _ => (b, a, ib, ia),
            };
            let horizontal = side < 2;
            let mid = if horizontal {
                (lo.max.x + hi.min.x) / 2.0
            } else {
                (lo.max.y + hi.min.y) / 2.0
            };
            if let Some(g) = groups.get_mut(first) {
                if horizontal {
                    g.rect.max.x = g.rect.max.x.min(mid - 1.0);
                } else {
                    g.rect.max.y = g.rect.max.y.min(mid - 1.0);
                }
            }
            if let Some(g) = groups.get_mut(second) {
                if horizontal {
                    g.rect.min.x = g.rect.min.x.max(mid + 1.0);
                } else {
                    // Keep the label band above the contents.
                    g.rect.min.y = g.rect.min.y.max(mid + 1.0).min(hi.min.y - GROUP_LABEL_BAND);
                }
            }
        }
    }
}
