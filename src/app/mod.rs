//! The eframe application: state, input, panels. Sits on top of model → scene → render.

mod animation;
mod camera;
mod canvas;
mod commands;
pub mod fonts;
mod keys;
mod panels;
mod settings;

pub use animation::StageAnimator;
pub use camera::CameraState;
pub use commands::Command;
pub use settings::Settings;

use crate::model::{self, Diagram};
use crate::render::Theme;
use crate::render::screen::IconCache;
use crate::scene::{Moment, Scene};

/// How long components new in a stage glow after the transition settles, in seconds.
const GLOW_HOLD: f64 = 0.8;
/// How long the glow then takes to fade out.
const GLOW_FADE: f64 = 0.9;

/// The whole app state.
pub struct ScaleviewApp {
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
}

impl ScaleviewApp {
    /// Create the app from eframe's creation context, on the embedded default diagram.
    pub fn new(cc: &eframe::CreationContext<'_>) -> Self {
        fonts::install(&cc.egui_ctx);
        let settings: Settings = cc
            .storage
            .and_then(|s| eframe::get_value(s, settings::SETTINGS_KEY))
            .unwrap_or_default();
        let mut app = Self::with_diagram(model::default_diagram(), "aws-10m-users.ron");
        app.set_settings(settings.sanitized());
        app
    }

    /// An app showing `diagram` (named `source_name` in the window title), at its first stage.
    pub fn with_diagram(diagram: Diagram, source_name: &str) -> Self {
        let scene = Scene::settled(&diagram, 0);
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

    /// Current settings.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// Queue a command as if a widget had emitted it.
    pub fn push(&mut self, command: Command) {
        self.commands.push(command);
    }

    /// Title for the native window.
    pub fn window_title(&self) -> String {
        format!("{} — {} — scaleview", self.diagram.title, self.source_name)
    }

    fn run_commands(&mut self) {
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
                Command::FitView => self.camera.refit(),
                Command::Select(sel) => self.selected = sel,
                Command::SetTheme(name) => {
                    self.settings.theme = name;
                    self.theme = name.theme();
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
        self.anim.set_target(stage);
    }

    /// Glow strength for "new in this stage" components at time `now`.
    fn glow(&mut self, now: f64) -> f32 {
        if !self.anim.is_settled() {
            return 1.0;
        }
        let since = now - *self.settled_at.get_or_insert(now);
        if since <= GLOW_HOLD {
            1.0
        } else {
            (1.0 - (since - GLOW_HOLD) / GLOW_FADE).clamp(0.0, 1.0) as f32
        }
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
        self.sync_visuals(&ctx);
        keys::handle(&ctx, &mut self.commands);
        self.run_commands();

        let (dt, now) = ctx.input(|i| (i.stable_dt, i.time));
        let moving = self.anim.step(dt);
        let moment = Moment::at_position(self.anim.position(), self.diagram.last_stage());
        self.scene = Scene::at(&self.diagram, moment);
        let glow = self.glow(now);

        panels::top_bar(self, ui);
        panels::stage_bar(self, ui);
        panels::notes(self, ui);
        let camera_moving = canvas::show(self, ui, glow, dt);

        self.run_commands();
        if moving
            || camera_moving
            || (glow > 0.0 && self.scene.nodes.iter().any(|n| n.is_new))
            || !self.commands.is_empty()
        {
            ctx.request_repaint();
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, settings::SETTINGS_KEY, &self.settings);
    }
}
