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
use crate::scene::{Point, Rect, Scene, style};

mod caption;
mod shapes;
use caption::{band, caption};
use shapes::{component, group, link};

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
    pub fn of_component(
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
pub(super) fn min_text(floors: bool) -> f32 {
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
            link(&mut out, e, theme, view, k, look.floors);
        }
    }
    for n in scene.components.iter().filter(|n| visible(n.rect)) {
        component(&mut out, n, theme, view, look, k);
    }
    out
}

/// A line in pixels. With screen floors: at least 1 px wide, and a dash pattern whose period
/// is under 4 px becomes a lighter solid line (dashes that fine cannot be told apart, and cost
/// the most to draw).
pub(super) fn stroke(
    width: f32,
    colour: Rgba,
    dash: Option<(f32, f32)>,
    scale: f32,
    floors: bool,
) -> Stroke {
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
