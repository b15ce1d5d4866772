//! Phase 2: group boxes around their members, innermost first; sibling boxes meet half-way
//! between their contents instead of overlapping; the corner labels' boxes (obstacles for
//! routing).

use std::sync::Arc;

use super::{ComponentLayout, GroupLayout, Slots, text_room};
use crate::model::Diagram;
use crate::scene::geom::{Point, Rect};
use crate::scene::style::*;
use crate::scene::text::{self, Weight};

/// Enclose every group alive at `stage` around its members (`nodes`) and child groups.
pub fn enclose_groups(
    d: &Diagram,
    stage: usize,
    nodes: &Slots<ComponentLayout>,
) -> Slots<GroupLayout> {
    // Groups: bottom-up from members, so nested groups are computed before their parents.
    let mut groups: Slots<GroupLayout> = Slots::default();
    let depth_of = |g: usize| d.groups[g].ancestors_at(&d.groups, stage).len();
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
            if d.groups[child].parent_at(stage) == Some(g) {
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
            separate_siblings(d, stage, &mut groups, &inners, &level);
            level.clear();
        }
    }
    for (g, gl) in groups.iter_mut() {
        let inset = group_label_inset(d.groups[g].kind);
        gl.label_room = text_room::group_label_room(&gl.rect, inset, gl.label_width);
    }
    groups
}

/// The box of each group's corner label: a line through it would make it unreadable.
pub fn group_label_boxes(d: &Diagram, groups: &Slots<GroupLayout>) -> Vec<Rect> {
    groups
        .values()
        .map(|g| {
            let inset = group_label_inset(d.groups[g.index].kind);
            // As wide as the label may grow (see `style::group_text_boost`), so no line is
            // routed through an enlarged label.
            let w = g.label_width * g.label_room;
            let g_rect = g.rect;
            Rect::from_min_max(
                Point::new(g_rect.min.x + inset, g_rect.min.y + 2.0),
                Point::new(g_rect.min.x + inset + w, g_rect.min.y + GROUP_LABEL_BAND),
            )
        })
        .collect()
}

/// Sibling groups (same parent) whose padded boxes overlap although their contents do not:
/// their facing borders meet half-way between the contents, so neither box seems to hold the
/// other's members. Boxes whose contents overlap stay as they are (`check` warns).
fn separate_siblings(
    d: &Diagram,
    stage: usize,
    groups: &mut Slots<GroupLayout>,
    inners: &[Rect],
    level: &[usize],
) {
    for (k, &a) in level.iter().enumerate() {
        for &b in &level[k + 1..] {
            if d.groups[a].parent_at(stage) != d.groups[b].parent_at(stage) {
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
