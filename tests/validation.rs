//! Format and validation: good files load, bad files give every problem with its position.

use scaleview::model::{self, Diagnostic, LinkStyle};

/// Parse a diagram that must be valid, showing every diagnostic if it is not.
fn must_parse(src: &str, name: &str) -> model::Diagram {
    model::parse(src, name).unwrap_or_else(|e| {
        panic!(
            "{}",
            e.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n")
        )
    })
}

fn errors(src: &str) -> Vec<Diagnostic> {
    match model::parse(src, "t.ron") {
        Ok(_) => panic!("expected errors for:\n{src}"),
        Err(d) => d,
    }
}

/// 1-based line and column where `needle` first occurs in `src` (after `after`, if given).
fn pos_of(src: &str, after: &str, needle: &str) -> (usize, usize) {
    let start = src
        .find(after)
        .unwrap_or_else(|| panic!("{after:?} not in source"));
    let off = start
        + src[start..]
            .find(needle)
            .unwrap_or_else(|| panic!("{needle:?} not in source"));
    let before = &src[..off];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// Assert a diagnostic pointing at `needle` (the first one after `after` in `src`) whose
/// message contains `message`.
fn has_at(diags: &[Diagnostic], src: &str, after: &str, needle: &str, message: &str) {
    let (line, col) = pos_of(src, after, needle);
    has(diags, line, col, message);
}

/// Assert one diagnostic at `line:col` whose message contains `needle`.
fn has(diags: &[Diagnostic], line: usize, col: usize, needle: &str) {
    assert!(
        diags
            .iter()
            .any(|d| d.line == line && d.col == col && d.message.contains(needle)),
        "no diagnostic {line}:{col} containing {needle:?} in:\n{}",
        diags
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n")
    );
}

const GOOD: &str = r#"Diagram(
    title: "Small",
    stages: [
        Stage(id: "a", at: 1, title: "one"),
        Stage(id: "b", at: 10, title: "ten"),
    ],
    groups: [ Group(id: "vpc", kind: Vpc) ],
    components: [
        Component(id: "web", kind: Ec2, group: "vpc", cell: (0, 0), relabel: { "b": "Web" }),
        Component(id: "db", kind: Rds, cell: (1, 0), appears: "b"),
    ],
    links: [ Link(from: "web", to: "db", style: Replication) ],
)"#;

#[test]
fn a_small_valid_diagram_resolves_everything() {
    let d = model::parse(GOOD, "t.ron").expect("valid");
    assert_eq!(d.stages.len(), 2);
    let web = d.component("web").expect("web");
    assert_eq!(&*web.at[0].label, "EC2", "default label is the kind name");
    assert_eq!(&*web.at[1].label, "Web");
    assert_eq!(web.at[0].group, Some(0));
    // The link follows its ends: db only exists from stage b.
    assert_eq!(d.links[0].life.appears, 1);
    assert_eq!(d.links[0].style, LinkStyle::Replication);
    assert_eq!(d.stage_at(0.5), 0);
    assert_eq!(d.stage_at(9.99), 0);
    assert_eq!(d.stage_at(10.0), 1);
}

#[test]
fn the_default_diagram_is_valid_and_tells_all_nine_stages() {
    let d = must_parse(model::DEFAULT_DIAGRAM, "aws");
    let ats: Vec<f64> = d.stages.iter().map(|s| s.at).collect();
    assert_eq!(ats, [1.0, 2.0, 100.0, 1e3, 1e4, 5e5, 1e6, 5e6, 1e7]);
    for s in &d.stages {
        assert!(s.notes.len() > 80, "stage {} needs a real narrative", s.id);
    }
    for c in &d.components {
        assert!(c.notes.len() > 30, "component {} needs notes", c.id);
    }
    assert!(d.description.contains("guide, not a rule"));
}

#[test]
fn syntax_errors_point_at_the_slip() {
    // Missing comma between two fields on line 2.
    let d = errors("Diagram(\n    title: \"x\"\n    stages: [],\n)");
    assert_eq!(d.len(), 1);
    assert_eq!((d[0].line, d[0].col), (3, 5), "{}", d[0]);
    assert!(d[0].message.contains("comma"), "{}", d[0]);

    // Unknown field with a did-you-mean hint.
    let d = errors("Diagram(titel: \"x\", stages: [])");
    assert!(d[0].message.contains("`titel`"), "{}", d[0]);
    assert_eq!(d[0].hint.as_deref(), Some("did you mean `title`?"));
    assert_eq!(d[0].line, 1);

    // Unknown component kind.
    let src = GOOD.replace("kind: Rds", "kind: Rsd");
    let d = errors(&src);
    assert!(d[0].message.contains("`Rsd`"), "{}", d[0]);
    assert_eq!(
        d[0].hint.as_deref(),
        Some("did you mean `Rds`? (`scaleview kinds` lists every kind)")
    );
    assert_eq!(d[0].line, 10);

    // Unclosed string at the end.
    let d = errors("Diagram(title: \"x, stages: [])");
    assert!(
        d[0].message.contains("never closed") || d[0].message.contains("ends too early"),
        "{}",
        d[0]
    );

    // Empty file.
    let d = errors("  \n");
    assert_eq!(d[0].message, "the file is empty");
    assert_eq!((d[0].line, d[0].col), (1, 1));
}

#[test]
fn unknown_references_are_all_reported_with_positions_and_hints() {
    let src = GOOD
        .replace("group: \"vpc\"", "group: \"vcp\"")
        .replace("appears: \"b\"", "appears: \"bb\"")
        .replace("to: \"db\"", "to: \"dbb\"");
    let d = errors(&src);
    has_at(&d, &src, "", "\"vcp\"", "there is no group `vcp`");
    has_at(&d, &src, "", "\"bb\"", "there is no stage `bb`");
    has_at(&d, &src, "", "\"dbb\"", "there is no component `dbb`");
    let group = d
        .iter()
        .find(|x| x.message.contains("vcp"))
        .expect("group diag");
    assert_eq!(group.hint.as_deref(), Some("did you mean `vpc`?"));
    assert!(d.iter().all(|x| x.file == "t.ron"));
}

#[test]
fn duplicate_ids_and_shared_cells_are_rejected() {
    let src = GOOD.replace(
        "id: \"db\", kind: Rds, cell: (1, 0)",
        "id: \"web\", kind: Rds, cell: (0, 0.5)",
    );
    let d = errors(&src);
    has_at(
        &d,
        &src,
        "cell: (0, 0)",
        "\"web\"",
        "component id `web` is used twice",
    );
    has_at(
        &d,
        &src,
        "cell: (0, 0)",
        "\"web\"",
        "sit in the same cell (0, 0.5) at stage `b`",
    );
    let src = GOOD.replace("Stage(id: \"b\"", "Stage(id: \"a\"");
    let d = errors(&src);
    has_at(
        &d,
        &src,
        "title: \"one\"",
        "\"a\"",
        "stage id `a` is used twice",
    );
}

#[test]
fn stages_out_of_order_and_bad_axis_are_rejected() {
    let src = GOOD.replace("at: 10", "at: 1");
    let d = errors(&src);
    has_at(&d, &src, "\"b\"", "1", "not after the stage before it");
    let src = GOOD.replace("at: 1,", "at: 5,");
    let d = errors(&src);
    has_at(&d, &src, "\"a\"", "5", "the first stage starts at 5");
    let src = GOOD.replace("title: \"Small\",", "title: \"Small\", axis: Axis(min: 0),");
    let d = errors(&src);
    has_at(
        &d,
        &src,
        "min:",
        "0",
        "logarithmic axis must start above zero",
    );
}

#[test]
fn group_cycles_are_found() {
    let src = GOOD.replace(
        "groups: [ Group(id: \"vpc\", kind: Vpc) ]",
        "groups: [ Group(id: \"vpc\", kind: Vpc, parent: \"az\"), Group(id: \"az\", kind: AvailabilityZone, parent: \"vpc\") ]",
    );
    let d = errors(&src);
    assert_eq!(
        d.iter().filter(|x| x.message.contains("circle")).count(),
        1,
        "{d:?}"
    );
    has_at(&d, &src, "parent:", "\"az\"", "vpc → az → vpc");
}

#[test]
fn links_to_absent_components_are_rejected() {
    // The link claims to exist at stage a, but db only appears at b.
    let src = GOOD.replace("style: Replication", "style: Replication, appears: \"a\"");
    let d = errors(&src);
    has_at(&d, &src, "Replication", "\"a\"", "`db` is not present then");
    // A link to a group is explained.
    let d = errors(&GOOD.replace("to: \"db\"", "to: \"vpc\""));
    let diag = d.iter().find(|x| x.message.contains("vpc")).expect("diag");
    assert_eq!(
        diag.hint.as_deref(),
        Some("`vpc` is a group; links connect components")
    );
}

#[test]
fn components_outside_their_groups_lifetime_are_rejected() {
    let src = GOOD.replace(
        "Group(id: \"vpc\", kind: Vpc)",
        "Group(id: \"vpc\", kind: Vpc, appears: \"b\")",
    );
    let d = errors(&src);
    has_at(
        &d,
        &src,
        "id: \"web\"",
        "\"vpc\"",
        "that group is not present then",
    );
}

#[test]
fn binary_and_oversized_input_are_diagnostics_not_panics() {
    let d = model::parse_bytes(b"Diagram(title: \"\xff\xfe\")", "bin.ron").expect_err("not utf-8");
    assert_eq!((d[0].line, d[0].col), (1, 17));
    assert!(d[0].message.contains("UTF-8"));
    let big = vec![b' '; model::MAX_FILE_BYTES + 1];
    let d = model::parse_bytes(&big, "big.ron").expect_err("too big");
    assert!(d[0].message.contains("at most 4 MB"), "{}", d[0]);
    let deep = format!("Diagram(title: {}", "[".repeat(5000));
    let d = errors(&deep);
    assert!(!d.is_empty());
}

fn shipped(name: &str) -> model::Diagram {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("diagrams")
        .join(name);
    let src = std::fs::read_to_string(&path).expect("read");
    must_parse(&src, name)
}

#[test]
fn linear_step_axes_look_up_stages_at_and_between_thresholds() {
    let d = shipped("serverless-recommendation.ron");
    assert_eq!(d.axis.scale, model::Scale::Linear);
    assert_eq!(d.stages.len(), 5);
    assert_eq!(d.stage_at(1.0), 0);
    assert_eq!(d.stage_at(2.999), 1);
    assert_eq!(d.stage_at(3.0), 2);
    assert_eq!(d.stage_at(5.0), 4);
    for v in [1.0, 2.5, 4.0, 5.0] {
        let back = d.axis.value_at(d.axis.fraction_of(v));
        assert!((back - v).abs() < 1e-9);
    }
    assert!(
        (d.axis.fraction_of(3.0) - 0.5).abs() < 1e-12,
        "linear spacing"
    );
    assert_eq!(d.axis.long_label(3.0), "step 3");
}

#[test]
fn log_axes_in_other_units_look_up_stages() {
    let d = shipped("log-analytics.ron");
    assert_eq!(d.axis.scale, model::Scale::Log);
    assert_eq!(d.stage_at(49.9), 0);
    assert_eq!(d.stage_at(50.0), 1);
    assert_eq!(d.stage_at(600.0), 2);
    assert_eq!(d.stage_at(1e9), 3);
    assert_eq!(d.axis.long_label(50.0), "50 GB/day");
    assert_eq!(d.axis.short_label(5000.0), "5K");
    let c = shipped("cloudfront-image-resize.ron");
    assert_eq!(
        c.stages.last().map(|s| s.title.as_str()),
        Some("4 · Resized on demand")
    );
}

#[test]
fn the_annotated_example_in_the_format_reference_is_valid() {
    let doc = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/FORMAT.md"),
    )
    .expect("FORMAT.md");
    let start = doc.find("```ron\n").expect("a ron example") + "```ron\n".len();
    let end = start + doc[start..].find("```").expect("end of example");
    let d = must_parse(&doc[start..end], "FORMAT.md");
    assert_eq!(d.stages.len(), 2);
    let web = d.component("web").expect("web");
    assert_eq!(web.at[1].cell, (2.0, 0.0), "moves applies from stage 1k");
    assert_eq!(&*web.at[1].label, "Web");
    assert_eq!(
        d.links[0].life.appears, 1,
        "the link follows the load balancer's lifetime"
    );
}

#[test]
fn a_move_onto_a_taken_cell_is_reported_once_at_the_stage_it_happens() {
    let src = r#"Diagram(
    title: "Moves",
    stages: [
        Stage(id: "a", at: 1, title: "one"),
        Stage(id: "b", at: 10, title: "two"),
        Stage(id: "c", at: 100, title: "three"),
        Stage(id: "d", at: 1000, title: "four"),
    ],
    components: [
        Component(id: "x", kind: Ec2, cell: (0, 0)),
        Component(id: "y", kind: Rds, cell: (2, 0), moves: { "c": (0, 0.5), "d": (2, 0) }),
        Component(id: "z", kind: S3, cell: (4, 0), appears: "d", moves: { "d": (2.5, 0) }),
    ],
)"#;
    let d = errors(src);
    let same: Vec<&Diagnostic> = d
        .iter()
        .filter(|x| x.message.contains("same cell"))
        .collect();
    assert_eq!(same.len(), 2, "{d:?}");
    assert!(
        same[0]
            .message
            .contains("`y` and `x` sit in the same cell (0, 0.5) at stage `c`")
    );
    assert!(
        same[1]
            .message
            .contains("`z` and `y` sit in the same cell (2.5, 0) at stage `d`")
    );
}

#[test]
fn stage_metrics_keep_the_authors_order_and_component_costs_are_read() {
    let src = r#"Diagram(
    title: "t",
    stages: [Stage(id: "a", at: 1, title: "A", metrics: {"zeta": "1", "alpha": "2"})],
    components: [Component(id: "c", kind: Ec2, cell: (0, 0), cost: "≈ $70/month")],
)"#;
    let d = scaleview::model::parse(src, "m.ron").expect("valid");
    let names: Vec<&str> = d.stages[0]
        .metrics
        .iter()
        .map(|(n, _)| n.as_str())
        .collect();
    assert_eq!(names, ["zeta", "alpha"]);
    assert_eq!(d.components[0].cost, "≈ $70/month");
    let bad = src.replace(r#"{"zeta": "1", "alpha": "2"}"#, r#"["zeta"]"#);
    let errors = scaleview::model::parse(&bad, "m.ron").expect_err("a list is not a map");
    assert!(errors[0].line == 3, "{:?}", errors[0]);
}

#[test]
fn kinds_written_under_other_names_get_a_hint_that_names_the_right_kind() {
    let src = std::fs::read_to_string("tests/errors/unknown-component-kind.ron").expect("read");
    for (alias, kind) in [
        ("Nlb", "Nlb"),
        ("K8s", "Eks"),
        ("Postgres", "RelationalDatabase"),
        ("Nat", "NatGateway"),
        ("HAProxy", "LoadBalancer"),
        ("Kafka", "EventStream"),
    ] {
        if alias == kind {
            // Now a kind of its own: accepted as written.
            let ok = src.replace("kind: Ec3", &format!("kind: {alias}"));
            assert!(scaleview::model::parse(&ok, "alias.ron").is_ok(), "{alias}");
            continue;
        }
        let broken = src.replace("kind: Ec3", &format!("kind: {alias}"));
        let diags = scaleview::model::parse(&broken, "alias.ron").expect_err("invalid");
        let d = &diags[0];
        assert!(d.message.contains(&format!("`{alias}`")), "{}", d.message);
        let hint = d.hint.as_deref().unwrap_or_default();
        assert!(hint.contains(&format!("`kind: {kind}`")), "{alias}: {hint}");
    }
}

#[test]
fn fields_written_under_other_names_get_a_hint_that_names_the_right_field() {
    // A component written the way a newcomer guesses, one field at a time.
    let src = std::fs::read_to_string("tests/errors/unknown-field-by-meaning.ron").expect("read");
    for (written, field) in [
        ("from", "appears"),
        ("until", "retires"),
        ("position", "cell"),
        ("parent", "group"),
        ("name", "label"),
        ("description", "notes"),
        ("type", "kind"),
        ("image", "icon"),
    ] {
        let broken = src.replace("from: \"many\"", &format!("{written}: \"many\""));
        let diags = model::parse(&broken, "field.ron").expect_err("invalid");
        let d = &diags[0];
        assert!(d.message.contains(&format!("`{written}`")), "{}", d.message);
        let hint = d.hint.as_deref().unwrap_or_default();
        assert_eq!(hint, format!("did you mean `{field}`?"), "{written}");
    }
    // On a group, `group` means its parent; on a link, `from` is a field and stays valid.
    let group = src.replace(
        "Group(id: \"az\", kind: AvailabilityZone, parent: \"vpc\"",
        "Group(id: \"az\", kind: AvailabilityZone, group: \"vpc\"",
    );
    let diags = model::parse(&group, "field.ron").expect_err("invalid");
    assert_eq!(diags[0].hint.as_deref(), Some("did you mean `parent`?"));
    let fixed = src.replace("from: \"many\"", "appears: \"many\"");
    assert!(
        model::parse(&fixed, "field.ron").is_ok(),
        "links keep `from`"
    );
}

#[test]
fn reparent_names_real_groups_at_stages_the_group_lives_in_and_makes_no_circle() {
    let diagram = |groups: &str| {
        format!(
            r#"Diagram(title: "t",
    stages: [Stage(id: "a", at: 1, title: "a"), Stage(id: "b", at: 2, title: "b")],
    groups: [
{groups}
    ],
    components: [Component(id: "c", kind: Ec2, group: "x", cell: (0, 0))])"#
        )
    };
    let first_error = |groups: &str| {
        let errors = scaleview::model::parse(&diagram(groups), "r.ron").expect_err("invalid");
        errors[0].clone()
    };
    let ok = diagram(
        r#"        Group(id: "x", kind: NodeGroup, parent: "y", reparent: { "b": "z" }),
        Group(id: "y", kind: Vpc),
        Group(id: "z", kind: AvailabilityZone, parent: "y"),"#,
    );
    let d = scaleview::model::parse(&ok, "r.ron").expect("valid");
    assert_eq!(d.groups[0].parents, [Some(1), Some(2)]);
    assert_eq!(d.groups[0].ancestors_at(&d.groups, 1), [2, 1]);

    let e = first_error(
        r#"        Group(id: "x", kind: NodeGroup, reparent: { "b": "zz" }),
        Group(id: "z", kind: Vpc),"#,
    );
    assert!(e.message.contains("no group `zz`") && e.line == 4, "{e}");
    assert!(e.hint.as_deref().is_some_and(|h| h.contains("`z`")), "{e}");

    let e = first_error(r#"        Group(id: "x", kind: NodeGroup, reparent: { "c": "x" }),"#);
    assert!(e.message.contains("`c`"), "an unknown stage: {e}");

    let e = first_error(r#"        Group(id: "x", kind: NodeGroup, reparent: { "b": "x" }),"#);
    assert!(e.message.contains("cannot be inside itself"), "{e}");

    let e = first_error(
        r#"        Group(id: "x", kind: NodeGroup, retires: "b"),
        Group(id: "y", kind: Vpc, reparent: { "b": "x" }),
        Group(id: "w", kind: Vpc, appears: "b", reparent: { "a": "y" }),"#,
    );
    assert!(e.message.contains("when this group is not present"), "{e}");

    // A circle that only closes at stage `b`, pointed at the entry that closes it.
    let e = first_error(
        r#"        Group(id: "x", kind: NodeGroup, parent: "y"),
        Group(id: "y", kind: Vpc, reparent: { "b": "x" }),"#,
    );
    assert!(
        e.message.contains("circle") && e.message.contains("stage `b`"),
        "{e}"
    );
    assert_eq!(e.line, 5, "{e}");
}
