//! The legend: each picture on show with the name it stands for.

use std::sync::Arc;

use super::ComponentShape;
use crate::model::icon::CustomIcon;
use crate::model::{ComponentKind, Diagram};

/// One line of the legend.
#[derive(Clone, Debug, PartialEq)]
pub struct LegendEntry {
    /// The kind (its icon, unless `custom_icon` is set; its category orders the legend).
    pub kind: ComponentKind,
    /// The custom icon shown instead of the kind's, if any.
    pub custom_icon: Option<Arc<CustomIcon>>,
    /// What the picture stands for: the component's `legend`, the diagram's name for its
    /// kind, or the kind's name.
    pub name: String,
}

/// The legend of the components in `nodes` (drawn from `d`): one entry per picture and name,
/// by category, then name.
pub fn legend(d: &Diagram, nodes: &[ComponentShape]) -> Vec<LegendEntry> {
    let mut out: Vec<LegendEntry> = Vec::new();
    for n in nodes {
        let Some(c) = d.components.get(n.index) else {
            continue;
        };
        let entry = LegendEntry {
            kind: c.kind,
            custom_icon: c.icon.clone(),
            name: c.legend.clone(),
        };
        if !out.contains(&entry) {
            out.push(entry);
        }
    }
    out.sort_by(|a, b| {
        let order = |e: &LegendEntry| {
            crate::model::Category::ALL
                .iter()
                .position(|c| *c == e.kind.category())
        };
        let key = |e: &LegendEntry| (order(e), e.name.to_lowercase());
        key(a).cmp(&key(b))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_come_from_the_component_then_the_diagram_then_the_kind() {
        let src = r#"Diagram(title: "t", stages: [Stage(id: "a", at: 1, title: "a")],
            legend: { Elb: "Load balancer (HAProxy)" },
            components: [
                Component(id: "a", kind: Elb, cell: (0, 0)),
                Component(id: "b", kind: Elb, cell: (1, 0)),
                Component(id: "c", kind: Server, cell: (2, 0), legend: "Web server (nginx)"),
                Component(id: "d", kind: Server, cell: (3, 0)),
                Component(id: "e", kind: Queue, cell: (4, 0)),
            ])"#;
        let d = crate::model::parse(src, "t.ron").expect("parses");
        let scene = crate::scene::Scene::settled(&d, 0);
        let names: Vec<String> = legend(&d, &scene.components)
            .into_iter()
            .map(|e| e.name)
            .collect();
        assert_eq!(
            names,
            [
                "Server",
                "Web server (nginx)",
                "Load balancer (HAProxy)",
                "Queue"
            ],
            "by category (Compute, Networking, Integration), then name; one line per name"
        );
    }
}
