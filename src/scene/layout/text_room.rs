//! How far a stage's text may grow before labels run into each other: the limit on the
//! "minimum effective size" boost the renderers apply when the picture is zoomed out.

use std::collections::HashMap;

use super::{Buckets, ComponentLayout, GroupLayout, LinkLayout, Slots};
use crate::scene::geom::{Point, Rect};
use crate::scene::route;
use crate::scene::style::{GROUP_MAX_BOOST, LABEL_GAP, LABEL_LINE, MAX_LINK_BOOST, MAX_TEXT_BOOST};

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
    fn of(n: &ComponentLayout) -> Label {
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
    nodes: &Slots<ComponentLayout>,
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
    let mut index: HashMap<(i64, i64), Vec<&ComponentLayout>> = HashMap::new();
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

/// Padding of a link label's plate around its text, in scene units (two pixels at 1:1).
const PLATE_PAD: f32 = 2.0;

/// Gap kept between a grown plate and anything else: the plate's padding already keeps the
/// text off its neighbours.
const PLATE_CLEARANCE: f32 = 1.0;

/// A link label's plate: natural text size `w × h` centred at `c`, growing by `k` away from
/// its own line (`away`, a unit step along one axis, or zero): the side facing the line
/// stays where it is, so a grown label never slides onto the line it names.
#[derive(Clone, Copy, Debug)]
struct Plate {
    c: Point,
    w: f32,
    h: f32,
    away: Point,
}

impl Plate {
    fn of(l: &LinkLayout) -> Plate {
        Plate {
            c: l.label_pos,
            w: l.label_size.0,
            h: l.label_size.1,
            away: l.label_away,
        }
    }

    /// The plate at growth `k`, padding included.
    fn at(&self, k: f32) -> Rect {
        let c = label_centre(self.c, self.away, (self.w, self.h), k);
        Rect::from_center_size(
            c,
            self.w * k + 2.0 * PLATE_PAD,
            self.h * k + 2.0 * PLATE_PAD,
        )
    }
}

/// Where the centre of a label of natural `size`, centred at `c` and growing away from its
/// line along `away`, sits when grown by `k`.
pub fn label_centre(c: Point, away: Point, size: (f32, f32), k: f32) -> Point {
    let grow = (k - 1.0).max(0.0) / 2.0;
    Point::new(c.x + away.x * size.0 * grow, c.y + away.y * size.1 * grow)
}

/// The unit step along one axis leading from the nearest point of `line` to `at` (zero when
/// `at` lies on it).
fn away_from(line: &[Point], at: Point) -> Point {
    let nearest = line
        .windows(2)
        .map(|s| {
            let (p, q) = (s[0], s[1]);
            let (dx, dy) = (q.x - p.x, q.y - p.y);
            let len2 = dx * dx + dy * dy;
            let t = if len2 > 0.0 {
                (((at.x - p.x) * dx + (at.y - p.y) * dy) / len2).clamp(0.0, 1.0)
            } else {
                0.0
            };
            Point::new(p.x + dx * t, p.y + dy * t)
        })
        .min_by(|a, b| a.distance(at).total_cmp(&b.distance(at)));
    let Some(n) = nearest else {
        return Point::new(0.0, 0.0);
    };
    let (vx, vy) = (at.x - n.x, at.y - n.y);
    if vx == 0.0 && vy == 0.0 {
        Point::new(0.0, 0.0)
    } else if vy.abs() >= vx.abs() {
        Point::new(0.0, vy.signum())
    } else {
        Point::new(vx.signum(), 0.0)
    }
}

/// The largest growth in 1 ..= `max` at which `clear` still holds (1 when it never does).
fn largest(max: f32, clear: impl Fn(f32) -> bool) -> f32 {
    largest_from(1.0, max, clear)
}

/// The largest growth in `min ..= max` at which `clear` still holds (`min` when it never
/// does); `clear` must hold for every growth below one where it holds.
fn largest_from(min: f32, max: f32, clear: impl Fn(f32) -> bool) -> f32 {
    if clear(max) {
        return max;
    }
    if !clear(min) {
        return min;
    }
    let (mut lo, mut hi) = (min, max);
    for _ in 0..12 {
        let mid = (lo + hi) / 2.0;
        if clear(mid) {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    lo
}

/// A line from `p` to `q` as a box with no width or no height.
fn segment(p: Point, q: Point) -> Rect {
    Rect::from_min_max(p, p).union(Rect::from_min_max(q, q))
}

/// The four sides of a box, as lines.
fn sides(r: &Rect) -> [Rect; 4] {
    let [a, b, c, d] = [
        r.min,
        Point::new(r.max.x, r.min.y),
        r.max,
        Point::new(r.min.x, r.max.y),
    ];
    [segment(a, b), segment(b, c), segment(c, d), segment(d, a)]
}

/// Every straight stretch of every link's line.
fn route_segments(routes: &Slots<LinkLayout>) -> impl Iterator<Item = Rect> + '_ {
    routes.values().flat_map(|l| {
        let line = route::polyline(&l.route);
        line.windows(2)
            .map(|s| segment(s[0], s[1]))
            .collect::<Vec<_>>()
    })
}

/// Each component's icon and its label as large as the stage's `text_room` lets it grow.
fn component_boxes(
    nodes: &Slots<ComponentLayout>,
    text_room: f32,
) -> impl Iterator<Item = Rect> + '_ {
    nodes.values().flat_map(move |n| {
        let label = Label::of(n);
        let half = label.w * text_room / 2.0;
        let grown = Rect::from_min_max(
            Point::new(label.cx - half, label.top),
            Point::new(label.cx + half, label.top + label.h * text_room),
        );
        [n.icon, grown]
    })
}

/// Let each group's corner label that its box holds back (the box is narrower than the
/// label could grow) reach past the box's right border over free space: as far as it stays
/// clear of every component (icon and grown label), line, link label, other group's label and
/// border, inside its parents' boxes and the picture's bounds. The renderers put a plate
/// under a label that crosses its border. `parents(g)` lists a group's ancestors.
pub fn group_label_overflow(
    groups: &mut Slots<GroupLayout>,
    routes: &Slots<LinkLayout>,
    around: &Obstacles,
    text_room: f32,
    parents: impl Fn(usize) -> Vec<usize>,
) {
    let Obstacles {
        nodes,
        group_labels,
        bounds,
        ..
    } = *around;
    let link_labels = routes
        .values()
        .filter(|l| l.label_size.0 > 0.0)
        .map(|l| route::label_box(l.label_pos, l.label_size));
    let fixed: Vec<Rect> = component_boxes(nodes, text_room)
        .chain(route_segments(routes))
        .chain(link_labels)
        .collect();
    let boxes: Vec<(usize, Rect, f32, f32)> = groups
        .iter()
        .map(|(i, g)| (i, g.rect, g.label_width, g.label_room))
        .collect();
    // The label boxes come in the order of the groups.
    for (k, &(i, _, width, room)) in boxes.iter().enumerate() {
        if room >= GROUP_MAX_BOOST || width <= 0.0 {
            continue;
        }
        let Some(own_label) = group_labels.get(k) else {
            continue;
        };
        let x0 = own_label.min.x;
        let label_at = |g: f32| {
            Rect::from_min_max(
                Point::new(x0, own_label.min.y),
                Point::new(x0 + width * g, own_label.max.y),
            )
        };
        let reach = label_at(GROUP_MAX_BOOST).expand_by(CLEARANCE);
        let ancestors = parents(i);
        let mut near: Vec<Rect> = fixed
            .iter()
            .copied()
            .filter(|r| touches(&reach, r))
            .collect();
        for (m, &(j, other, _, _)) in boxes.iter().enumerate() {
            if j == i || ancestors.contains(&j) {
                continue;
            }
            for side in sides(&other) {
                if touches(&reach, &side) {
                    near.push(side);
                }
            }
            if let Some(r) = group_labels.get(m).filter(|r| touches(&reach, r)) {
                near.push(*r);
            }
        }
        let inside: Vec<Rect> = ancestors
            .iter()
            .filter_map(|a| groups.get(a).map(|g| g.rect))
            .chain(std::iter::once(bounds))
            .collect();
        let clear = |g: f32| {
            let me = label_at(g).expand_by(CLEARANCE);
            inside.iter().all(|r| r.union(me) == *r) && near.iter().all(|r| !touches(&me, r))
        };
        let grown = largest_from(room.max(1.0), GROUP_MAX_BOOST, clear);
        if let Some(g) = groups.get_mut(i) {
            g.label_room = grown;
        }
    }
}

/// What a stage's link labels must stay clear of as they grow (besides the lines, which
/// come with the routes) and the picture's bounds they stay within.
#[derive(Clone, Copy)]
pub struct Obstacles<'a> {
    /// The components, whose icons and labels (grown by the stage's text room) count.
    pub nodes: &'a Slots<ComponentLayout>,
    /// The group boxes, whose borders count.
    pub groups: &'a [Rect],
    /// The group corner labels, as large as they may grow.
    pub group_labels: &'a [Rect],
    /// The stage's bounds with every label at its natural size.
    pub bounds: Rect,
}

/// Set each labelled link's `label_away` and `label_room`: how far its label may grow away
/// from its line (1 ..= [`MAX_LINK_BOOST`]) before it touches a line (its own included), a
/// component's icon or label (grown by the stage's `text_room`), a group's label or another
/// link label growing with it, or leaves the picture's bounds. A label that already touches
/// something keeps its size.
pub fn link_label_rooms(routes: &mut Slots<LinkLayout>, around: &Obstacles, text_room: f32) {
    let Obstacles {
        nodes,
        groups,
        group_labels,
        bounds,
    } = *around;
    for (_, l) in routes.iter_mut().filter(|(_, l)| l.label_size.0 > 0.0) {
        l.label_away = away_from(&route::polyline(&l.route), l.label_pos);
    }
    let plates: Vec<(usize, Plate)> = routes
        .iter()
        .filter(|(_, l)| l.label_size.0 > 0.0 && l.label_size.1 > 0.0)
        .map(|(i, l)| (i, Plate::of(l)))
        .collect();
    if plates.is_empty() {
        return;
    }
    // Everything else, in squares as large as the largest fully grown plate, so a label only
    // meets what lies within its reach.
    let reach = |p: &Plate| p.at(MAX_LINK_BOOST).expand_by(PLATE_CLEARANCE);
    let cell = plates
        .iter()
        .map(|(_, p)| reach(p).width().max(reach(p).height()))
        .fold(64.0_f32, f32::max);
    let buckets = Buckets(cell);
    let mut fixed: HashMap<(i64, i64), Vec<Rect>> = HashMap::new();
    let mut put = |r: Rect| {
        for key in buckets.covering(r) {
            fixed.entry(key).or_default().push(r);
        }
    };
    component_boxes(nodes, text_room).for_each(&mut put);
    group_labels.iter().copied().for_each(&mut put);
    route_segments(routes).for_each(&mut put);
    // Group borders: a label placed across one (the author's layout left no other spot) may
    // still grow; one clear of a border stays clear of it.
    let mut borders: HashMap<(i64, i64), Vec<Rect>> = HashMap::new();
    for g in groups {
        for side in sides(g) {
            for key in buckets.covering(side) {
                borders.entry(key).or_default().push(side);
            }
        }
    }
    let mut by_square: HashMap<(i64, i64), Vec<usize>> = HashMap::new();
    for (k, (_, p)) in plates.iter().enumerate() {
        by_square.entry(buckets.key(p.c)).or_default().push(k);
    }
    for (k, (i, a)) in plates.iter().enumerate() {
        let area = reach(a);
        let natural = a.at(1.0).expand_by(PLATE_CLEARANCE);
        let near_fixed: Vec<&Rect> = buckets
            .covering(area)
            .flat_map(|key| fixed.get(&key).into_iter().flatten())
            .chain(
                buckets
                    .covering(area)
                    .flat_map(|key| borders.get(&key).into_iter().flatten())
                    .filter(|r| !touches(&natural, r)),
            )
            .filter(|r| touches(&area, r))
            .collect();
        let (kx, ky) = buckets.key(a.c);
        let near_plates: Vec<Plate> = (-1..=1)
            .flat_map(|dx| (-1..=1).map(move |dy| (kx + dx, ky + dy)))
            .flat_map(|key| by_square.get(&key).into_iter().flatten())
            .filter(|&&j| j != k)
            .map(|&j| plates[j].1)
            .collect();
        // Nested boxes as `k` grows (one side stays, the rest widen), so "clear" only turns
        // false once: the largest clear growth is found by halving.
        let clear = |g: f32| {
            let me = a.at(g).expand_by(PLATE_CLEARANCE);
            bounds.union(me) == bounds
                && near_fixed.iter().all(|r| !touches(&me, r))
                && near_plates.iter().all(|b| !me.intersects(&b.at(g)))
        };
        if let Some(l) = routes.get_mut(*i) {
            l.label_room = largest(MAX_LINK_BOOST, clear);
        }
    }
}

/// Whether `r` (a box, or a line as a box with no width or no height) reaches into `me`.
fn touches(me: &Rect, r: &Rect) -> bool {
    me.min.x <= r.max.x && r.min.x <= me.max.x && me.min.y <= r.max.y && r.min.y <= me.max.y
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
    fn a_link_label_grows_away_from_its_own_line() {
        // A label 20 above a horizontal line: it grows upwards, its lower side stays.
        let line = [Point::new(-100.0, 0.0), Point::new(100.0, 0.0)];
        let away = away_from(&line, Point::new(10.0, -20.0));
        assert_eq!((away.x, away.y), (0.0, -1.0));
        let plate = Plate {
            c: Point::new(10.0, -20.0),
            w: 60.0,
            h: 14.0,
            away,
        };
        assert!((plate.at(1.0).max.y - plate.at(2.0).max.y).abs() < 1e-4);
        assert!(plate.at(2.0).min.y < plate.at(1.0).min.y - 13.0);
        // Beside a vertical line it grows sideways.
        let line = [Point::new(0.0, -50.0), Point::new(0.0, 50.0)];
        let away = away_from(&line, Point::new(-30.0, 5.0));
        assert_eq!((away.x, away.y), (-1.0, 0.0));
    }

    #[test]
    fn a_link_label_grows_until_it_would_touch_the_next_line() {
        // Lower side at -20 + 7 + 2 = -11; a line at y = -40 above: the plate's top, at
        // -11 - 14·k - 4, meets it (with the clearance) when k = (40 - 15 - 1) / 14.
        let plate = Plate {
            c: Point::new(0.0, -20.0),
            w: 60.0,
            h: 14.0,
            away: Point::new(0.0, -1.0),
        };
        let other = Rect::from_min_max(Point::new(-100.0, -40.0), Point::new(100.0, -40.0));
        let k = largest(MAX_LINK_BOOST, |g| {
            !touches(&plate.at(g).expand_by(PLATE_CLEARANCE), &other)
        });
        let expected = (40.0 - 15.0 - PLATE_CLEARANCE) / 14.0;
        assert!((k - expected).abs() < 0.01, "{k} vs {expected}");
        // Nothing in reach: the largest growth; already touching: none.
        assert_eq!(largest(MAX_LINK_BOOST, |_| true), MAX_LINK_BOOST);
        assert_eq!(largest(MAX_LINK_BOOST, |_| false), 1.0);
    }

    #[test]
    fn a_label_stays_inside_its_group() {
        let group = Rect::from_min_max(Point::new(-70.0, -50.0), Point::new(90.0, 100.0));
        // 70 to the left border, less the clearance: 2·66/100.
        let k = label_inside(label(0.0, 0.0, 100.0), &group);
        assert!((k - 1.32).abs() < 0.01, "{k}");
    }
}
