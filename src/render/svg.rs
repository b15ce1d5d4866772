//! Writes a [`Scene`] as a standalone SVG, the vector export: the export's paint list
//! ([`super::paint`]) translated element by element, in pixels. Components, links and groups
//! stay findable as `<g class="node|edge|group" data-id="…">`, icons as `<use class="icon">`,
//! routes as `<polyline class="route">`.

use std::fmt::Write;

use super::icons;
use super::paint::{self, IconRef, Prim, Stroke};
use super::svg_text::{Line, TextWriter};
use super::theme::Rgba;
use crate::scene::{Point, Rect, Scene};

pub use super::options::ExportOptions;

/// Where the diagram sits in the output: `output = offset + scene * scale`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Placement {
    /// Pixels per scene unit.
    pub scale: f32,
    /// Output position of scene point (0, 0).
    pub offset: Point,
    /// Height of the caption band in pixels (0 without caption).
    pub caption_height: f32,
    /// Height of the slider band under the diagram in pixels (0 without it).
    pub band_height: f32,
}

/// Fit the scene into the output below the caption band, centred, with a margin.
pub fn placement(scene: &Scene, opts: &ExportOptions) -> Placement {
    placement_of(opts.frame.unwrap_or(scene.bounds), opts)
}

/// The box that holds every stage of `d` (for one scale across a set of slides).
pub fn all_stages_frame(d: &crate::model::Diagram) -> crate::scene::Rect {
    (0..d.stages.len()).fold(crate::scene::Rect::NOTHING, |r, s| {
        r.union(Scene::settled(d, s).bounds)
    })
}

/// Fit a box of scene units (a stage's bounds) into the output, as [`placement`] does.
pub fn placement_of(bounds: crate::scene::Rect, opts: &ExportOptions) -> Placement {
    let (w, h) = (opts.width.max(1) as f32, opts.height.max(1) as f32);
    let margin = 0.035 * w.min(h);
    let caption_height = if opts.caption {
        0.115 * h.min(w * 0.75)
    } else {
        0.0
    };
    let band_height = if opts.band {
        0.09 * h.min(w * 0.75)
    } else {
        0.0
    };
    let avail_w = (w - 2.0 * margin).max(1.0);
    let avail_h = (h - caption_height - band_height - 2.0 * margin).max(1.0);
    let b = bounds;
    if b.is_empty() {
        return Placement {
            scale: 1.0,
            offset: Point::new(w / 2.0, h / 2.0),
            caption_height,
            band_height,
        };
    }
    let scale = (avail_w / b.width().max(1.0)).min(avail_h / b.height().max(1.0));
    let cx = w / 2.0;
    let cy = caption_height + margin + avail_h / 2.0;
    let c = b.center();
    Placement {
        scale,
        offset: Point::new(cx - c.x * scale, cy - c.y * scale),
        caption_height,
        band_height,
    }
}

/// The scene as an SVG document: the export's paint list ([`super::paint::export`]) written
/// element by element, in pixels.
pub fn scene_to_svg(scene: &Scene, opts: &ExportOptions) -> String {
    let prims = paint::export(scene, opts);
    let mut tw = TextWriter::new(opts.text);
    let mut body = String::with_capacity(64 * 1024);
    for p in &prims {
        write_prim(&mut body, &mut tw, p);
    }
    let mut out = String::with_capacity(body.len() + 64 * 1024);
    let _ = writeln!(
        out,
        concat!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" "#,
            r#"width="{w}" height="{h}" viewBox="0 0 {w} {h}">"#
        ),
        w = opts.width,
        h = opts.height
    );
    let _ = writeln!(
        out,
        "<title>{}</title>",
        esc(&format!(
            "{} — {}",
            scene.caption.title, scene.caption.stage_title
        ))
    );
    out.push_str(&tw.font_faces());
    write_icon_defs(&mut out, &prims);
    out.push_str(&body);
    out.push_str("</svg>\n");
    out
}

/// Escape text for XML content and attributes.
pub fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&apos;"),
            c if (c as u32) < 0x20 && c != '\n' && c != '\t' => {}
            c => o.push(c),
        }
    }
    o
}

fn fill_attr(name: &str, c: Rgba) -> String {
    if c.3 == 255 {
        format!(r#"{name}="{}""#, c.to_hex())
    } else {
        format!(
            r#"{name}="{}" {name}-opacity="{:.3}""#,
            c.to_hex(),
            c.alpha()
        )
    }
}

fn opacity_attr(o: f32) -> String {
    if o >= 0.999 {
        String::new()
    } else {
        format!(r#" opacity="{o:.3}""#)
    }
}

fn stroke_attrs(s: &Stroke) -> String {
    let dash = s
        .dash
        .map(|(d, g)| format!(r#" stroke-dasharray="{d:.1} {g:.1}""#))
        .unwrap_or_default();
    format!(
        r#"{} stroke-width="{:.2}"{dash}"#,
        fill_attr("stroke", s.colour),
        s.width
    )
}

fn paint_attrs(fill: Option<Rgba>, stroke: Option<&Stroke>) -> String {
    let fill = fill.map_or_else(|| r#"fill="none""#.to_owned(), |f| fill_attr("fill", f));
    match stroke {
        Some(s) => format!("{fill} {}", stroke_attrs(s)),
        None => fill,
    }
}

fn points_attr(points: &[Point]) -> String {
    points
        .iter()
        .map(|p| format!("{:.1},{:.1}", p.x, p.y))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The `<symbol>` id of an icon.
fn icon_id(icon: &IconRef) -> String {
    match icon {
        IconRef::Component(k) => format!("icon-{}", k.icon_name()),
        IconRef::Badge(k) => format!("badge-{}", icons::group_badge_name(*k)),
        IconRef::Custom(c) => format!("icon-{}", c.0.key),
    }
}

/// One primitive as SVG.
#[expect(
    clippy::too_many_lines,
    reason = "one match arm per paint primitive, each translated to SVG"
)]
fn write_prim(out: &mut String, tw: &mut TextWriter, p: &Prim) {
    match p {
        Prim::Begin { class, id } => {
            let _ = write!(out, r#"<g class="{class}" data-id="{}">"#, esc(id));
        }
        Prim::End => out.push_str("</g>\n"),
        Prim::Rect {
            rect,
            radii,
            fill,
            stroke,
            class,
        } => {
            let class = class
                .map(|c| format!(r#" class="{c}""#))
                .unwrap_or_default();
            let paint = paint_attrs(*fill, stroke.as_ref());
            if radii.iter().all(|r| (r - radii[0]).abs() < 1e-3) {
                let rx = if radii[0] > 0.0 {
                    format!(r#" rx="{:.1}""#, radii[0])
                } else {
                    String::new()
                };
                let _ = write!(
                    out,
                    "<rect{class} x=\"{:.1}\" y=\"{:.1}\" \
                     width=\"{:.1}\" height=\"{:.1}\"{rx} {paint}/>",
                    rect.min.x,
                    rect.min.y,
                    rect.width(),
                    rect.height()
                );
            } else {
                let _ = write!(
                    out,
                    r#"<path{class} d="{}" {paint}/>"#,
                    rounded_path(*rect, *radii)
                );
            }
        }
        Prim::Polyline {
            points,
            stroke,
            route,
        } => {
            let route = route
                .as_ref()
                .map(|id| format!(r#" class="route" data-id="{}""#, esc(id)))
                .unwrap_or_default();
            let _ = write!(
                out,
                r#"<polyline{route} points="{}" fill="none" {}/>"#,
                points_attr(points),
                stroke_attrs(stroke)
            );
        }
        Prim::Polygon { points, fill } => {
            let _ = write!(
                out,
                r#"<polygon points="{}" {}/>"#,
                points_attr(points),
                fill_attr("fill", *fill)
            );
        }
        Prim::Circle {
            centre,
            radius,
            fill,
            stroke,
        } => {
            let _ = write!(
                out,
                r#"<circle cx="{:.1}" cy="{:.1}" r="{:.1}" {}/>"#,
                centre.x,
                centre.y,
                radius,
                paint_attrs(*fill, stroke.as_ref())
            );
        }
        Prim::Text {
            x,
            y,
            size,
            weight,
            anchor,
            colour,
            content,
        } => {
            tw.write(
                out,
                &Line {
                    x: *x,
                    y: *y,
                    size: *size,
                    weight: *weight,
                    anchor: *anchor,
                    fill: &fill_attr("fill", *colour),
                    content,
                },
            );
        }
        Prim::Icon {
            icon,
            rect,
            opacity,
            id,
        } => {
            let named = id
                .as_ref()
                .map(|id| format!(r#" class="icon" data-id="{}""#, esc(id)))
                .unwrap_or_default();
            let _ = write!(
                out,
                "<use{named} href=\"#{}\" x=\"{:.1}\" y=\"{:.1}\" \
                 width=\"{:.1}\" height=\"{:.1}\"{}/>",
                icon_id(icon),
                rect.min.x,
                rect.min.y,
                rect.width(),
                rect.height(),
                opacity_attr(*opacity)
            );
        }
    }
}

/// A rectangle with per-corner radii as path data.
fn rounded_path(r: Rect, radii: [f32; 4]) -> String {
    let [a, b, c, d] = radii;
    let (x0, y0, x1, y1) = (r.min.x, r.min.y, r.max.x, r.max.y);
    format!(
        "M{:.1},{y0:.1} H{:.1} A{b:.1},{b:.1} 0 0 1 {x1:.1},{:.1} \
         V{:.1} A{c:.1},{c:.1} 0 0 1 {:.1},{y1:.1} \
         H{:.1} A{d:.1},{d:.1} 0 0 1 {x0:.1},{:.1} \
         V{:.1} A{a:.1},{a:.1} 0 0 1 {:.1},{y0:.1} Z",
        x0 + a,
        x1 - b,
        y0 + b,
        y1 - c,
        x1 - c,
        x0 + d,
        y1 - d,
        y0 + a,
        x0 + a
    )
}

/// Each icon used once as a `<symbol>`, referenced by `<use>`.
fn write_icon_defs(out: &mut String, prims: &[Prim]) {
    let mut used: Vec<IconRef> = Vec::new();
    for p in prims {
        if let Prim::Icon { icon, .. } = p
            && !used.contains(icon)
        {
            used.push(icon.clone());
        }
    }
    if used.is_empty() {
        return;
    }
    out.push_str("<defs>\n");
    for icon in used {
        let body = match &icon {
            IconRef::Component(k) => icons::icon_body(*k),
            IconRef::Badge(k) => icons::group_badge_svg(*k).map_or("", icons::svg_body),
            IconRef::Custom(c) => icons::svg_body(&c.0.svg),
        };
        let _ = writeln!(
            out,
            r#"<symbol id="{}" viewBox="0 0 64 64">{body}</symbol>"#,
            icon_id(&icon)
        );
    }
    out.push_str("</defs>\n");
}
