//! The app's state in four parts, each owning one concern (after egui_demo_app's small
//! `State`): what is open ([`Document`]), where the story is ([`Playback`]), how it is shown
//! ([`View`]) and which windows are open ([`Dialogs`]). Panels read these and push
//! [`super::Command`]s; `run.rs` is where commands change them. The few changes made
//! elsewhere are view-local and say so where they happen: the canvas moves the camera and sets
//! the hovered component while drawing, and the speaker window notices its own closing.

use std::path::PathBuf;

use super::{CameraState, StageAnimator, export_panel, file_dialog, present, watcher};
use crate::model::{Diagnostic, Diagram};
use crate::render::Theme;
use crate::render::screen::IconCache;
use crate::scene::{LayoutCache, Scene};

/// The open diagram and where it came from.
pub struct Document {
    /// The diagram shown.
    pub diagram: Diagram,
    /// Its file name (or built-in name) for the window title.
    pub source_name: String,
    /// Its file, when it came from one (watched for changes).
    pub source_path: Option<PathBuf>,
    /// The watch on `source_path` and the icons it names.
    pub watcher: Option<watcher::FileWatcher>,
    /// The next update from the watcher opens the file (from its first or remembered stage)
    /// rather than reloading it in place.
    pub pending_open: bool,
    /// Updates from the watcher applied so far (for tests of idleness).
    pub file_updates: usize,
    /// Errors of the last failed load, or warnings of the last good one.
    pub diagnostics: Vec<Diagnostic>,
    /// The layout of every stage, computed once per diagram.
    pub layouts: LayoutCache,
    /// The diagram files shipped beside the app, found once.
    pub shipped: Option<Vec<(PathBuf, String)>>,
}

/// Where the story is: the stage shown and moving to, the slider, presentation and autoplay.
pub struct Playback {
    /// The animation between stages.
    pub anim: StageAnimator,
    /// The slider's axis value.
    pub slider_value: f64,
    /// When the shown stage settled (autoplay's dwell starts there).
    pub settled_at: Option<f64>,
    /// The target stage the focus camera last saw (to notice a step forward).
    pub focus_seen: Option<usize>,
    /// Presentation mode, blank screens, request flow, autoplay, the speaker window.
    pub present: present::Presentation,
}

/// How the diagram is shown: camera, theme, icons, hover and selection, the scene drawn.
pub struct View {
    /// Zoom and pan.
    pub camera: CameraState,
    /// Icon textures.
    pub icons: IconCache,
    /// Colours.
    pub theme: Theme,
    /// The component clicked.
    pub selected: Option<usize>,
    /// The component under the pointer (set by the canvas while drawing: view-local).
    pub hovered: Option<usize>,
    /// The scene of this frame.
    pub scene: Scene,
    /// The theme egui's own visuals were last set for.
    pub visuals_for: Option<crate::render::ThemeName>,
    /// The canvas size in pixels (for export defaults).
    pub canvas_px: [u32; 2],
    /// Where the canvas was drawn in the last frame (screen points).
    pub canvas_rect: egui::Rect,
    /// The window title last sent.
    pub title_shown: String,
}

/// The windows and dialogs that may be open.
pub struct Dialogs {
    /// The export window.
    pub export: export_panel::ExportPanel,
    /// A native open dialog waiting for the user.
    pub open_dialog: Option<file_dialog::PendingDialog>,
    /// Whether native file dialogs are used (off in tests).
    pub native_dialogs: bool,
}
