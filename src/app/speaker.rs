//! The speaker view: a second native window with this stage's notes, the next stage's title,
//! the selected component's notes and a timer. The audience window shows only the diagram.

use egui::{RichText, ViewportBuilder, ViewportClass, ViewportId};

use super::{Command, ScaleviewApp};

/// Show the speaker window while it is open (embedded as an inner window where the platform
/// has no multiple windows, e.g. in tests).
pub fn show(app: &mut ScaleviewApp, ctx: &egui::Context, now: f64) {
    if !app.present.speaker_open {
        return;
    }
    let started = *app.present.timer_start.get_or_insert(now);
    let elapsed = (now - started).max(0.0) as u64;
    let target = app.anim.target().min(app.diagram.last_stage());
    let stage = app.diagram.stages[target].clone();
    let next = app.diagram.stages.get(target + 1).map(|s| s.title.clone());
    let total = app.diagram.stages.len();
    let selected = app
        .selected
        .and_then(|i| app.diagram.components.get(i))
        .map(|c| (c.label_at(target).to_owned(), c.notes.clone()));
    let mut close = false;
    let mut commands = Vec::new();
    ctx.show_viewport_immediate(
        ViewportId::from_hash_of("scaleview-speaker"),
        ViewportBuilder::default()
            .with_title("scaleview — speaker notes")
            .with_inner_size([560.0, 720.0]),
        |ui, class| {
            if ui.input(|i| i.viewport().close_requested()) {
                close = true;
            }
            let mut body = |ui: &mut egui::Ui| {
                ui.horizontal(|ui| {
                    ui.label(
                        RichText::new(format!("{:02}:{:02}", elapsed / 60, elapsed % 60))
                            .size(34.0)
                            .monospace(),
                    );
                    if ui.button("Reset timer").clicked() {
                        commands.push(Command::ResetTimer);
                    }
                });
                ui.label(RichText::new(format!("Stage {} of {total}", target + 1)).weak());
                ui.label(RichText::new(&stage.title).size(30.0).strong());
                ui.label(RichText::new(&stage.notes).size(20.0));
                ui.separator();
                match &next {
                    Some(n) => ui.label(RichText::new(format!("Next: {n}")).size(20.0)),
                    None => ui.label(RichText::new("Last stage").size(20.0).weak()),
                };
                if let Some((label, notes)) = &selected {
                    ui.separator();
                    ui.label(RichText::new(label).size(22.0).strong());
                    ui.label(RichText::new(notes).size(18.0));
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
    if close {
        app.present.speaker_open = false;
    }
    // The clock ticks once a second; nothing else repaints an idle speaker window.
    ctx.request_repaint_after(std::time::Duration::from_millis(
        1000 - ((now - started).fract() * 1000.0) as u64,
    ));
}
