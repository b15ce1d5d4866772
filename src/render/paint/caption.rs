//! The export's caption above the diagram and the slider band below it.

use super::super::svg_text::Anchor;
use super::super::theme::{Rgba, Theme};
use super::{Prim, Stroke};
use crate::scene::text::Weight;
use crate::scene::{Point, Scene};

/// The caption band: diagram title, stage title and where the stage starts; the stage's
/// numbers at the top right when asked.
pub(super) fn caption(
    out: &mut Vec<Prim>,
    scene: &Scene,
    opts: &super::super::svg::ExportOptions,
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
    let text = |x, y, size, weight, colour, content: &str, anchor| Prim::Text {
        x,
        y,
        size,
        weight,
        anchor,
        colour,
        content: content.into(),
    };
    let c = &scene.caption;
    let stage_w = crate::scene::text::width(&c.stage_title, stage_size, Weight::Bold);
    if opts.caption_metrics && !c.metrics.is_empty() {
        // The numbers sit at the top right, beside the diagram's title, as large as the room
        // between the two allows (down to 60 % of the title's size).
        let content = c.metrics.join("  ·  ");
        let title_w = crate::scene::text::width(&c.title, title_size, Weight::Regular);
        let room = (w - 2.0 * margin - title_w - title_size * 2.0).max(0.0);
        let natural = crate::scene::text::width(&content, title_size, Weight::Regular);
        let size = if natural > room {
            (title_size * room / natural).max(title_size * 0.6)
        } else {
            title_size
        };
        out.push(text(
            w - margin,
            title_y,
            size,
            Weight::Regular,
            theme.text_muted,
            &content,
            Anchor::End,
        ));
    }
    out.push(text(
        margin,
        title_y,
        title_size,
        Weight::Regular,
        theme.text_muted,
        &c.title,
        Anchor::Start,
    ));
    out.push(text(
        margin,
        stage_y,
        stage_size,
        Weight::Bold,
        theme.text,
        &c.stage_title,
        Anchor::Start,
    ));
    out.push(text(
        margin + stage_w + stage_size * 0.6,
        stage_y,
        value_size,
        Weight::Regular,
        theme.text_muted,
        &c.value_label,
        Anchor::Start,
    ));
}

/// The slider band along the bottom, as in presentation mode: a track, a tick and label per
/// stage, the axis's name at the end, and the knob where the story is.
pub(super) fn band(
    out: &mut Vec<Prim>,
    scene: &Scene,
    opts: &super::super::svg::ExportOptions,
    theme: &Theme,
    height: f32,
) {
    let (w, h) = (opts.width as f32, opts.height as f32);
    let margin = 0.035 * w.min(h);
    let c = &scene.caption;
    let label_size = height * 0.24;
    let name_w = crate::scene::text::width(&c.axis_label, label_size, Weight::Regular);
    let (x0, x1) = (margin, (w - margin - name_w - label_size).max(margin + 1.0));
    let y = h - margin - height * 0.55;
    let at = |f: f32| x0 + (x1 - x0) * f.clamp(0.0, 1.0);
    let line = |a: Point, b: Point, width: f32, colour: Rgba| Prim::Polyline {
        points: vec![a, b],
        stroke: Stroke {
            width,
            colour,
            dash: None,
        },
        route: None,
    };
    let track = (height * 0.06).max(1.0);
    out.push(line(
        Point::new(x0, y),
        Point::new(x1, y),
        track,
        theme.text_muted.faded(0.35),
    ));
    out.push(line(
        Point::new(x0, y),
        Point::new(at(c.knob), y),
        track,
        theme.accent,
    ));
    let mut last_label_end = f32::MIN;
    for (f, label) in &c.ticks {
        let x = at(*f);
        out.push(line(
            Point::new(x, y - height * 0.12),
            Point::new(x, y + height * 0.12),
            track * 0.6,
            theme.text_muted,
        ));
        // Labels that would touch the previous one are left out (the tick stays).
        let lw = crate::scene::text::width(label, label_size, Weight::Regular);
        if x - lw / 2.0 > last_label_end + label_size * 0.3 {
            out.push(Prim::Text {
                x,
                y: y + height * 0.12 + label_size * 1.05,
                size: label_size,
                weight: Weight::Regular,
                anchor: Anchor::Middle,
                colour: theme.text_muted,
                content: label.as_str().into(),
            });
            last_label_end = x + lw / 2.0;
        }
    }
    out.push(Prim::Text {
        x: w - margin,
        y: y + label_size * 0.35,
        size: label_size,
        weight: Weight::Regular,
        anchor: Anchor::End,
        colour: theme.text_muted,
        content: c.axis_label.as_str().into(),
    });
    out.push(Prim::Circle {
        centre: Point::new(at(c.knob), y),
        radius: height * 0.16,
        fill: Some(theme.background),
        stroke: Some(Stroke {
            width: track * 1.2,
            colour: theme.accent,
            dash: None,
        }),
    });
}
