//! The diagram's shapes as primitives: group boxes with badges and labels, links with their
//! arrowheads and labels, components with their rings, icons and labels.

use super::super::svg_text::Anchor;
use super::super::theme::Theme;
use super::{IconRef, Look, Prim, Stroke, View, min_text, stroke};
use crate::model::LinkStyle;
use crate::scene::text::Weight;
use crate::scene::{ComponentShape, GroupShape, LinkShape, Point, Rect, style};

pub(super) fn group(
    out: &mut Vec<Prim>,
    g: &GroupShape,
    theme: &Theme,
    view: View,
    k: f32,
    floors: bool,
) {
    let st = theme.group(g.kind);
    let r = view.rect(g.rect);
    let radius = (style::GROUP_RADIUS * view.scale).clamp(0.0, 12.0);
    out.push(Prim::Begin {
        class: "group",
        id: g.id.clone(),
    });
    out.push(Prim::Rect {
        rect: r,
        radii: [radius; 4],
        fill: (st.fill.3 > 0).then(|| st.fill.faded(g.opacity)),
        stroke: Some(stroke(
            st.width,
            st.stroke.faded(g.opacity),
            st.dashed.then_some((8.0, 5.6)),
            view.scale,
            floors,
        )),
        class: None,
    });
    // The kind's badge: a square of the group colour in the top-left corner, pictogram in white.
    let side = style::GROUP_BADGE * view.scale;
    if style::group_has_badge(g.kind) && (side >= 6.0 || !floors) {
        let badge = Rect::from_min_max(r.min, Point::new(r.min.x + side, r.min.y + side));
        out.push(Prim::Rect {
            rect: badge,
            radii: [radius, 0.0, 0.0, 0.0],
            fill: Some(st.stroke.faded(g.opacity)),
            stroke: None,
            class: None,
        });
        out.push(Prim::Icon {
            icon: IconRef::Badge(g.kind),
            rect: badge.expand_by(-side * 0.12),
            opacity: g.opacity,
            id: None,
        });
    }
    let size = style::GROUP_LABEL_SIZE * k;
    if size * view.scale >= min_text(floors) {
        let at = view.point(Point::new(
            g.rect.min.x + style::group_label_inset(g.kind),
            g.rect.min.y + style::GROUP_LABEL_BAND * 0.5 + 2.0 + size * 0.35,
        ));
        // A label grown past its box's border (layout found free space there) gets a plate,
        // so the border does not run through its letters.
        let px = size * view.scale;
        let w = crate::scene::text::width(&g.label, px, Weight::Bold);
        if at.x + w > r.max.x - 1.0 {
            out.push(plate(
                Rect::from_min_max(
                    Point::new(at.x - 2.0, at.y - px * 0.85),
                    Point::new(at.x + w + 3.0, at.y + px * 0.3),
                ),
                theme,
                g.opacity,
            ));
        }
        out.push(Prim::Text {
            x: at.x,
            y: at.y,
            size: size * view.scale,
            weight: Weight::Bold,
            anchor: Anchor::Start,
            colour: st.label.faded(g.opacity),
            content: g.label.clone(),
        });
    }
    out.push(Prim::End);
}

/// A plate of the background colour under a label drawn over lines (a link's label, a group
/// label past its border), so no line runs through the letters.
fn plate(rect: Rect, theme: &Theme, opacity: f32) -> Prim {
    Prim::Rect {
        rect,
        radii: [3.0; 4],
        fill: Some(theme.background.faded(0.85 * opacity)),
        stroke: None,
        class: None,
    }
}

/// The three corners of an arrowhead whose tip is at `tip`, pointing away from `from`.
pub(super) fn arrow_head(from: Point, tip: Point, size: f32) -> Vec<Point> {
    let (dx, dy) = (tip.x - from.x, tip.y - from.y);
    let len = (dx * dx + dy * dy).sqrt().max(1e-3);
    let (ux, uy) = (dx / len, dy / len);
    let (bx, by) = (tip.x - ux * size, tip.y - uy * size);
    vec![
        tip,
        Point::new(bx - uy * size * 0.45, by + ux * size * 0.45),
        Point::new(bx + uy * size * 0.45, by - ux * size * 0.45),
    ]
}

pub(super) fn link(
    out: &mut Vec<Prim>,
    e: &LinkShape,
    theme: &Theme,
    view: View,
    k: f32,
    floors: bool,
) {
    let points: Vec<Point> = e.points.iter().map(|p| view.point(*p)).collect();
    let (Some(&a), Some(&b)) = (points.get(points.len().saturating_sub(2)), points.last()) else {
        return;
    };
    let colour = theme.edge.faded(e.opacity);
    out.push(Prim::Begin {
        class: "edge",
        id: e.id.clone(),
    });
    let first = (points.first().copied(), points.get(1).copied());
    out.push(Prim::Polyline {
        points,
        stroke: stroke(
            theme.edge_width,
            colour,
            theme.dash(e.style),
            view.scale,
            floors,
        ),
        route: Some(e.id.clone()),
    });
    let head = if floors {
        (10.0 * view.scale).max(5.0)
    } else {
        10.0 * view.scale
    };
    out.push(Prim::Polygon {
        points: arrow_head(a, b, head),
        fill: colour,
    });
    if e.style == LinkStyle::Replication
        && let (Some(p0), Some(p1)) = first
    {
        out.push(Prim::Polygon {
            points: arrow_head(p1, p0, head),
            fill: colour,
        });
    }
    let size = style::EDGE_LABEL_SIZE * k * view.scale;
    if !e.label.is_empty() && size >= min_text(floors) {
        let w = crate::scene::text::width(&e.label, size, Weight::Regular);
        // Grown labels widen away from their own line (their side facing it stays put).
        let natural = (w / k / view.scale, style::EDGE_LABEL_SIZE);
        let p = view.point(crate::scene::label_centre(
            e.label_pos,
            e.label_away,
            natural,
            k,
        ));
        out.push(plate(
            Rect::from_min_max(
                Point::new(p.x - w / 2.0 - 2.0, p.y - size * 0.5 - 2.0),
                Point::new(p.x + w / 2.0 + 2.0, p.y + size * 0.5 + 2.0),
            ),
            theme,
            e.opacity,
        ));
        out.push(Prim::Text {
            x: p.x,
            y: p.y + size * 0.35,
            size,
            weight: Weight::Regular,
            anchor: Anchor::Middle,
            colour: theme.text_muted.faded(e.opacity),
            content: e.label.clone(),
        });
    }
    out.push(Prim::End);
}

/// A ring (an outlined rectangle) around a component, marked `class` for SVG.
pub(super) fn ring(rect: Rect, radius: f32, stroke: Stroke, class: &'static str) -> Prim {
    Prim::Rect {
        rect,
        radii: [radius; 4],
        fill: None,
        stroke: Some(stroke),
        class: Some(class),
    }
}

#[expect(
    clippy::too_many_lines,
    reason = "a component's every mark in drawing order: rings, icon, badges, label lines"
)]
pub(super) fn component(
    out: &mut Vec<Prim>,
    n: &ComponentShape,
    theme: &Theme,
    view: View,
    look: Look,
    k: f32,
) {
    let s = view.scale;
    let icon = view.rect(n.icon);
    out.push(Prim::Begin {
        class: "node",
        id: n.id.clone(),
    });
    let footprint = view.rect(n.rect).expand_by(6.0 * s);
    if look.selected == Some(n.index) {
        out.push(Prim::Rect {
            rect: footprint,
            radii: [8.0; 4],
            fill: Some(theme.accent.faded(0.14 * n.opacity)),
            stroke: Some(Stroke {
                width: 2.0,
                colour: theme.accent.faded(n.opacity),
                dash: None,
            }),
            class: None,
        });
    } else if look.hovered == Some(n.index) {
        out.push(Prim::Rect {
            rect: footprint,
            radii: [8.0; 4],
            fill: Some(theme.accent.faded(0.10 * n.opacity)),
            stroke: None,
            class: None,
        });
    }
    let glow = look.new_glow;
    if n.changed && glow > 0.0 {
        // Changed (moved, relabelled, regrouped): a dashed ring in the accent colour, apart
        // from the warm glow of new components.
        let st = stroke(
            2.5,
            theme.accent.faded(glow * n.opacity),
            Some((6.0, 4.0)),
            s,
            look.floors,
        );
        let st = Stroke {
            width: if look.floors {
                st.width.max(1.5)
            } else {
                st.width
            },
            ..st
        };
        out.push(ring(icon.expand_by(7.0 * s), 0.0, st, "changed"));
    }
    if n.is_new && glow > 0.0 {
        let base = icon.expand_by(5.0 * s);
        for (step, alpha) in [(3.0, 0.18), (2.0, 0.28), (1.0, 0.5)] {
            let width = if look.floors {
                (3.0 * s).max(1.5)
            } else {
                3.0 * s
            };
            // Drawn outside the glow box, as the rings grow outwards.
            let r = base.expand_by(step * 2.0 * s + width / 2.0);
            out.push(ring(
                r,
                12.0 * s + width / 2.0,
                Stroke {
                    width,
                    colour: theme.new_glow.faded(alpha * glow * n.opacity),
                    dash: None,
                },
                "new",
            ));
        }
    }
    out.push(Prim::Icon {
        icon: IconRef::of_component(n.kind, n.custom_icon.as_ref()),
        rect: icon,
        opacity: n.opacity * (1.0 - 0.55 * n.leaving),
        id: Some(n.id.clone()),
    });
    let size = style::LABEL_SIZE * k;
    if size * s >= min_text(look.floors) {
        let fade = 1.0 - 0.55 * n.leaving;
        for (i, line) in n.lines.iter().enumerate() {
            let baseline = n.icon.max.y
                + style::LABEL_GAP
                + (style::LABEL_LINE * i as f32 + style::LABEL_SIZE * 0.85) * k;
            let at = view.point(Point::new(n.icon.center().x, baseline));
            if n.leaving > 0.0 {
                // Leaving: the label is struck through, more firmly as the threshold nears.
                let w = crate::scene::text::width(line, size * s, Weight::Regular);
                let y = at.y - size * s * 0.3;
                out.push(Prim::Polyline {
                    points: vec![Point::new(at.x - w / 2.0, y), Point::new(at.x + w / 2.0, y)],
                    stroke: Stroke {
                        width: if look.floors {
                            (1.6 * s).max(1.0)
                        } else {
                            1.6 * s
                        },
                        colour: theme.text.faded(n.opacity * n.leaving),
                        dash: None,
                    },
                    route: None,
                });
            }
            out.push(Prim::Text {
                x: at.x,
                y: at.y,
                size: size * s,
                weight: Weight::Regular,
                anchor: Anchor::Middle,
                colour: theme.text.faded(n.opacity * fade),
                content: line.as_str().into(),
            });
        }
    }
    out.push(Prim::End);
}
