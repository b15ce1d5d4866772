//! Paints a [`Scene`] with an egui painter: the interactive on-screen renderer.
//!
//! Mirrors `svg.rs` shape for shape so the screen and the exports look alike.

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use egui::{
    Color32, CornerRadius, FontId, Painter, Pos2, Shape, Stroke, StrokeKind, TextureHandle,
};

use super::icons;
use super::screen_fonts;
use super::theme::{Rgba, Theme};
use crate::model::{ComponentKind, GroupKind};
use crate::scene::text::{self, Weight};
use crate::scene::{EdgeShape, GroupShape, NodeShape, Point, Rect, Scene, style};

/// Name of the bold font family registered with egui.
pub const BOLD_FAMILY: &str = "bold";

/// Maps scene coordinates to screen points: `screen = viewport centre + (p - center) * zoom`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Camera {
    /// Scene point shown at the viewport centre.
    pub center: Point,
    /// Screen points per scene unit.
    pub zoom: f32,
    /// Screen area of the canvas.
    pub viewport: egui::Rect,
}

impl Camera {
    /// Scene point → screen point.
    pub fn to_screen(&self, p: Point) -> Pos2 {
        let c = self.viewport.center();
        Pos2::new(
            c.x + (p.x - self.center.x) * self.zoom,
            c.y + (p.y - self.center.y) * self.zoom,
        )
    }

    /// Screen point → scene point.
    pub fn to_scene(&self, p: Pos2) -> Point {
        let c = self.viewport.center();
        Point::new(
            self.center.x + (p.x - c.x) / self.zoom,
            self.center.y + (p.y - c.y) / self.zoom,
        )
    }

    /// Scene rectangle → screen rectangle.
    pub fn rect_to_screen(&self, r: Rect) -> egui::Rect {
        egui::Rect::from_min_max(self.to_screen(r.min), self.to_screen(r.max))
    }

    /// The camera that fits `bounds` into the viewport with `margin` screen points around it.
    pub fn fit(bounds: Rect, viewport: egui::Rect, margin: f32) -> Camera {
        if bounds.is_empty() {
            return Camera {
                center: Point::default(),
                zoom: 1.0,
                viewport,
            };
        }
        let w = (viewport.width() - 2.0 * margin).max(50.0);
        let h = (viewport.height() - 2.0 * margin).max(50.0);
        let zoom = (w / bounds.width().max(1.0))
            .min(h / bounds.height().max(1.0))
            .clamp(0.05, 2.0);
        Camera {
            center: bounds.center(),
            zoom,
            viewport,
        }
    }
}

/// egui colour from a theme colour, faded by `opacity`.
pub fn color(c: Rgba, opacity: f32) -> Color32 {
    let c = c.faded(opacity);
    Color32::from_rgba_unmultiplied(c.0, c.1, c.2, c.3)
}

/// Icon textures rasterised per kind at a few sizes, so icons stay crisp at any zoom.
#[derive(Default)]
pub struct IconCache {
    textures: HashMap<(ComponentKind, u32), TextureHandle>,
    badges: HashMap<(GroupKind, u32), TextureHandle>,
}

/// The smallest texture size bucket of at least `px` pixels.
fn bucket(px: f32) -> u32 {
    [32u32, 64, 128, 256, 512]
        .into_iter()
        .find(|b| *b as f32 >= px)
        .unwrap_or(512)
}

impl IconCache {
    /// The texture for `kind` at a size bucket ≥ `px` screen pixels, created on first use.
    pub fn get(
        &mut self,
        ctx: &egui::Context,
        kind: ComponentKind,
        px: f32,
    ) -> Option<&TextureHandle> {
        let size = bucket(px);
        cached_texture(&mut self.textures, (kind, size), ctx, || {
            let name = format!("icon-{}-{size}", kind.icon_name());
            Some((name, icons::rasterize(kind, size)?))
        })
    }

    /// The badge pictogram texture of a group kind at a size bucket ≥ `px` pixels.
    pub fn badge(
        &mut self,
        ctx: &egui::Context,
        kind: GroupKind,
        px: f32,
    ) -> Option<&TextureHandle> {
        let size = bucket(px);
        cached_texture(&mut self.badges, (kind, size), ctx, || {
            let name = format!("badge-{}-{size}", icons::group_badge_name(kind));
            Some((name, icons::rasterize_badge(kind, size)?))
        })
    }
}

/// The texture stored under `key`, or the one `raster` makes (a name and square premultiplied
/// RGBA pixels of `key.1` pixels a side), uploaded and kept.
fn cached_texture<'a, K: std::hash::Hash + Eq>(
    map: &'a mut HashMap<(K, u32), TextureHandle>,
    key: (K, u32),
    ctx: &egui::Context,
    raster: impl FnOnce() -> Option<(String, Vec<u8>)>,
) -> Option<&'a TextureHandle> {
    match map.entry(key) {
        Entry::Occupied(e) => Some(e.into_mut()),
        Entry::Vacant(e) => {
            let side = e.key().1 as usize;
            let (name, pixels) = raster()?;
            let image = egui::ColorImage::from_rgba_premultiplied([side, side], &pixels);
            Some(e.insert(ctx.load_texture(name, image, egui::TextureOptions::LINEAR)))
        }
    }
}

/// What the app wants emphasised while painting.
#[derive(Clone, Copy, Debug, Default)]
pub struct Emphasis {
    /// Component under the pointer.
    pub hovered: Option<usize>,
    /// Selected component.
    pub selected: Option<usize>,
    /// Strength of the "new in this stage" glow, 0..=1 (fades after arrival).
    pub new_glow: f32,
    /// Multiplier on all text sizes (Ctrl +/-).
    pub text_scale: f32,
}

/// Paint the whole scene.
pub fn paint_scene(
    painter: &Painter,
    scene: &Scene,
    cam: &Camera,
    theme: &Theme,
    icons: &mut IconCache,
    em: Emphasis,
) {
    painter.rect_filled(cam.viewport, 0.0, color(theme.background, 1.0));
    // Zoomed out, text grows towards a legible size as far as the room around it allows.
    let ts = text_scale(em);
    for g in &scene.groups {
        let k = style::group_text_boost(cam.zoom * ts, g.label_room);
        let em = Emphasis {
            text_scale: ts * k,
            ..em
        };
        paint_group(painter, g, cam, theme, icons, em);
    }
    let em = Emphasis {
        text_scale: ts * style::text_boost(cam.zoom * ts, scene.text_room),
        ..em
    };
    // Cull what lies outside the canvas.
    let view = cam.viewport.expand(20.0);
    for e in &scene.edges {
        let bounds = e
            .points
            .iter()
            .fold(Rect::NOTHING, |r, p| r.union(Rect::from_min_max(*p, *p)));
        if cam.rect_to_screen(bounds).intersects(view) {
            paint_edge(painter, e, cam, theme, em);
        }
    }
    // Nodes in three passes (highlights, icons grouped by texture, labels) so consecutive
    // shapes share a texture: egui then emits a handful of meshes (draw calls) instead of
    // three per component.
    let visible: Vec<&NodeShape> = scene
        .nodes
        .iter()
        .filter(|n| cam.rect_to_screen(n.rect).intersects(view))
        .collect();
    for n in &visible {
        paint_node_highlight(painter, n, cam, theme, em);
    }
    let mut by_texture: Vec<(egui::TextureId, &NodeShape)> = visible
        .iter()
        .filter_map(|n| {
            let px = cam.rect_to_screen(n.icon).width() * painter.ctx().pixels_per_point();
            icons.get(painter.ctx(), n.kind, px).map(|t| (t.id(), *n))
        })
        .collect();
    by_texture.sort_by_key(|(id, n)| (texture_order(*id), n.index));
    for (tex, n) in by_texture {
        let uv = egui::Rect::from_min_max(Pos2::ZERO, Pos2::new(1.0, 1.0));
        let icon = cam.rect_to_screen(n.icon);
        painter.image(
            tex,
            icon,
            uv,
            Color32::WHITE.gamma_multiply(n.opacity * (1.0 - 0.55 * n.leaving)),
        );
    }
    for n in &visible {
        paint_node_label(painter, n, cam, theme, em);
    }
}

/// A sort key that keeps equal textures together.
fn texture_order(id: egui::TextureId) -> (u8, u64) {
    match id {
        egui::TextureId::Managed(m) => (0, m),
        egui::TextureId::User(u) => (1, u),
    }
}

fn text_scale(em: Emphasis) -> f32 {
    if em.text_scale > 0.0 {
        em.text_scale
    } else {
        1.0
    }
}

fn paint_group(
    painter: &Painter,
    g: &GroupShape,
    cam: &Camera,
    theme: &Theme,
    icons: &mut IconCache,
    em: Emphasis,
) {
    let st = theme.group(g.kind);
    let r = cam.rect_to_screen(g.rect);
    let radius = CornerRadius::same((style::GROUP_RADIUS * cam.zoom).clamp(0.0, 12.0) as u8);
    if st.fill.3 > 0 {
        painter.rect_filled(r, radius, color(st.fill, g.opacity));
    }
    let stroke = Stroke::new((st.width * cam.zoom).max(1.0), color(st.stroke, g.opacity));
    if st.dashed {
        let pts = [
            r.left_top(),
            r.right_top(),
            r.right_bottom(),
            r.left_bottom(),
            r.left_top(),
        ];
        dashed_line(painter, pts.to_vec(), stroke, (8.0, 5.6), cam.zoom);
    } else {
        painter.rect_stroke(r, radius, stroke, StrokeKind::Middle);
    }
    // The kind's badge: a square of the group colour in the top-left corner, pictogram in white.
    let side = style::GROUP_BADGE * cam.zoom;
    if style::group_has_badge(g.kind) && side >= 6.0 {
        let badge = egui::Rect::from_min_size(r.min, egui::vec2(side, side));
        let corner = CornerRadius {
            nw: radius.nw,
            ..CornerRadius::ZERO
        };
        painter.rect_filled(badge, corner, color(st.stroke, g.opacity));
        let px = side * painter.ctx().pixels_per_point();
        if let Some(tex) = icons.badge(painter.ctx(), g.kind, px) {
            let uv = egui::Rect::from_min_max(Pos2::ZERO, Pos2::new(1.0, 1.0));
            let glyph = badge.shrink(side * 0.12);
            painter.image(
                tex.id(),
                glyph,
                uv,
                Color32::WHITE.gamma_multiply(g.opacity),
            );
        }
    }
    let scene_size = style::GROUP_LABEL_SIZE * text_scale(em);
    if scene_size * cam.zoom >= 4.0 {
        let pos = cam.to_screen(Point::new(
            g.rect.min.x + style::group_label_inset(g.kind),
            g.rect.min.y + style::GROUP_LABEL_BAND * 0.5 + 2.0 + scene_size * 0.35,
        ));
        paint_line(
            painter,
            &g.label,
            pos,
            false,
            scene_size * cam.zoom,
            Weight::Bold,
            color(st.label, g.opacity),
        );
    }
}

fn paint_edge(painter: &Painter, e: &EdgeShape, cam: &Camera, theme: &Theme, em: Emphasis) {
    let pts: Vec<Pos2> = e.points.iter().map(|p| cam.to_screen(*p)).collect();
    let (Some(&a), Some(&b)) = (pts.get(pts.len().saturating_sub(2)), pts.last()) else {
        return;
    };
    let col = color(theme.edge, e.opacity);
    let width = (theme.edge_width * cam.zoom).max(1.0);
    let stroke = Stroke::new(width, col);
    match theme.dash(e.style) {
        None => {
            painter.add(Shape::line(pts.clone(), stroke));
        }
        Some(pattern) => dashed_line(painter, pts.clone(), stroke, pattern, cam.zoom),
    }
    let head = (10.0 * cam.zoom).max(5.0);
    painter.add(Shape::convex_polygon(
        arrow_head(a, b, head).to_vec(),
        col,
        Stroke::NONE,
    ));
    if e.style == crate::model::LinkStyle::Replication
        && let Some(&first) = pts.first()
        && let Some(&second) = pts.get(1)
    {
        painter.add(Shape::convex_polygon(
            arrow_head(second, first, head).to_vec(),
            col,
            Stroke::NONE,
        ));
    }
    let size = style::EDGE_LABEL_SIZE * cam.zoom * text_scale(em);
    if !e.label.is_empty() && size >= 4.0 {
        let width = text::width(&e.label, size, Weight::Regular);
        let p = cam.to_screen(e.label_pos);
        let rect = egui::Rect::from_center_size(p, egui::vec2(width, size)).expand(2.0);
        painter.rect_filled(rect, 3.0, color(theme.background, 0.85 * e.opacity));
        paint_line(
            painter,
            &e.label,
            Pos2::new(p.x, p.y + size * 0.35),
            true,
            size,
            Weight::Regular,
            color(theme.text_muted, e.opacity),
        );
    }
}

/// A dashed polyline with a `(dash, gap)` pattern in scene units. Zoomed so far out that a
/// period is under 4 pixels, dashes could not be told apart anyway: the line is drawn solid
/// and lighter, which also spares tessellating thousands of specks per frame.
fn dashed_line(painter: &Painter, pts: Vec<Pos2>, stroke: Stroke, pattern: (f32, f32), zoom: f32) {
    let (dash, gap) = (pattern.0 * zoom, pattern.1 * zoom);
    if dash + gap < 4.0 {
        let light = Stroke::new(stroke.width, stroke.color.gamma_multiply(0.6));
        painter.add(Shape::line(pts, light));
    } else {
        painter.extend(Shape::dashed_line(
            &pts,
            stroke,
            dash.max(2.0),
            gap.max(2.0),
        ));
    }
}

/// The three corners of an arrowhead whose tip is at `tip`, pointing away from `from`.
fn arrow_head(from: Pos2, tip: Pos2, size: f32) -> [Pos2; 3] {
    let dir = (tip - from).normalized();
    let normal = egui::vec2(-dir.y, dir.x);
    let base = tip - dir * size;
    [
        tip,
        base + normal * size * 0.45,
        base - normal * size * 0.45,
    ]
}

/// Selection, hover and "new in this stage" highlights behind a component.
fn paint_node_highlight(
    painter: &Painter,
    n: &NodeShape,
    cam: &Camera,
    theme: &Theme,
    em: Emphasis,
) {
    let icon = cam.rect_to_screen(n.icon);
    let footprint = cam.rect_to_screen(n.rect).expand(6.0 * cam.zoom);
    if em.selected == Some(n.index) {
        painter.rect_filled(footprint, 8.0, color(theme.accent, 0.14 * n.opacity));
        painter.rect_stroke(
            footprint,
            8.0,
            Stroke::new(2.0, color(theme.accent, n.opacity)),
            StrokeKind::Outside,
        );
    } else if em.hovered == Some(n.index) {
        painter.rect_filled(footprint, 8.0, color(theme.accent, 0.10 * n.opacity));
    }
    if n.changed && em.new_glow > 0.0 {
        // Changed (moved, relabelled, regrouped): a dashed ring in the accent colour, apart
        // from the warm glow of new components.
        let ring = icon.expand(7.0 * cam.zoom);
        let pts = [
            ring.left_top(),
            ring.right_top(),
            ring.right_bottom(),
            ring.left_bottom(),
            ring.left_top(),
        ];
        let stroke = Stroke::new(
            (2.5 * cam.zoom).max(1.5),
            color(theme.accent, em.new_glow * n.opacity),
        );
        dashed_line(painter, pts.to_vec(), stroke, (6.0, 4.0), cam.zoom);
    }
    if n.is_new && em.new_glow > 0.0 {
        let glow = icon.expand(5.0 * cam.zoom);
        for (k, a) in [(3.0, 0.18), (2.0, 0.28), (1.0, 0.5)] {
            painter.rect_stroke(
                glow.expand(k * 2.0 * cam.zoom),
                (12.0 * cam.zoom) as u8,
                Stroke::new(
                    (3.0 * cam.zoom).max(1.5),
                    color(theme.new_glow, a * em.new_glow * n.opacity),
                ),
                StrokeKind::Outside,
            );
        }
    }
}

/// A component's label lines, centred under its icon.
fn paint_node_label(painter: &Painter, n: &NodeShape, cam: &Camera, theme: &Theme, em: Emphasis) {
    let ts = text_scale(em);
    let size = style::LABEL_SIZE * cam.zoom * ts;
    if size < 4.0 {
        return;
    }
    let fade = 1.0 - 0.55 * n.leaving;
    for (i, line) in n.lines.iter().enumerate() {
        let baseline = n.icon.max.y
            + style::LABEL_GAP
            + (style::LABEL_LINE * i as f32 + style::LABEL_SIZE * 0.85) * ts;
        if n.leaving > 0.0 {
            // Leaving: the label is struck through, more firmly as the threshold nears.
            let w = crate::scene::text::width(line, style::LABEL_SIZE * ts, Weight::Regular);
            let y = baseline - style::LABEL_SIZE * ts * 0.3;
            let a = cam.to_screen(Point::new(n.icon.center().x - w / 2.0, y));
            let b = cam.to_screen(Point::new(n.icon.center().x + w / 2.0, y));
            painter.line_segment(
                [a, b],
                Stroke::new(
                    (1.6 * cam.zoom).max(1.0),
                    color(theme.text, n.opacity * n.leaving),
                ),
            );
        }
        paint_line(
            painter,
            line,
            cam.to_screen(Point::new(n.icon.center().x, baseline)),
            true,
            size,
            Weight::Regular,
            color(theme.text, n.opacity * fade),
        );
    }
}

/// Request-flow dots ([`crate::scene::flow`]): filled on request links, hollow on async links,
/// pulsing on replication links; never under 3 pixels in radius.
pub fn paint_dots(
    painter: &Painter,
    dots: &[crate::scene::flow::Dot],
    cam: &Camera,
    theme: &Theme,
) {
    for d in dots {
        let c = cam.to_screen(d.pos);
        let r = (d.radius * cam.zoom).max(3.0);
        let col = color(theme.accent, d.opacity);
        if d.style == crate::model::LinkStyle::Async {
            painter.circle_stroke(c, r, Stroke::new((r * 0.45).max(1.0), col));
        } else {
            painter.circle_filled(c, r, col);
        }
    }
}

/// One line of text drawn as the scene's runs ([`text::shape`]), each with the face the scene
/// measured it with, on a common baseline: `at` is the baseline's left end, or its middle when
/// `centred`. A face egui has not loaded yet (found this very frame) falls back to the UI chain.
fn paint_line(
    painter: &Painter,
    content: &str,
    at: Pos2,
    centred: bool,
    size: f32,
    weight: Weight,
    colour: Color32,
) {
    let shaped = text::shape(content, size, weight);
    let left = if centred {
        at.x - shaped.width / 2.0
    } else {
        at.x
    };
    for run in shaped.runs {
        let family = screen_fonts::run_family(painter.ctx(), &run, weight);
        let font = FontId::new(size, family);
        // Right-to-left runs go letter by letter at the scene's positions: egui would shape
        // them (joining Arabic letters) where the exports draw them unjoined.
        let pieces: Vec<(String, f32)> = if run.rtl {
            let face = crate::scene::fonts::face(run.face);
            let mut x = run.x;
            run.text
                .chars()
                .filter(|c| !crate::scene::fonts::is_invisible(*c))
                .map(|c| {
                    let at = x;
                    x += face.advance(c) / face.units_per_em() * size;
                    (c.to_string(), at)
                })
                .collect()
        } else {
            vec![(screen_fonts::egui_text(&run), run.x)]
        };
        for (piece, x) in pieces {
            let galley = painter.layout_no_wrap(piece, font.clone(), colour);
            let ascent = galley
                .rows
                .first()
                .and_then(|r| r.row.glyphs.first().map(|g| r.pos.y + g.pos.y))
                .unwrap_or(size * 0.8);
            painter.galley(
                Pos2::new(left + x, at.y - ascent),
                galley,
                Color32::PLACEHOLDER,
            );
        }
    }
}
