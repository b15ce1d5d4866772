//! Placing link labels as the links are routed, so each label belongs to its own line.
//!
//! A label is placed right after its link is routed, at the first spot beside its route that
//! touches no line, component, group label or other label and is nearer its own line than any
//! other; a spot on the line itself (drawn on a plate) is the last resort. The placed label then
//! becomes an obstacle that later links route around, keeping their distance, so no later line
//! crosses it or comes nearer to it than its own.

use std::collections::HashMap;

use super::Buckets;
use crate::scene::geom::{Point, Rect};
use crate::scene::route;

/// How far later links keep from a placed label (beyond the router's own clearance), so the
/// label stays nearer its own line than theirs.
pub const LABEL_KEEPOUT: f32 = 6.0;

/// A straight piece of link `.0`'s route, from `.1` to `.2`.
type LinkSegment = (usize, Point, Point);

/// The lines and boxes placed so far, bucketed for quick lookup.
pub struct LabelPlacer {
    buckets: Buckets,
    segments: HashMap<(i64, i64), Vec<LinkSegment>>,
    boxes: HashMap<(i64, i64), Vec<Rect>>,
    labels: HashMap<(i64, i64), Vec<Rect>>,
}

impl LabelPlacer {
    /// A placer that knows the fixed boxes labels must avoid (components, group labels).
    pub fn new(buckets: Buckets, fixed: impl Iterator<Item = Rect>) -> Self {
        let mut p = LabelPlacer {
            buckets,
            segments: HashMap::new(),
            boxes: HashMap::new(),
            labels: HashMap::new(),
        };
        for r in fixed {
            for k in buckets.covering(r) {
                p.boxes.entry(k).or_default().push(r);
            }
        }
        p
    }

    /// Record the route of link `link`.
    pub fn add_route(&mut self, link: usize, points: &[Point]) {
        for w in points.windows(2) {
            let r = Rect::from_min_max(
                Point::new(w[0].x.min(w[1].x), w[0].y.min(w[1].y)),
                Point::new(w[0].x.max(w[1].x), w[0].y.max(w[1].y)),
            );
            for k in self.buckets.covering(r) {
                self.segments.entry(k).or_default().push((link, w[0], w[1]));
            }
        }
    }

    /// Placed labels that touch `area`, grown by [`LABEL_KEEPOUT`]: obstacles for routing.
    pub fn obstacles_in(&self, area: Rect, out: &mut Vec<Rect>) {
        let start = out.len();
        for k in self.buckets.covering(area) {
            for r in self.labels.get(&k).into_iter().flatten() {
                let grown = r.expand_by(LABEL_KEEPOUT);
                if grown.intersects(&area) && !out[start..].contains(&grown) {
                    out.push(grown);
                }
            }
        }
    }

    /// Place the label of link `link` (route `points`, text `size`) and remember it. Also
    /// says whether the spot is good: touching no other line or box, and nearer its own line
    /// than any other (a spot on its own line, on a plate, counts as good).
    pub fn place(&mut self, link: usize, points: &[Point], size: (f32, f32)) -> (Point, bool) {
        let mut best: Option<(usize, Point)> = None;
        for at in route::label_spots(points, size) {
            let c = self.cost(link, points, route::label_box(at, size));
            if best.is_none_or(|(bc, _)| c < bc) {
                best = Some((c, at));
            }
            if c == 0 {
                break;
            }
        }
        let (cost, at) = best.unwrap_or((usize::MAX, Point::default()));
        let b = route::label_box(at, size);
        for k in self.buckets.covering(b) {
            self.boxes.entry(k).or_default().push(b);
            self.labels.entry(k).or_default().push(b);
        }
        (at, cost < 10)
    }

    /// Move the label of `link` (now at `at`) if lines routed after it came too near: a
    /// label that touches nothing and is nearest its own line stays where it is.
    pub fn settle(
        &mut self,
        link: usize,
        points: &[Point],
        size: (f32, f32),
        at: Point,
    ) -> (Point, bool) {
        let old = route::label_box(at, size);
        for k in self.buckets.covering(old) {
            for map in [&mut self.boxes, &mut self.labels] {
                if let Some(v) = map.get_mut(&k)
                    && let Some(pos) = v.iter().position(|r| *r == old)
                {
                    v.swap_remove(pos);
                }
            }
        }
        let cost = self.cost(link, points, old);
        if cost < 10 {
            for k in self.buckets.covering(old) {
                self.boxes.entry(k).or_default().push(old);
                self.labels.entry(k).or_default().push(old);
            }
            return (at, true);
        }
        self.place(link, points, size)
    }

    /// How bad a label box `b` for link `link` would be.
    fn cost(&self, link: usize, points: &[Point], b: Rect) -> usize {
        let (lines, boxes): (usize, usize) = self
            .buckets
            .covering(b)
            .map(|k| {
                let lines = self.segments.get(&k).map_or(0, |v| {
                    v.iter()
                        .filter(|(j, p, q)| *j != link && route::segment_hits_rect(*p, *q, &b))
                        .count()
                });
                let boxes = self
                    .boxes
                    .get(&k)
                    .map_or(0, |v| v.iter().filter(|r| r.intersects(&b)).count());
                (lines, boxes)
            })
            .fold((0, 0), |a, x| (a.0 + x.0, a.1 + x.1));
        let own = points
            .windows(2)
            .map(|w| b.distance_to_segment(w[0], w[1]))
            .fold(f32::INFINITY, f32::min);
        let near = b.expand_by(own + 1.0);
        let stolen = self.buckets.covering(near).any(|k| {
            self.segments.get(&k).is_some_and(|v| {
                v.iter()
                    .any(|(j, p, q)| *j != link && b.distance_to_segment(*p, *q) <= own + 0.5)
            })
        });
        // Text over text is unreadable and a label beside another line misleads: both are
        // the worst; a line through the label's plate is bad; on its own line, a last resort.
        1000 * (usize::from(stolen) + boxes) + 10 * lines + 5 * usize::from(own < 0.5)
    }
}
