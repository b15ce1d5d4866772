//! Request flow: dots lie on their own links, more of them as the user count grows, none where
//! no user request goes; they move with time; in the app, `T` turns them on and off, and off
//! costs nothing (the app goes idle).

use std::time::Duration;

use egui_kittest::Harness;
use scaleview::app::ScaleviewApp;
use scaleview::model;
use scaleview::scene::flow;
use scaleview::scene::{Point, Scene};

fn distance_to_polyline(p: Point, pts: &[Point]) -> f32 {
    pts.windows(2)
        .map(|w| {
            let (a, b) = (w[0], w[1]);
            let (dx, dy) = (b.x - a.x, b.y - a.y);
            let len2 = dx * dx + dy * dy;
            let t = if len2 > 0.0 {
                (((p.x - a.x) * dx + (p.y - a.y) * dy) / len2).clamp(0.0, 1.0)
            } else {
                0.0
            };
            let (x, y) = (a.x + dx * t, a.y + dy * t);
            (p.x - x).hypot(p.y - y)
        })
        .fold(f32::MAX, f32::min)
}

#[test]
fn dots_lie_on_their_own_links_in_every_stage() {
    let d = model::default_diagram();
    for stage in 0..d.stages.len() {
        let scene = Scene::settled(&d, stage);
        for t in [0.0, 0.37, 2.5] {
            let dots = flow::dots(&d, &scene, d.stages[stage].at, t);
            assert!(!dots.is_empty(), "stage {stage}: no traffic at all");
            for dot in &dots {
                let e = &scene.links[dot.edge];
                let off = distance_to_polyline(dot.pos, &e.points);
                assert!(
                    off < 0.05,
                    "stage {stage}: a dot {off} off its link {}",
                    e.id
                );
            }
        }
    }
}

#[test]
fn more_users_means_more_dots() {
    let d = model::default_diagram();
    for stage in [0, 4, 8] {
        let scene = Scene::settled(&d, stage);
        let mut last = 0;
        for exp in 0..=7 {
            let users = 10f64.powi(exp);
            let n = flow::dots(&d, &scene, users, 1.0).len();
            assert!(
                n >= last,
                "stage {stage}: {n} dots at {users} users, {last} before"
            );
            last = n;
        }
        let trickle = flow::dots(&d, &scene, 1.0, 1.0).len();
        assert!(
            last > trickle * 2,
            "stage {stage}: {trickle} → {last} is not a stream"
        );
    }
}

#[test]
fn traffic_splits_and_never_reaches_what_users_do_not_call() {
    let d = model::default_diagram();
    let scene = Scene::settled(&d, 4); // 10k: two web servers, alarms
    let shares = flow::shares(&d, &scene);
    let share = |id: &str| {
        let i = scene
            .links
            .iter()
            .position(|e| &*e.id == id)
            .unwrap_or_else(|| panic!("no edge {id}"));
        shares[i]
    };
    // The load balancer splits what reaches it between the two web servers.
    assert!((share("elb->web") - share("elb->web-b")).abs() < 1e-6);
    assert!(share("elb->web") < share("users->elb"));
    // CloudWatch alarms are not user requests.
    assert_eq!(share("cloudwatch->autoscaling"), 0.0);
    let dots = flow::dots(&d, &scene, 10_000.0, 1.0);
    let alarms = scene
        .links
        .iter()
        .position(|e| &*e.id == "cloudwatch->autoscaling")
        .expect("edge");
    assert!(dots.iter().all(|dot| dot.edge != alarms));
}

#[test]
fn dots_move_along_with_time() {
    let d = model::default_diagram();
    let scene = Scene::settled(&d, 3);
    let a = flow::dots(&d, &scene, 1000.0, 0.0);
    let b = flow::dots(&d, &scene, 1000.0, 0.1);
    assert_ne!(a, b);
}

#[test]
fn t_turns_traffic_on_and_off_and_off_is_idle() {
    let mut h = Harness::builder()
        .with_size([1440.0, 900.0])
        .with_max_steps(30)
        .build_eframe(|cc| ScaleviewApp::new(cc));
    h.run();
    let delay = |h: &Harness<'_, ScaleviewApp>| {
        h.output()
            .viewport_output
            .get(&egui::ViewportId::ROOT)
            .map(|v| v.repaint_delay)
    };
    assert_eq!(delay(&h), Some(Duration::MAX), "settled: no repaint wanted");
    h.key_press(egui::Key::T);
    // The key press itself and the button's hover animation ask for a few immediate frames.
    for _ in 0..10 {
        h.step();
        if delay(&h) != Some(Duration::ZERO) {
            break;
        }
    }
    for _ in 0..5 {
        h.step();
        let d = delay(&h).expect("root viewport");
        assert!(
            d <= Duration::from_millis(50),
            "traffic on: the next frame is wanted within 50 ms, not {d:?}"
        );
        assert!(
            d >= Duration::from_millis(30),
            "traffic on: frames are paced, not drawn as fast as possible ({d:?})"
        );
    }
    h.key_press(egui::Key::T);
    h.run();
    assert_eq!(h.run(), 1, "traffic off: the app is idle again");
    assert_eq!(delay(&h), Some(Duration::MAX));
}

#[test]
fn a_declared_share_weights_the_split() {
    let src = |share: &str| {
        format!(
            r#"Diagram(
    title: "t",
    stages: [Stage(id: "s", at: 1, title: "S")],
    components: [
        Component(id: "u", kind: Users, cell: (0, 1)),
        Component(id: "lb", kind: Elb, cell: (1, 1)),
        Component(id: "a", kind: Ec2, cell: (2, 0){share}),
        Component(id: "b", kind: Ec2, cell: (2, 2)),
    ],
    links: [Link(from: "u", to: "lb"), Link(from: "lb", to: "a"), Link(from: "lb", to: "b")],
)"#
        )
    };
    let shares_of = |text: &str| {
        let d = model::parse(text, "s.ron").expect("valid");
        let scene = Scene::settled(&d, 0);
        let s = flow::shares(&d, &scene);
        let of = |id: &str| s[scene.links.iter().position(|e| &*e.id == id).expect("edge")];
        (of("lb->a"), of("lb->b"))
    };
    let (a, b) = shares_of(&src(""));
    assert!((a - b).abs() < 1e-6, "even by default: {a} {b}");
    let (a, b) = shares_of(&src(", share: 3"));
    assert!(
        (a - 3.0 * b).abs() < 1e-5 && (a + b - 1.0).abs() < 1e-5,
        "{a} {b}"
    );
    let errors = model::parse(&src(", share: -1"), "s.ron").expect_err("negative share");
    assert!(errors[0].message.contains("flow share"), "{:?}", errors[0]);
}
