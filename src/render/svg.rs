//! Writes a [`Scene`] as a standalone SVG: the vector export, and the input of the PNG export.
//!
//! Mirrors `screen.rs` shape for shape. Coordinates stay in scene units inside one transformed
//! group, so text and lines scale exactly with the picture.

use std::fmt::Write;

use super::icons;
use super::svg_text::{Anchor, Line, TextMode, TextWriter};
use super::theme::{Rgba, Theme, ThemeName};
use crate::model::{ComponentKind, LinkStyle};
use crate::scene::{EdgeShape, GroupShape, NodeShape, Point, Scene, style, text};

/// What an export looks like.
#[derive(Clone, Debug, PartialEq)]
pub struct SvgOptions {
    /// Output width in pixels.
    pub width: u32,
    /// Output height in pixels.
    pub height: u32,
    /// Colour theme.
    pub theme: ThemeName,
    /// Leave the background transparent instead of the theme's canvas colour.
    pub transparent: bool,
    /// Draw the caption (diagram title, stage title, user count) above the diagram.
    pub caption: bool,
    /// Add the stage's numbers (`metrics`) to the caption, at its top right.
    pub caption_metrics: bool,
    /// Strength (0..=1) of the rings that mark components new or changed in this stage;
    /// 0 leaves them out.
    pub new_glow: f32,
    /// Text as `<text>` with embedded font subsets, or as outlines.
    pub text: TextMode,
    /// Place every stage as if it were this box of scene units (the union of all stages'
    /// bounds for `--fixed-scale`), so a set of slides shares one scale and position.
    pub frame: Option<crate::scene::Rect>,
}

impl Default for SvgOptions {
    fn default() -> Self {
        SvgOptions {
            width: 1920,
            height: 1080,
            theme: ThemeName::Light,
            transparent: false,
            caption: true,
            caption_metrics: false,
            new_glow: 1.0,
            text: TextMode::EmbeddedFonts,
            frame: None,
        }
    }
}

/// Where the diagram sits in the output: `output = offset + scene * scale`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Placement {
    /// Pixels per scene unit.
    pub scale: f32,
    /// Output position of scene point (0, 0).
    pub offset: Point,
    /// Height of the caption band in pixels (0 without caption).
    pub caption_height: f32,
}

/// Fit the scene into the output below the caption band, centred, with a margin.
pub fn placement(scene: &Scene, opts: &SvgOptions) -> Placement {
    placement_of(opts.frame.unwrap_or(scene.bounds), opts)
}

/// The box that holds every stage of `d` (for one scale across a set of slides).
pub fn all_stages_frame(d: &crate::model::Diagram) -> crate::scene::Rect {
    (0..d.stages.len()).fold(crate::scene::Rect::NOTHING, |r, s| {
        r.union(Scene::settled(d, s).bounds)
    })
}

/// Fit a box of scene units (a stage's bounds) into the output, as [`placement`] does.
pub fn placement_of(bounds: crate::scene::Rect, opts: &SvgOptions) -> Placement {
    let (w, h) = (opts.width.max(1) as f32, opts.height.max(1) as f32);
    let margin = 0.035 * w.min(h);
    let caption_height = if opts.caption {
        0.115 * h.min(w * 0.75)
    } else {
        0.0
    };
    let avail_w = (w - 2.0 * margin).max(1.0);
    let avail_h = (h - caption_height - 2.0 * margin).max(1.0);
    let b = bounds;
    if b.is_empty() {
        return Placement {
            scale: 1.0,
            offset: Point::new(w / 2.0, h / 2.0),
            caption_height,
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
    }
}

/// The scene as an SVG document.
pub fn scene_to_svg(scene: &Scene, opts: &SvgOptions) -> String {
    let theme = opts.theme.theme();
    let place = placement(scene, opts);
    let mut tw = TextWriter::new(opts.text);
    let mut out = String::with_capacity(64 * 1024);
    if !opts.transparent {
        let _ = writeln!(
            out,
            r#"<rect width="100%" height="100%" fill="{}"/>"#,
            theme.background.to_hex()
        );
    }
    if opts.caption {
        write_caption(&mut out, &mut tw, scene, opts, &theme, place.caption_height);
    }
    let _ = writeln!(
        out,
        r#"<g transform="translate({:.3} {:.3}) scale({:.5})">"#,
        place.offset.x, place.offset.y, place.scale
    );
    // Small exports enlarge the text towards a legible size as far as the room allows.
    let k = style::text_boost(place.scale, scene.text_room);
    for g in &scene.groups {
        write_group(
            &mut out,
            &mut tw,
            g,
            &theme,
            style::group_text_boost(place.scale, g.label_room),
        );
    }
    for e in &scene.edges {
        write_edge(&mut out, &mut tw, e, &theme, k);
    }
    for n in &scene.nodes {
        write_node(&mut out, &mut tw, n, &theme, opts.new_glow, k);
    }
    out.push_str("</g>\n</svg>\n");
    let mut head = String::with_capacity(out.len() + 64 * 1024);
    let _ = writeln!(
        head,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}">"#,
        w = opts.width,
        h = opts.height
    );
    let _ = writeln!(
        head,
        "<title>{}</title>",
        esc(&format!(
            "{} — {}",
            scene.caption.title, scene.caption.stage_title
        ))
    );
    head.push_str(&tw.font_faces());
    write_icon_defs(&mut head, scene);
    head.push_str(&out);
    head
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

/// Each icon used once as a `<symbol>`, referenced by `<use>`.
fn write_icon_defs(out: &mut String, scene: &Scene) {
    let mut kinds: Vec<ComponentKind> = Vec::new();
    for n in &scene.nodes {
        if !kinds.contains(&n.kind) {
            kinds.push(n.kind);
        }
    }
    let mut badges: Vec<crate::model::GroupKind> = Vec::new();
    for g in &scene.groups {
        if style::group_has_badge(g.kind) && !badges.contains(&g.kind) {
            badges.push(g.kind);
        }
    }
    if kinds.is_empty() && badges.is_empty() {
        return;
    }
    out.push_str("<defs>\n");
    for k in kinds {
        let _ = writeln!(
            out,
            r#"<symbol id="icon-{}" viewBox="0 0 64 64">{}</symbol>"#,
            k.icon_name(),
            icons::icon_body(k)
        );
    }
    for k in badges {
        if let Some(svg) = icons::group_badge_svg(k) {
            let _ = writeln!(
                out,
                r#"<symbol id="badge-{}" viewBox="0 0 64 64">{}</symbol>"#,
                icons::group_badge_name(k),
                icons::svg_body(svg)
            );
        }
    }
    out.push_str("</defs>\n");
}

fn write_caption(
    out: &mut String,
    tw: &mut TextWriter,
    scene: &Scene,
    opts: &SvgOptions,
    theme: &Theme,
    band: f32,
) {
    let w = opts.width as f32;
    let margin = 0.035 * w.min(opts.height as f32);
    let title_size = band * 0.22;
    let stage_size = band * 0.42;
    let value_size = band * 0.26;
    let title_y = margin * 0.6 + title_size;
    let stage_y = title_y + stage_size * 1.15;
    let line = |x, y, size, weight, fill: &str, content: &str| {
        (x, y, size, weight, fill.to_owned(), content.to_owned())
    };
    let stage_w = text::width(&scene.caption.stage_title, stage_size, text::Weight::Bold);
    if opts.caption_metrics && !scene.caption.metrics.is_empty() {
        // The numbers sit at the top right, beside the diagram's title, as large as the room
        // between the two allows (down to 60 % of the title's size).
        let content = scene.caption.metrics.join("  ·  ");
        let title_w = text::width(&scene.caption.title, title_size, text::Weight::Regular);
        let room = (w - 2.0 * margin - title_w - title_size * 2.0).max(0.0);
        let natural = text::width(&content, title_size, text::Weight::Regular);
        let size = if natural > room {
            (title_size * room / natural).max(title_size * 0.6)
        } else {
            title_size
        };
        tw.write(
            out,
            &Line {
                x: w - margin,
                y: title_y,
                size,
                weight: text::Weight::Regular,
                anchor: Anchor::End,
                fill: &fill_attr("fill", theme.text_muted),
                content: &content,
            },
        );
        out.push('\n');
    }
    for (x, y, size, weight, fill, content) in [
        line(
            margin,
            title_y,
            title_size,
            text::Weight::Regular,
            &fill_attr("fill", theme.text_muted),
            &scene.caption.title,
        ),
        line(
            margin,
            stage_y,
            stage_size,
            text::Weight::Bold,
            &fill_attr("fill", theme.text),
            &scene.caption.stage_title,
        ),
        line(
            margin + stage_w + stage_size * 0.6,
            stage_y,
            value_size,
            text::Weight::Regular,
            &fill_attr("fill", theme.text_muted),
            &scene.caption.value_label,
        ),
    ] {
        tw.write(
            out,
            &Line {
                x,
                y,
                size,
                weight,
                anchor: Anchor::Start,
                fill: &fill,
                content: &content,
            },
        );
        out.push('\n');
    }
}

fn write_group(out: &mut String, tw: &mut TextWriter, g: &GroupShape, theme: &Theme, k: f32) {
    let st = theme.group(g.kind);
    let r = g.rect;
    let dash = if st.dashed {
        r#" stroke-dasharray="8 5.6""#
    } else {
        ""
    };
    let fill = if st.fill.3 > 0 {
        fill_attr("fill", st.fill)
    } else {
        r#"fill="none""#.to_owned()
    };
    let _ = writeln!(
        out,
        r#"<g class="group" data-id="{}"{}><rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" rx="{rx}" {fill} {} stroke-width="{}"{dash}/>"#,
        esc(&g.id),
        opacity_attr(g.opacity),
        r.min.x,
        r.min.y,
        r.width(),
        r.height(),
        fill_attr("stroke", st.stroke),
        st.width,
        rx = style::GROUP_RADIUS,
    );
    if style::group_has_badge(g.kind) {
        let (b, rad) = (style::GROUP_BADGE, style::GROUP_RADIUS);
        let _ = write!(
            out,
            r#"<path d="M{x:.1},{y1:.1} a{rad},{rad} 0 0 1 {rad},-{rad} h{h:.1} v{b} h-{b} z" {}/>"#,
            fill_attr("fill", st.stroke),
            x = r.min.x,
            y1 = r.min.y + rad,
            h = b - rad,
        );
        let inset = b * 0.12;
        let _ = write!(
            out,
            "<use href=\"#badge-{}\" x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\"/>",
            icons::group_badge_name(g.kind),
            r.min.x + inset,
            r.min.y + inset,
            b - 2.0 * inset,
            b - 2.0 * inset
        );
    }
    let size = style::GROUP_LABEL_SIZE * k;
    tw.write(
        out,
        &Line {
            x: r.min.x + style::group_label_inset(g.kind),
            y: r.min.y + style::GROUP_LABEL_BAND * 0.5 + 2.0 + size * 0.35,
            size,
            weight: text::Weight::Bold,
            anchor: Anchor::Start,
            fill: &fill_attr("fill", st.label),
            content: &g.label,
        },
    );
    out.push_str("</g>\n");
}

fn write_edge(out: &mut String, tw: &mut TextWriter, e: &EdgeShape, theme: &Theme, k: f32) {
    let (Some(&a), Some(&b)) = (
        e.points.get(e.points.len().saturating_sub(2)),
        e.points.last(),
    ) else {
        return;
    };
    let pts: Vec<String> = e
        .points
        .iter()
        .map(|p| format!("{:.1},{:.1}", p.x, p.y))
        .collect();
    let dash = theme
        .dash(e.style)
        .map(|(d, g)| format!(r#" stroke-dasharray="{d} {g}""#))
        .unwrap_or_default();
    let _ = write!(
        out,
        r#"<g class="edge" data-id="{}"{}><polyline class="route" data-id="{}" points="{}" fill="none" {} stroke-width="{}"{dash}/>"#,
        esc(&e.id),
        opacity_attr(e.opacity),
        esc(&e.id),
        pts.join(" "),
        fill_attr("stroke", theme.edge),
        theme.edge_width
    );
    let head = |from: Point, tip: Point| {
        let (dx, dy) = (tip.x - from.x, tip.y - from.y);
        let len = (dx * dx + dy * dy).sqrt().max(1e-3);
        let (ux, uy) = (dx / len, dy / len);
        let size = 10.0;
        let (bx, by) = (tip.x - ux * size, tip.y - uy * size);
        format!(
            r#"<polygon points="{:.1},{:.1} {:.1},{:.1} {:.1},{:.1}" {}/>"#,
            tip.x,
            tip.y,
            bx - uy * size * 0.45,
            by + ux * size * 0.45,
            bx + uy * size * 0.45,
            by - ux * size * 0.45,
            fill_attr("fill", theme.edge)
        )
    };
    out.push_str(&head(a, b));
    if e.style == LinkStyle::Replication && e.points.len() >= 2 {
        out.push_str(&head(e.points[1], e.points[0]));
    }
    if !e.label.is_empty() {
        let size = style::EDGE_LABEL_SIZE * k;
        let w = text::width(&e.label, size, text::Weight::Regular);
        let p = e.label_pos;
        let _ = write!(
            out,
            r#"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" rx="3" {}/>"#,
            p.x - w / 2.0 - 2.0,
            p.y - size * 0.5 - 2.0,
            w + 4.0,
            size + 4.0,
            fill_attr("fill", theme.background.faded(0.85)),
        );
        tw.write(
            out,
            &Line {
                x: p.x,
                y: p.y + size * 0.35,
                size,
                weight: text::Weight::Regular,
                anchor: Anchor::Middle,
                fill: &fill_attr("fill", theme.text_muted),
                content: &e.label,
            },
        );
    }
    out.push_str("</g>\n");
}

fn write_node(
    out: &mut String,
    tw: &mut TextWriter,
    n: &NodeShape,
    theme: &Theme,
    glow: f32,
    k: f32,
) {
    let i = n.icon;
    let _ = write!(
        out,
        r#"<g class="node" data-id="{}"{}>"#,
        esc(&n.id),
        opacity_attr(n.opacity)
    );
    if glow > 0.0 && n.is_new {
        let g = i.expand_by(7.0);
        let _ = write!(
            out,
            r#"<rect class="new" x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" rx="14" fill="none" {} stroke-width="4"/>"#,
            g.min.x,
            g.min.y,
            g.width(),
            g.height(),
            fill_attr("stroke", theme.new_glow.faded(0.75 * glow))
        );
    }
    if glow > 0.0 && n.changed {
        let g = i.expand_by(7.0);
        let _ = write!(
            out,
            r#"<rect class="changed" x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" fill="none" {} stroke-width="2.5" stroke-dasharray="6 4"/>"#,
            g.min.x,
            g.min.y,
            g.width(),
            g.height(),
            fill_attr("stroke", theme.accent.faded(glow))
        );
    }
    let _ = write!(
        out,
        "<use class=\"icon\" data-id=\"{}\" href=\"#icon-{}\" x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\"/>",
        esc(&n.id),
        n.kind.icon_name(),
        i.min.x,
        i.min.y,
        i.width(),
        i.height()
    );
    for (line, content) in n.lines.iter().enumerate() {
        let y = i.max.y
            + style::LABEL_GAP
            + (style::LABEL_LINE * line as f32 + style::LABEL_SIZE * 0.85) * k;
        tw.write(
            out,
            &Line {
                x: i.center().x,
                y,
                size: style::LABEL_SIZE * k,
                weight: text::Weight::Regular,
                anchor: Anchor::Middle,
                fill: &fill_attr("fill", theme.text),
                content,
            },
        );
    }
    out.push_str("</g>\n");
}
