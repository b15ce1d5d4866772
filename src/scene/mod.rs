//! The scene: a diagram at a moment of the story, as positioned, styled shapes.
//!
//! Pure and deterministic (no egui, no clock, no I/O): the screen painter, the SVG writer and
//! the PNG exporter all draw the same [`Scene`], so what you export is what you saw.

pub mod animation;
pub mod flow;
pub mod fonts;
pub mod geom;
mod layout;
pub mod legend;
pub mod route;
pub mod search;
mod snapshot;
pub mod style;
pub mod text;
pub mod timeline;

pub use geom::{Point, Rect};
pub use layout::{StageLayout, cell_center, label_centre, layout_stage};

use std::sync::Arc;

use crate::model::{ComponentKind, Diagram, GroupKind, LinkStyle};

/// Settled layouts per stage, computed once per diagram: an animation frame then only blends
/// two layouts instead of laying out (wrapping labels, routing links) again. Pure data: the
/// result is exactly [`Scene::at`]'s.
#[derive(Clone, Debug, Default)]
pub struct LayoutCache {
    layouts: std::collections::HashMap<usize, StageLayout>,
}

impl LayoutCache {
    /// Forget everything (call when the diagram changes).
    pub fn clear(&mut self) {
        self.layouts.clear();
    }

    /// The scene of `d` at `m`, laying out each stage at most once.
    pub fn scene(&mut self, d: &Diagram, m: Moment) -> Scene {
        let last = d.last_stage();
        let m = Moment {
            from: m.from.min(last),
            to: m.to.min(last),
            t: m.t.clamp(0.0, 1.0),
        };
        for s in [m.from, m.to] {
            self.layouts.entry(s).or_insert_with(|| layout_stage(d, s));
        }
        match (self.layouts.get(&m.from), self.layouts.get(&m.to)) {
            (Some(a), Some(b)) => Scene::from_layouts(d, m, a, b),
            _ => Scene::from_layouts(d, m, &layout_stage(d, m.from), &layout_stage(d, m.to)),
        }
    }
}

/// "Stage `from` → stage `to` at progress `t`" (t in 0..=1). A settled stage has `from == to`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Moment {
    /// Stage index we come from.
    pub from: usize,
    /// Stage index we go to.
    pub to: usize,
    /// Progress of the transition, 0 = `from`, 1 = `to`.
    pub t: f32,
}

impl Moment {
    /// A settled stage.
    pub fn settled(stage: usize) -> Moment {
        Moment {
            from: stage,
            to: stage,
            t: 1.0,
        }
    }

    /// A point in "stage space": 2.25 is a quarter of the way from stage 2 to stage 3.
    /// Clamped to `0..=last`.
    pub fn at_position(position: f32, last: usize) -> Moment {
        let p = if position.is_finite() {
            position.clamp(0.0, last as f32)
        } else {
            0.0
        };
        let from = (p.floor() as usize).min(last);
        let t = p - from as f32;
        if t <= 1e-6 || from == last {
            Moment::settled(from)
        } else {
            Moment {
                from,
                to: from + 1,
                t,
            }
        }
    }

    /// The stage whose title and notes apply (the one we are closer to).
    pub fn nearest_stage(&self) -> usize {
        if self.t >= 0.5 { self.to } else { self.from }
    }
}

/// A component box with its icon and label.
#[derive(Clone, Debug, PartialEq)]
pub struct ComponentShape {
    /// Model id (stable across stages).
    pub id: Arc<str>,
    /// Index into `Diagram::components`.
    pub index: usize,
    /// What it is (icon, colour).
    pub kind: ComponentKind,
    /// The author's own icon, drawn instead of the kind's when set.
    pub custom_icon: Option<Arc<crate::model::icon::CustomIcon>>,
    /// Icon square.
    pub icon: Rect,
    /// Icon + label footprint (hit area, link attachment).
    pub rect: Rect,
    /// Wrapped label lines, drawn centred under the icon.
    pub lines: Arc<[String]>,
    /// The full label (tooltip when truncated).
    pub label: Arc<str>,
    /// Whether `lines` cut the label short.
    pub truncated: bool,
    /// 0 = invisible, 1 = opaque.
    pub opacity: f32,
    /// Appeared in the stage being shown (drawn with a highlight).
    pub is_new: bool,
    /// Moved, relabelled or regrouped in the stage shown (and not new in it): marked apart
    /// from new components so the audience sees what changed.
    pub changed: bool,
    /// 0..=1: how close the slider is to the stage that retires this component (see
    /// [`mark_leaving`]); drawn dimmed and struck through, before it fades.
    pub leaving: f32,
}

/// A container boundary.
#[derive(Clone, Debug, PartialEq)]
pub struct GroupShape {
    /// Model id.
    pub id: Arc<str>,
    /// Index into `Diagram::groups`.
    pub index: usize,
    /// Region, VPC, AZ…
    pub kind: GroupKind,
    /// Corner label.
    pub label: Arc<str>,
    /// Border rectangle.
    pub rect: Rect,
    /// Nesting depth (0 = outermost); drawn outermost first.
    pub depth: usize,
    /// 0 = invisible, 1 = opaque.
    pub opacity: f32,
    /// How far the corner label may grow (1 ..= `GROUP_MAX_BOOST`): inside the box, or past
    /// its right border over free space; blended between the stages so it never jumps.
    pub label_room: f32,
}

/// A link drawn as a polyline from border to border.
#[derive(Clone, Debug, PartialEq)]
pub struct LinkShape {
    /// `from->to` ids.
    pub id: Arc<str>,
    /// Index into `Diagram::links`.
    pub index: usize,
    /// Polyline; the arrowhead is at the last point.
    pub points: Vec<Point>,
    /// Sync, async, replication.
    pub style: LinkStyle,
    /// Text beside the line, if any.
    pub label: Arc<str>,
    /// Centre of the label.
    pub label_pos: Point,
    /// The step along one axis leading away from the link's own line at the label: a grown
    /// label keeps its side facing the line where it is (see `layout::label_centre`).
    pub label_away: Point,
    /// How far the label may grow away from its line and touch nothing (blended between the
    /// stages; see `style::link_text_boost`).
    pub label_room: f32,
    /// 0 = invisible, 1 = opaque.
    pub opacity: f32,
    /// Whether the route is clear of other components, group labels and unrelated lines (in
    /// the stages it is blended from).
    pub clean: bool,
}

/// The caption: diagram title, stage title, and the axis value.
#[derive(Clone, Debug, PartialEq)]
pub struct Caption {
    /// Diagram title.
    pub title: String,
    /// Title of the stage in force.
    pub stage_title: String,
    /// Where the stage starts, in words ("10,000 users").
    pub value_label: String,
    /// The stage's numbers, "name value" each (`metrics` in the format), for captions that
    /// show them.
    pub metrics: Vec<String>,
    /// The slider band: each stage's tick (position 0..=1 along the axis, short label) ...
    pub ticks: Vec<(f32, String)>,
    /// ... and where the knob is at this moment (0..=1), gliding between the ticks.
    pub knob: f32,
    /// The axis's name ("users"), written at the band's end.
    pub axis_label: String,
}

/// Everything to draw for one moment, in drawing order.
#[derive(Clone, Debug, PartialEq)]
pub struct Scene {
    /// The moment this scene shows.
    pub moment: Moment,
    /// Union of all visible boxes (the camera fits this).
    pub bounds: Rect,
    /// Containers, outermost first.
    pub groups: Vec<GroupShape>,
    /// Links (drawn under the nodes).
    pub links: Vec<LinkShape>,
    /// Components.
    pub components: Vec<ComponentShape>,
    /// Caption texts.
    pub caption: Caption,
    /// How much the renderers may enlarge diagram text (1 ..= `style::MAX_TEXT_BOOST`)
    /// without labels colliding; they do so when zoomed out (see `style::text_boost`).
    pub text_room: f32,
}

impl Scene {
    /// The scene of a settled stage.
    pub fn settled(d: &Diagram, stage: usize) -> Scene {
        Scene::at(d, Moment::settled(stage))
    }

    /// The scene at a moment: components matched by id glide between their boxes, new ones fade
    /// and grow in, retired ones fade out; groups morph; links follow their ends.
    pub fn at(d: &Diagram, m: Moment) -> Scene {
        LayoutCache::default().scene(d, m)
    }

    /// The scene at a moment from the two stages' settled layouts.
    fn from_layouts(d: &Diagram, m: Moment, a: &StageLayout, b: &StageLayout) -> Scene {
        let t = if m.from == m.to { 1.0 } else { m.t };
        let shown = m.nearest_stage();

        let mut nodes = Vec::new();
        for (i, c) in d.components.iter().enumerate() {
            let (na, nb) = (a.components.get(&i), b.components.get(&i));
            let (icon, rect, lay, opacity) = match (na, nb) {
                (Some(x), Some(y)) => (
                    x.icon.lerp(y.icon, t),
                    x.rect.lerp(y.rect, t),
                    if t >= 0.5 { y } else { x },
                    1.0,
                ),
                (None, Some(y)) => {
                    let s = style::APPEAR_SCALE + (1.0 - style::APPEAR_SCALE) * t;
                    (y.icon.scale_about_center(s), y.rect, y, t)
                }
                (Some(x), None) => (x.icon, x.rect, x, 1.0 - t),
                (None, None) => continue,
            };
            if opacity <= 0.0 {
                continue;
            }
            nodes.push(ComponentShape {
                id: lay.id.clone(),
                index: i,
                kind: c.kind,
                custom_icon: c.icon.clone(),
                icon,
                rect,
                lines: lay.lines.clone(),
                label: lay.label.clone(),
                truncated: lay.truncated,
                opacity,
                is_new: shown > 0 && c.life.appears == shown && c.life.contains(shown),
                changed: changed_at(c, shown),
                leaving: 0.0,
            });
        }

        let mut groups = Vec::new();
        for (g, group) in d.groups.iter().enumerate() {
            let (rect, depth, opacity, label_room) = match (a.groups.get(&g), b.groups.get(&g)) {
                (Some(x), Some(y)) => (
                    x.rect.lerp(y.rect, t),
                    y.depth,
                    1.0,
                    geom::lerp(x.label_room, y.label_room, t),
                ),
                (None, Some(y)) => (y.rect, y.depth, t, y.label_room),
                (Some(x), None) => (x.rect, x.depth, 1.0 - t, x.label_room),
                (None, None) => continue,
            };
            if opacity <= 0.0 {
                continue;
            }
            let names = b.groups.get(&g).or(a.groups.get(&g));
            groups.push(GroupShape {
                id: names.map(|n| n.id.clone()).unwrap_or_default(),
                index: g,
                kind: group.kind,
                label: names.map(|n| n.label.clone()).unwrap_or_default(),
                rect,
                depth,
                opacity,
                label_room,
            });
        }
        groups.sort_by_key(|g| (g.depth, g.index));

        let edges = blend_edges(d, a, b, t, &nodes);

        let stage = &d.stages[shown];
        Scene {
            moment: m,
            bounds: a.bounds.lerp(b.bounds, t),
            text_room: a.text_room.min(b.text_room),
            groups,
            links: edges,
            components: nodes,
            caption: Caption {
                title: d.title.clone(),
                stage_title: stage.title.clone(),
                value_label: d.axis.long_label(stage.at),
                metrics: stage
                    .metrics
                    .iter()
                    .map(|(name, value)| format!("{name} {value}"))
                    .collect(),
                ticks: d
                    .stages
                    .iter()
                    .map(|s| (d.axis.fraction_of(s.at) as f32, d.axis.short_label(s.at)))
                    .collect(),
                knob: {
                    let f = |i: usize| d.axis.fraction_of(d.stages[i].at) as f32;
                    f(m.from) + (f(m.to) - f(m.from)) * t
                },
                axis_label: d.axis.label.clone(),
            },
        }
    }

    /// The component under a scene point, topmost first.
    pub fn component_at(&self, p: Point) -> Option<&ComponentShape> {
        self.components
            .iter()
            .rev()
            .find(|n| n.opacity > 0.5 && n.rect.expand_by(4.0).contains(p))
    }
}

/// Whether component `c` moved, was relabelled or regrouped on arriving at stage `shown`
/// (it existed in the stage before and still exists).
pub fn changed_at(c: &crate::model::Component, shown: usize) -> bool {
    if shown == 0 || !c.life.contains(shown) || !c.life.contains(shown - 1) {
        return false;
    }
    match (c.at.get(shown - 1), c.at.get(shown)) {
        (Some(a), Some(b)) => a.cell != b.cell || a.group != b.group || a.label != b.label,
        _ => false,
    }
}

/// Mark the components that the next stage retires as leaving, as the axis `value` nears that
/// stage's threshold: 0 in the first half of the way from stage `stage`'s threshold to the
/// next one (on the slider's scale), rising to 1 at the threshold.
pub fn mark_leaving(scene: &mut Scene, d: &Diagram, stage: usize, value: f64) {
    let (Some(here), Some(next)) = (d.stages.get(stage), d.stages.get(stage + 1)) else {
        return;
    };
    let (a, b) = (d.axis.fraction_of(here.at), d.axis.fraction_of(next.at));
    if b <= a {
        return;
    }
    let along = ((d.axis.fraction_of(value) - a) / (b - a)) as f32;
    let leaving = ((along - 0.5) / 0.5).clamp(0.0, 1.0);
    for n in &mut scene.components {
        if d.components[n.index].life.retires == Some(stage + 1) {
            n.leaving = leaving;
        }
    }
}

/// The links at blend `t` between layouts `a` and `b`: routes morph, labels glide and grow,
/// and a link is as opaque as its own presence and both its ends (`nodes`, already blended).
fn blend_edges(
    d: &Diagram,
    a: &StageLayout,
    b: &StageLayout,
    t: f32,
    nodes: &[ComponentShape],
) -> Vec<LinkShape> {
    let mut opacity_of: Vec<Option<f32>> = vec![None; d.components.len()];
    for n in nodes {
        opacity_of[n.index] = Some(n.opacity);
    }
    let node_opacity = |i: usize| opacity_of.get(i).copied().flatten();
    let mut edges = Vec::new();
    for (li, l) in d.links.iter().enumerate() {
        let (ra, rb) = (a.routes.get(&li), b.routes.get(&li));
        let (route, presence, names, label_pos, clean) = match (ra, rb) {
            (Some(x), Some(y)) => (
                route::lerp_route(&x.route, &y.route, t),
                1.0,
                y,
                x.label_pos.lerp(y.label_pos, t),
                x.clean && y.clean,
            ),
            (None, Some(y)) => (y.route.clone(), t, y, y.label_pos, y.clean),
            (Some(x), None) => (x.route.clone(), 1.0 - t, x, x.label_pos, x.clean),
            (None, None) => continue,
        };
        // The label's growth, blended so that it never jumps.
        let (label_away, label_room) = match (ra, rb) {
            (Some(x), Some(y)) => (
                x.label_away.lerp(y.label_away, t),
                geom::lerp(x.label_room, y.label_room, t),
            ),
            (_, Some(only)) | (Some(only), None) => (only.label_away, only.label_room),
            (None, None) => continue,
        };
        let (Some(oa), Some(ob)) = (node_opacity(l.from), node_opacity(l.to)) else {
            continue;
        };
        let opacity = presence.min(oa).min(ob);
        if opacity <= 0.0 {
            continue;
        }
        let points = route::polyline(&route);
        edges.push(LinkShape {
            id: names.id.clone(),
            index: li,
            points,
            style: l.style,
            label: names.label.clone(),
            label_pos,
            label_away,
            label_room,
            opacity,
            clean,
        });
    }
    edges
}
