//! Scene: per-stage golden snapshots, layout invariants, and continuous transitions.

mod common;

use scaleview::model::{self, ComponentKind, GroupKind};
use scaleview::scene::{Moment, Scene};

/// Compare with the committed snapshot; `UPDATE_GOLDEN=1 cargo test` rewrites it.
fn check_golden(name: &str, text: &str) {
    let Some(want) = common::golden("scene", name, text.as_bytes()) else {
        return;
    };
    let want = String::from_utf8(want).expect("golden is UTF-8");
    if want != text {
        let diff: Vec<String> = want
            .lines()
            .zip(text.lines())
            .filter(|(a, b)| a != b)
            .take(8)
            .map(|(a, b)| format!("- {a}\n+ {b}"))
            .collect();
        panic!(
            "{name} changed (UPDATE_GOLDEN=1 to accept):\n{}",
            diff.join("\n")
        );
    }
}

#[test]
fn every_stage_matches_its_golden_snapshot() {
    for path in common::shipped_diagrams() {
        let text = std::fs::read_to_string(&path).expect("readable");
        let d = model::parse(&text, &path.display().to_string()).expect("valid");
        let stem = path.file_stem().expect("file name").to_string_lossy();
        for s in 0..d.stages.len() {
            let text = Scene::settled(&d, s).to_text();
            check_golden(
                &format!("{stem}-{:02}-{}.txt", s + 1, d.stages[s].id),
                &text,
            );
        }
    }
}

/// Every diagram we ship, parsed.
fn shipped() -> Vec<(String, model::Diagram)> {
    let mut out = Vec::new();
    for path in common::shipped_diagrams() {
        let text = std::fs::read_to_string(&path).expect("readable");
        let name = path.display().to_string();
        let d = model::parse(&text, &name).expect("valid");
        out.push((name, d));
    }
    assert!(out.len() >= 4);
    out
}

#[test]
fn settled_stages_have_no_overlaps_and_groups_enclose_members() {
    for (name, d) in shipped() {
        check_layout(&name, &d);
    }
}

fn check_layout(name: &str, d: &model::Diagram) {
    for s in 0..d.stages.len() {
        let scene = Scene::settled(d, s);
        for (i, a) in scene.components.iter().enumerate() {
            for b in &scene.components[i + 1..] {
                assert!(
                    !a.rect.intersects(&b.rect),
                    "{name} stage {s}: {} overlaps {}",
                    a.id,
                    b.id
                );
            }
            let c = &d.components[a.index];
            if let Some(g) = c.at[s].group {
                let gs = scene
                    .groups
                    .iter()
                    .find(|x| x.index == g)
                    .expect("group drawn");
                let inner = gs.rect;
                assert!(
                    inner.contains(a.rect.min) && inner.contains(a.rect.max),
                    "{name} stage {s}: {} sticks out of {}",
                    a.id,
                    gs.id
                );
            }
            // A node outside a group must not sit inside that group's box.
            for g in &scene.groups {
                let member = is_inside(d, s, c.at[s].group, g.index);
                if !member {
                    assert!(
                        !g.rect.intersects(&a.rect),
                        "{name} stage {s}: {} lies inside foreign group {}",
                        a.id,
                        g.id
                    );
                }
            }
        }
        for g in &scene.groups {
            if let Some(p) = d.groups[g.index].parent_at(s) {
                let parent = scene
                    .groups
                    .iter()
                    .find(|x| x.index == p)
                    .expect("parent drawn");
                assert!(
                    parent.rect.contains(g.rect.min) && parent.rect.contains(g.rect.max),
                    "{} not in {}",
                    g.id,
                    parent.id
                );
                assert!(g.depth == parent.depth + 1);
            }
        }
    }
}

fn is_inside(d: &model::Diagram, s: usize, group: Option<usize>, target: usize) -> bool {
    let mut cur = group;
    while let Some(g) = cur {
        if g == target {
            return true;
        }
        cur = d.groups[g].parent_at(s);
    }
    false
}

#[test]
fn the_talks_milestones_are_on_the_diagram() {
    let d = model::default_diagram();
    let kinds = |s: usize| -> Vec<ComponentKind> {
        Scene::settled(&d, s)
            .components
            .iter()
            .map(|n| n.kind)
            .collect()
    };
    let one = kinds(0);
    assert_eq!(
        one,
        [
            ComponentKind::Users,
            ComponentKind::Route53,
            ComponentKind::ElasticIp,
            ComponentKind::Ec2
        ]
    );
    let ten_k_scene = Scene::settled(&d, 4);
    let ten_k = kinds(4);
    for k in [
        ComponentKind::Elb,
        ComponentKind::S3,
        ComponentKind::CloudFront,
        ComponentKind::ElastiCache,
        ComponentKind::DynamoDb,
        ComponentKind::AutoScaling,
        ComponentKind::CloudWatch,
    ] {
        assert!(ten_k.contains(&k), "10k stage lacks {k:?}");
    }
    assert!(
        ten_k_scene
            .components
            .iter()
            .any(|n| &*n.label == "Read replica")
    );
    assert_eq!(
        ten_k_scene
            .groups
            .iter()
            .filter(|g| g.kind == GroupKind::AvailabilityZone)
            .count(),
        2
    );
    assert!(
        ten_k_scene
            .groups
            .iter()
            .any(|g| g.kind == GroupKind::AutoScalingGroup)
    );
    let last = Scene::settled(&d, 8);
    assert_eq!(
        last.groups
            .iter()
            .filter(|g| g.kind == GroupKind::Region)
            .count(),
        2,
        "multi-region at 10M"
    );
    assert!(last.caption.stage_title.contains("10 million"));
}

#[test]
fn transitions_start_at_a_and_end_at_b() {
    let d = model::default_diagram();
    let visible = |s: &Scene| -> Vec<(String, i64, i64)> {
        let mut v: Vec<_> = s
            .components
            .iter()
            .filter(|n| n.opacity > 0.999)
            .map(|n| {
                (
                    n.id.to_string(),
                    n.rect.center().x.round() as i64,
                    n.rect.center().y.round() as i64,
                )
            })
            .collect();
        v.sort();
        v
    };
    for a in 0..d.last_stage() {
        let start = Scene::at(
            &d,
            Moment {
                from: a,
                to: a + 1,
                t: 0.0,
            },
        );
        let end = Scene::at(
            &d,
            Moment {
                from: a,
                to: a + 1,
                t: 1.0,
            },
        );
        assert_eq!(
            visible(&start),
            visible(&Scene::settled(&d, a)),
            "t=0 of {a}->{}",
            a + 1
        );
        assert_eq!(
            visible(&end),
            visible(&Scene::settled(&d, a + 1)),
            "t=1 of {a}->{}",
            a + 1
        );
        assert_eq!(end.bounds, Scene::settled(&d, a + 1).bounds);
    }
}

#[test]
fn positions_and_opacity_change_continuously() {
    let d = model::default_diagram();
    let steps = 200;
    let mut prev: Option<Scene> = None;
    for k in 0..=steps * d.last_stage() {
        let p = k as f32 / steps as f32;
        let scene = Scene::at(&d, Moment::at_position(p, d.last_stage()));
        if let Some(prev) = &prev {
            for n in &scene.components {
                if let Some(o) = prev.components.iter().find(|o| o.id == n.id) {
                    let moved = n.icon.center().distance(o.icon.center());
                    assert!(moved < 20.0, "{} jumped {moved} at position {p}", n.id);
                    assert!(
                        (n.opacity - o.opacity).abs() <= 1.0 / steps as f32 + 1e-4,
                        "{} opacity jumped at {p}",
                        n.id
                    );
                } else {
                    assert!(
                        n.opacity <= 1.0 / steps as f32 + 1e-4,
                        "{} popped in at {p} with opacity {}",
                        n.id,
                        n.opacity
                    );
                }
            }
            for g in &scene.groups {
                if let Some(o) = prev.groups.iter().find(|o| o.id == g.id) {
                    assert!(
                        g.rect.min.distance(o.rect.min) < 25.0
                            && g.rect.max.distance(o.rect.max) < 25.0,
                        "group {} jumped at {p}",
                        g.id
                    );
                }
            }
        }
        prev = Some(scene);
    }
}

#[test]
fn new_components_are_flagged_only_in_their_stage() {
    let d = model::default_diagram();
    let ten_k = Scene::settled(&d, 4);
    let new: Vec<&str> = ten_k
        .components
        .iter()
        .filter(|n| n.is_new)
        .map(|n| &*n.id)
        .collect();
    assert!(
        new.contains(&"cdn") && new.contains(&"replica-a") && !new.contains(&"web"),
        "{new:?}"
    );
    assert!(
        Scene::settled(&d, 0).components.iter().all(|n| !n.is_new),
        "nothing is new at the start"
    );
    let later = Scene::settled(&d, 5);
    assert!(
        later
            .components
            .iter()
            .find(|n| &*n.id == "cdn")
            .is_some_and(|n| !n.is_new)
    );
}

#[test]
fn moment_from_position_clamps_and_splits() {
    assert_eq!(
        Moment::at_position(2.25, 8),
        Moment {
            from: 2,
            to: 3,
            t: 0.25
        }
    );
    assert_eq!(Moment::at_position(-1.0, 8), Moment::settled(0));
    assert_eq!(Moment::at_position(99.0, 8), Moment::settled(8));
    assert_eq!(Moment::at_position(f32::NAN, 8), Moment::settled(0));
    assert_eq!(
        Moment {
            from: 2,
            to: 3,
            t: 0.6
        }
        .nearest_stage(),
        3
    );
}

#[test]
fn the_layout_cache_gives_exactly_the_uncached_scene() {
    let d = model::default_diagram();
    let mut cache = scaleview::scene::LayoutCache::default();
    for p in [0.0, 3.3, 4.5, 4.0, 7.9, 8.0, 0.2] {
        let m = Moment::at_position(p, d.last_stage());
        assert_eq!(cache.scene(&d, m), Scene::at(&d, m), "at {p}");
    }
}

#[test]
fn links_in_shipped_diagrams_cross_no_component_and_no_label() {
    use scaleview::scene::route::segment_hits_rect;
    use scaleview::scene::{Point, Rect, style, text};
    let mut crossings = Vec::new();
    let mut orthogonal = 0;
    let mut total = 0;
    for (name, d) in shipped() {
        for s in 0..d.stages.len() {
            let scene = Scene::settled(&d, s);
            for e in &scene.links {
                let link = &d.links[e.index];
                let runs_through = |r: &Rect| {
                    e.points
                        .windows(2)
                        .any(|w| segment_hits_rect(w[0], w[1], r))
                };
                total += 1;
                if e.points
                    .windows(2)
                    .all(|w| (w[0].x - w[1].x).abs() < 0.01 || (w[0].y - w[1].y).abs() < 0.01)
                {
                    orthogonal += 1;
                }
                for g in &scene.groups {
                    let w = text::width(&g.label, style::GROUP_LABEL_SIZE, text::Weight::Bold);
                    let label = Rect::from_min_max(
                        Point::new(
                            g.rect.min.x + style::group_label_inset(g.kind),
                            g.rect.min.y + 4.0,
                        ),
                        Point::new(
                            g.rect.min.x + style::group_label_inset(g.kind) + w,
                            g.rect.min.y + style::GROUP_LABEL_BAND - 2.0,
                        ),
                    );
                    if runs_through(&label) {
                        crossings.push(format!(
                            "{name} stage {s}: {} crosses label of {}",
                            e.id, g.id
                        ));
                    }
                }
                for other in scene
                    .links
                    .iter()
                    .filter(|o| !o.label.is_empty() && o.index != e.index)
                {
                    let w =
                        text::width(&other.label, style::EDGE_LABEL_SIZE, text::Weight::Regular);
                    let label = Rect::from_center_size(other.label_pos, w, style::EDGE_LABEL_SIZE);
                    if runs_through(&label) {
                        crossings.push(format!(
                            "{name} stage {s}: {} crosses the label of {}",
                            e.id, other.id
                        ));
                    }
                }
                for n in &scene.components {
                    if n.index == link.from || n.index == link.to {
                        continue;
                    }
                    if runs_through(&n.rect) {
                        crossings.push(format!("{name} stage {s}: {} crosses {}", e.id, n.id));
                    }
                }
            }
        }
    }
    assert!(crossings.is_empty(), "{}", crossings.join("\n"));
    // Architecture diagrams read best with horizontal and vertical lines.
    assert!(
        orthogonal * 10 >= total * 8,
        "only {orthogonal} of {total} links are orthogonal"
    );
}

#[test]
fn labels_grown_to_the_text_room_never_collide_or_leave_their_group() {
    use scaleview::scene::{Point, Rect, style, text};
    for (name, d) in shipped() {
        for s in 0..d.stages.len() {
            let scene = Scene::settled(&d, s);
            let k = scene.text_room;
            assert!(
                (1.0..=style::MAX_TEXT_BOOST).contains(&k),
                "{name} {s}: {k}"
            );
            let grown: Vec<(usize, Rect)> = scene
                .components
                .iter()
                .map(|n| {
                    let w = n
                        .lines
                        .iter()
                        .map(|l| text::width(l, style::LABEL_SIZE, text::Weight::Regular))
                        .fold(0.0, f32::max)
                        * k;
                    let top = n.icon.max.y + style::LABEL_GAP;
                    let h = style::LABEL_LINE * n.lines.len() as f32 * k;
                    let cx = n.icon.center().x;
                    let r = Rect::from_min_max(
                        Point::new(cx - w / 2.0, top),
                        Point::new(cx + w / 2.0, top + h),
                    );
                    (n.index, r)
                })
                .collect();
            for (i, (a, ra)) in grown.iter().enumerate() {
                for (b, rb) in &grown[i + 1..] {
                    assert!(
                        !ra.expand_by(-1.0).intersects(rb),
                        "{name} stage {s}: grown labels of {a} and {b} collide"
                    );
                }
                for n in &scene.components {
                    assert!(
                        n.index == *a || !ra.expand_by(-1.0).intersects(&n.icon),
                        "{name} stage {s}: grown label of {a} covers icon of {}",
                        n.id
                    );
                }
                if let Some(g) = d.components[*a].at[s].group
                    && let Some(gs) = scene.groups.iter().find(|x| x.index == g)
                {
                    assert!(
                        gs.rect.contains(ra.min) && gs.rect.contains(ra.max),
                        "{name} stage {s}: grown label of {a} leaves {}",
                        gs.id
                    );
                }
            }
        }
    }
}

#[test]
fn links_in_shipped_diagrams_never_run_on_top_of_each_other() {
    // Two unrelated links sharing a stretch of line read as one; they may only cross or touch.
    let axis = |p: scaleview::scene::Point, q: scaleview::scene::Point| {
        if (p.y - q.y).abs() < 0.5 {
            Some((true, p.y, p.x.min(q.x), p.x.max(q.x)))
        } else if (p.x - q.x).abs() < 0.5 {
            Some((false, p.x, p.y.min(q.y), p.y.max(q.y)))
        } else {
            None
        }
    };
    let mut shared = Vec::new();
    for (name, d) in shipped() {
        for s in 0..d.stages.len() {
            let scene = Scene::settled(&d, s);
            // Group borders count as lines too: a link running along one vanishes in it.
            let borders: Vec<_> = scene
                .groups
                .iter()
                .flat_map(|g| {
                    let r = g.rect;
                    [
                        (true, r.min.y, r.min.x, r.max.x),
                        (true, r.max.y, r.min.x, r.max.x),
                        (false, r.min.x, r.min.y, r.max.y),
                        (false, r.max.x, r.min.y, r.max.y),
                    ]
                    .map(|b| (g.id.clone(), b))
                })
                .collect();
            for e in &scene.links {
                for a in e.points.windows(2).filter_map(|w| axis(w[0], w[1])) {
                    for (g, b) in &borders {
                        let overlap = a.3.min(b.3) - a.2.max(b.2);
                        if a.0 == b.0 && (a.1 - b.1).abs() < 3.0 && overlap > 12.0 {
                            shared.push(format!(
                                "{name} stage {s}: {} runs {overlap:.0} units along the border of {g}",
                                e.id
                            ));
                        }
                    }
                }
            }
            for (i, e) in scene.links.iter().enumerate() {
                // Links from or to the same component may bundle (fan-out, fan-in).
                let ends =
                    |x: &scaleview::scene::LinkShape| (d.links[x.index].from, d.links[x.index].to);
                for f in scene.links[i + 1..].iter().filter(|f| {
                    let (a, b) = (ends(e), ends(f));
                    a.0 != b.0 && a.1 != b.1
                }) {
                    for a in e.points.windows(2).filter_map(|w| axis(w[0], w[1])) {
                        for b in f.points.windows(2).filter_map(|w| axis(w[0], w[1])) {
                            let overlap = a.3.min(b.3) - a.2.max(b.2);
                            if a.0 == b.0 && (a.1 - b.1).abs() < 3.0 && overlap > 12.0 {
                                shared.push(format!(
                                    "{name} stage {s}: {} and {} share {overlap:.0} units",
                                    e.id, f.id
                                ));
                            }
                        }
                    }
                }
            }
        }
    }
    assert!(shared.is_empty(), "{}", shared.join("\n"));
}

#[test]
fn the_scene_bounds_hold_every_link_label() {
    // The camera and the exports fit the bounds: a label outside them would be cut off.
    use scaleview::scene::{style, text};
    for (name, d) in shipped() {
        for s in 0..d.stages.len() {
            let scene = Scene::settled(&d, s);
            for e in scene.links.iter().filter(|e| !e.label.is_empty()) {
                let w = text::width(&e.label, style::EDGE_LABEL_SIZE, text::Weight::Regular);
                for x in [e.label_pos.x - w / 2.0, e.label_pos.x + w / 2.0] {
                    assert!(
                        (scene.bounds.min.x..=scene.bounds.max.x).contains(&x),
                        "{name} stage {s}: label of {} sticks out",
                        e.id
                    );
                }
            }
        }
    }
}

#[test]
fn components_the_next_stage_retires_are_marked_leaving_as_the_slider_nears_it() {
    let d = model::default_diagram();
    // Stage 3 (> 100 users) is followed by > 1,000 users, which retires the Elastic IP.
    let leaving = |value: f64| {
        let mut s = Scene::settled(&d, 2);
        scaleview::scene::mark_leaving(&mut s, &d, 2, value);
        let eip = s
            .components
            .iter()
            .find(|n| &*n.id == "eip")
            .expect("eip")
            .leaving;
        let others = s
            .components
            .iter()
            .filter(|n| &*n.id != "eip")
            .map(|n| n.leaving)
            .fold(0.0f32, f32::max);
        (eip, others)
    };
    assert_eq!(leaving(100.0), (0.0, 0.0), "just arrived");
    assert_eq!(leaving(300.0).0, 0.0, "not yet half way (log scale)");
    let (near, others) = leaving(900.0);
    assert!(near > 0.8, "{near}");
    assert_eq!(others, 0.0, "only what the next stage retires");
    let mut last = 0.0;
    for v in [320.0, 400.0, 550.0, 700.0, 999.0] {
        let (l, _) = leaving(v);
        assert!(l >= last, "monotonic: {l} after {last}");
        last = l;
    }
}

/// A node group that starts beside an Availability Zone and moves into it at stage `b`.
const REPARENT: &str = r#"Diagram(
    title: "Reparent",
    stages: [Stage(id: "a", at: 1, title: "Beside"), Stage(id: "b", at: 10, title: "Inside")],
    groups: [
        Group(id: "vpc", kind: Vpc),
        Group(id: "az", kind: AvailabilityZone, parent: "vpc"),
        Group(id: "ng", kind: NodeGroup, parent: "vpc", reparent: { "b": "az" }),
    ],
    components: [
        Component(id: "lb", kind: Alb, group: "az", cell: (0, 0)),
        Component(id: "n1", kind: Ec2, group: "ng", cell: (3, 0), moves: { "b": (1, 1) }),
        Component(id: "n2", kind: Ec2, group: "ng", cell: (4, 0), moves: { "b": (2, 1) }),
    ],
)"#;

#[test]
fn a_reparented_group_moves_into_its_new_parent() {
    let d = model::parse(REPARENT, "reparent.ron").expect("parses");
    assert_eq!(d.groups[2].parents, [Some(0), Some(1)]);
    let rect = |s: &Scene, id: &str| {
        s.groups
            .iter()
            .find(|g| &*g.id == id)
            .map(|g| g.rect)
            .unwrap_or_else(|| panic!("no group {id}"))
    };
    let contains = |outer: scaleview::scene::Rect, inner: scaleview::scene::Rect| {
        outer.min.x <= inner.min.x
            && outer.min.y <= inner.min.y
            && outer.max.x >= inner.max.x
            && outer.max.y >= inner.max.y
    };
    let a = Scene::settled(&d, 0);
    assert!(contains(rect(&a, "vpc"), rect(&a, "ng")));
    assert!(
        !rect(&a, "az").intersects(&rect(&a, "ng")),
        "beside the zone at first"
    );
    let b = Scene::settled(&d, 1);
    assert!(
        contains(rect(&b, "az"), rect(&b, "ng")),
        "inside the zone from `b` on"
    );
    assert!(contains(rect(&b, "vpc"), rect(&b, "az")));
}

#[test]
fn a_reparented_group_glides_without_a_jump() {
    let d = model::parse(REPARENT, "reparent.ron").expect("parses");
    let steps = 200;
    let mut prev: Option<Scene> = None;
    for k in 0..=steps {
        let t = k as f32 / steps as f32;
        let scene = Scene::at(&d, Moment { from: 0, to: 1, t });
        for id in ["ng", "az", "vpc"] {
            let g = scene.groups.iter().find(|g| &*g.id == id);
            let g = g.unwrap_or_else(|| panic!("{id} vanished at t={t}"));
            assert!(g.opacity > 0.99, "{id} faded at t={t}: {}", g.opacity);
            if let Some(o) = prev
                .as_ref()
                .and_then(|p| p.groups.iter().find(|o| o.id == g.id))
            {
                let jump = g
                    .rect
                    .min
                    .distance(o.rect.min)
                    .max(g.rect.max.distance(o.rect.max));
                assert!(jump < 6.0, "{id} jumped {jump} at t={t}");
            }
        }
        prev = Some(scene);
    }
}
