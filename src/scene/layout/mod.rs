//! The settled layout of one stage: every visible component, group and link with its box.
//!
//! One file per phase, run in order by [`layout_stage`]: `components` (icons, labels,
//! footprints), `groups` (boxes around members), `routes` (every link, with `labels` placing
//! each link label as soon as its link is routed), `text_room` (how far text may grow). They
//! share the types below and one spatial index, [`Buckets`].

mod components;
mod groups;
mod labels;
mod routes;
mod text_room;

pub use text_room::label_centre;

use std::sync::Arc;

use super::geom::{Point, Rect};
use super::route::{self, Route};
use super::style::*;
use crate::model::{Diagram, Grid};

/// A component's resolved box at one stage.
#[derive(Clone, Debug, PartialEq)]
pub struct ComponentLayout {
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

impl ComponentLayout {
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
    /// How far the corner label may grow: inside the box, or past its right border where
    /// the space beside it is free (`text_room::group_label_overflow`).
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
    /// The unit step along one axis leading away from the link's own line at the label
    /// (zero for no label): a growing label keeps its side facing the line in place.
    pub label_away: Point,
    /// How far the label may grow away from its line (1 ..= `style::MAX_LINK_BOOST`) and
    /// stay clear of every line, component, group label and other link label.
    pub label_room: f32,
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
    pub components: Slots<ComponentLayout>,
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

/// Lay out one stage, phase by phase: components, group boxes, link routes with their
/// labels, and how far text may grow.
pub fn layout_stage(d: &Diagram, stage: usize) -> StageLayout {
    let nodes = components::place_components(d, stage);
    let mut groups = groups::enclose_groups(d, stage, &nodes);
    let group_labels = groups::group_label_boxes(d, &groups);
    let mut routes = routes::route_links(d, stage, &nodes, &groups, &group_labels);
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
    let buckets = Buckets(d.grid.cell_width.max(d.grid.cell_height) * 2.0);
    let text_room = text_room::text_room(&nodes, group_of, buckets);
    // Labels grow within the picture's bounds, so growing never reframes it: narrow groups'
    // corner labels past their box's border over free space, then link labels.
    let group_boxes: Vec<Rect> = groups.values().map(|g| g.rect).collect();
    let parents = |g: usize| d.groups[g].ancestors_at(&d.groups, stage);
    let obstacles = text_room::Obstacles {
        nodes: &nodes,
        groups: &group_boxes,
        group_labels: &group_labels,
        bounds,
    };
    text_room::group_label_overflow(&mut groups, &routes, &obstacles, text_room, parents);
    let group_labels = groups::group_label_boxes(d, &groups);
    let obstacles = text_room::Obstacles {
        group_labels: &group_labels,
        ..obstacles
    };
    text_room::link_label_rooms(&mut routes, &obstacles, text_room);
    StageLayout {
        components: nodes,
        groups,
        routes,
        bounds,
        text_room,
    }
}
