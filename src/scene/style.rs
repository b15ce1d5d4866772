//! Sizes of everything the scene lays out, in scene units. One place, so the screen and the
//! exports agree and a designer can tune the look without hunting through code.

/// Side of a component's icon square.
pub const ICON: f32 = 56.0;
/// Component label font size (projector legible at the default fit on a 1080p screen).
pub const LABEL_SIZE: f32 = 18.0;
/// Distance between label lines.
pub const LABEL_LINE: f32 = 21.0;
/// Most lines a component label may take before it is truncated.
pub const LABEL_MAX_LINES: usize = 2;
/// Gap between icon and label.
pub const LABEL_GAP: f32 = 6.0;
/// Horizontal room a component leaves free towards its neighbours.
pub const NODE_MARGIN: f32 = 30.0;
/// Group corner label font size.
pub const GROUP_LABEL_SIZE: f32 = 15.0;
/// Height of the band at a group's top that holds its label.
pub const GROUP_LABEL_BAND: f32 = 24.0;
/// Padding between a group's border and its contents.
pub const GROUP_PAD: f32 = 12.0;
/// Link label font size.
pub const EDGE_LABEL_SIZE: f32 = 14.0;
/// Gap between a link's end and the box it touches.
pub const EDGE_GAP: f32 = 4.0;
/// Start scale of a component fading in (it grows to 1).
pub const APPEAR_SCALE: f32 = 0.8;
