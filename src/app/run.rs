//! Where commands change the state: [`ScaleviewApp::run_commands`] runs the commands pushed
//! during a frame, in order, each handled by the part of the state it concerns.

use std::path::Path;

use super::state::Document;
use super::{Command, ScaleviewApp, export_panel, file_dialog, i18n, present, scrub};
use crate::model;

impl ScaleviewApp {
    /// Run the commands pushed this frame, in the order they were pushed.
    pub(super) fn run_commands(&mut self, ctx: &egui::Context) {
        for cmd in std::mem::take(&mut self.commands) {
            match cmd {
                Command::GoToStage(_)
                | Command::NextStage
                | Command::PrevStage
                | Command::SetValue(_)
                | Command::Scrub(_)
                | Command::TypeDigit(_)
                | Command::JumpToTyped
                | Command::ToggleAutoplay
                | Command::SetAutoplay { .. } => self.run_playback(cmd, ctx),
                Command::FitView
                | Command::Select(_)
                | Command::SetTheme(_)
                | Command::SetLanguage(_)
                | Command::ScaleText(_) => self.run_view(cmd, ctx),
                Command::OpenDialog
                | Command::OpenPath(_)
                | Command::OpenBuiltIn(_)
                | Command::Reload => self.run_document(cmd, ctx),
                Command::TogglePresentation
                | Command::ToggleFlow
                | Command::Escape
                | Command::ToggleFullscreen
                | Command::ToggleBlank
                | Command::ToggleWhite
                | Command::ToggleSpeaker
                | Command::ResetTimer => self.run_presentation(cmd, ctx),
                Command::OpenExport(_) | Command::OpenHandoutExport | Command::OpenFilmExport => {
                    self.run_dialogs(&cmd, ctx);
                }
            }
        }
    }

    /// Stages, the slider, typed stage numbers and autoplay.
    fn run_playback(&mut self, cmd: Command, ctx: &egui::Context) {
        let last = self.doc.diagram.last_stage();
        let target = self.playback.anim.target();
        match cmd {
            Command::GoToStage(s) => self.go_to_stage(s.min(last)),
            Command::NextStage => self.go_to_stage((target + 1).min(last)),
            Command::PrevStage => self.go_to_stage(target.saturating_sub(1)),
            Command::SetValue(v) => {
                let axis = &self.doc.diagram.axis;
                self.playback.slider_value = v.clamp(axis.min, axis.max);
                let stage = self.doc.diagram.stage_at(self.playback.slider_value);
                self.retarget(stage);
            }
            Command::Scrub(v) => {
                let axis = &self.doc.diagram.axis;
                self.playback.slider_value = v.clamp(axis.min, axis.max);
                self.playback.settled_at = None;
                let value = self.playback.slider_value;
                let position = scrub::position_for_value(&self.doc.diagram, value);
                self.playback.anim.set_target_position(position);
            }
            Command::TypeDigit(d) => {
                let now = ctx.input(|i| i.time);
                let present = &mut self.playback.present;
                let before = present
                    .typed
                    .filter(|(_, t)| now - t <= present::TYPING_PAUSE)
                    .map_or(0, |(n, _)| n);
                present.typed = Some(((before * 10 + usize::from(d)).min(9_999), now));
            }
            Command::JumpToTyped => {
                let now = ctx.input(|i| i.time);
                if let Some((n, t)) = self.playback.present.typed.take()
                    && n >= 1
                    && now - t <= present::TYPED_ENTER_WITHIN
                {
                    self.go_to_stage((n - 1).min(last));
                }
            }
            Command::ToggleAutoplay => {
                self.playback.present.autoplay = !self.playback.present.autoplay;
                self.playback.settled_at = None;
            }
            Command::SetAutoplay {
                looping,
                backwards,
                focus,
                dwell_seconds,
            } => {
                self.settings.autoplay_loop = looping;
                self.settings.autoplay_backwards = backwards;
                self.settings.focus_changes = focus;
                self.settings.dwell_seconds = dwell_seconds.clamp(0.5, 600.0);
            }
            _ => {}
        }
    }

    /// Camera, selection, theme, language and text size.
    fn run_view(&mut self, cmd: Command, ctx: &egui::Context) {
        match cmd {
            Command::FitView => self.view.camera.refit(),
            Command::Select(sel) => self.view.selected = sel,
            Command::SetTheme(name) => {
                self.settings.theme = name;
                self.view.theme = name.theme();
            }
            Command::SetLanguage(code) if i18n::set_language(ctx, code) => {
                self.settings.language = Some(code.to_owned());
            }
            Command::ScaleText(f) => {
                self.settings.text_scale = if f == 0.0 {
                    1.0
                } else {
                    (self.settings.text_scale * f).clamp(0.5, 3.0)
                };
            }
            _ => {}
        }
    }

    /// Opening files and built-in diagrams, reloading.
    fn run_document(&mut self, cmd: Command, ctx: &egui::Context) {
        match cmd {
            Command::OpenDialog
                if self.dialogs.native_dialogs && self.dialogs.open_dialog.is_none() =>
            {
                let dir = self.doc.source_path.as_deref().and_then(Path::parent);
                self.dialogs.open_dialog = Some(file_dialog::open(ctx, dir));
            }
            Command::OpenPath(p) => self.open_path(&p, ctx),
            Command::OpenBuiltIn(i) => {
                let Some(b) = model::BUILT_IN.get(i) else {
                    return;
                };
                let Some(d) = model::built_in(b.name) else {
                    return;
                };
                let Document {
                    source_path,
                    watcher,
                    diagnostics,
                    source_name,
                    ..
                } = &mut self.doc;
                *source_path = None;
                *watcher = None;
                diagnostics.clear();
                *source_name = format!("{}.ron", b.name);
                self.replace_diagram(d, false);
            }
            Command::Reload => self.reload(ctx),
            _ => {}
        }
    }

    /// Presentation mode, fullscreen, blank and white screens, request flow, the speaker
    /// window and its timer.
    fn run_presentation(&mut self, cmd: Command, ctx: &egui::Context) {
        let p = &mut self.playback.present;
        match cmd {
            Command::TogglePresentation => p.active = !p.active,
            Command::ToggleFlow => p.flow = !p.flow,
            Command::Escape => {
                if p.blank || p.white {
                    p.blank = false;
                    p.white = false;
                } else {
                    p.active = false;
                    if p.fullscreen {
                        p.fullscreen = false;
                        ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(false));
                    }
                }
            }
            Command::ToggleFullscreen => {
                p.fullscreen = !p.fullscreen;
                ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(p.fullscreen));
            }
            Command::ToggleBlank => {
                p.blank = !p.blank;
                p.white = false;
            }
            Command::ToggleWhite => {
                p.white = !p.white;
                p.blank = false;
            }
            Command::ToggleSpeaker => p.speaker_open = !p.speaker_open,
            Command::ResetTimer => p.timer_start = None,
            _ => {}
        }
    }

    /// The export window, for a still, a film or a hand-out.
    fn run_dialogs(&mut self, cmd: &Command, ctx: &egui::Context) {
        let (target, name) = match cmd {
            Command::OpenExport(format) => {
                (export_panel::Target::Still(*format), self.export_name())
            }
            Command::OpenHandoutExport => (
                export_panel::Target::Handout(export_panel::Handout::Pdf),
                format!("{}-handout", self.export_stem()),
            ),
            Command::OpenFilmExport => (
                export_panel::Target::Film(crate::animate::AnimFormat::Mp4),
                self.film_name(),
            ),
            _ => return,
        };
        let native = self.dialogs.native_dialogs;
        self.dialogs.export.show(ctx, target, &name, native);
    }
}
