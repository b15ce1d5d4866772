//! `check`'s warnings: each kind is found where it should be, points at the item to change,
//! and `--deny-warnings` turns them into a failing exit code; the shipped diagrams have none.

mod common;

use std::process::Command;

use scaleview::lint::lint;
use scaleview::model::{self, Item};

fn diagram(components: &str, groups: &str, links: &str) -> model::Diagram {
    let src = format!(
        r#"Diagram(title: "t", stages: [Stage(id: "a", at: 1, title: "A")],
    groups: [{groups}], components: [{components}], links: [{links}])"#
    );
    model::parse(&src, "t.ron").expect("valid")
}

#[test]
fn a_label_cut_short_is_reported_on_its_component() {
    let d = diagram(
        r#"Component(id: "ok", kind: Ec2, cell: (0, 0)),
           Component(id: "long", kind: Ec2, cell: (2, 0),
               label: "a label far too long to fit in two lines of one cell of this grid")"#,
        "",
        "",
    );
    let found = lint(&d);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].item, Item::Component(1));
    assert!(
        found[0].message.contains("cut short"),
        "{}",
        found[0].message
    );
    assert!(
        found[0].hint.contains("\\n"),
        "the hint names the line break"
    );
}

#[test]
fn a_component_inside_a_group_it_is_not_in_is_reported() {
    let d = diagram(
        r#"Component(id: "a", kind: Ec2, group: "g", cell: (0, 0)),
           Component(id: "intruder", kind: Rds, cell: (1, 0)),
           Component(id: "b", kind: Ec2, group: "g", cell: (2, 0))"#,
        r#"Group(id: "g", kind: Vpc, label: "VPC")"#,
        "",
    );
    let found = lint(&d);
    assert!(
        found
            .iter()
            .any(|f| f.item == Item::Component(1) && f.message.contains("`intruder` sits inside")),
        "{found:?}"
    );
}

#[test]
fn sibling_groups_whose_members_leave_room_do_not_overlap() {
    // Adjacent cells in two different groups: the padded boxes would overlap; they meet
    // half-way instead, and nothing is reported.
    let d = diagram(
        r#"Component(id: "a", kind: Ec2, group: "left", cell: (0, 0), label: "a long label here"),
           Component(id: "b", kind: Ec2, group: "right", cell: (1, 0), label: "another long one")"#,
        r#"Group(id: "left", kind: Subnet, label: "Left"), Group(id: "right", kind: Subnet, label: "Right")"#,
        "",
    );
    let l = scaleview::scene::layout_stage(&d, 0);
    let boxes: Vec<_> = l.groups.values().map(|g| g.rect).collect();
    assert_eq!(boxes.len(), 2);
    assert!(!boxes[0].intersects(&boxes[1]), "{boxes:?}");
    assert!(lint(&d).is_empty(), "{:?}", lint(&d));
}

#[test]
fn a_stage_too_wide_for_a_slide_is_reported() {
    let components: Vec<String> = (0..70)
        .map(|i| format!(r#"Component(id: "c{i}", kind: Ec2, cell: ({i}, 0))"#))
        .collect();
    let d = diagram(&components.join(","), "", "");
    let found = lint(&d);
    assert!(
        found
            .iter()
            .any(|f| f.item == Item::Stage(0) && f.message.contains("px on a 1920×1080 slide")),
        "{found:?}"
    );
}

fn check(args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_scaleview"))
        .arg("check")
        .args(args)
        .output()
        .expect("run");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn warnings_exit_zero_unless_denied_and_carry_line_and_column() {
    let dir = std::env::temp_dir().join(format!("scaleview-lint-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let file = dir.join("warn.ron");
    std::fs::write(
        &file,
        "Diagram(title: \"t\", stages: [Stage(id: \"a\", at: 1, title: \"A\")],\n    components: [\n        Component(id: \"long\", kind: Ec2, cell: (0, 0), label: \"a label far too long to fit in two lines of one cell of this grid\"),\n    ])\n",
    )
    .expect("write");
    let path = file.to_str().expect("utf8");
    let (code, err) = check(&[path]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("warn.ron:3:9: warning: the label of `long` is cut short"),
        "{err}"
    );
    assert!(err.contains("hint:"), "{err}");
    let (code, _) = check(&["--deny-warnings", path]);
    assert_eq!(code, 1);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_shipped_diagrams_have_no_warnings() {
    for path in common::shipped_diagrams() {
        let d = model::load_file(&path).expect("valid");
        let found = lint(&d);
        assert!(found.is_empty(), "{}: {found:?}", path.display());
    }
}
