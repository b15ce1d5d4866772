//! The paint list: every drawing decision made once, from a [`Scene`], as primitives in output
//! pixels — rectangles, polylines, polygons, circles, text lines and icons — that each backend
//! (egui painter, SVG, raster frames) only translates.
//!
//! Here and only here: where arrowheads, label plates, badges, group labels and the rings of
//! new and changed components go; how big text is drawn (the zoom-out boost); and, on screen
//! ([`Look::floors`]), what is too small to draw (text under 4 px), how thin a line may get
//! (1 px) and when a dash pattern is too fine to see (then a lighter solid line).

use std::sync::Arc;

use super::svg_text::Anchor;
use super::theme::{Rgba, Theme};
use crate::model::{ComponentKind, GroupKind, LinkStyle};
use crate::scene::flow::Dot;
use crate::scene::text::Weight;
use crate::scene::{ComponentShape, GroupShape, LinkShape, Point, Rect, Scene, style};

/// How a line is drawn, in pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Stroke {
    /// Width in pixels.
    pub width: f32,
    /// Colour (alpha included).
    pub colour: Rgba,
    /// `(dash, gap)` in pixels, or a solid line.
    pub dash: Option<(f32, f32)>,
}

/// A picture drawn from the icon set, or the author's own.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum IconRef {
    /// A component kind's icon.
    Component(ComponentKind),
    /// A group kind's badge pictogram (white).
    Badge(GroupKind),
    /// A custom icon (`icon: "icons/haproxy.svg"`), already read and normalised to 64×64.
    Custom(CustomRef),
}

/// A custom icon as the renderers hold it: compared and hashed by its content key.
#[derive(Clone, Debug)]
pub struct CustomRef(pub Arc<crate::model::icon::CustomIcon>);

impl PartialEq for CustomRef {
    fn eq(&self, other: &Self) -> bool {
        self.0.key == other.0.key
    }
}

impl Eq for CustomRef {}

impl std::hash::Hash for CustomRef {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.0.key.hash(state);
    }
}

impl IconRef {
    /// The icon a component is drawn with: its custom icon, else its kind's.
    pub fn of_node(
        kind: ComponentKind,
        custom: Option<&Arc<crate::model::icon::CustomIcon>>,
    ) -> Self {
        match custom {
            Some(c) => IconRef::Custom(CustomRef(Arc::clone(c))),
            None => IconRef::Component(kind),
        }
    }
}

/// One drawing primitive, in output pixels.
#[derive(Clone, Debug, PartialEq)]
pub enum Prim {
    /// Start of an element that scripts and slide tools find by id (an SVG `<g>`); ends at
    /// the matching [`Prim::End`].
    Begin {
        /// `node`, `edge` or `group`.
        class: &'static str,
        /// The component's, link's or group's id.
        id: Arc<str>,
    },
    /// End of the element begun last.
    End,
    /// A rectangle with corner radii (top-left, top-right, bottom-right, bottom-left).
    Rect {
        /// Where, in pixels.
        rect: Rect,
        /// Corner radii in pixels.
        radii: [f32; 4],
        /// Fill, if any.
        fill: Option<Rgba>,
        /// Outline, if any.
        stroke: Option<Stroke>,
        /// What it marks (`new`, `changed`), for SVG.
        class: Option<&'static str>,
    },
    /// An open polyline.
    Polyline {
        /// The points, in pixels.
        points: Vec<Point>,
        /// How it is drawn.
        stroke: Stroke,
        /// The link it draws, if it is a route.
        route: Option<Arc<str>>,
    },
    /// A filled convex polygon (arrowheads).
    Polygon {
        /// The corners, in pixels.
        points: Vec<Point>,
        /// Fill colour.
        fill: Rgba,
    },
    /// A circle (request-flow dots).
    Circle {
        /// Centre, in pixels.
        centre: Point,
        /// Radius, in pixels.
        radius: f32,
        /// Fill, if any.
        fill: Option<Rgba>,
        /// Outline, if any.
        stroke: Option<Stroke>,
    },
    /// One line of text; `x` is its left end, middle or right end as `anchor` says, `y` its
    /// baseline.
    Text {
        /// Anchor point x, pixels.
        x: f32,
        /// Baseline y, pixels.
        y: f32,
        /// Font size, pixels.
        size: f32,
        /// Regular or bold.
        weight: Weight,
        /// Where `x` is on the line.
        anchor: Anchor,
        /// Colour (alpha included).
        colour: Rgba,
        /// The text.
        content: Arc<str>,
    },
    /// An icon stretched over `rect`.
    Icon {
        /// Which picture.
        icon: IconRef,
        /// Where, in pixels.
        rect: Rect,
        /// Opacity 0..=1.
        opacity: f32,
        /// The component it shows, if any.
        id: Option<Arc<str>>,
    },
}

/// Where the scene sits in the output: `pixel = offset + scene point × scale`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct View {
    /// Pixels per scene unit.
    pub scale: f32,
    /// Pixel position of scene point (0, 0).
    pub offset: Point,
}

impl View {
    /// A scene point in pixels.
    pub fn point(&self, p: Point) -> Point {
        Point::new(
            self.offset.x + p.x * self.scale,
            self.offset.y + p.y * self.scale,
        )
    }

    /// A scene rectangle in pixels.
    pub fn rect(&self, r: Rect) -> Rect {
        Rect::from_min_max(self.point(r.min), self.point(r.max))
    }
}

/// What is emphasised and how text is sized, beyond the scene itself.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Look {
    /// Strength (0..=1) of the rings of new and changed components.
    pub new_glow: f32,
    /// The user's text size multiplier (Ctrl +/- on screen; 1 in exports).
    pub text_scale: f32,
    /// Component under the pointer.
    pub hovered: Option<usize>,
    /// Selected component.
    pub selected: Option<usize>,
    /// Only what touches this pixel rectangle is painted (the screen's canvas).
    pub clip: Option<Rect>,
    /// Screen floors: lines at least 1 px, arrowheads at least 5 px, dash patterns finer than
    /// 4 px drawn as a lighter solid line, text under 4 px left out — legible and cheap when
    /// zoomed out on screen. Exports scale everything exactly instead (a small PNG stays a
    /// faithful miniature).
    pub floors: bool,
}

impl Default for Look {
    fn default() -> Self {
        Look {
            new_glow: 1.0,
            text_scale: 1.0,
            hovered: None,
            selected: None,
            clip: None,
            floors: false,
        }
    }
}

/// With screen floors, text under this many pixels is not drawn (it could not be read, and
/// costs the most).
const MIN_TEXT_PX: f32 = 4.0;

/// The smallest text drawn: [`MIN_TEXT_PX`] on screen, anything visible in exports.
fn min_text(floors: bool) -> f32 {
    if floors { MIN_TEXT_PX } else { 0.5 }
}

/// The paint list of `scene` seen through `view`: groups, links, then components.
pub fn paint(scene: &Scene, theme: &Theme, view: View, look: Look) -> Vec<Prim> {
    let mut out = Vec::with_capacity(16 * (scene.components.len() + scene.links.len()) + 8);
    let ts = if look.text_scale > 0.0 {
        look.text_scale
    } else {
        1.0
    };
    for g in &scene.groups {
        let k = ts * style::group_text_boost(view.scale * ts, g.label_room);
        group(&mut out, g, theme, view, k, look.floors);
    }
    let labels = style::text_boost(view.scale * ts, scene.text_room);
    let k = ts * labels;
    let visible = |r: Rect| look.clip.is_none_or(|c| view.rect(r).intersects(&c));
    for e in &scene.links {
        let bounds = e
            .points
            .iter()
            .fold(Rect::NOTHING, |r, p| r.union(Rect::from_min_max(*p, *p)));
        if visible(bounds.expand_by(style::EDGE_LABEL_SIZE)) {
            // Each link label grows into its own room, towards a legible size.
            let k = ts * style::link_text_boost(view.scale * ts, e.label_room, labels);
            edge(&mut out, e, theme, view, k, look.floors);
        }
    }
    for n in scene.components.iter().filter(|n| visible(n.rect)) {
        node(&mut out, n, theme, view, look, k);
    }
    out
}

/// A line in pixels. With screen floors: at least 1 px wide, and a dash pattern whose period
/// is under 4 px becomes a lighter solid line (dashes that fine cannot be told apart, and cost
/// the most to draw).
fn stroke(width: f32, colour: Rgba, dash: Option<(f32, f32)>, scale: f32, floors: bool) -> Stroke {
    if !floors {
        return Stroke {
            width: width * scale,
            colour,
            dash: dash.map(|(d, g)| (d * scale, g * scale)),
        };
    }
    let width = (width * scale).max(1.0);
    match dash.map(|(d, g)| (d * scale, g * scale)) {
        Some((d, g)) if d + g < 4.0 => Stroke {
            width,
            colour: colour.faded(0.6),
            dash: None,
        },
        Some((d, g)) => Stroke {
            width,
            colour,
            dash: Some((d.max(2.0), g.max(2.0))),
        },
        None => Stroke {
            width,
            colour,
            dash: None,
        },
    }
}

fn group(out: &mut Vec<Prim>, g: &GroupShape, theme: &Theme, view: View, k: f32, floors: bool) {
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
fn arrow_head(from: Point, tip: Point, size: f32) -> Vec<Point> {
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

fn edge(out: &mut Vec<Prim>, e: &LinkShape, theme: &Theme, view: View, k: f32, floors: bool) {
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
fn ring(rect: Rect, radius: f32, stroke: Stroke, class: &'static str) -> Prim {
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
fn node(out: &mut Vec<Prim>, n: &ComponentShape, theme: &Theme, view: View, look: Look, k: f32) {
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
        icon: IconRef::of_node(n.kind, n.custom_icon.as_ref()),
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

/// The paint list of an export: background (unless transparent), caption, and the scene
/// placed as [`super::svg::placement`] says, with the rings at `opts.new_glow`.
pub fn export(scene: &Scene, opts: &super::svg::ExportOptions) -> Vec<Prim> {
    let theme = opts.theme.theme();
    let place = super::svg::placement(scene, opts);
    let (w, h) = (opts.width as f32, opts.height as f32);
    let mut out = Vec::new();
    if !opts.transparent {
        out.push(Prim::Rect {
            rect: Rect::from_min_max(Point::new(0.0, 0.0), Point::new(w, h)),
            radii: [0.0; 4],
            fill: Some(theme.background),
            stroke: None,
            class: None,
        });
    }
    if opts.caption {
        caption(&mut out, scene, opts, &theme, place.caption_height);
    }
    if opts.band {
        band(&mut out, scene, opts, &theme, place.band_height);
    }
    let view = View {
        scale: place.scale,
        offset: place.offset,
    };
    let look = Look {
        new_glow: opts.new_glow,
        ..Look::default()
    };
    out.extend(paint(scene, &theme, view, look));
    out
}

/// The caption band: diagram title, stage title and where the stage starts; the stage's
/// numbers at the top right when asked.
fn caption(
    out: &mut Vec<Prim>,
    scene: &Scene,
    opts: &super::svg::ExportOptions,
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
fn band(
    out: &mut Vec<Prim>,
    scene: &Scene,
    opts: &super::svg::ExportOptions,
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

/// Request-flow dots ([`crate::scene::flow`]): filled on request links, hollow on async
/// links; never under 3 pixels in radius.
pub fn dots(dots: &[Dot], theme: &Theme, view: View) -> Vec<Prim> {
    dots.iter()
        .map(|d| {
            let radius = (d.radius * view.scale).max(3.0);
            let colour = theme.accent.faded(d.opacity);
            let hollow = d.style == LinkStyle::Async;
            Prim::Circle {
                centre: view.point(d.pos),
                radius,
                fill: (!hollow).then_some(colour),
                stroke: hollow.then_some(Stroke {
                    width: (radius * 0.45).max(1.0),
                    colour,
                    dash: None,
                }),
            }
        })
        .collect()
}
