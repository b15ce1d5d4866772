//! The diagram canvas: camera (pan, zoom, follow), hit-testing, tooltips, painting.

use crate::scene::text::Weight;
use egui::{Role, Sense, WidgetInfo};

use super::{Command, ScaleviewApp};
use crate::render::screen::{self, Emphasis};
use crate::scene::style::ICON;

/// Components whose icon is smaller than this on screen get no widget of their own.
const MIN_WIDGET_PX: f32 = 12.0;

/// Show the canvas in the remaining space. Returns whether the camera is still moving.
pub fn show(app: &mut ScaleviewApp, ui: &mut egui::Ui, glow: f32, dt: f32) -> bool {
    let mut camera_moving = false;
    egui::CentralPanel::default()
        .frame(egui::Frame::NONE)
        .show(ui, |ui| {
            let (rect, resp) = ui.allocate_exact_size(ui.available_size(), Sense::click_and_drag());
            // Words are looked up before widget_info, whose closure runs with the context locked.
            let name = super::i18n::tr(ui, "canvas_name");
            resp.widget_info(|| WidgetInfo::labeled(Role::Canvas, true, name));
            camera_moving = move_camera(app, ui, rect, &resp, dt);
            let cam = app.view.camera.camera(rect);
            app.view.hovered = hit_test(app, ui, rect, &resp, &cam);
            let painter = ui.painter_at(rect);
            paint(app, ui, &painter, &cam, glow);
            overlays(app, ui, &painter, rect);
        });
    camera_moving
}

/// Follow, focus, pan and zoom the camera for this frame; true while it is still moving.
/// The camera and the canvas size are view-local state (see `state.rs`).
fn move_camera(
    app: &mut ScaleviewApp,
    ui: &egui::Ui,
    rect: egui::Rect,
    resp: &egui::Response,
    dt: f32,
) -> bool {
    let now = ui.input(|i| i.time);
    let moving = app.view.camera.update(app.view.scene.bounds, rect, dt, now);
    if let Some((_, until)) = app.view.camera.focus {
        // Come back to the whole diagram when the focus ends, even if nothing moves.
        ui.ctx()
            .request_repaint_after(std::time::Duration::from_secs_f64((until - now).max(0.0)));
    }
    app.view.canvas_rect = rect;
    let ppp = ui.ctx().pixels_per_point();
    app.view.canvas_px = [
        (rect.width() * ppp).round() as u32,
        (rect.height() * ppp).round() as u32,
    ];

    if resp.dragged() {
        app.view.camera.pan(resp.drag_delta());
    }
    if resp.hovered() {
        let (scroll, zoom, pointer) =
            ui.input(|i| (i.smooth_scroll_delta, i.zoom_delta(), i.pointer.hover_pos()));
        if let Some(p) = pointer {
            let factor = zoom * (scroll.y / 400.0).exp();
            app.view.camera.zoom_at(factor, p, rect);
        }
    }
    moving
}

/// Which component is under the pointer: each visible component is a widget (hoverable,
/// clickable, visible to AccessKit) unless the diagram is zoomed far out, where the
/// component is found under the pointer instead. Clicks push `Select` and `FitView`.
fn hit_test(
    app: &mut ScaleviewApp,
    ui: &mut egui::Ui,
    rect: egui::Rect,
    resp: &egui::Response,
    cam: &screen::Camera,
) -> Option<usize> {
    // Zoomed far out (huge diagrams), components are found under the pointer instead of
    // being one widget each: thousands of widgets would cost more than the drawing.
    let tiny = ICON * cam.zoom < MIN_WIDGET_PX;
    let pointed = if tiny {
        resp.hover_pos()
            .and_then(|p| app.view.scene.component_at(cam.to_scene(p)))
    } else {
        None
    };
    let under_pointer = pointed.map(|n| n.index);
    if resp.double_clicked() {
        app.commands.push(Command::FitView);
    } else if resp.clicked() {
        app.commands.push(Command::Select(under_pointer));
    }
    if let Some(n) = pointed {
        let c = &app.doc.diagram.components[n.index];
        resp.clone()
            .on_hover_ui_at_pointer(|ui| component_tooltip(ui, &n.label, c));
    }

    // Every visible component is a widget: hoverable, clickable, and visible to AccessKit.
    let mut hovered = under_pointer;
    for n in app
        .view
        .scene
        .components
        .iter()
        .filter(|n| n.opacity > 0.5 && !tiny)
    {
        let r = cam.rect_to_screen(n.rect).expand(4.0).intersect(rect);
        // Off-screen: no widget.
        if !r.is_positive() {
            continue;
        }
        let nr = ui.interact(r, resp.id.with(&n.id), Sense::click());
        let label = n.label.clone();
        nr.widget_info(|| WidgetInfo::labeled(Role::Button, true, label.clone()));
        if nr.hovered() {
            hovered = Some(n.index);
        }
        if nr.clicked() {
            app.commands.push(Command::Select(Some(n.index)));
        }
        let c = &app.doc.diagram.components[n.index];
        nr.on_hover_ui(|ui| component_tooltip(ui, &n.label, c));
    }
    hovered
}

/// The scene with its emphasis, and the request-flow dots while they are on.
fn paint(
    app: &mut ScaleviewApp,
    ui: &egui::Ui,
    painter: &egui::Painter,
    cam: &screen::Camera,
    glow: f32,
) {
    let em = Emphasis {
        hovered: app.view.hovered,
        selected: app.view.selected,
        new_glow: glow,
        text_scale: app.settings.text_scale,
    };
    screen::paint_scene(
        painter,
        &app.view.scene,
        cam,
        &app.view.theme,
        &mut app.view.icons,
        em,
    );
    if app.playback.present.flow {
        // Traffic moves: repaint at up to 20 frames a second (enough for dots; a GPU-less
        // laptop or an X server without vsync would otherwise draw as fast as it can),
        // and only while it can be seen.
        let (time, minimized) = ui.input(|i| (i.time, i.viewport().minimized.unwrap_or(false)));
        let dots = crate::scene::flow::dots(
            &app.doc.diagram,
            &app.view.scene,
            app.playback.slider_value,
            time,
        );
        screen::paint_dots(painter, &dots, cam, &app.view.theme);
        if !(minimized || app.playback.present.blank || app.playback.present.white) {
            ui.ctx()
                .request_repaint_after(std::time::Duration::from_millis(FLOW_FRAME_MS));
        }
    }
}

/// The key hint under the diagram, and the veil while a file is dragged over the window.
fn overlays(app: &ScaleviewApp, ui: &egui::Ui, painter: &egui::Painter, rect: egui::Rect) {
    if !app.playback.present.active {
        painter.text(
            rect.left_bottom() + egui::vec2(10.0, -8.0),
            egui::Align2::LEFT_BOTTOM,
            super::keys::help(ui.ctx(), true),
            egui::FontId::proportional(13.0),
            ui.visuals().weak_text_color(),
        );
    }
    if ui.input(|i| !i.raw.hovered_files.is_empty()) {
        painter.rect_filled(rect, 0.0, egui::Color32::from_black_alpha(140));
        painter.text(
            rect.center(),
            egui::Align2::CENTER_CENTER,
            super::i18n::tr(ui, "drop_hint"),
            egui::FontId::proportional(28.0),
            egui::Color32::WHITE,
        );
    }
}

/// Milliseconds between frames while request flow is on (20 frames a second).
pub const FLOW_FRAME_MS: u64 = 50;

/// What hovering a component shows: its full label, its kind and why it is there.
fn component_tooltip(ui: &mut egui::Ui, label: &str, c: &crate::model::Component) {
    ui.set_max_width(320.0);
    let strong = ui.visuals().strong_text_color();
    super::panels::diagram_text(ui, label, 14.0, Weight::Bold, Some(strong));
    ui.weak(c.kind.display_name());
    if !c.notes.is_empty() {
        super::panels::diagram_text(ui, &c.notes, 14.0, Weight::Regular, None);
    }
}
