//! A readable text form of a scene, for golden files and for reviewing layout changes in diffs.

use std::fmt::Write;

use super::Scene;

impl Scene {
    /// One line per shape, positions rounded to whole units.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        let r = |v: f32| v.round() as i64;
        let _ = writeln!(
            out,
            "caption: {} | {} | {}",
            self.caption.title, self.caption.stage_title, self.caption.value_label
        );
        let _ = writeln!(
            out,
            "bounds: ({}, {}) – ({}, {})",
            r(self.bounds.min.x),
            r(self.bounds.min.y),
            r(self.bounds.max.x),
            r(self.bounds.max.y)
        );
        let _ = writeln!(out, "text room: {:.2}", self.text_room);
        for g in &self.groups {
            let _ = writeln!(
                out,
                "group {} {:?} \"{}\" depth {} at ({}, {}) size {}×{} opacity {:.2}",
                g.id,
                g.kind,
                g.label,
                g.depth,
                r(g.rect.min.x),
                r(g.rect.min.y),
                r(g.rect.width()),
                r(g.rect.height()),
                g.opacity
            );
        }
        for n in &self.components {
            let _ = writeln!(
                out,
                "node {} {:?} \"{}\" at ({}, {}) size {}×{} opacity {:.2}{}",
                n.id,
                n.kind,
                n.lines.join(" / "),
                r(n.icon.center().x),
                r(n.icon.center().y),
                r(n.rect.width()),
                r(n.rect.height()),
                n.opacity,
                if n.is_new {
                    " new"
                } else if n.changed {
                    " changed"
                } else {
                    ""
                }
            );
        }
        for e in &self.links {
            let pts: Vec<String> = e
                .points
                .iter()
                .map(|p| format!("({}, {})", r(p.x), r(p.y)))
                .collect();
            let label = if e.label.is_empty() {
                String::new()
            } else {
                format!(
                    " \"{}\" at ({}, {}) room {:.2}",
                    e.label,
                    r(e.label_pos.x),
                    r(e.label_pos.y),
                    e.label_room
                )
            };
            let _ = writeln!(
                out,
                "edge {} {:?}{} {} opacity {:.2}",
                e.id,
                e.style,
                label,
                pts.join(" → "),
                e.opacity
            );
        }
        out
    }
}
