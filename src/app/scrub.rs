//! Scrubbing: while the slider is dragged, the transition follows the slider inside a narrow
//! band around each threshold, so a presenter can hold a change half-way and talk over it.

use crate::model::Diagram;

/// Half-width of the band around a threshold, as a fraction of the slider's length.
pub const BAND: f64 = 0.02;

/// Continuous stage position for a slider value: the stage index between bands, rising
/// linearly from `k - 1` to `k` across the band around stage `k`'s threshold.
/// Continuous and monotonic in the slider value.
pub fn position_for_value(d: &Diagram, value: f64) -> f32 {
    let axis = &d.axis;
    let f = axis.fraction_of(value);
    let fr: Vec<f64> = d.stages.iter().map(|s| axis.fraction_of(s.at)).collect();
    for k in 1..fr.len() {
        let gap_before = fr[k] - fr[k - 1];
        let gap_after = fr.get(k + 1).map_or(f64::INFINITY, |n| n - fr[k]);
        let w = BAND.min(gap_before / 2.0).min(gap_after / 2.0);
        if w > 0.0 && f >= fr[k] - w && f <= fr[k] + w {
            return ((k - 1) as f64 + (f - (fr[k] - w)) / (2.0 * w)) as f32;
        }
    }
    d.stage_at(value) as f32
}

/// How close (in pixels along the slider) a released handle must be to a stage's tick to land
/// on that stage exactly.
pub const SNAP_PX: f32 = 6.0;

/// The value a released slider lands on: a stage's own value when the handle was let go within
/// `tolerance` (a fraction of the slider's length) of its tick, else `value` unchanged. So a
/// handle dropped on the 10K tick shows the 10,000-user stage, not 9,800 users of the stage
/// before.
pub fn snap_to_tick(d: &Diagram, value: f64, tolerance: f64) -> f64 {
    let f = d.axis.fraction_of(value);
    d.stages
        .iter()
        .map(|s| (s.at, (d.axis.fraction_of(s.at) - f).abs()))
        .filter(|(_, dist)| *dist <= tolerance)
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map_or(value, |(at, _)| at)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model;

    #[test]
    fn scrubbing_is_continuous_and_monotonic() {
        let d = model::default_diagram();
        let mut last = -1.0f32;
        let n = 20_000;
        for i in 0..=n {
            let v = d.axis.value_at(i as f64 / n as f64);
            let p = position_for_value(&d, v);
            assert!(p >= last - 1e-6, "not monotonic at {v}: {last} -> {p}");
            assert!(
                p - last.max(0.0) < 0.02 || last < 0.0,
                "jump at {v}: {last} -> {p}"
            );
            last = p;
        }
        assert_eq!(last, d.last_stage() as f32);
    }

    #[test]
    fn a_release_near_a_tick_lands_on_its_stage() {
        let d = model::default_diagram();
        let tol = 0.005;
        let near = d.axis.value_at(d.axis.fraction_of(10_000.0) - 0.004);
        assert!(near < 10_000.0);
        assert_eq!(snap_to_tick(&d, near, tol), 10_000.0);
        assert_eq!(d.stage_at(snap_to_tick(&d, near, tol)), 4);
        let far = d.axis.value_at(d.axis.fraction_of(10_000.0) - 0.02);
        assert_eq!(
            snap_to_tick(&d, far, tol),
            far,
            "away from ticks nothing moves"
        );
    }

    #[test]
    fn the_threshold_itself_is_half_way() {
        let d = model::default_diagram();
        assert!((position_for_value(&d, 10_000.0) - 3.5).abs() < 1e-3);
        // Well between thresholds: settled on the stage in force.
        assert_eq!(position_for_value(&d, 50_000.0), 4.0);
        assert_eq!(position_for_value(&d, 1.0), 0.0);
    }
}
