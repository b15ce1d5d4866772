//! The animation clock: a position in "stage space" that glides towards the target stage.
//!
//! A critically damped spring: eased, never overshooting, and interruptible — retargeting
//! keeps the current position and velocity, so dragging fast across stages never jumps.
//! [`spring_ease`] is the same spring in closed form, for exports that lay a transition out
//! frame by frame, and [`glow_after`] how long "new in this stage" glows once it settled:
//! the app and the animation export both take their timing from here.

/// How long components new in a stage glow after the transition settles, in seconds.
pub const GLOW_HOLD: f32 = 0.8;
/// How long the glow then takes to fade out, in seconds.
pub const GLOW_FADE: f32 = 0.9;

/// Strength (0..=1) of the "new in this stage" glow `since` seconds after the transition
/// settled: full while it holds, then fading linearly.
pub fn glow_after(since: f32) -> f32 {
    if since <= GLOW_HOLD {
        1.0
    } else {
        (1.0 - (since - GLOW_HOLD) / GLOW_FADE).clamp(0.0, 1.0)
    }
}

/// `OMEGA × t` at which a settling spring from rest is within 0.2 % of its target.
const SPRING_SPAN: f32 = 8.4;

/// Progress (0..=1) of a transition `u` of the way through it (0..=1), following the on-screen
/// spring from rest (`1 − (1 + ωt)·e^(−ωt)`) stretched to the transition's length and
/// normalised so that it ends exactly at 1.
pub fn spring_ease(u: f32) -> f32 {
    let raw = |u: f32| {
        let x = SPRING_SPAN * u;
        1.0 - (1.0 + x) * (-x).exp()
    };
    if !u.is_finite() {
        return 1.0;
    }
    (raw(u.clamp(0.0, 1.0)) / raw(1.0)).clamp(0.0, 1.0)
}

/// Seconds the on-screen spring takes to settle from one stage to the next (the default
/// transition length of the animation export).
pub const SPRING_SECONDS: f32 = SPRING_SPAN / OMEGA;

/// Angular frequency of the spring; settles (within 1 %) in about 0.6 s whatever the distance.
const OMEGA: f32 = 11.0;
/// Distance (in stages) and speed below which the animation snaps and stops.
const SETTLE_EPS: f32 = 0.002;

/// Continuous stage position (2.5 = half-way from stage 2 to 3) and its velocity.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct StageAnimator {
    position: f32,
    velocity: f32,
    target: f32,
}

impl StageAnimator {
    /// Settled at `stage`.
    pub fn new(stage: usize) -> Self {
        let p = stage as f32;
        StageAnimator {
            position: p,
            velocity: 0.0,
            target: p,
        }
    }

    /// Current position in stage space.
    pub fn position(&self) -> f32 {
        self.position
    }

    /// The stage we are heading to.
    pub fn target(&self) -> usize {
        self.target.round().max(0.0) as usize
    }

    /// Head for `stage`, keeping the current motion (no jump).
    pub fn set_target(&mut self, stage: usize) {
        self.target = stage as f32;
    }

    /// Head for a continuous position (scrubbing), keeping the current motion.
    pub fn set_target_position(&mut self, position: f32) {
        if position.is_finite() {
            self.target = position;
        }
    }

    /// Hold at an exact position (for scrubbing or tests), without motion.
    pub fn jump_to_position(&mut self, position: f32) {
        self.position = position;
        self.target = position;
        self.velocity = 0.0;
    }

    /// Whether nothing moves.
    pub fn is_settled(&self) -> bool {
        self.position == self.target && self.velocity == 0.0
    }

    /// Advance by `dt` seconds. Returns whether it is still moving afterwards.
    pub fn step(&mut self, dt: f32) -> bool {
        if self.is_settled() {
            return false;
        }
        let mut left = if dt.is_finite() {
            dt.clamp(0.0, 0.25)
        } else {
            0.0
        };
        while left > 0.0 {
            let h = left.min(1.0 / 240.0);
            let accel =
                -OMEGA * OMEGA * (self.position - self.target) - 2.0 * OMEGA * self.velocity;
            self.velocity += accel * h;
            self.position += self.velocity * h;
            left -= h;
        }
        if (self.position - self.target).abs() < SETTLE_EPS
            && self.velocity.abs() < SETTLE_EPS * OMEGA
        {
            self.position = self.target;
            self.velocity = 0.0;
        }
        !self.is_settled()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settles_without_overshoot_in_under_a_second() {
        let mut a = StageAnimator::new(0);
        a.set_target(1);
        let mut t = 0.0;
        let mut last = 0.0;
        while a.step(1.0 / 60.0) {
            t += 1.0 / 60.0;
            assert!(
                a.position() >= last - 1e-6 && a.position() <= 1.0 + 1e-6,
                "monotonic, no overshoot"
            );
            last = a.position();
            assert!(t < 1.0, "still moving after 1 s");
        }
        assert_eq!(a.position(), 1.0);
        assert!(t > 0.3, "too fast to see: {t}");
    }

    #[test]
    fn retargeting_mid_flight_is_continuous() {
        let mut a = StageAnimator::new(0);
        a.set_target(8);
        for _ in 0..10 {
            a.step(1.0 / 60.0);
        }
        let before = a.position();
        a.set_target(2);
        a.step(1.0 / 60.0);
        assert!(
            (a.position() - before).abs() < 0.6,
            "jumped from {before} to {}",
            a.position()
        );
        while a.step(1.0 / 60.0) {}
        assert_eq!(a.position(), 2.0);
        assert_eq!(a.target(), 2);
    }

    #[test]
    fn closed_form_ease_follows_the_stepped_spring() {
        let mut a = StageAnimator::new(0);
        a.set_target(1);
        let dt = SPRING_SECONDS / 60.0;
        for i in 1..=60 {
            a.step(dt);
            let u = i as f32 / 60.0;
            assert!(
                (a.position() - spring_ease(u)).abs() < 0.02,
                "at {u}: stepped {} vs closed form {}",
                a.position(),
                spring_ease(u)
            );
        }
        assert_eq!(spring_ease(0.0), 0.0);
        assert_eq!(spring_ease(1.0), 1.0);
    }

    #[test]
    fn glow_holds_then_fades_out() {
        assert_eq!(glow_after(0.0), 1.0);
        assert_eq!(glow_after(GLOW_HOLD), 1.0);
        assert!((glow_after(GLOW_HOLD + GLOW_FADE / 2.0) - 0.5).abs() < 1e-5);
        assert_eq!(glow_after(GLOW_HOLD + GLOW_FADE), 0.0);
        assert_eq!(glow_after(100.0), 0.0);
    }

    #[test]
    fn settled_does_not_move() {
        let mut a = StageAnimator::new(3);
        assert!(!a.step(0.1));
        assert!(a.is_settled());
    }
}
