//! The speaker view: a second native window with a large clock and the time on this stage,
//! this stage's numbers and notes, a picture of the next stage with its title, and the
//! selected component's notes. The audience window shows only the diagram.

use super::actions::{self, Action};
use super::i18n::{tr, trf};
use super::keys;
use super::panels::diagram_text;
use crate::scene::text::Weight;
use egui::{RichText, ViewportBuilder, ViewportClass, ViewportId};

use super::{Command, ScaleviewApp};
use crate::render::Theme;
use crate::render::screen::{self, Camera, Emphasis, IconCache};
use crate::scene::{Moment, Scene};

/// Show the speaker window while it is open (embedded as an inner window where the platform
/// has no multiple windows, e.g. in tests).
#[expect(
    clippy::too_many_lines,
    reason = "one egui window laid out top to bottom: clock, times, numbers, next stage"
)]
pub fn show(app: &mut ScaleviewApp, ctx: &egui::Context, now: f64) {
    if !app.playback.present.speaker_open {
        return;
    }
    let started = *app.playback.present.timer_start.get_or_insert(now);
    let elapsed = (now - started).max(0.0) as u64;
    let target = app.playback.anim.target().min(app.doc.diagram.last_stage());
    let stage = app.doc.diagram.stages[target].clone();
    let on_stage_since = match app.playback.present.stage_since {
        Some((s, t)) if s == target => t,
        _ => {
            app.playback.present.stage_since = Some((target, now));
            now
        }
    };
    let on_stage = (now - on_stage_since).max(0.0) as u64;
    let next_scene = (target < app.doc.diagram.last_stage()).then(|| {
        app.doc
            .layouts
            .scene(&app.doc.diagram, Moment::settled(target + 1))
    });
    let theme = &app.view.theme;
    let icons = &mut app.view.icons;
    let diagram = &app.doc.diagram;
    let next = app
        .doc
        .diagram
        .stages
        .get(target + 1)
        .map(|s| s.title.clone());
    let total = app.doc.diagram.stages.len();
    let selected = app
        .view
        .selected
        .and_then(|i| app.doc.diagram.components.get(i))
        .map(|c| (c.label_at(target).to_owned(), c.notes.clone()));
    let mut close = false;
    let mut commands = Vec::new();
    ctx.show_viewport_immediate(
        ViewportId::from_hash_of("scaleview-speaker"),
        ViewportBuilder::default()
            .with_title(tr(ctx, "speaker_title"))
            .with_inner_size([560.0, 720.0]),
        |ui, class| {
            if ui.input(|i| i.viewport().close_requested()) {
                close = true;
            }
            if class != ViewportClass::EmbeddedWindow {
                // A window of its own gets its own key presses: a clicker or the keyboard
                // works while the presenter's laptop has the speaker window in front.
                keys::handle(ui.ctx(), &mut commands);
            }
            let mut body = |ui: &mut egui::Ui| {
                ui.horizontal(|ui| {
                    ui.label(
                        RichText::new(format!("{:02}:{:02}", elapsed / 60, elapsed % 60))
                            .size(34.0)
                            .monospace(),
                    );
                    actions::button(ui, Action::ResetTimer, None, true, &mut commands);
                    ui.label(
                        RichText::new(trf(
                            ui,
                            "on_this_stage",
                            &[(
                                "time",
                                &format!("{:02}:{:02}", on_stage / 60, on_stage % 60),
                            )],
                        ))
                        .size(18.0)
                        .weak(),
                    );
                });
                ui.label(
                    RichText::new(trf(
                        ui,
                        "speaker_stage_of",
                        &[("n", &(target + 1)), ("total", &total)],
                    ))
                    .weak(),
                );
                diagram_text(ui, &stage.title, 30.0, Weight::Bold, None);
                super::notes_panel::metrics_grid(ui, diagram, target, 20.0);
                diagram_text(ui, &stage.notes, 20.0, Weight::Regular, None);
                ui.separator();
                match &next {
                    Some(n) => diagram_text(
                        ui,
                        &trf(ui, "speaker_next", &[("title", n)]),
                        20.0,
                        Weight::Regular,
                        None,
                    ),
                    None => ui.label(RichText::new(tr(ui, "last_stage")).size(20.0).weak()),
                };
                if let Some(scene) = &next_scene {
                    thumbnail(ui, scene, theme, icons);
                }
                if let Some((label, notes)) = &selected {
                    ui.separator();
                    diagram_text(ui, label, 22.0, Weight::Bold, None);
                    diagram_text(ui, notes, 18.0, Weight::Regular, None);
                }
            };
            if class == ViewportClass::EmbeddedWindow {
                body(ui);
            } else {
                egui::CentralPanel::default()
                    .show(ui, |ui| egui::ScrollArea::vertical().show(ui, &mut body));
            }
        },
    );
    app.commands.extend(commands);
    if close && app.playback.present.speaker_open {
        app.commands.push(Command::ToggleSpeaker);
    }
    // The clock ticks once a second; nothing else repaints an idle speaker window.
    ctx.request_repaint_after(std::time::Duration::from_millis(
        1000 - ((now - started).fract() * 1000.0) as u64,
    ));
}

/// The next stage, small: the whole settled scene fitted into a strip as wide as the window.
fn thumbnail(ui: &mut egui::Ui, scene: &Scene, theme: &Theme, icons: &mut IconCache) {
    let width = ui.available_width().max(120.0);
    let (rect, resp) =
        ui.allocate_exact_size(egui::vec2(width, width * 0.45), egui::Sense::hover());
    let name = tr(ui, "next_stage_picture");
    resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Image, true, name));
    let painter = ui.painter_at(rect);
    let cam = Camera::fit(scene.bounds, rect, 6.0);
    screen::paint_scene(&painter, scene, &cam, theme, icons, Emphasis::default());
    painter.rect_stroke(
        rect,
        4.0,
        egui::Stroke::new(1.0, ui.visuals().weak_text_color()),
        egui::StrokeKind::Inside,
    );
}
