//! How far a stage's text may grow before labels run into each other: the limit on the
//! "minimum effective size" boost the renderers apply when the picture is zoomed out.

use std::collections::HashMap;

use super::{Buckets, NodeLayout, Slots};
use crate::scene::geom::Rect;
use crate::scene::style::{LABEL_GAP, LABEL_LINE, MAX_TEXT_BOOST};

/// Gap kept between grown labels and their neighbours, in scene units.
const CLEARANCE: f32 = 4.0;

/// A label that grows by a factor `k` from its top centre: `w·k` wide, `h·k` tall.
#[derive(Clone, Copy, Debug)]
struct Label {
    cx: f32,
    top: f32,
    w: f32,
    h: f32,
}

impl Label {
    fn of(n: &NodeLayout) -> Label {
        Label {
            cx: n.icon.center().x,
            top: n.icon.max.y + LABEL_GAP,
            w: n.label_width.max(1.0),
            h: (LABEL_LINE * n.lines.len() as f32).max(1.0),
        }
    }
}

/// The largest `k` at which two growing labels do not overlap (they separate on one axis).
fn label_vs_label(a: Label, b: Label) -> f32 {
    let kx = 2.0 * ((a.cx - b.cx).abs() - CLEARANCE).max(0.0) / (a.w + b.w);
    let ky = if a.top <= b.top {
        (b.top - a.top - CLEARANCE).max(0.0) / a.h
    } else {
        (a.top - b.top - CLEARANCE).max(0.0) / b.h
    };
    kx.max(ky)
}

/// The largest `k` at which a growing label stays clear of a fixed box.
fn label_vs_box(a: Label, r: &Rect) -> f32 {
    if a.top >= r.max.y {
        return f32::INFINITY;
    }
    let dx = if a.cx < r.min.x {
        r.min.x - a.cx
    } else if a.cx > r.max.x {
        a.cx - r.max.x
    } else {
        0.0
    };
    let kx = 2.0 * (dx - CLEARANCE).max(0.0) / a.w;
    let ky = (r.min.y - a.top - CLEARANCE).max(0.0) / a.h;
    kx.max(ky)
}

/// How far a group's corner label (natural width `label_w`, starting `inset` from the left
/// border) may grow inside its box `r`.
pub fn group_label_room(r: &Rect, inset: f32, label_w: f32) -> f32 {
    let across = (r.width() - inset - crate::scene::style::GROUP_PAD) / label_w.max(1.0);
    let band = crate::scene::style::GROUP_LABEL_BAND / crate::scene::style::GROUP_LABEL_SIZE;
    across
        .min(band)
        .clamp(1.0, crate::scene::style::GROUP_MAX_BOOST)
}

/// The largest `k` at which a growing label stays inside the box `r` that encloses it.
fn label_inside(a: Label, r: &Rect) -> f32 {
    let half = (a.cx - r.min.x).min(r.max.x - a.cx) - CLEARANCE;
    let kx = 2.0 * half.max(0.0) / a.w;
    let ky = (r.max.y - a.top - CLEARANCE).max(0.0) / a.h;
    kx.min(ky)
}

/// The text room of a stage: the factor (1 ..= [`MAX_TEXT_BOOST`]) by which every component
/// label may grow without touching another label or icon or leaving its group's box
/// (`group_of`: the box of the group each component sits in).
pub fn text_room(
    nodes: &Slots<NodeLayout>,
    group_of: impl Fn(usize) -> Option<Rect>,
    buckets: Buckets,
) -> f32 {
    let mut room = MAX_TEXT_BOOST;
    for n in nodes.values() {
        if let Some(r) = group_of(n.index) {
            room = room.min(label_inside(Label::of(n), &r));
        }
    }
    let key = |p: crate::scene::geom::Point| buckets.key(p);
    let mut index: HashMap<(i64, i64), Vec<&NodeLayout>> = HashMap::new();
    for n in nodes.values() {
        let c = n.icon.center();
        index.entry(key(c)).or_default().push(n);
    }
    for a in nodes.values() {
        let la = Label::of(a);
        let (kx, ky) = key(a.icon.center());
        for dx in -1..=1 {
            for dy in -1..=1 {
                for b in index.get(&(kx + dx, ky + dy)).into_iter().flatten() {
                    if b.index == a.index {
                        continue;
                    }
                    // Each pair is seen twice; both directions of label-vs-icon count.
                    room = room.min(label_vs_box(la, &b.icon));
                    if a.index < b.index {
                        room = room.min(label_vs_label(la, Label::of(b)));
                    }
                }
            }
        }
    }
    room.clamp(1.0, MAX_TEXT_BOOST)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scene::geom::Point;

    fn label(cx: f32, top: f32, w: f32) -> Label {
        Label {
            cx,
            top,
            w,
            h: LABEL_LINE,
        }
    }

    #[test]
    fn side_by_side_labels_may_grow_until_they_touch() {
        // 100 wide each, centres 150 apart: they touch at k = 1.5 (less the clearance).
        let k = label_vs_label(label(0.0, 0.0, 100.0), label(150.0, 0.0, 100.0));
        assert!((k - 1.46).abs() < 0.01, "{k}");
    }

    #[test]
    fn a_label_grows_down_until_the_icon_below() {
        let icon = Rect::from_min_max(Point::new(-28.0, 42.0), Point::new(28.0, 98.0));
        let k = label_vs_box(label(0.0, 0.0, 100.0), &icon);
        assert!((k - 38.0 / LABEL_LINE).abs() < 0.01, "{k}");
        // An icon above the label never limits it.
        let above = Rect::from_min_max(Point::new(-28.0, -80.0), Point::new(28.0, -10.0));
        assert!(label_vs_box(label(0.0, 0.0, 100.0), &above).is_infinite());
    }

    #[test]
    fn a_label_stays_inside_its_group() {
        let group = Rect::from_min_max(Point::new(-70.0, -50.0), Point::new(90.0, 100.0));
        // 70 to the left border, less the clearance: 2·66/100.
        let k = label_inside(label(0.0, 0.0, 100.0), &group);
        assert!((k - 1.32).abs() < 0.01, "{k}");
    }
}
