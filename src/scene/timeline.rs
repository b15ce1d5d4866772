//! The story as a film: which moment every frame of an animation export shows.
//!
//! A [`Sweep`] walks from one stage to another (either way), holding each stage for a dwell
//! and gliding between stages with the on-screen spring ([`super::animation::spring_ease`]);
//! components new in a stage glow as on screen ([`super::animation::glow_after`]). Frames that
//! would show exactly the same picture are merged into one [`Shot`] lasting several frames, so
//! encoders draw a dwell once and only say how long it lasts.

use super::animation::{GLOW_FADE, GLOW_HOLD, glow_after, spring_ease};

/// What an animation export sweeps through, and how fast.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Sweep {
    /// Stage index the film starts on.
    pub from: usize,
    /// Stage index it ends on (before `from` plays the story backwards).
    pub to: usize,
    /// Seconds each stage is held once reached (the first and last stage too).
    pub dwell: f32,
    /// Seconds each transition from one stage to the next takes.
    pub transition: f32,
    /// Frames per second.
    pub fps: u32,
}

impl Default for Sweep {
    fn default() -> Self {
        Sweep {
            from: 0,
            to: 0,
            dwell: 2.0,
            transition: 1.0,
            fps: 30,
        }
    }
}

/// One picture of the film and how many consecutive frames show it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Shot {
    /// Position in stage space (2.5 = half-way from stage 2 to stage 3).
    pub position: f32,
    /// Strength of the "new in this stage" glow, 0..=1.
    pub glow: f32,
    /// How many frames in a row show this picture (at least 1).
    pub frames: u32,
}

impl Sweep {
    /// Frames in `seconds`, at least one when `seconds` is above zero.
    fn frames_in(&self, seconds: f32) -> u32 {
        if seconds.is_finite() && seconds > 0.0 {
            ((seconds * self.fps.max(1) as f32).round() as u32).max(1)
        } else {
            0
        }
    }

    /// Every picture of the film in order, identical neighbours merged.
    pub fn shots(&self) -> Vec<Shot> {
        let mut shots: Vec<Shot> = Vec::new();
        let mut push = |position: f32, glow: f32| match shots.last_mut() {
            Some(last) if last.position == position && last.glow == glow => last.frames += 1,
            _ => shots.push(Shot {
                position,
                glow,
                frames: 1,
            }),
        };
        let fps = self.fps.max(1) as f32;
        let dwell = self.frames_in(self.dwell);
        // The opening stage is shown calm: nothing has just arrived.
        for _ in 0..dwell.max(1) {
            push(self.from as f32, 0.0);
        }
        let step: i64 = if self.to >= self.from { 1 } else { -1 };
        let mut stage = self.from as i64;
        while stage != self.to as i64 {
            let next = stage + step;
            let n = self.frames_in(self.transition);
            for i in 1..=n {
                let eased = spring_ease(i as f32 / n as f32);
                push(stage as f32 + (next - stage) as f32 * eased, 1.0);
            }
            // A dwell shorter than the glow's hold and fade plays it faster, so every stage
            // still settles calm before the next transition.
            let held = dwell.saturating_sub(1) as f32 / fps;
            let pace = ((GLOW_HOLD + GLOW_FADE) / (0.85 * held).max(1e-3)).max(1.0);
            for i in 0..dwell {
                push(next as f32, glow_after(pace * i as f32 / fps));
            }
            stage = next;
        }
        shots
    }

    /// Total number of frames of the film.
    pub fn frame_count(&self) -> u64 {
        self.shots().iter().map(|s| u64::from(s.frames)).sum()
    }

    /// Running time in seconds.
    pub fn duration(&self) -> f64 {
        self.frame_count() as f64 / f64::from(self.fps.max(1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sweep(from: usize, to: usize) -> Sweep {
        Sweep {
            from,
            to,
            ..Sweep::default()
        }
    }

    #[test]
    fn frames_add_up_to_dwells_and_transitions() {
        let s = sweep(0, 8);
        // 9 dwells of 2 s and 8 transitions of 1 s at 30 fps.
        assert_eq!(s.frame_count(), 9 * 60 + 8 * 30);
        assert!((s.duration() - 26.0).abs() < 1e-9);
    }

    #[test]
    fn positions_move_monotonically_towards_the_target_and_end_on_it() {
        for (from, to) in [(0, 8), (8, 2), (3, 3)] {
            let shots = sweep(from, to).shots();
            let first = shots.first().expect("a shot");
            let last = shots.last().expect("a shot");
            assert_eq!(first.position, from as f32);
            assert_eq!(last.position, to as f32);
            for w in shots.windows(2) {
                let (a, b) = (w[0].position, w[1].position);
                assert!(
                    if to >= from { b >= a } else { b <= a },
                    "{from}→{to}: {a} then {b}"
                );
            }
        }
    }

    #[test]
    fn identical_frames_merge_and_glow_fades_after_arrival() {
        let shots = sweep(0, 1).shots();
        // Calm opening: one shot of 60 frames.
        assert_eq!(shots[0].frames, 60);
        assert_eq!(shots[0].glow, 0.0);
        // Arrival glows, then fades to nothing and stays there as one long shot.
        let arrived: Vec<&Shot> = shots.iter().filter(|s| s.position == 1.0).collect();
        assert_eq!(arrived.first().map(|s| s.glow), Some(1.0));
        assert_eq!(arrived.last().map(|s| s.glow), Some(0.0));
        assert!(arrived.last().is_some_and(|s| s.frames > 1));
        assert!(shots.windows(2).all(|w| w[0] != w[1] || w[0].frames == 0));
    }

    #[test]
    fn a_short_dwell_still_ends_calm() {
        let shots = Sweep {
            dwell: 0.5,
            fps: 10,
            ..sweep(0, 2)
        }
        .shots();
        assert_eq!(shots.last().map(|s| s.glow), Some(0.0));
        assert!(
            shots.iter().any(|s| s.glow > 0.0 && s.glow < 1.0),
            "it fades"
        );
    }

    #[test]
    fn zero_dwell_and_zero_transition_still_make_a_film() {
        let s = Sweep {
            dwell: 0.0,
            transition: 0.0,
            ..sweep(0, 3)
        };
        assert_eq!(s.frame_count(), 1);
        let s = Sweep {
            dwell: 0.0,
            ..sweep(0, 3)
        };
        assert_eq!(s.frame_count(), 1 + 3 * 30);
    }
}
