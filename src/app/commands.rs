//! What the UI asks the app to do. Widgets push commands; the app runs them once at the end of
//! the frame, so no widget mutates shared state in the middle of drawing.

use crate::export::Format;
use crate::render::ThemeName;

/// One user intent.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Animate to this stage and put the slider on its threshold.
    GoToStage(usize),
    /// One stage forward.
    NextStage,
    /// One stage back.
    PrevStage,
    /// The slider moved to this axis value.
    SetValue(f64),
    /// The slider is being dragged through this value: follow it continuously (scrubbing).
    Scrub(f64),
    /// Fit the diagram into the canvas and follow it again.
    FitView,
    /// Select a component (or clear with `None`).
    Select(Option<usize>),
    /// Switch colour theme.
    SetTheme(ThemeName),
    /// Switch the app's language (a bundled language code).
    SetLanguage(&'static str),
    /// Multiply the text size (Ctrl +/-); 0 resets.
    ScaleText(f32),
    /// Open the export window for this format (and the native save dialog).
    OpenExport(Format),
    /// Open the export window for a film of the stages (MP4 first).
    OpenFilmExport,
    /// Open the export window for a hand-out of every stage (PDF first).
    OpenHandoutExport,
    /// Show the native open dialog.
    OpenDialog,
    /// Open a diagram file.
    OpenPath(std::path::PathBuf),
    /// Show the built-in diagram `model::BUILT_IN[i]`.
    OpenBuiltIn(usize),
    /// Re-read the open file (also done automatically on save).
    Reload,
    /// Enter or leave presentation mode (P).
    TogglePresentation,
    /// Leave presentation mode, fullscreen and blank screen (Esc).
    Escape,
    /// Fullscreen on or off (F11).
    ToggleFullscreen,
    /// Black screen on or off (B).
    ToggleBlank,
    /// Request flow on or off (T): dots along the links, as many as the user count calls for.
    ToggleFlow,
    /// White screen on or off (W), for a whiteboard beside the projection.
    ToggleWhite,
    /// A digit typed (0–9): collected into a stage number for [`Command::JumpToTyped`].
    TypeDigit(u8),
    /// Jump to the stage whose number was typed (Enter), e.g. `1`, `2`, Enter → stage 12.
    JumpToTyped,
    /// Start or stop autoplay.
    ToggleAutoplay,
    /// How autoplay runs (the stage bar's checkboxes and dwell time; kept in the settings).
    SetAutoplay {
        /// Start again after the last stage.
        looping: bool,
        /// Play from the last stage to the first.
        backwards: bool,
        /// Move the camera to what changed in each stage.
        focus: bool,
        /// Seconds on each stage, 0.5 to 600.
        dwell_seconds: f64,
    },
    /// Open or close the speaker window.
    ToggleSpeaker,
    /// Restart the speaker timer.
    ResetTimer,
}
