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
pub const GROUP_PAD: f32 = 16.0;
/// Corner radius of a group's border (its badge follows the top-left corner).
pub const GROUP_RADIUS: f32 = 6.0;
/// Side of the coloured badge in a group's top-left corner (Region flag, VPC cloud…).
pub const GROUP_BADGE: f32 = 24.0;

/// Whether groups of this kind carry a corner badge (AWS draws none on Availability Zones
/// and security groups; namespaces and generic groups are plain dashed boxes too).
pub fn group_has_badge(kind: crate::model::GroupKind) -> bool {
    use crate::model::GroupKind::*;
    !matches!(kind, AvailabilityZone | SecurityGroup | Namespace | Generic)
}

/// Distance from a group's left border to the start of its corner label.
pub fn group_label_inset(kind: crate::model::GroupKind) -> f32 {
    if group_has_badge(kind) {
        GROUP_BADGE + 6.0
    } else {
        GROUP_PAD
    }
}
/// Link label font size.
pub const EDGE_LABEL_SIZE: f32 = 14.0;
/// Gap between a link's end and the box it touches.
pub const EDGE_GAP: f32 = 4.0;
/// Start scale of a component fading in (it grows to 1).
pub const APPEAR_SCALE: f32 = 0.8;

/// Smallest on-screen size (pixels) component labels grow to when the picture is zoomed out,
/// as far as the room around them allows (legible from the back of the room).
pub const MIN_LABEL_PX: f32 = 14.0;
/// Most diagram text may grow beyond its scene size to stay legible. Component footprints
/// reserve this much label height, so links entering from below never touch a grown label.
pub const MAX_TEXT_BOOST: f32 = 1.3;

/// Smallest on-screen size (pixels) link labels grow to when the picture is zoomed out, as
/// far as the room around each label allows: a step below component labels, still legible.
pub const MIN_LINK_LABEL_PX: f32 = 12.0;
/// Most a link label may grow beyond its scene size (each label has its own room, see
/// `LinkShape::label_room`).
pub const MAX_LINK_BOOST: f32 = 2.0;

/// A link label is drawn at most this fraction of the size of the component labels around
/// it: links are secondary and must look it.
pub const LINK_TO_LABEL: f32 = 0.9;

/// Factor to enlarge a link label drawn at `px_per_unit` pixels per scene unit so that it
/// reaches [`MIN_LINK_LABEL_PX`], limited by its own `room` and by the component labels,
/// which are enlarged by `labels` (see [`text_boost`]): a link label never outgrows
/// [`LINK_TO_LABEL`] of their size.
pub fn link_text_boost(px_per_unit: f32, room: f32, labels: f32) -> f32 {
    let below_labels = labels * LINK_TO_LABEL * LABEL_SIZE / EDGE_LABEL_SIZE;
    let room = if room.is_finite() {
        room.min(below_labels)
    } else {
        room
    };
    grow_to(
        MIN_LINK_LABEL_PX,
        EDGE_LABEL_SIZE * px_per_unit,
        room,
        MAX_LINK_BOOST,
    )
}

/// The factor (at least 1) that takes text drawn at `px` pixels to `target` pixels, no more
/// than `room` allows nor `max`; 1 for a size or room that is not a number.
fn grow_to(target: f32, px: f32, room: f32, max: f32) -> f32 {
    if !(px.is_finite() && px > 0.0 && room.is_finite()) {
        return 1.0;
    }
    (target / px).clamp(1.0, room.clamp(1.0, max))
}

/// Largest enlargement of a group's corner label: as far as its band allows
/// (`GROUP_LABEL_BAND / GROUP_LABEL_SIZE`), more than other text, whose room is shared.
pub const GROUP_MAX_BOOST: f32 = GROUP_LABEL_BAND / GROUP_LABEL_SIZE;

/// Factor to enlarge a group's corner label drawn at `px_per_unit` pixels per scene unit so
/// that it reaches [`MIN_LABEL_PX`] itself, limited by its `room` (see
/// `GroupShape::label_room`: the box's width and the label band's height).
pub fn group_text_boost(px_per_unit: f32, room: f32) -> f32 {
    grow_to(
        MIN_LABEL_PX,
        GROUP_LABEL_SIZE * px_per_unit,
        room,
        GROUP_MAX_BOOST,
    )
}

/// Factor to enlarge all diagram text drawn at `px_per_unit` pixels per scene unit so that
/// component labels reach [`MIN_LABEL_PX`], limited by the scene's `room` (see
/// `Scene::text_room`) so enlarged labels never run into each other.
pub fn text_boost(px_per_unit: f32, room: f32) -> f32 {
    grow_to(MIN_LABEL_PX, LABEL_SIZE * px_per_unit, room, MAX_TEXT_BOOST)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn link_labels_grow_to_a_legible_size_but_stay_below_component_labels() {
        // Drawn 1:1 they are already legible: no growth.
        assert_eq!(link_text_boost(1.0, MAX_LINK_BOOST, 1.0), 1.0);
        // Zoomed out to 0.6 px per unit with room and grown component labels: 12 px.
        let k = link_text_boost(0.6, MAX_LINK_BOOST, 1.3);
        assert!(
            (EDGE_LABEL_SIZE * 0.6 * k - MIN_LINK_LABEL_PX).abs() < 1e-3,
            "{k}"
        );
        // Its own room stops it first.
        assert_eq!(link_text_boost(0.6, 1.1, 1.3), 1.1);
        // Component labels that could not grow hold it back: never more than 90 % of them.
        let k = link_text_boost(0.6, MAX_LINK_BOOST, 1.0);
        let (link_px, label_px) = (EDGE_LABEL_SIZE * 0.6 * k, LABEL_SIZE * 0.6);
        assert!(
            link_px <= LINK_TO_LABEL * label_px + 1e-3,
            "{link_px} vs {label_px}"
        );
        // Nonsense scales change nothing.
        assert_eq!(link_text_boost(f32::NAN, 2.0, 1.0), 1.0);
    }
}
