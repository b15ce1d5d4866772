//! Request flow: dots that travel along the links of a scene, from the user components in the
//! direction of each link, as many as the user count calls for. A pure function of the scene,
//! the axis value and the time, so every renderer (and test) sees the same dots.
//!
//! The flow starts at the `Users` components and splits where links fan out: evenly, or by
//! the callees' `share` when the file gives one. Async links carry sparser
//! traffic; replication links pulse with the writes of their source. Links no user request
//! reaches (alarms, internal jobs) carry none: the picture never claims traffic that is not
//! there.

use super::{LinkShape, Point, Scene};
use crate::model::{ComponentKind, Diagram, LinkStyle};

/// Scene units a dot travels per second.
pub const SPEED: f32 = 110.0;

/// One dot of traffic.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Dot {
    /// Centre, on its link's polyline.
    pub pos: Point,
    /// Radius in scene units.
    pub radius: f32,
    /// The kind of link it travels (async dots are drawn hollow, replication dots pulse).
    pub style: LinkStyle,
    /// 0..=1, the link's own opacity times the pulse.
    pub opacity: f32,
    /// Index of the edge in `Scene::edges` it belongs to.
    pub edge: usize,
}

/// How busy the system is at `value` on the axis, from 0 (its minimum) to 1 (its maximum):
/// logarithmic for a log axis, so one user is a trickle and ten million a stream.
pub fn intensity(d: &Diagram, value: f64) -> f32 {
    d.axis.fraction_of(value) as f32
}

/// The share of all user traffic each edge carries, `0..=1` (index = `Scene::edges`).
pub fn shares(d: &Diagram, scene: &Scene) -> Vec<f32> {
    let n = d.components.len();
    let mut inflow = vec![0.0f32; n];
    let visible = |e: &LinkShape| e.opacity > 0.05;
    let sources: Vec<usize> = scene
        .components
        .iter()
        .filter(|s| s.kind == ComponentKind::Users && s.opacity > 0.05)
        .map(|s| s.index)
        .collect();
    let mut share = vec![0.0f32; scene.links.len()];
    if sources.is_empty() {
        return share;
    }
    for &s in &sources {
        inflow[s] += 1.0 / sources.len() as f32;
    }
    // Breadth first from the users; each component passes on what reached it when it is
    // visited (a cycle does not loop: a component is visited once).
    // The visible edges leaving each component, gathered once (not once per component).
    let mut outgoing: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, e) in scene.links.iter().enumerate().filter(|(_, e)| visible(e)) {
        outgoing[d.links[e.index].from].push(i);
    }
    let mut visited = vec![false; n];
    let mut queue: std::collections::VecDeque<usize> = sources.into_iter().collect();
    while let Some(c) = queue.pop_front() {
        if std::mem::replace(&mut visited[c], true) {
            continue;
        }
        let out = std::mem::take(&mut outgoing[c]);
        // Requests split by the callees' declared shares (1 each unless the file says so).
        let weight = |i: usize| d.components[d.links[scene.links[i].index].to].share;
        let total: f32 = out
            .iter()
            .filter(|&&i| scene.links[i].style != LinkStyle::Replication)
            .map(|&i| weight(i))
            .sum::<f32>()
            .max(f32::MIN_POSITIVE);
        for i in out {
            let link = &d.links[scene.links[i].index];
            let s = if scene.links[i].style == LinkStyle::Replication {
                // Copies of the writes: as busy as the source, not a split of its requests.
                inflow[c]
            } else {
                inflow[c] * weight(i) / total
            };
            share[i] = share[i].max(s);
            if scene.links[i].style != LinkStyle::Replication && !visited[link.to] {
                inflow[link.to] += s;
                queue.push_back(link.to);
            }
        }
    }
    share
}

/// Spacing between dots on a link carrying `share` of the traffic at `intensity`, in scene
/// units; shrinks as either grows.
fn spacing(share: f32, intensity: f32, style: LinkStyle) -> f32 {
    let busy = 0.12 + 3.0 * intensity.clamp(0.0, 1.0) * share.clamp(0.0, 1.0).sqrt();
    let base = 170.0 / busy;
    match style {
        LinkStyle::Async => base * 2.0,
        LinkStyle::Replication => base * 2.5,
        _ => base,
    }
    .clamp(14.0, 2400.0)
}

/// Length of a polyline.
fn length(points: &[Point]) -> f32 {
    points
        .windows(2)
        .map(|w| (w[1].x - w[0].x).hypot(w[1].y - w[0].y))
        .sum()
}

/// The point `s` scene units along a polyline.
fn point_along(points: &[Point], mut s: f32) -> Point {
    for w in points.windows(2) {
        let l = (w[1].x - w[0].x).hypot(w[1].y - w[0].y);
        if s <= l && l > 0.0 {
            let t = s / l;
            return Point::new(
                w[0].x + (w[1].x - w[0].x) * t,
                w[0].y + (w[1].y - w[0].y) * t,
            );
        }
        s -= l;
    }
    points.last().copied().unwrap_or_default()
}

/// The dots at `time` seconds for the scene `scene` of `d` at axis value `value`.
pub fn dots(d: &Diagram, scene: &Scene, value: f64, time: f64) -> Vec<Dot> {
    let busy = intensity(d, value);
    let shares = shares(d, scene);
    let mut out = Vec::new();
    for (i, e) in scene.links.iter().enumerate() {
        let share = shares[i];
        if share <= 0.0 || e.points.len() < 2 {
            continue;
        }
        let len = length(&e.points);
        if len < 1.0 {
            continue;
        }
        let gap = spacing(share, busy, e.style);
        // Each link starts at its own phase so parallel links do not march in step.
        let phase = (e.index as f32 * 37.0) % gap;
        let travelled = ((time as f32 * SPEED + phase) % gap + gap) % gap;
        let (radius, pulse) = match e.style {
            LinkStyle::Replication => (5.5, 0.55 + 0.45 * ((time as f32) * 3.0).sin().abs()),
            LinkStyle::Async => (4.5, 1.0),
            _ => (4.8, 1.0),
        };
        let mut s = travelled;
        while s < len {
            out.push(Dot {
                pos: point_along(&e.points, s),
                radius,
                style: e.style,
                opacity: e.opacity * pulse,
                edge: i,
            });
            s += gap;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_along_a_polyline_stay_on_it() {
        let pts = [
            Point::new(0.0, 0.0),
            Point::new(10.0, 0.0),
            Point::new(10.0, 10.0),
        ];
        assert_eq!(point_along(&pts, 5.0), Point::new(5.0, 0.0));
        assert_eq!(point_along(&pts, 15.0), Point::new(10.0, 5.0));
        assert_eq!(point_along(&pts, 99.0), Point::new(10.0, 10.0));
        assert!((length(&pts) - 20.0).abs() < 1e-4);
    }

    #[test]
    fn busier_links_have_closer_dots() {
        assert!(spacing(1.0, 1.0, LinkStyle::Sync) < spacing(1.0, 0.1, LinkStyle::Sync));
        assert!(spacing(0.2, 0.5, LinkStyle::Sync) > spacing(0.8, 0.5, LinkStyle::Sync));
        assert!(spacing(1.0, 1.0, LinkStyle::Async) > spacing(1.0, 1.0, LinkStyle::Sync));
    }
}
