//! The panels around the canvas: top bar, stage bar (caption + slider), notes.

use egui::{Align, FontFamily, Layout, RichText};

use super::actions::{self, Action};
use super::i18n::{self, tr, trf};
use super::scrub;
use super::{Command, ScaleviewApp};
use crate::model::Scale;
use crate::render::ThemeName;
use crate::render::screen::BOLD_FAMILY;
use crate::render::screen_fonts;
use crate::scene::text::Weight;

pub(super) fn bold(text: impl Into<String>, size: f32) -> RichText {
    RichText::new(text)
        .size(size)
        .family(FontFamily::Name(BOLD_FAMILY.into()))
}

/// A label with the diagram's own text (titles, labels, notes), drawn with the same font
/// runs as the canvas and the exports; wraps to the available width.
pub(super) fn diagram_text(
    ui: &mut egui::Ui,
    text: &str,
    size: f32,
    weight: Weight,
    colour: Option<egui::Color32>,
) -> egui::Response {
    let colour = colour.unwrap_or_else(|| ui.visuals().text_color());
    let job = screen_fonts::layout_job(ui.ctx(), text, size, weight, colour, ui.available_width());
    ui.label(job)
}

/// Diagram title, view and theme controls.
pub fn top_bar(app: &mut ScaleviewApp, ui: &mut egui::Ui) {
    egui::Panel::top("top-bar").show(ui, |ui| {
        ui.horizontal(|ui| {
            ui.label(bold("scaleview", 16.0));
            ui.separator();
            diagram_text(ui, &app.doc.diagram.title, 16.0, Weight::Regular, None);
            ui.separator();
            let out = &mut app.commands;
            actions::button(ui, Action::Open, None, true, out);
            diagrams_menu(app, ui);
            for action in [
                Action::ExportPng,
                Action::ExportSvg,
                Action::ExportFilm,
                Action::ExportHandout,
            ] {
                actions::button(ui, action, None, true, &mut app.commands);
            }
            ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
                language_menu(app, ui);
                let current = app.settings.theme;
                egui::ComboBox::from_label(tr(ui, "theme"))
                    .selected_text(theme_label(ui, current))
                    .show_ui(ui, |ui| {
                        for name in ThemeName::ALL {
                            if ui
                                .selectable_label(current == name, theme_label(ui, name))
                                .clicked()
                            {
                                app.commands.push(Command::SetTheme(name));
                            }
                        }
                    });
                let out = &mut app.commands;
                actions::button(ui, Action::LargerText, Some("A+".into()), true, out);
                actions::button(ui, Action::SmallerText, Some("A−".into()), true, out);
                actions::button(ui, Action::Fit, None, !app.view.camera.follow, out);
            });
        });
    });
}

/// The stage caption in large type, the user-count slider with a tick per stage, and
/// previous/next buttons.
pub fn stage_bar(app: &mut ScaleviewApp, ui: &mut egui::Ui) {
    egui::Panel::bottom("stage-bar").show(ui, |ui| {
        ui.add_space(6.0);
        let target = app.playback.anim.target().min(app.doc.diagram.last_stage());
        let stage = &app.doc.diagram.stages[target];
        ui.horizontal(|ui| {
            diagram_text(ui, &stage.title, 30.0, Weight::Bold, None);
            ui.add_space(12.0);
            ui.label(
                RichText::new(app.doc.diagram.axis.long_label(app.playback.slider_value))
                    .size(20.0)
                    .color(ui.visuals().weak_text_color()),
            );
            if app.playback.present.active {
                return;
            }
            ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
                let last = app.doc.diagram.last_stage();
                let out = &mut app.commands;
                let next = Some(bold(tr(ui, "next"), 16.0).into());
                actions::button(ui, Action::Next, next, target < last, out);
                ui.label(
                    RichText::new(trf(
                        ui,
                        "stage_of",
                        &[("n", &(target + 1)), ("total", &(last + 1))],
                    ))
                    .size(16.0),
                );
                let back = Some(bold(tr(ui, "back"), 16.0).into());
                actions::button(ui, Action::Prev, back, target > 0, out);
                ui.separator();
                actions::button(ui, Action::Present, None, true, out);
                actions::toggle(ui, Action::Traffic, app.playback.present.flow, out);
                let speaker = app.playback.present.speaker_open;
                actions::toggle(ui, Action::SpeakerView, speaker, out);
                // Edited on a copy; a change is a command like any other.
                let s = &app.settings;
                let (mut looping, mut backwards) = (s.autoplay_loop, s.autoplay_backwards);
                let (mut focus, mut dwell_seconds) = (s.focus_changes, s.dwell_seconds);
                ui.checkbox(&mut looping, tr(ui, "loop"));
                ui.checkbox(&mut backwards, tr(ui, "backwards"))
                    .on_hover_text(tr(ui, "backwards_tip"));
                ui.checkbox(&mut focus, tr(ui, "focus"))
                    .on_hover_text(tr(ui, "focus_tip"));
                ui.add(
                    egui::DragValue::new(&mut dwell_seconds)
                        .range(0.5..=600.0)
                        .speed(0.1)
                        .suffix(" s"),
                )
                .on_hover_text(tr(ui, "dwell_tip"));
                let s = &app.settings;
                if (looping, backwards, focus, dwell_seconds)
                    != (
                        s.autoplay_loop,
                        s.autoplay_backwards,
                        s.focus_changes,
                        s.dwell_seconds,
                    )
                {
                    app.commands.push(Command::SetAutoplay {
                        looping,
                        backwards,
                        focus,
                        dwell_seconds,
                    });
                }
                let play = if app.playback.present.autoplay {
                    tr(ui, "pause")
                } else {
                    tr(ui, "play")
                };
                if ui.button(play).on_hover_text(tr(ui, "play_tip")).clicked() {
                    app.commands.push(Command::ToggleAutoplay);
                }
            });
        });
        ui.add_space(4.0);
        slider_with_ticks(app, ui);
        ui.add_space(4.0);
    });
}

fn slider_with_ticks(app: &mut ScaleviewApp, ui: &mut egui::Ui) {
    let axis = app.doc.diagram.axis.clone();
    let label = axis.label.clone();
    // Room for the axis label after the slider, measured ("utilisateurs" is wider than
    // "users"), plus the gap egui leaves between a slider and its text.
    let label_w = ui
        .painter()
        .layout_no_wrap(
            label.clone(),
            egui::FontId::proportional(16.0),
            egui::Color32::WHITE,
        )
        .size()
        .x
        + ui.spacing().item_spacing.x
        + 8.0;
    ui.spacing_mut().slider_width = (ui.available_width() - label_w).max(100.0);
    ui.spacing_mut().interact_size.y = 28.0;
    let mut value = app.playback.slider_value;
    let resp = ui.add(
        egui::Slider::new(&mut value, axis.min..=axis.max)
            .logarithmic(axis.scale == Scale::Log)
            .show_value(false)
            .text(RichText::new(label).size(16.0)),
    );
    // Ticks: the slider's handle travels over its rect shrunk by height / 2.5 on each side.
    let slider_rect = egui::Rect::from_min_size(
        resp.rect.min,
        egui::vec2(ui.spacing().slider_width, resp.rect.height()),
    );
    let inset = slider_rect.height() / 2.5;
    let x0 = slider_rect.left() + inset;
    let x1 = slider_rect.right() - inset;
    if resp.dragged() {
        app.commands.push(Command::Scrub(value));
    } else if resp.drag_stopped() {
        // Let go on (or a few pixels beside) a tick: land on that stage, not just before it.
        let tolerance = f64::from(scrub::SNAP_PX / (x1 - x0).max(1.0));
        let landed = scrub::snap_to_tick(&app.doc.diagram, value, tolerance);
        app.commands.push(Command::SetValue(landed));
    } else if resp.changed() {
        app.commands.push(Command::SetValue(value));
    }
    let (tick_rect, _) =
        ui.allocate_exact_size(egui::vec2(ui.available_width(), 26.0), egui::Sense::hover());
    let painter = ui.painter();
    let target = app.playback.anim.target();
    let mut last_label_right = f32::NEG_INFINITY;
    for (i, s) in app.doc.diagram.stages.iter().enumerate() {
        let x = x0 + (x1 - x0) * axis.fraction_of(s.at) as f32;
        let current = i == target;
        let col = if current {
            ui.visuals().selection.bg_fill
        } else {
            ui.visuals().text_color()
        };
        painter.line_segment(
            [
                egui::pos2(x, slider_rect.top() - 2.0),
                egui::pos2(x, tick_rect.top() + 4.0),
            ],
            egui::Stroke::new(if current { 3.0 } else { 1.5 }, col),
        );
        let text = axis.short_label(s.at);
        let font = egui::FontId::new(if current { 16.0 } else { 14.0 }, FontFamily::Proportional);
        let galley = painter.layout_no_wrap(text, font, col);
        let r = egui::Align2::CENTER_TOP
            .anchor_size(egui::pos2(x, tick_rect.top() + 5.0), galley.size());
        // Skip a label that would collide with the previous one (the tick stays).
        if r.left() > last_label_right + 4.0 || current {
            last_label_right = r.right();
            let hit = ui.interact(
                r.expand(3.0),
                resp.id.with(("tick", i)),
                egui::Sense::click(),
            );
            painter.galley(r.min, galley, col);
            if hit.on_hover_text(&s.title).clicked() {
                app.commands.push(Command::GoToStage(i));
            }
        }
    }
}

fn diagrams_menu(app: &mut ScaleviewApp, ui: &mut egui::Ui) {
    ui.menu_button(tr(ui, "diagrams"), |ui| {
        ui.label(RichText::new(tr(ui, "built_in")).weak());
        for (i, title) in crate::model::built_in_titles().into_iter().enumerate() {
            if ui.button(title).clicked() {
                app.commands.push(Command::OpenBuiltIn(i));
            }
        }
        let shipped: Vec<(std::path::PathBuf, String)> = app.shipped().to_vec();
        if !shipped.is_empty() {
            ui.separator();
            ui.label(RichText::new(tr(ui, "in_diagrams_folder")).weak());
            for (path, title) in shipped {
                if ui
                    .button(title)
                    .on_hover_text(path.display().to_string())
                    .clicked()
                {
                    app.commands.push(Command::OpenPath(path));
                }
            }
        }
        if !app.settings.recent.is_empty() {
            ui.separator();
            ui.label(RichText::new(tr(ui, "recent")).weak());
            for path in app.settings.recent.clone() {
                let name = super::document::display_name(&path);
                if ui
                    .button(name)
                    .on_hover_text(path.display().to_string())
                    .clicked()
                {
                    app.commands.push(Command::OpenPath(path));
                }
            }
        }
    });
}

/// Problems in the open file, shown above the stage bar while the last good diagram stays.
pub fn diagnostics(app: &mut ScaleviewApp, ui: &mut egui::Ui) {
    if app.doc.diagnostics.is_empty() {
        return;
    }
    let errors = app
        .doc
        .diagnostics
        .iter()
        .any(|d| d.severity == crate::model::Severity::Error);
    let red = ui.visuals().error_fg_color;
    let amber = ui.visuals().warn_fg_color;
    let colour = if errors { red } else { amber };
    egui::Panel::bottom("diagnostics")
        .frame(
            egui::Frame::side_top_panel(ui.style())
                .fill(ui.visuals().extreme_bg_color)
                .stroke(egui::Stroke::new(2.0, colour)),
        )
        .show(ui, |ui| {
            ui.horizontal(|ui| {
                let n = app.doc.diagnostics.len();
                // Languages with one form for one and many repeat the text in both keys.
                let (what, then) = match (errors, n == 1) {
                    (true, true) => ("problem_in", "problems_then"),
                    (true, false) => ("problems_in", "problems_then"),
                    (false, true) => ("warning_in", "warnings_then"),
                    (false, false) => ("warnings_in", "warnings_then"),
                };
                let file = &app.doc.diagnostics[0].file;
                ui.label(bold(trf(ui, what, &[("n", &n), ("file", file)]), 16.0).color(colour));
                ui.label(tr(ui, then));
                if ui.button(tr(ui, "reload")).clicked() {
                    app.commands.push(Command::Reload);
                }
            });
            egui::ScrollArea::vertical()
                .max_height(160.0)
                .show(ui, |ui| {
                    for d in &app.doc.diagnostics {
                        let c = if d.severity == crate::model::Severity::Error {
                            red
                        } else {
                            amber
                        };
                        ui.label(
                            RichText::new(format!(
                                "{}:{}:{}: {}: {}",
                                d.file,
                                d.line,
                                d.col,
                                d.severity.word(),
                                d.message
                            ))
                            .monospace()
                            .color(c),
                        );
                        if let Some(h) = &d.hint {
                            ui.label(RichText::new(format!("    hint: {h}")).monospace());
                        }
                    }
                });
        });
}

/// A theme's name in the app's language.
pub fn theme_label(ctx: &egui::Context, name: ThemeName) -> &'static str {
    match name {
        ThemeName::Light => tr(ctx, "theme_light"),
        ThemeName::Dark => tr(ctx, "theme_dark"),
        ThemeName::Projector => tr(ctx, "theme_projector"),
    }
}

/// Choose the app's language among the bundled ones, each named in itself.
fn language_menu(app: &mut ScaleviewApp, ui: &mut egui::Ui) {
    let current = i18n::current(ui.ctx());
    egui::ComboBox::from_id_salt("ui-language")
        .selected_text(format!("🌐 {}", current.name))
        .show_ui(ui, |ui| {
            for l in i18n::languages() {
                if ui
                    .selectable_label(l.code == current.code, &l.name)
                    .clicked()
                {
                    app.commands.push(Command::SetLanguage(l.code));
                }
            }
        })
        .response
        .on_hover_text(tr(ui, "ui_language_tip"));
}
