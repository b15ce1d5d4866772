//! A generated diagram of any size, for benchmarks and stress tests (thousands of components).

use std::fmt::Write;

/// RON text of a valid diagram with `components` components spread over a grid in groups of
/// 50, `links` links between neighbours, and 9 stages in which a ninth of them appear each.
pub fn synthetic_diagram(components: usize, links: usize) -> String {
    let stages = 9;
    let cols = ((components as f64).sqrt().ceil() as usize).max(1);
    let mut s = String::with_capacity(components * 120 + links * 60);
    s.push_str(
        "Diagram(\n    title: \"Synthetic\",\n    axis: Axis(min: 1, max: 1e9),\n    stages: [\n",
    );
    for i in 0..stages {
        let _ = writeln!(
            s,
            "        Stage(id: \"s{i}\", at: {}, title: \"stage {i}\", notes: \"Generated.\"),",
            10f64.powi(i as i32)
        );
    }
    s.push_str("    ],\n    groups: [\n");
    let groups = components.div_ceil(50);
    for g in 0..groups {
        let _ = writeln!(
            s,
            "        Group(id: \"g{g}\", kind: Generic, label: \"Group {g}\"),"
        );
    }
    s.push_str("    ],\n    components: [\n");
    let kinds = [
        "Ec2",
        "Rds",
        "S3",
        "Elb",
        "Lambda",
        "DynamoDb",
        "Sqs",
        "CloudFront",
    ];
    for i in 0..components {
        let (c, r) = (i % cols, i / cols);
        let appears = i * stages / components.max(1);
        let _ = writeln!(
            s,
            "        Component(id: \"c{i}\", kind: {}, label: \"Component {i}\", group: \"g{}\", \
             cell: ({c}, {r}), appears: \"s{appears}\", notes: \"Generated component.\"),",
            kinds[i % kinds.len()],
            i / 50
        );
    }
    s.push_str("    ],\n    links: [\n");
    let mut made = 0;
    let mut step = 1;
    while made < links && components > 1 && step < components {
        for i in 0..components - step {
            if made == links {
                break;
            }
            let _ = writeln!(s, "        Link(from: \"c{i}\", to: \"c{}\"),", i + step);
            made += 1;
        }
        step += 1;
    }
    s.push_str("    ],\n)\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn synthetic_diagrams_are_valid_at_any_size() {
        for (n, l) in [(1, 0), (10, 12), (2000, 3000)] {
            let d = crate::model::parse(&synthetic_diagram(n, l), "synthetic").expect("valid");
            assert_eq!(d.components.len(), n);
            assert_eq!(d.links.len(), l);
        }
    }
}
