//! The eframe application: state, input, panels. Sits on top of model → scene → render.

mod actions;
mod camera;
mod canvas;
mod commands;
mod document;
mod export_panel;
mod file_dialog;
mod files;
pub mod i18n;
/// The font chain installed into egui (lives with the screen renderer).
pub use crate::render::screen_fonts as fonts;
mod keys;
mod notes_panel;
mod panels;
pub mod present;
mod run;
pub mod scrub;
mod settings;
mod speaker;
pub mod state;
pub mod watcher;

pub use crate::scene::animation::StageAnimator;
pub use camera::CameraState;
pub use commands::Command;
pub use export_panel::{ExportStatus, default_folder};
pub use settings::{Settings, SettingsFile};
pub use state::{Dialogs, Document, Playback, View};

use std::path::Path;

use crate::model::{self, Diagnostic, Diagram};
use crate::render::Theme;
use crate::render::screen::IconCache;
use crate::scene::{Moment, Scene};

/// When the process started (set by `main`), for the start-up timing report.
pub static PROCESS_START: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();

/// With `SCALEVIEW_STARTUP_TIMING=1`, print how long the first frame took after process start.
fn report_startup() {
    if std::env::var_os("SCALEVIEW_STARTUP_TIMING").is_some()
        && let Some(start) = PROCESS_START.get()
    {
        crate::cli::eprint_line(format_args!(
            "scaleview: first frame {:.1} ms after process start",
            start.elapsed().as_secs_f64() * 1000.0
        ));
    }
}

/// The whole app: its state in four parts (see [`state`]), the settings, and the commands
/// pushed this frame.
pub struct ScaleviewApp {
    doc: Document,
    playback: Playback,
    view: View,
    dialogs: Dialogs,
    settings: Settings,
    /// Where settings are saved (none: not saved).
    settings_file: Option<SettingsFile>,
    /// The settings as last written, to skip writes that change nothing.
    settings_saved: Option<Settings>,
    /// What the UI asked for this frame; run at its end (`run.rs`).
    commands: Vec<Command>,
    first_frame_reported: bool,
}

impl ScaleviewApp {
    /// Create the app from eframe's creation context, on the embedded default diagram, with
    /// default settings that are not saved (tests, kiosks).
    pub fn new(cc: &eframe::CreationContext<'_>) -> Self {
        Self::with_settings_file(cc, None)
    }

    /// Create the app with its settings read from (and saved to) `file`. When the file does
    /// not exist yet, settings an earlier version kept in eframe's storage are carried over.
    pub fn with_settings_file(
        cc: &eframe::CreationContext<'_>,
        file: Option<SettingsFile>,
    ) -> Self {
        fonts::install(&cc.egui_ctx);
        let settings = match &file {
            Some(f) if f.exists() => f.load(),
            Some(_) => cc
                .storage
                .and_then(|s| eframe::get_value::<Settings>(s, settings::SETTINGS_KEY))
                .unwrap_or_default()
                .sanitized(),
            None => Settings::default(),
        };
        // The language: as chosen in the app, else the system's (English for an app whose
        // settings are not kept, such as tests).
        let language = settings.language.clone().unwrap_or_else(|| {
            if file.is_some() {
                i18n::system_language().to_owned()
            } else {
                "en".to_owned()
            }
        });
        i18n::set_language(&cc.egui_ctx, &language);
        let mut app = Self::with_diagram(model::default_diagram(), "aws-10m-users.ron");
        app.set_settings(settings);
        app.settings_file = file;
        app
    }

    /// An app showing `diagram` (named `source_name` in the window title), at its first stage.
    pub fn with_diagram(diagram: Diagram, source_name: &str) -> Self {
        let mut layouts = crate::scene::LayoutCache::default();
        let scene = layouts.scene(&diagram, Moment::settled(0));
        let slider_value = diagram.stages.first().map_or(diagram.axis.min, |s| s.at);
        ScaleviewApp {
            doc: Document {
                diagram,
                source_name: source_name.to_owned(),
                source_path: None,
                watcher: None,
                pending_open: false,
                file_updates: 0,
                diagnostics: Vec::new(),
                layouts,
                shipped: None,
            },
            playback: Playback {
                anim: StageAnimator::new(0),
                slider_value,
                settled_at: None,
                focus_seen: None,
                present: present::Presentation::default(),
            },
            view: View {
                camera: CameraState::default(),
                icons: IconCache::default(),
                theme: Theme::light(),
                selected: None,
                hovered: None,
                scene,
                visuals_for: None,
                canvas_px: [1280, 720],
                canvas_rect: egui::Rect::NOTHING,
                title_shown: String::new(),
            },
            dialogs: Dialogs {
                export: export_panel::ExportPanel::default(),
                open_dialog: None,
                native_dialogs: true,
            },
            settings: Settings::default(),
            settings_file: None,
            settings_saved: None,
            commands: Vec::new(),
            first_frame_reported: false,
        }
    }

    fn set_settings(&mut self, settings: Settings) {
        self.view.theme = settings.theme.theme();
        self.settings = settings;
    }

    /// The diagram on screen.
    pub fn diagram(&self) -> &Diagram {
        &self.doc.diagram
    }

    /// The stage the app is showing or heading to.
    pub fn target_stage(&self) -> usize {
        self.playback.anim.target()
    }

    /// The continuous animation position in stage space.
    pub fn stage_position(&self) -> f32 {
        self.playback.anim.position()
    }

    /// The slider's axis value.
    pub fn slider_value(&self) -> f64 {
        self.playback.slider_value
    }

    /// The scene drawn in the last frame.
    pub fn scene(&self) -> &Scene {
        &self.view.scene
    }

    /// Where component `index` was drawn in the last frame (screen point of its icon centre),
    /// if it is on the canvas. For tests and tooling that point at components.
    pub fn component_screen_pos(&self, index: usize) -> Option<egui::Pos2> {
        let n = self
            .view
            .scene
            .components
            .iter()
            .find(|n| n.index == index)?;
        let p = self
            .view
            .camera
            .camera(self.view.canvas_rect)
            .to_screen(n.icon.center());
        self.view.canvas_rect.contains(p).then_some(p)
    }

    /// The selected component, if any.
    pub fn selected(&self) -> Option<usize> {
        self.view.selected
    }

    /// Current settings.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// Write the settings to their file now if they changed since the last write. A failed
    /// write is reported on stderr and tried again at the next save.
    pub fn save_settings(&mut self) {
        let Some(file) = &self.settings_file else {
            return;
        };
        if self.settings_saved.as_ref() == Some(&self.settings) {
            return;
        }
        match file.save(&self.settings) {
            Ok(()) => self.settings_saved = Some(self.settings.clone()),
            Err(e) => crate::cli::eprint_line(format_args!(
                "scaleview: could not save settings to {}: {e}",
                file.path().display()
            )),
        }
    }

    /// Turn the native file dialogs off (tests, or machines where they hang); the export
    /// window's path field still works.
    pub fn set_native_dialogs(&mut self, on: bool) {
        self.dialogs.native_dialogs = on;
    }

    /// Problems in the open file (empty when it is valid).
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.doc.diagnostics
    }

    /// The file shown (or last tried), if any.
    pub fn source_path(&self) -> Option<&Path> {
        self.doc.source_path.as_deref()
    }

    /// In presentation mode, when a step forward starts, point the camera at what is new or
    /// changed in the stage ahead for a moment ([`camera::FOCUS_SECONDS`]), then let it ease
    /// back to the whole diagram. Nothing to show, or most of the diagram new: no focus.
    fn focus_on_change(&mut self, now: f64) {
        let target = self
            .playback
            .anim
            .target()
            .min(self.doc.diagram.last_stage());
        let previous = self.playback.focus_seen.replace(target);
        let forward = previous.is_some_and(|p| target > p);
        if !forward || !self.playback.present.active || !self.settings.focus_changes {
            return;
        }
        let ahead = self
            .doc
            .layouts
            .scene(&self.doc.diagram, Moment::settled(target));
        let focus = ahead
            .components
            .iter()
            .filter(|n| n.is_new || n.changed)
            .fold(crate::scene::Rect::NOTHING, |r, n| r.union(n.rect));
        let whole = ahead.bounds;
        let small = focus.width() * focus.height() < 0.45 * whole.width() * whole.height();
        if !focus.is_empty() && small {
            self.view
                .camera
                .focus_on(focus, now + camera::FOCUS_SECONDS);
        }
    }

    /// The camera's zoom (screen points per scene unit), for tests.
    pub fn camera_zoom(&self) -> f32 {
        self.view.camera.zoom
    }

    /// Whether the camera is framing what changed (focus on change).
    pub fn camera_focusing(&self) -> bool {
        self.view.camera.focus.is_some()
    }

    /// Outcome of the last export from the export window.
    pub fn export_status(&self) -> Option<&ExportStatus> {
        self.dialogs.export.status()
    }

    /// Hold the animation at a continuous stage position (2.5 = half-way from stage 2 to 3),
    /// without motion: for scrubbing, benchmarks and tests.
    pub fn hold_at_position(&mut self, position: f32) {
        let p = position.clamp(0.0, self.doc.diagram.last_stage() as f32);
        self.playback.anim.jump_to_position(p);
    }

    /// Presentation state (mode, fullscreen, blank, autoplay, speaker window).
    pub fn presentation(&self) -> &present::Presentation {
        &self.playback.present
    }

    /// Queue a command as if a widget had emitted it.
    pub fn push(&mut self, command: Command) {
        self.commands.push(command);
    }

    /// Title for the native window.
    pub fn window_title(&self) -> String {
        format!(
            "{} — {} — scaleview",
            self.doc.diagram.title, self.doc.source_name
        )
    }

    /// File name (without extension) suggested for exporting the current stage.
    /// The diagram file's stem, the start of every suggested export name.
    fn export_stem(&self) -> String {
        std::path::Path::new(&self.doc.source_name)
            .file_stem()
            .map_or("diagram".into(), |s| s.to_string_lossy().into_owned())
    }

    /// Suggested name of a film of the stages: `aws-10m-users-film`.
    fn film_name(&self) -> String {
        format!("{}-film", self.export_stem())
    }

    fn export_name(&self) -> String {
        let stem = self.export_stem();
        let stage = crate::export::stage_file_name(
            &self.doc.diagram,
            self.playback.anim.target(),
            crate::export::Format::Png,
            crate::export::StageNaming::Threshold,
        );
        format!("{stem}-{}", stage.trim_end_matches(".png"))
    }

    fn go_to_stage(&mut self, stage: usize) {
        self.playback.slider_value = self.doc.diagram.stages[stage].at;
        self.retarget(stage);
    }

    fn retarget(&mut self, stage: usize) {
        if stage != self.playback.anim.target() {
            self.playback.settled_at = None;
        }
        if let Some(p) = &self.doc.source_path {
            self.settings
                .last_stage
                .insert(p.display().to_string(), stage);
        }
        self.playback.anim.set_target(stage);
    }

    /// Glow strength for "new in this stage" components at time `now`.
    fn glow(&mut self, now: f64) -> f32 {
        if !self.playback.anim.is_settled() {
            return 1.0;
        }
        let since = now - *self.playback.settled_at.get_or_insert(now);
        crate::scene::animation::glow_after(since as f32)
    }

    /// Advance autoplay when the current stage has been shown long enough.
    fn autoplay(&mut self, ctx: &egui::Context, now: f64) {
        if !self.playback.present.autoplay || !self.playback.anim.is_settled() {
            return;
        }
        let since = now - *self.playback.settled_at.get_or_insert(now);
        let last = self.doc.diagram.last_stage();
        match present::autoplay_step(
            since,
            self.settings.dwell_seconds,
            self.playback.anim.target(),
            last,
            self.settings.autoplay_loop,
            self.settings.autoplay_backwards,
        ) {
            present::AutoplayStep::Wait(s) => {
                ctx.request_repaint_after(std::time::Duration::from_secs_f64(s))
            }
            present::AutoplayStep::Next => self.commands.push(Command::NextStage),
            present::AutoplayStep::Prev => self.commands.push(Command::PrevStage),
            present::AutoplayStep::Restart(s) => self.commands.push(Command::GoToStage(s)),
            present::AutoplayStep::Stop => self.playback.present.autoplay = false,
        }
    }

    fn sync_visuals(&mut self, ctx: &egui::Context) {
        if self.view.visuals_for != Some(self.settings.theme) {
            self.view.visuals_for = Some(self.settings.theme);
            let mut visuals = if self.view.theme.dark {
                egui::Visuals::dark()
            } else {
                egui::Visuals::light()
            };
            if self.settings.theme == crate::render::ThemeName::Projector {
                visuals.override_text_color = Some(egui::Color32::BLACK);
            }
            ctx.set_visuals(visuals);
        }
    }
}

impl eframe::App for ScaleviewApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        fonts::sync(&ctx);
        if !self.first_frame_reported {
            self.first_frame_reported = true;
            report_startup();
        }
        self.sync_visuals(&ctx);
        keys::handle(&ctx, &mut self.commands);
        self.poll_files(&ctx);
        self.run_commands(&ctx);

        let (dt, now) = ctx.input(|i| (i.stable_dt, i.time));
        let moving = self.playback.anim.step(dt);
        let moment =
            Moment::at_position(self.playback.anim.position(), self.doc.diagram.last_stage());
        self.view.scene = self.doc.layouts.scene(&self.doc.diagram, moment);
        if !moving {
            let stage = self
                .playback
                .anim
                .target()
                .min(self.doc.diagram.last_stage());
            crate::scene::mark_leaving(
                &mut self.view.scene,
                &self.doc.diagram,
                stage,
                self.playback.slider_value,
            );
        }
        let glow = self.glow(now);
        self.focus_on_change(now);
        self.autoplay(&ctx, now);

        if self.playback.present.active {
            panels::stage_bar(self, ui);
        } else {
            panels::top_bar(self, ui);
            panels::diagnostics(self, ui);
            panels::stage_bar(self, ui);
            notes_panel::notes(self, ui);
        }
        let camera_moving = canvas::show(self, ui, glow, dt);
        let stage = self
            .playback
            .anim
            .target()
            .min(self.doc.diagram.last_stage());
        let source = export_panel::ExportSource {
            diagram: &self.doc.diagram,
            stage,
            theme: self.settings.theme,
            window_px: self.view.canvas_px,
        };
        self.dialogs.export.ui(&ctx, &source);
        speaker::show(self, &ctx, now);
        if self.playback.present.blank || self.playback.present.white {
            let painter = ctx.layer_painter(egui::LayerId::new(
                egui::Order::Foreground,
                egui::Id::unique("scaleview-blank"),
            ));
            let colour = if self.playback.present.white {
                egui::Color32::WHITE
            } else {
                egui::Color32::BLACK
            };
            painter.rect_filled(ctx.content_rect(), 0.0, colour);
        }

        self.run_commands(&ctx);
        if moving
            || camera_moving
            || (glow > 0.0
                && self
                    .view
                    .scene
                    .components
                    .iter()
                    .any(|n| n.is_new || n.changed))
            || !self.commands.is_empty()
        {
            ctx.request_repaint();
        }
    }

    fn save(&mut self, _storage: &mut dyn eframe::Storage) {
        self.save_settings();
    }
}
