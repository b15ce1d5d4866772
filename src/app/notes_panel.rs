//! The notes panel beside the canvas: the stage's title, numbers and story, what is new in
//! it, the notes of the component under the pointer, and the legend.

use egui::RichText;

use super::i18n::{tr, trf};
use super::panels::{bold, diagram_text};
use super::{Command, ScaleviewApp};
use crate::render::screen_fonts;
use crate::scene::text::Weight;

/// The notes panel: why this stage, why this component, what is new.
pub fn notes(app: &mut ScaleviewApp, ui: &mut egui::Ui) {
    egui::Panel::right("notes")
        .resizable(true)
        .default_size(360.0)
        .min_size(240.0)
        .show(ui, |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| {
                let target = app.playback.anim.target().min(app.doc.diagram.last_stage());
                stage_story(app, ui, target);
                new_in_stage(app, ui, target);
                ui.add_space(10.0);
                ui.separator();
                component_notes(app, ui, target);
                ui.add_space(10.0);
                ui.separator();
                legend(app, ui);
                about(app, ui);
            });
        });
}

/// The stage's title, where it starts on the axis, its numbers and its story.
fn stage_story(app: &ScaleviewApp, ui: &mut egui::Ui, target: usize) {
    let stage = &app.doc.diagram.stages[target];
    ui.add_space(6.0);
    diagram_text(ui, &stage.title, 22.0, Weight::Bold, None);
    ui.label(
        RichText::new(trf(
            ui,
            "from_value",
            &[("value", &app.doc.diagram.axis.long_label(stage.at))],
        ))
        .color(ui.visuals().weak_text_color()),
    );
    ui.add_space(4.0);
    metrics_grid(ui, &app.doc.diagram, target, 15.0);
    diagram_text(ui, &stage.notes, 16.0, Weight::Regular, None);
}

/// The components that appear in this stage, as chips that select them.
fn new_in_stage(app: &mut ScaleviewApp, ui: &mut egui::Ui, target: usize) {
    let new: Vec<(usize, std::sync::Arc<str>)> = app
        .doc
        .diagram
        .components
        .iter()
        .enumerate()
        .filter(|(_, c)| target > 0 && c.life.appears == target)
        .map(|(i, c)| (i, c.at[target].label.clone()))
        .collect();
    if !new.is_empty() {
        ui.add_space(10.0);
        ui.label(bold(tr(ui, "new_in_stage"), 16.0));
        ui.horizontal_wrapped(|ui| {
            let more = new.len().saturating_sub(MAX_NEW_CHIPS);
            for (i, label) in new.into_iter().take(MAX_NEW_CHIPS) {
                let job = screen_fonts::layout_job(
                    ui.ctx(),
                    &label,
                    14.0,
                    Weight::Regular,
                    ui.visuals().text_color(),
                    f32::INFINITY,
                );
                if ui
                    .selectable_label(app.view.selected == Some(i), job)
                    .clicked()
                {
                    app.commands.push(Command::Select(Some(i)));
                }
            }
            if more > 0 {
                ui.weak(trf(ui, "and_more", &[("n", &more)]));
            }
        });
    }
}

/// The notes of the component under the pointer (or selected), or a hint to hover one.
fn component_notes(app: &ScaleviewApp, ui: &mut egui::Ui, target: usize) {
    match app
        .view
        .hovered
        .or(app.view.selected)
        .and_then(|i| app.doc.diagram.components.get(i).map(|c| (i, c)))
    {
        Some((_, c)) => {
            diagram_text(ui, c.label_at(target), 18.0, Weight::Bold, None);
            ui.label(RichText::new(c.kind.display_name()).color(ui.visuals().weak_text_color()));
            ui.add_space(2.0);
            if !c.cost.is_empty() {
                let cost = trf(ui, "cost_label", &[("cost", &c.cost)]);
                let weak = ui.visuals().weak_text_color();
                diagram_text(ui, &cost, 14.0, Weight::Regular, Some(weak));
            }
            let notes = if c.notes.is_empty() {
                tr(ui, "no_notes")
            } else {
                &c.notes
            };
            diagram_text(ui, notes, 15.0, Weight::Regular, None);
        }
        None => {
            ui.label(RichText::new(tr(ui, "hover_hint")).italics());
        }
    }
}

/// The legend: each kind on screen with its icon.
fn legend(app: &mut ScaleviewApp, ui: &mut egui::Ui) {
    egui::CollapsingHeader::new(tr(ui, "legend"))
        .id_salt("legend")
        .default_open(true)
        .show(ui, |ui| {
            let entries =
                crate::scene::legend::legend(&app.doc.diagram, &app.view.scene.components);
            // Each kind with its own icon, as one unit, so a line never breaks
            // between them.
            let ctx = ui.ctx().clone();
            let px = 18.0 * ctx.pixels_per_point();
            ui.horizontal_wrapped(|ui| {
                for e in entries {
                    let text = e.name.as_str();
                    let icon =
                        crate::render::paint::IconRef::of_component(e.kind, e.custom_icon.as_ref());
                    let entry = match app.view.icons.for_icon(&ctx, &icon, px) {
                        Some(tex) => egui::Button::image_and_text(
                            egui::Image::new((tex.id(), egui::vec2(18.0, 18.0))),
                            text,
                        ),
                        None => egui::Button::new(text),
                    };
                    // Looked up first: widget_info's closure runs with the
                    // context locked.
                    let name = trf(&ctx, "legend_entry", &[("name", &text)]);
                    ui.add(entry.frame(false).sense(egui::Sense::hover()))
                        .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, &name));
                }
            });
        });
}

/// About this diagram: its description, credit and every key.
fn about(app: &ScaleviewApp, ui: &mut egui::Ui) {
    egui::CollapsingHeader::new(tr(ui, "about_diagram"))
        .id_salt("about")
        .default_open(false)
        .show(ui, |ui| {
            diagram_text(
                ui,
                &app.doc.diagram.description,
                14.0,
                Weight::Regular,
                None,
            );
            if !app.doc.diagram.credit.is_empty() {
                diagram_text(ui, &app.doc.diagram.credit, 11.0, Weight::Regular, None);
            }
            let keys = super::keys::help(ui.ctx(), false);
            ui.label(RichText::new(keys).small());
        });
}

/// Most "new in this stage" chips listed; a big diagram's stage may add hundreds.
const MAX_NEW_CHIPS: usize = 24;

/// A stage's numbers (`metrics` in the file) with their change from the stage before: "was
/// ≈ 500" when the value changed, "new" when the previous stage did not have it.
pub fn metrics_grid(ui: &mut egui::Ui, d: &crate::model::Diagram, stage: usize, size: f32) {
    let Some(s) = d.stages.get(stage) else {
        return;
    };
    if s.metrics.is_empty() {
        return;
    }
    let before = stage.checked_sub(1).map(|p| &d.stages[p].metrics);
    let weak = ui.visuals().weak_text_color();
    egui::Grid::new(("stage-metrics", stage))
        .num_columns(3)
        .spacing([10.0, 2.0])
        .show(ui, |ui| {
            for (name, value) in &s.metrics {
                diagram_text(ui, name, size * 0.9, Weight::Regular, Some(weak));
                diagram_text(ui, value, size, Weight::Bold, None);
                let previous = before.and_then(|m| m.iter().find(|(n, _)| n == name));
                let change = match previous {
                    Some((_, v)) if v != value => trf(ui, "metric_was", &[("value", v)]),
                    None if before.is_some() => tr(ui, "metric_new").to_owned(),
                    _ => String::new(),
                };
                diagram_text(ui, &change, size * 0.85, Weight::Regular, Some(weak));
                ui.end_row();
            }
        });
    ui.add_space(4.0);
}
