//! Presenting: presentation mode (chrome hidden), fullscreen, blank screen, autoplay.

/// Digits typed further apart than this (seconds) start a new stage number.
pub const TYPING_PAUSE: f64 = 1.5;

/// Enter jumps to the typed number only this soon (seconds) after its last digit.
pub const TYPED_ENTER_WITHIN: f64 = 5.0;

/// Live-presentation state (not persisted, except what lives in `Settings`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Presentation {
    /// Chrome hidden: only the diagram, a slim slider and the caption.
    pub active: bool,
    /// The window is fullscreen.
    pub fullscreen: bool,
    /// The screen is black (`B`), as slide software does.
    pub blank: bool,
    /// The screen is white (`W`), as slide software does.
    pub white: bool,
    /// Digits typed for a stage number, with the app-clock time of the last one.
    pub typed: Option<(usize, f64)>,
    /// Autoplay sweeps through the stages.
    pub autoplay: bool,
    /// The speaker window is open.
    pub speaker_open: bool,
    /// When the speaker timer started (app clock seconds).
    pub timer_start: Option<f64>,
    /// Request flow: dots travel along the links (`T`).
    pub flow: bool,
    /// The stage the speaker view last showed and when it came on (app clock seconds), for
    /// the time spent on the current stage.
    pub stage_since: Option<(usize, f64)>,
}

/// What autoplay wants to happen now.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum AutoplayStep {
    /// Wait this many more seconds.
    Wait(f64),
    /// Go to the next stage.
    Next,
    /// Go to the previous stage (autoplay backwards).
    Prev,
    /// Start over from this stage (the first, or the last when playing backwards).
    Restart(usize),
    /// Reached the end without looping: stop.
    Stop,
}

/// Decide the autoplay step, given how long the current stage has been settled. Backwards,
/// autoplay walks from the last stage to the first (the architecture shrinking back).
pub fn autoplay_step(
    settled_for: f64,
    dwell: f64,
    stage: usize,
    last: usize,
    looping: bool,
    backwards: bool,
) -> AutoplayStep {
    let dwell = if dwell.is_finite() {
        dwell.clamp(0.5, 600.0)
    } else {
        4.0
    };
    let at_end = if backwards { stage == 0 } else { stage >= last };
    if settled_for < dwell {
        AutoplayStep::Wait(dwell - settled_for)
    } else if !at_end {
        if backwards {
            AutoplayStep::Prev
        } else {
            AutoplayStep::Next
        }
    } else if looping {
        AutoplayStep::Restart(if backwards { last } else { 0 })
    } else {
        AutoplayStep::Stop
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn autoplay_waits_then_advances_then_loops_or_stops() {
        assert_eq!(
            autoplay_step(1.0, 4.0, 0, 8, false, false),
            AutoplayStep::Wait(3.0)
        );
        assert_eq!(
            autoplay_step(4.0, 4.0, 0, 8, false, false),
            AutoplayStep::Next
        );
        assert_eq!(
            autoplay_step(5.0, 4.0, 8, 8, true, false),
            AutoplayStep::Restart(0)
        );
        assert_eq!(
            autoplay_step(5.0, 4.0, 8, 8, false, false),
            AutoplayStep::Stop
        );
        assert_eq!(
            autoplay_step(0.0, f64::NAN, 0, 8, false, false),
            AutoplayStep::Wait(4.0)
        );
    }

    #[test]
    fn backwards_autoplay_walks_down_then_loops_from_the_top_or_stops() {
        assert_eq!(
            autoplay_step(4.0, 4.0, 5, 8, false, true),
            AutoplayStep::Prev
        );
        assert_eq!(
            autoplay_step(4.0, 4.0, 0, 8, true, true),
            AutoplayStep::Restart(8)
        );
        assert_eq!(
            autoplay_step(4.0, 4.0, 0, 8, false, true),
            AutoplayStep::Stop
        );
        assert_eq!(
            autoplay_step(4.0, 4.0, 8, 8, false, true),
            AutoplayStep::Prev
        );
    }
}
