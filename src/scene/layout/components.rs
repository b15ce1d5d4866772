//! Phase 1: every component visible at a stage gets its icon square, its wrapped label and
//! its footprint (icon + label, with room for the label to grow).

use std::sync::Arc;

use super::{ComponentLayout, Slots, cell_center};
use crate::model::Diagram;
use crate::scene::geom::{Point, Rect};
use crate::scene::style::*;
use crate::scene::text::{self, Weight};

/// Place every component alive at `stage`.
pub fn place_components(d: &Diagram, stage: usize) -> Slots<ComponentLayout> {
    let mut nodes = Slots::default();
    for (i, c) in d.components_at(stage) {
        let at = &c.at[stage];
        let center = cell_center(&d.grid, at.cell);
        let max_w = (d.grid.cell_width - NODE_MARGIN).max(ICON);
        let (lines, truncated) = text::wrap(
            &at.label,
            LABEL_SIZE,
            Weight::Regular,
            max_w,
            LABEL_MAX_LINES,
        );
        let text_w = lines
            .iter()
            .map(|l| text::width(l, LABEL_SIZE, Weight::Regular))
            .fold(0.0, f32::max);
        let label_h = LABEL_LINE * lines.len() as f32;
        // An icon with a one-line label is centred on the cell; longer labels grow downwards,
        // so icons in a row stay level and the links between them horizontal.
        // The footprint keeps room below the label for it to grow (see MAX_TEXT_BOOST).
        let total_h = ICON + LABEL_GAP + label_h * MAX_TEXT_BOOST;
        let top = center.y - (ICON + LABEL_GAP + LABEL_LINE) / 2.0;
        let icon = Rect::from_min_max(
            Point::new(center.x - ICON / 2.0, top),
            Point::new(center.x + ICON / 2.0, top + ICON),
        );
        let w = text_w.max(ICON);
        let rect = Rect::from_min_max(
            Point::new(center.x - w / 2.0, top),
            Point::new(center.x + w / 2.0, top + total_h),
        );
        nodes.insert(
            i,
            ComponentLayout {
                index: i,
                id: Arc::from(c.id.as_str()),
                icon,
                rect,
                lines: Arc::from(lines),
                truncated,
                label: at.label.clone(),
                label_width: text_w,
            },
        );
    }
    nodes
}
