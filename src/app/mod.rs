//! The eframe application: state, input, panels. Sits on top of model → scene → render.

mod camera;
mod canvas;
mod commands;
mod document;
mod export_panel;
mod file_dialog;
pub mod i18n;
/// The font chain installed into egui (lives with the screen renderer).
pub use crate::render::screen_fonts as fonts;
mod keys;
mod panels;
pub mod present;
pub mod scrub;
mod settings;
mod speaker;
pub mod watcher;

pub use crate::scene::animation::StageAnimator;
pub use camera::CameraState;
pub use commands::Command;
pub use export_panel::{ExportStatus, default_folder};
pub use settings::{Settings, SettingsFile};

use std::path::{Path, PathBuf};

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

/// The whole app state.
pub struct ScaleviewApp {
    /// The target stage the focus camera last saw (to notice a step forward).
    focus_seen: Option<usize>,
    diagram: Diagram,
    source_name: String,
    anim: StageAnimator,
    slider_value: f64,
    camera: CameraState,
    icons: IconCache,
    settings: Settings,
    theme: Theme,
    selected: Option<usize>,
    hovered: Option<usize>,
    settled_at: Option<f64>,
    commands: Vec<Command>,
    scene: Scene,
    visuals_for: Option<crate::render::ThemeName>,
    export: export_panel::ExportPanel,
    native_dialogs: bool,
    canvas_px: [u32; 2],
    /// Where the canvas was drawn in the last frame (screen points).
    canvas_rect: egui::Rect,
    source_path: Option<PathBuf>,
    watcher: Option<watcher::FileWatcher>,
    /// The next update from the watcher opens the file (from its first or remembered stage)
    /// rather than reloading it in place.
    pending_open: bool,
    /// Updates from the watcher applied so far (for tests of idleness).
    file_updates: usize,
    diagnostics: Vec<Diagnostic>,
    open_dialog: Option<file_dialog::PendingDialog>,
    shipped: Option<Vec<(PathBuf, String)>>,
    title_shown: String,
    present: present::Presentation,
    first_frame_reported: bool,
    layouts: crate::scene::LayoutCache,
    /// Where settings are saved (none: not saved).
    settings_file: Option<SettingsFile>,
    /// The settings as last written, to skip writes that change nothing.
    settings_saved: Option<Settings>,
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
            diagram,
            source_name: source_name.to_owned(),
            anim: StageAnimator::new(0),
            slider_value,
            camera: CameraState::default(),
            icons: IconCache::default(),
            settings: Settings::default(),
            theme: Theme::light(),
            selected: None,
            hovered: None,
            settled_at: None,
            commands: Vec::new(),
            scene,
            visuals_for: None,
            export: export_panel::ExportPanel::default(),
            native_dialogs: true,
            canvas_px: [1280, 720],
            canvas_rect: egui::Rect::NOTHING,
            source_path: None,
            watcher: None,
            pending_open: false,
            file_updates: 0,
            diagnostics: Vec::new(),
            open_dialog: None,
            shipped: None,
            title_shown: String::new(),
            present: present::Presentation::default(),
            first_frame_reported: false,
            focus_seen: None,
            layouts,
            settings_file: None,
            settings_saved: None,
        }
    }

    fn set_settings(&mut self, settings: Settings) {
        self.theme = settings.theme.theme();
        self.settings = settings;
    }

    /// The diagram on screen.
    pub fn diagram(&self) -> &Diagram {
        &self.diagram
    }

    /// The stage the app is showing or heading to.
    pub fn target_stage(&self) -> usize {
        self.anim.target()
    }

    /// The continuous animation position in stage space.
    pub fn stage_position(&self) -> f32 {
        self.anim.position()
    }

    /// The slider's axis value.
    pub fn slider_value(&self) -> f64 {
        self.slider_value
    }

    /// The scene drawn in the last frame.
    pub fn scene(&self) -> &Scene {
        &self.scene
    }

    /// Where component `index` was drawn in the last frame (screen point of its icon centre),
    /// if it is on the canvas. For tests and tooling that point at components.
    pub fn component_screen_pos(&self, index: usize) -> Option<egui::Pos2> {
        let n = self.scene.components.iter().find(|n| n.index == index)?;
        let p = self
            .camera
            .camera(self.canvas_rect)
            .to_screen(n.icon.center());
        self.canvas_rect.contains(p).then_some(p)
    }

    /// The selected component, if any.
    pub fn selected(&self) -> Option<usize> {
        self.selected
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
        self.native_dialogs = on;
    }

    /// Problems in the open file (empty when it is valid).
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }

    /// The file shown (or last tried), if any.
    pub fn source_path(&self) -> Option<&Path> {
        self.source_path.as_deref()
    }

    /// Open a diagram file. On success the app shows it from its first stage (or the stage
    /// it showed last time); on failure the current diagram stays and the diagnostics are
    /// shown. Either way the file is watched, so fixing it loads it. The file is read on the
    /// watcher's thread; this waits briefly for it, and a slow read finishes in the background.
    pub fn open_path(&mut self, path: &Path, ctx: &egui::Context) {
        self.source_path = Some(path.to_path_buf());
        self.settings.remember(path);
        self.start_watch(path, ctx, true);
    }

    /// Re-read the open file, keeping the user count, stage and camera when it is valid.
    pub fn reload(&mut self, ctx: &egui::Context) {
        if let Some(path) = self.source_path.clone() {
            self.start_watch(&path, ctx, false);
        }
    }

    /// How many times the watched file's content was taken in (loaded, or found broken or
    /// gone) since the app started. Stays put while the file does not change.
    pub fn file_updates(&self) -> usize {
        self.file_updates
    }

    fn start_watch(&mut self, path: &Path, ctx: &egui::Context, open: bool) {
        let waker = ctx.clone();
        self.watcher = None;
        match watcher::FileWatcher::watch(path, move || waker.request_repaint()) {
            Ok(w) => {
                self.pending_open = open;
                let first = w.next_within(std::time::Duration::from_millis(500));
                self.watcher = Some(w);
                if let Some(update) = first {
                    self.apply_update(update);
                }
            }
            Err(e) => {
                // No watching (out of inotify watches, say): read once, here.
                self.pending_open = open;
                let update = match document::load(path) {
                    Ok(d) => watcher::Update::Loaded(Box::new(d), Vec::new()),
                    Err(diags) => watcher::Update::Failed(diags),
                };
                self.apply_update(update);
                self.diagnostics.push(
                    Diagnostic::new(
                        &path.display().to_string(),
                        model::Pos::START,
                        format!("live reload is off for this file: {e}"),
                    )
                    .with_hint("reopen the file to see changes"),
                );
            }
        }
    }

    /// Take in what the watcher found: a diagram (opened or reloaded in place), or problems
    /// shown while the last good diagram stays.
    fn apply_update(&mut self, update: watcher::Update) {
        self.file_updates += 1;
        let open = std::mem::take(&mut self.pending_open);
        let path = self.source_path.clone();
        match update {
            watcher::Update::Loaded(d, warnings) => {
                if let Some(p) = &path {
                    self.source_name = document::display_name(p);
                }
                self.diagnostics = warnings;
                self.replace_diagram(*d, !open);
                let restored = path
                    .as_ref()
                    .and_then(|p| self.settings.last_stage.get(&p.display().to_string()))
                    .copied();
                if open && let Some(s) = restored.filter(|s| *s <= self.diagram.last_stage()) {
                    self.anim = StageAnimator::new(s);
                    self.slider_value = self.diagram.stages[s].at;
                }
            }
            watcher::Update::Failed(diags) => self.diagnostics = diags,
            watcher::Update::Gone(d) if open => {
                self.diagnostics = vec![model::ReadError::Missing.diagnostic(&d.file)];
            }
            watcher::Update::Gone(d) => self.diagnostics = vec![d],
        }
    }

    fn replace_diagram(&mut self, d: Diagram, keep_place: bool) {
        let last = d.last_stage();
        if keep_place {
            let value = self.slider_value.clamp(d.axis.min, d.axis.max);
            let stage = d.stage_at(value);
            let pos = self.anim.position().min(last as f32);
            self.slider_value = value;
            self.anim.jump_to_position(pos);
            self.anim.set_target(stage);
        } else {
            self.slider_value = d.stages.first().map_or(d.axis.min, |s| s.at);
            self.anim = StageAnimator::new(0);
            self.camera.refit();
            self.present.flow = d.flow;
        }
        if self.selected.is_some_and(|i| i >= d.components.len()) {
            self.selected = None;
        }
        self.hovered = None;
        self.layouts.clear();
        self.scene = self
            .layouts
            .scene(&d, Moment::at_position(self.anim.position(), last));
        self.diagram = d;
    }

    /// In presentation mode, when a step forward starts, point the camera at what is new or
    /// changed in the stage ahead for a moment ([`camera::FOCUS_SECONDS`]), then let it ease
    /// back to the whole diagram. Nothing to show, or most of the diagram new: no focus.
    fn focus_on_change(&mut self, now: f64) {
        let target = self.anim.target().min(self.diagram.last_stage());
        let previous = self.focus_seen.replace(target);
        let forward = previous.is_some_and(|p| target > p);
        if !forward || !self.present.active || !self.settings.focus_changes {
            return;
        }
        let ahead = self.layouts.scene(&self.diagram, Moment::settled(target));
        let focus = ahead
            .components
            .iter()
            .filter(|n| n.is_new || n.changed)
            .fold(crate::scene::Rect::NOTHING, |r, n| r.union(n.rect));
        let whole = ahead.bounds;
        let small = focus.width() * focus.height() < 0.45 * whole.width() * whole.height();
        if !focus.is_empty() && small {
            self.camera.focus_on(focus, now + camera::FOCUS_SECONDS);
        }
    }

    /// The camera's zoom (screen points per scene unit), for tests.
    pub fn camera_zoom(&self) -> f32 {
        self.camera.zoom
    }

    /// Whether the camera is framing what changed (focus on change).
    pub fn camera_focusing(&self) -> bool {
        self.camera.focus.is_some()
    }

    /// Outcome of the last export from the export window.
    pub fn export_status(&self) -> Option<&ExportStatus> {
        self.export.status()
    }

    /// Hold the animation at a continuous stage position (2.5 = half-way from stage 2 to 3),
    /// without motion: for scrubbing, benchmarks and tests.
    pub fn hold_at_position(&mut self, position: f32) {
        let p = position.clamp(0.0, self.diagram.last_stage() as f32);
        self.anim.jump_to_position(p);
    }

    /// Presentation state (mode, fullscreen, blank, autoplay, speaker window).
    pub fn presentation(&self) -> &present::Presentation {
        &self.present
    }

    /// Queue a command as if a widget had emitted it.
    pub fn push(&mut self, command: Command) {
        self.commands.push(command);
    }

    /// Title for the native window.
    pub fn window_title(&self) -> String {
        format!("{} — {} — scaleview", self.diagram.title, self.source_name)
    }

    /// File name (without extension) suggested for exporting the current stage.
    /// The diagram file's stem, the start of every suggested export name.
    fn export_stem(&self) -> String {
        std::path::Path::new(&self.source_name)
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
            &self.diagram,
            self.anim.target(),
            crate::export::Format::Png,
            crate::export::StageNaming::Threshold,
        );
        format!("{stem}-{}", stage.trim_end_matches(".png"))
    }

    #[expect(
        clippy::too_many_lines,
        reason = "dispatch and handling of every command (own file with the State split, #18)"
    )]
    fn run_commands(&mut self, ctx: &egui::Context) {
        let last = self.diagram.last_stage();
        for cmd in std::mem::take(&mut self.commands) {
            match cmd {
                Command::GoToStage(s) => self.go_to_stage(s.min(last)),
                Command::NextStage => self.go_to_stage((self.anim.target() + 1).min(last)),
                Command::PrevStage => self.go_to_stage(self.anim.target().saturating_sub(1)),
                Command::SetValue(v) => {
                    let axis = &self.diagram.axis;
                    self.slider_value = v.clamp(axis.min, axis.max);
                    let stage = self.diagram.stage_at(self.slider_value);
                    self.retarget(stage);
                }
                Command::Scrub(v) => {
                    let axis = &self.diagram.axis;
                    self.slider_value = v.clamp(axis.min, axis.max);
                    self.settled_at = None;
                    self.anim.set_target_position(scrub::position_for_value(
                        &self.diagram,
                        self.slider_value,
                    ));
                }
                Command::FitView => self.camera.refit(),
                Command::Select(sel) => self.selected = sel,
                Command::SetTheme(name) => {
                    self.settings.theme = name;
                    self.theme = name.theme();
                }
                Command::SetLanguage(code) => {
                    if i18n::set_language(ctx, code) {
                        self.settings.language = Some(code.to_owned());
                    }
                }
                Command::OpenDialog => {
                    if self.native_dialogs && self.open_dialog.is_none() {
                        let dir = self
                            .source_path
                            .as_deref()
                            .and_then(Path::parent)
                            .map(Path::to_path_buf);
                        self.open_dialog = Some(file_dialog::open(ctx, dir.as_deref()));
                    }
                }
                Command::OpenPath(p) => self.open_path(&p, ctx),
                Command::OpenBuiltIn(i) => {
                    let Some(b) = model::BUILT_IN.get(i) else {
                        continue;
                    };
                    let Some(d) = model::built_in(b.name) else {
                        continue;
                    };
                    self.source_path = None;
                    self.watcher = None;
                    self.diagnostics.clear();
                    self.source_name = format!("{}.ron", b.name);
                    self.replace_diagram(d, false);
                }
                Command::Reload => self.reload(ctx),
                Command::TogglePresentation => self.present.active = !self.present.active,
                Command::ToggleFlow => self.present.flow = !self.present.flow,
                Command::Escape => {
                    if self.present.blank || self.present.white {
                        self.present.blank = false;
                        self.present.white = false;
                    } else {
                        self.present.active = false;
                        if self.present.fullscreen {
                            self.present.fullscreen = false;
                            ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(false));
                        }
                    }
                }
                Command::ToggleFullscreen => {
                    self.present.fullscreen = !self.present.fullscreen;
                    ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(
                        self.present.fullscreen,
                    ));
                }
                Command::ToggleBlank => {
                    self.present.blank = !self.present.blank;
                    self.present.white = false;
                }
                Command::ToggleWhite => {
                    self.present.white = !self.present.white;
                    self.present.blank = false;
                }
                Command::TypeDigit(d) => {
                    let now = ctx.input(|i| i.time);
                    let before = self
                        .present
                        .typed
                        .filter(|(_, t)| now - t <= present::TYPING_PAUSE)
                        .map_or(0, |(n, _)| n);
                    let n = (before * 10 + usize::from(d)).min(9_999);
                    self.present.typed = Some((n, now));
                }
                Command::JumpToTyped => {
                    let now = ctx.input(|i| i.time);
                    if let Some((n, t)) = self.present.typed.take()
                        && n >= 1
                        && now - t <= present::TYPED_ENTER_WITHIN
                    {
                        self.go_to_stage((n - 1).min(last));
                    }
                }
                Command::ToggleAutoplay => {
                    self.present.autoplay = !self.present.autoplay;
                    self.settled_at = None;
                }
                Command::ToggleSpeaker => {
                    self.present.speaker_open = !self.present.speaker_open;
                }
                Command::ResetTimer => self.present.timer_start = None,
                Command::OpenExport(format) => {
                    let name = self.export_name();
                    let target = export_panel::Target::Still(format);
                    self.export.show(ctx, target, &name, self.native_dialogs);
                }
                Command::OpenHandoutExport => {
                    let name = format!("{}-handout", self.export_stem());
                    let target = export_panel::Target::Handout(export_panel::Handout::Pdf);
                    self.export.show(ctx, target, &name, self.native_dialogs);
                }
                Command::OpenFilmExport => {
                    let name = self.film_name();
                    let target = export_panel::Target::Film(crate::animate::AnimFormat::Mp4);
                    self.export.show(ctx, target, &name, self.native_dialogs);
                }
                Command::ScaleText(f) => {
                    self.settings.text_scale = if f == 0.0 {
                        1.0
                    } else {
                        (self.settings.text_scale * f).clamp(0.5, 3.0)
                    };
                }
            }
        }
    }

    fn go_to_stage(&mut self, stage: usize) {
        self.slider_value = self.diagram.stages[stage].at;
        self.retarget(stage);
    }

    fn retarget(&mut self, stage: usize) {
        if stage != self.anim.target() {
            self.settled_at = None;
        }
        if let Some(p) = &self.source_path {
            self.settings
                .last_stage
                .insert(p.display().to_string(), stage);
        }
        self.anim.set_target(stage);
    }

    /// Glow strength for "new in this stage" components at time `now`.
    fn glow(&mut self, now: f64) -> f32 {
        if !self.anim.is_settled() {
            return 1.0;
        }
        let since = now - *self.settled_at.get_or_insert(now);
        crate::scene::animation::glow_after(since as f32)
    }

    /// Advance autoplay when the current stage has been shown long enough.
    fn autoplay(&mut self, ctx: &egui::Context, now: f64) {
        if !self.present.autoplay || !self.anim.is_settled() {
            return;
        }
        let since = now - *self.settled_at.get_or_insert(now);
        let last = self.diagram.last_stage();
        match present::autoplay_step(
            since,
            self.settings.dwell_seconds,
            self.anim.target(),
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
            present::AutoplayStep::Stop => self.present.autoplay = false,
        }
    }

    /// File events: saves of the open file, dropped files, answers from the open dialog.
    fn poll_files(&mut self, ctx: &egui::Context) {
        while let Some(update) = self
            .watcher
            .as_ref()
            .and_then(watcher::FileWatcher::try_next)
        {
            self.apply_update(update);
        }
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        if let Some(p) = dropped.into_iter().next() {
            self.commands.push(Command::OpenPath(p));
        }
        if let Some(answer) = self
            .open_dialog
            .as_ref()
            .and_then(file_dialog::PendingDialog::poll)
        {
            self.open_dialog = None;
            if let file_dialog::DialogAnswer::Picked(p) = answer {
                self.commands.push(Command::OpenPath(p));
            }
        }
        let title = self.window_title();
        if title != self.title_shown {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title_shown = title;
        }
    }

    /// The diagrams offered in the picker (scanned once, when first asked for).
    fn shipped(&mut self) -> &[(PathBuf, String)] {
        self.shipped.get_or_insert_with(document::shipped_diagrams)
    }

    fn sync_visuals(&mut self, ctx: &egui::Context) {
        if self.visuals_for != Some(self.settings.theme) {
            self.visuals_for = Some(self.settings.theme);
            let mut visuals = if self.theme.dark {
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
        let moving = self.anim.step(dt);
        let moment = Moment::at_position(self.anim.position(), self.diagram.last_stage());
        self.scene = self.layouts.scene(&self.diagram, moment);
        if !moving {
            let stage = self.anim.target().min(self.diagram.last_stage());
            crate::scene::mark_leaving(&mut self.scene, &self.diagram, stage, self.slider_value);
        }
        let glow = self.glow(now);
        self.focus_on_change(now);
        self.autoplay(&ctx, now);

        if self.present.active {
            panels::stage_bar(self, ui);
        } else {
            panels::top_bar(self, ui);
            panels::diagnostics(self, ui);
            panels::stage_bar(self, ui);
            panels::notes(self, ui);
        }
        let camera_moving = canvas::show(self, ui, glow, dt);
        let stage = self.anim.target().min(self.diagram.last_stage());
        let source = export_panel::ExportSource {
            diagram: &self.diagram,
            stage,
            theme: self.settings.theme,
            window_px: self.canvas_px,
        };
        self.export.ui(&ctx, &source);
        speaker::show(self, &ctx, now);
        if self.present.blank || self.present.white {
            let painter = ctx.layer_painter(egui::LayerId::new(
                egui::Order::Foreground,
                egui::Id::unique("scaleview-blank"),
            ));
            let colour = if self.present.white {
                egui::Color32::WHITE
            } else {
                egui::Color32::BLACK
            };
            painter.rect_filled(ctx.content_rect(), 0.0, colour);
        }

        self.run_commands(&ctx);
        if moving
            || camera_moving
            || (glow > 0.0 && self.scene.components.iter().any(|n| n.is_new || n.changed))
            || !self.commands.is_empty()
        {
            ctx.request_repaint();
        }
    }

    fn save(&mut self, _storage: &mut dyn eframe::Storage) {
        self.save_settings();
    }
}
