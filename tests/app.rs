//! Drives the real app headless through AccessKit: keys, slider, components on screen, idle.

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use scaleview::app::ScaleviewApp;

fn harness() -> Harness<'static, ScaleviewApp> {
    let mut h = Harness::builder()
        .with_size([1440.0, 900.0])
        .with_max_steps(60)
        .build_eframe(|cc| ScaleviewApp::new(cc));
    h.run();
    h
}

fn count(h: &Harness<'_, ScaleviewApp>, label: &str) -> usize {
    h.query_all_by_label(label).count()
}

fn assert_on_screen(h: &Harness<'_, ScaleviewApp>, labels: &[&str]) {
    for l in labels {
        assert!(
            count(h, l) > 0,
            "{l:?} is not on screen at stage {}",
            h.state().target_stage()
        );
    }
}

#[test]
fn opens_on_the_one_user_stage() {
    let h = harness();
    assert_eq!(h.state().target_stage(), 0);
    assert!(count(&h, "1 user") >= 1, "stage title shown");
    assert_on_screen(
        &h,
        &[
            "Users",
            "Route 53 (DNS)",
            "Elastic IP",
            "Web app + database",
        ],
    );
    assert_eq!(count(&h, "Load balancer"), 0);
}

#[test]
fn page_down_and_arrows_step_through_stages() {
    let mut h = harness();
    h.key_press(egui::Key::PageDown);
    h.run();
    assert_eq!(h.state().target_stage(), 1);
    assert!(count(&h, "> 1 user") >= 1);
    assert_on_screen(&h, &["Web app", "Database on EC2"]);
    assert_eq!(count(&h, "Web app + database"), 0, "relabelled");

    h.key_press(egui::Key::ArrowRight);
    h.key_press(egui::Key::Space);
    h.run();
    assert_eq!(h.state().target_stage(), 3);
    assert_on_screen(
        &h,
        &[
            "> 1,000 users",
            "Load balancer",
            "RDS primary",
            "RDS standby",
        ],
    );

    h.key_press(egui::Key::PageUp);
    h.run();
    assert_eq!(h.state().target_stage(), 2);
    assert_on_screen(&h, &["Amazon RDS"]);

    h.key_press(egui::Key::End);
    h.run();
    assert_on_screen(
        &h,
        &[
            "> 10 million users",
            "Users in Europe",
            "Cross-Region replica",
        ],
    );
    let regions = h
        .state()
        .scene()
        .groups
        .iter()
        .filter(|g| g.kind == scaleview::model::GroupKind::Region)
        .count();
    assert_eq!(regions, 2);

    h.key_press(egui::Key::Home);
    h.run();
    assert_eq!(h.state().target_stage(), 0);
    assert_eq!(h.state().stage_position(), 0.0, "settled back at the start");
}

#[test]
fn setting_the_slider_to_ten_thousand_shows_the_ten_k_architecture() {
    let mut h = harness();
    h.get_by_role_and_label(Role::Slider, "users")
        .set_value_accesskit(10_000.0);
    h.run();
    assert_eq!(h.state().target_stage(), 4);
    assert!(count(&h, "> 10,000 users") >= 1);
    assert!(count(&h, "10,000 users") >= 1, "user count shown");
    assert_on_screen(
        &h,
        &[
            "Load balancer",
            "CloudFront (CDN)",
            "S3 (static files)",
            "ElastiCache",
            "DynamoDB (sessions)",
            "Auto Scaling",
            "CloudWatch",
        ],
    );
    assert!(count(&h, "Read replica") >= 2, "both replicas are widgets");
    let scene = h.state().scene();
    assert_eq!(
        scene
            .nodes
            .iter()
            .filter(|n| n.label == "Read replica")
            .count(),
        2
    );
    let azs = scene
        .groups
        .iter()
        .filter(|g| g.kind == scaleview::model::GroupKind::AvailabilityZone)
        .count();
    assert_eq!(azs, 2, "two Availability Zones");
}

#[test]
fn dragging_the_slider_moves_through_stages_without_jumps() {
    let mut h = harness();
    let rect = h.get_by_role_and_label(Role::Slider, "users").rect();
    let y = rect.center().y;
    h.drag_at(egui::pos2(rect.left() + 2.0, y));
    h.step();
    let mut last = h.state().stage_position();
    // Drag fast to the far right in a few big moves; the animation must stay continuous.
    for k in 1..=10 {
        h.hover_at(egui::pos2(rect.left() + rect.width() * k as f32 / 10.0, y));
        h.step();
        let p = h.state().stage_position();
        assert!(p >= last - 1e-4, "went backwards: {last} -> {p}");
        assert!(p - last < 4.0, "jumped from {last} to {p}");
        last = p;
    }
    h.drop_at(egui::pos2(rect.right(), y));
    h.run();
    assert_eq!(h.state().target_stage(), h.state().diagram().last_stage());
    assert!(h.state().slider_value() > 10_000_000.0);
    assert!(count(&h, "> 10 million users") >= 1);
}

#[test]
fn the_app_goes_idle_after_a_transition() {
    let mut h = harness();
    h.key_press(egui::Key::PageDown);
    let steps = h.run();
    assert!(steps > 1, "a transition takes several frames");
    // Settled: one more frame and nothing asks for another.
    let again = h.run();
    assert_eq!(again, 1, "the app keeps repainting while idle");
}

#[test]
fn hovering_a_component_shows_its_notes() {
    let mut h = harness();
    let node = h.get_by_role_and_label(Role::Button, "Elastic IP");
    node.hover();
    h.run();
    assert!(
        h.query_all_by_label_contains("static public IPv4 address")
            .count()
            >= 1,
        "component notes shown on hover"
    );
}

#[test]
fn ctrl_e_exports_the_settled_stage_through_the_path_field() {
    let mut h = Harness::builder()
        .with_size([1440.0, 900.0])
        .with_max_steps(60)
        .build_eframe(|cc| {
            let mut app = ScaleviewApp::new(cc);
            app.set_native_dialogs(false);
            app
        });
    h.run();
    h.key_press(egui::Key::End);
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::E);
    h.run();
    let dir = std::env::temp_dir().join(format!("scaleview-app-export-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let target = dir.join("slide.png");
    let field = h.get_by_role_and_label(Role::TextInput, "Save to");
    let suggested = field.value().unwrap_or_default();
    assert!(
        suggested.ends_with("aws-10m-users-09-10000000-users.png"),
        "suggested {suggested:?}"
    );
    field.focus();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_role_and_label(Role::TextInput, "Save to")
        .type_text(target.to_str().expect("utf8"));
    h.run();
    h.get_by_role_and_label(Role::Button, "Save").click();
    let mut saved = false;
    for _ in 0..400 {
        h.step();
        if let Some(scaleview::app::ExportStatus::Saved(p)) = h.state().export_status() {
            assert_eq!(p, &target);
            saved = true;
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(25));
    }
    assert!(
        saved,
        "export did not finish: {:?}",
        h.state().export_status()
    );
    h.run();
    assert!(
        h.query_all_by_label_contains("Saved ").count() >= 1,
        "confirmation shown"
    );
    let bytes = std::fs::read(&target).expect("file written");
    assert_eq!(&bytes[1..4], b"PNG");
    let _ = std::fs::remove_dir_all(&dir);
}

/// Step the harness (real time passes) until `done` holds or 8 s elapse.
fn wait_for(h: &mut Harness<'_, ScaleviewApp>, what: &str, done: impl Fn(&ScaleviewApp) -> bool) {
    for _ in 0..320 {
        h.step();
        if done(h.state()) {
            h.run();
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(25));
    }
    panic!("timed out waiting for {what}");
}

#[test]
fn live_reload_keeps_the_last_good_diagram_and_the_stage() {
    let dir = std::env::temp_dir().join(format!("scaleview-reload-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let file = dir.join("talk.ron");
    let good = |label: &str| {
        format!(
            r#"Diagram(title: "My talk", stages: [Stage(id: "a", at: 1, title: "Start"), Stage(id: "b", at: 10, title: "Later")],
    components: [Component(id: "web", kind: Ec2, label: "{label}", cell: (0, 0)), Component(id: "db", kind: Rds, cell: (1, 0), appears: "b")])"#
        )
    };
    std::fs::write(&file, good("First web")).expect("write");
    let mut h = harness();
    h.state_mut()
        .push(scaleview::app::Command::OpenPath(file.clone()));
    h.run();
    assert_on_screen(&h, &["First web", "Start"]);
    h.key_press(egui::Key::PageDown);
    h.run();
    assert_eq!(h.state().target_stage(), 1);
    assert_on_screen(&h, &["Later", "RDS"]);

    // Save a typo: the old diagram stays, the problem is shown with its position.
    std::fs::write(&file, good("Second web").replace("kind: Rds", "kind: Rsd")).expect("write");
    wait_for(&mut h, "the diagnostic", |a| !a.diagnostics().is_empty());
    assert_on_screen(&h, &["First web", "RDS"]);
    let d = &h.state().diagnostics()[0];
    assert_eq!(d.line, 2, "{d}");
    assert!(
        d.message.contains("Rsd") && d.hint.as_deref() == Some("did you mean `Rds`?"),
        "{d}"
    );
    assert!(
        h.query_all_by_label_contains("1 problem in").count() >= 1,
        "diagnostics panel shown"
    );

    // Fix it: the error goes, the new diagram shows, still at stage 2.
    std::fs::write(&file, good("Second web")).expect("write");
    wait_for(&mut h, "the fixed file", |a| a.diagnostics().is_empty());
    assert_on_screen(&h, &["Second web", "Later"]);
    assert_eq!(h.state().target_stage(), 1, "stage kept across the reload");
    assert_eq!(h.query_all_by_label_contains("problem in").count(), 0);

    // Deleted while open: a diagnostic, not a crash; the diagram stays.
    std::fs::remove_file(&file).expect("rm");
    wait_for(&mut h, "the deletion", |a| !a.diagnostics().is_empty());
    assert!(h.state().diagnostics()[0].message.contains("gone"));
    assert_on_screen(&h, &["Second web"]);
    let _ = std::fs::remove_dir_all(&dir);
}
