//! Paints a [`Scene`] with an egui painter: the interactive on-screen renderer. It translates
//! the same paint list ([`super::paint`]) as the SVG and raster exports, so the screen and the
//! exports look alike by construction.

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use egui::{
    Color32, CornerRadius, FontId, Painter, Pos2, Shape, Stroke, StrokeKind, TextureHandle,
};

use super::icons;
use super::paint::{self, IconRef, Prim};
use super::screen_fonts;
use super::svg_text::Anchor;
use super::theme::{Rgba, Theme};
use crate::model::{ComponentKind, GroupKind};
use crate::scene::text::{self, Weight};
use crate::scene::{Point, Rect, Scene};

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
    custom: HashMap<(String, u32), TextureHandle>,
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

    /// The texture of a custom icon at a size bucket ≥ `px` screen pixels. Keyed by content,
    /// so an edited icon gets a new texture and an unchanged one survives a reload.
    pub fn custom(
        &mut self,
        ctx: &egui::Context,
        icon: &crate::model::icon::CustomIcon,
        px: f32,
    ) -> Option<&TextureHandle> {
        let size = bucket(px);
        if self.custom.len() > 256 {
            // Edited icons leave old textures behind; start again rather than grow forever.
            self.custom.clear();
        }
        cached_texture(&mut self.custom, (icon.key.clone(), size), ctx, || {
            let name = format!("icon-{}-{size}", icon.key);
            Some((name, icons::rasterize_tree(&icon.tree, size)?))
        })
    }

    /// The texture a component is drawn with: its custom icon, else its kind's.
    pub fn for_icon(
        &mut self,
        ctx: &egui::Context,
        icon: &IconRef,
        px: f32,
    ) -> Option<&TextureHandle> {
        match icon {
            IconRef::Component(k) => self.get(ctx, *k, px),
            IconRef::Badge(k) => self.badge(ctx, *k, px),
            IconRef::Custom(c) => self.custom(ctx, &c.0, px),
        }
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

/// Paint the whole scene: the paint list ([`super::paint`]) for this camera, translated into
/// egui shapes. Components' icons are drawn after every component's highlight and grouped by
/// texture, and their labels after that, so egui emits a handful of meshes (draw calls)
/// instead of three per component.
pub fn paint_scene(
    painter: &Painter,
    scene: &Scene,
    cam: &Camera,
    theme: &Theme,
    icons: &mut IconCache,
    em: Emphasis,
) {
    painter.rect_filled(cam.viewport, 0.0, color(theme.background, 1.0));
    let view = camera_view(cam);
    let v = cam.viewport.expand(20.0);
    let look = paint::Look {
        new_glow: em.new_glow,
        text_scale: em.text_scale,
        hovered: em.hovered,
        selected: em.selected,
        floors: true,
        clip: Some(Rect::from_min_max(
            Point::new(v.min.x, v.min.y),
            Point::new(v.max.x, v.max.y),
        )),
    };
    draw(painter, &paint::paint(scene, theme, view, look), icons);
}

/// The paint list's view of a camera: screen points per scene unit, and where (0, 0) is.
fn camera_view(cam: &Camera) -> paint::View {
    let o = cam.to_screen(Point::new(0.0, 0.0));
    paint::View {
        scale: cam.zoom,
        offset: Point::new(o.x, o.y),
    }
}

fn pos(p: Point) -> Pos2 {
    Pos2::new(p.x, p.y)
}

fn egui_rect(r: Rect) -> egui::Rect {
    egui::Rect::from_min_max(pos(r.min), pos(r.max))
}

fn egui_stroke(s: &paint::Stroke) -> Stroke {
    Stroke::new(s.width, color(s.colour, 1.0))
}

/// A polyline, solid or dashed.
fn polyline(painter: &Painter, points: Vec<Pos2>, s: &paint::Stroke) {
    match s.dash {
        None => {
            painter.add(Shape::line(points, egui_stroke(s)));
        }
        Some((dash, gap)) => {
            painter.extend(Shape::dashed_line(&points, egui_stroke(s), dash, gap));
        }
    }
}

/// Translate `prims` into shapes.
#[expect(
    clippy::too_many_lines,
    reason = "one match arm per paint primitive, each translated to egui"
)]
fn draw(painter: &Painter, prims: &[Prim], icons: &mut IconCache) {
    let ctx = painter.ctx();
    let ppp = ctx.pixels_per_point();
    let mut in_node = 0usize;
    let mut node_icons: Vec<(egui::TextureId, egui::Rect, f32)> = Vec::new();
    let mut node_texts: Vec<&Prim> = Vec::new();
    let mut depth_classes: Vec<&str> = Vec::new();
    for p in prims {
        match p {
            Prim::Begin { class, .. } => {
                depth_classes.push(class);
                in_node += usize::from(*class == "node");
            }
            Prim::End => {
                if depth_classes.pop() == Some("node") {
                    in_node -= 1;
                }
            }
            Prim::Rect {
                rect,
                radii,
                fill,
                stroke,
                ..
            } => {
                let r = egui_rect(*rect);
                let c = |x: f32| x.clamp(0.0, 255.0) as u8;
                let radius = CornerRadius {
                    nw: c(radii[0]),
                    ne: c(radii[1]),
                    se: c(radii[2]),
                    sw: c(radii[3]),
                };
                if let Some(f) = fill {
                    painter.rect_filled(r, radius, color(*f, 1.0));
                }
                match stroke {
                    Some(s) if s.dash.is_some() => {
                        let corners = [
                            r.left_top(),
                            r.right_top(),
                            r.right_bottom(),
                            r.left_bottom(),
                            r.left_top(),
                        ];
                        polyline(painter, corners.to_vec(), s);
                    }
                    Some(s) => {
                        painter.rect_stroke(r, radius, egui_stroke(s), StrokeKind::Middle);
                    }
                    None => {}
                }
            }
            Prim::Polyline { points, stroke, .. } => {
                polyline(painter, points.iter().map(|p| pos(*p)).collect(), stroke);
            }
            Prim::Polygon { points, fill } => {
                painter.add(Shape::convex_polygon(
                    points.iter().map(|p| pos(*p)).collect(),
                    color(*fill, 1.0),
                    Stroke::NONE,
                ));
            }
            Prim::Circle {
                centre,
                radius,
                fill,
                stroke,
            } => {
                if let Some(f) = fill {
                    painter.circle_filled(pos(*centre), *radius, color(*f, 1.0));
                }
                if let Some(s) = stroke {
                    painter.circle_stroke(pos(*centre), *radius, egui_stroke(s));
                }
            }
            Prim::Text { .. } if in_node > 0 => node_texts.push(p),
            Prim::Text { .. } => paint_text(painter, p),
            Prim::Icon {
                icon,
                rect,
                opacity,
                ..
            } => {
                let px = rect.width() * ppp;
                let tex = icons.for_icon(ctx, icon, px).map(|t| t.id());
                let Some(tex) = tex else { continue };
                if in_node > 0 {
                    node_icons.push((tex, egui_rect(*rect), *opacity));
                } else {
                    image(painter, tex, egui_rect(*rect), *opacity);
                }
            }
        }
    }
    node_icons.sort_by_key(|(id, ..)| texture_order(*id));
    for (tex, r, opacity) in node_icons {
        image(painter, tex, r, opacity);
    }
    for t in node_texts {
        paint_text(painter, t);
    }
}

fn image(painter: &Painter, tex: egui::TextureId, r: egui::Rect, opacity: f32) {
    let uv = egui::Rect::from_min_max(Pos2::ZERO, Pos2::new(1.0, 1.0));
    painter.image(tex, r, uv, Color32::WHITE.gamma_multiply(opacity));
}

fn paint_text(painter: &Painter, p: &Prim) {
    if let Prim::Text {
        x,
        y,
        size,
        weight,
        anchor,
        colour,
        content,
    } = p
    {
        paint_line(
            painter,
            content,
            Pos2::new(*x, *y),
            *anchor,
            *size,
            *weight,
            color(*colour, 1.0),
        );
    }
}

/// A sort key that keeps equal textures together.
fn texture_order(id: egui::TextureId) -> (u8, u64) {
    match id {
        egui::TextureId::Managed(m) => (0, m),
        egui::TextureId::User(u) => (1, u),
    }
}

/// Request-flow dots ([`crate::scene::flow`]), through the paint list.
pub fn paint_dots(
    painter: &Painter,
    dots: &[crate::scene::flow::Dot],
    cam: &Camera,
    theme: &Theme,
) {
    let prims = paint::dots(dots, theme, camera_view(cam));
    // Dots are never under 3 px (paint::dots), so no floors are needed.
    draw(painter, &prims, &mut IconCache::default());
}

/// One line of text drawn as the scene's runs ([`text::shape`]), each with the face the scene
/// measured it with, on a common baseline: `at` is the baseline's left end, middle or right
/// end as `anchor` says. A face egui has not loaded yet (found this very frame) falls back to
/// the UI chain.
fn paint_line(
    painter: &Painter,
    content: &str,
    at: Pos2,
    anchor: Anchor,
    size: f32,
    weight: Weight,
    colour: Color32,
) {
    let shaped = text::shape(content, size, weight);
    let left = anchor.left(at.x, shaped.width);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_and_badge_gets_a_texture() {
        let ctx = egui::Context::default();
        let mut icons = IconCache::default();
        for kind in crate::model::ComponentKind::ALL {
            let tex = icons.for_icon(&ctx, &IconRef::Component(*kind), 40.0);
            let tex = tex.unwrap_or_else(|| panic!("{kind:?} has no texture"));
            assert_eq!(tex.size(), [64, 64], "{kind:?}: the 64 px bucket for 40 px");
        }
        for kind in crate::model::GroupKind::ALL {
            let has = icons.badge(&ctx, *kind, 24.0).is_some();
            assert_eq!(has, crate::scene::style::group_has_badge(*kind), "{kind:?}");
        }
        // A custom icon too, kept by its content key.
        let svg = concat!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">"#,
            r##"<rect width="64" height="64" fill="#f00"/></svg>"##
        );
        let tree = resvg::usvg::Tree::from_str(svg, &resvg::usvg::Options::default());
        let icon = crate::model::icon::CustomIcon {
            written: "red.svg".into(),
            file: "red.svg".into(),
            key: "custom-red".into(),
            svg: svg.into(),
            tree: std::sync::Arc::new(tree.expect("parses")),
            note: None,
        };
        let custom = IconRef::Custom(super::paint::CustomRef(std::sync::Arc::new(icon)));
        let id = icons.for_icon(&ctx, &custom, 100.0).map(TextureHandle::id);
        assert!(id.is_some());
        assert_eq!(
            icons.for_icon(&ctx, &custom, 90.0).map(TextureHandle::id),
            id,
            "cached"
        );
    }
}
