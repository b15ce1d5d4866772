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

/// The app on a simulated clock of 0.1 s per frame (autoplay, focus), run until idle.
fn clocked_harness(max_steps: u64) -> Harness<'static, ScaleviewApp> {
    let mut h = Harness::builder()
        .with_size([1440.0, 900.0])
        .with_max_steps(max_steps)
        .with_step_dt(0.1)
        .build_eframe(|cc| ScaleviewApp::new(cc));
    h.run();
    h
}

/// Where the slider's handle sits for an axis value (x), and the slider's centre line (y):
/// the handle travels over the slider's rect shrunk by height / 2.5 on each side.
fn slider_geometry(h: &Harness<'_, ScaleviewApp>) -> (impl Fn(f64) -> f32 + use<>, f32) {
    let rect = h.get_by_role_and_label(Role::Slider, "users").rect();
    let axis = h.state().diagram().axis.clone();
    let inset = rect.height() / 2.5;
    let x_of = move |v: f64| {
        rect.left() + inset + (rect.width() - 2.0 * inset) * axis.fraction_of(v) as f32
    };
    (x_of, rect.center().y)
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
            .components
            .iter()
            .filter(|n| &*n.label == "Read replica")
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
    let mut h = export_harness();
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
        suggested.ends_with("aws-10m-users-09-10000000.png"),
        "suggested {suggested:?}"
    );
    save_through_path_field(&mut h, &target);
    let saved = wait_until_saved(&mut h, &target);
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

#[test]
fn a_film_export_shows_progress_and_cancel_leaves_nothing() {
    let mut h = export_harness();
    h.run();
    h.key_press_modifiers(
        egui::Modifiers::COMMAND.plus(egui::Modifiers::ALT),
        egui::Key::E,
    );
    h.run();
    let field = h.get_by_role_and_label(Role::TextInput, "Save to");
    let suggested = field.value().unwrap_or_default();
    assert!(
        suggested.ends_with("aws-10m-users-film.mp4"),
        "suggested {suggested:?}"
    );
    // The film's settings are there, with the whole story chosen.
    assert!(
        h.query_all_by_label_contains("Running time: 26.0 s")
            .count()
            >= 1
    );
    let dir = std::env::temp_dir().join(format!("scaleview-app-film-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let target = dir.join("talk.mp4");
    save_through_path_field(&mut h, &target);
    let mut progressed = false;
    for _ in 0..400 {
        h.step();
        if h.query_all_by_label_contains(" frames").count() >= 1 {
            progressed = true;
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(25));
    }
    assert!(progressed, "no progress shown");
    h.get_by_role_and_label(Role::Button, "Cancel").click();
    wait_for(&mut h, "cancelled", |app| {
        app.export_status() == Some(&scaleview::app::ExportStatus::Cancelled)
    });
    assert!(
        h.query_all_by_label_contains("nothing was written").count() >= 1,
        "cancellation shown"
    );
    assert!(!target.exists(), "a cancelled film left a file");
    assert_eq!(
        std::fs::read_dir(&dir).expect("dir").count(),
        0,
        "temporary files left"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_hand_out_button_writes_a_pdf_of_every_stage() {
    let mut h = export_harness();
    h.run();
    h.get_by_role_and_label(Role::Button, "Export hand-out…")
        .click();
    h.run();
    assert!(h.query_all_by_label_contains("All 9 stages").count() >= 1);
    let field = h.get_by_role_and_label(Role::TextInput, "Save to");
    let suggested = field.value().unwrap_or_default();
    assert!(
        suggested.ends_with("aws-10m-users-handout.pdf"),
        "suggested {suggested:?}"
    );
    let dir = std::env::temp_dir().join(format!("scaleview-app-handout-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let target = dir.join("talk.pdf");
    save_through_path_field(&mut h, &target);
    let saved = wait_until_saved(&mut h, &target);
    assert!(
        saved,
        "hand-out not written: {:?}",
        h.state().export_status()
    );
    let bytes = std::fs::read(&target).expect("file written");
    assert!(bytes.starts_with(b"%PDF-"));
    assert!(
        String::from_utf8_lossy(&bytes).contains("/Count 9"),
        "nine pages"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// The app at 1440×900 with native file dialogs off (exports go through the path field).
fn export_harness() -> Harness<'static, ScaleviewApp> {
    Harness::builder()
        .with_size([1440.0, 900.0])
        .with_max_steps(60)
        .build_eframe(|cc| {
            let mut app = ScaleviewApp::new(cc);
            app.set_native_dialogs(false);
            app
        })
}

/// Replace the export window's path with `target` and press Save.
fn save_through_path_field(h: &mut Harness<'_, ScaleviewApp>, target: &std::path::Path) {
    h.get_by_role_and_label(Role::TextInput, "Save to").focus();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_role_and_label(Role::TextInput, "Save to")
        .type_text(target.to_str().expect("utf8"));
    h.run();
    h.get_by_role_and_label(Role::Button, "Save").click();
}

/// Step (real time passes) until the export says it saved `target`, for up to 15 s.
fn wait_until_saved(h: &mut Harness<'_, ScaleviewApp>, target: &std::path::Path) -> bool {
    for _ in 0..600 {
        h.step();
        if let Some(scaleview::app::ExportStatus::Saved(p)) = h.state().export_status() {
            assert_eq!(p, target);
            return true;
        }
        std::thread::sleep(std::time::Duration::from_millis(25));
    }
    false
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
        d.message.contains("Rsd")
            && d.hint
                .as_deref()
                .is_some_and(|h| h.starts_with("did you mean `Rds`?")),
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

#[test]
fn presentation_keys_hide_chrome_blank_and_go_fullscreen() {
    let mut h = harness();
    assert!(count(&h, "Export PNG…") == 1, "chrome visible at start");
    h.key_press(egui::Key::P);
    h.run();
    assert!(h.state().presentation().active);
    assert_eq!(
        count(&h, "Export PNG…"),
        0,
        "top bar hidden in presentation mode"
    );
    assert_eq!(
        count(
            &h,
            "Hover over or click a component to see why it is there."
        ),
        0,
        "notes hidden"
    );
    assert!(count(&h, "1 user") >= 1, "caption stays");
    assert!(
        h.query_by_role_and_label(Role::Slider, "users").is_some(),
        "slim slider stays"
    );

    h.key_press(egui::Key::B);
    h.run();
    assert!(h.state().presentation().blank);
    h.key_press(egui::Key::N);
    h.run();
    assert_eq!(h.state().target_stage(), 1, "keys still work while blank");
    h.key_press(egui::Key::Escape);
    h.run();
    assert!(
        !h.state().presentation().blank && h.state().presentation().active,
        "Esc first unblanks"
    );

    h.key_press(egui::Key::F11);
    h.run();
    assert!(h.state().presentation().fullscreen);
    h.key_press(egui::Key::Escape);
    h.run();
    assert!(
        !h.state().presentation().active && !h.state().presentation().fullscreen,
        "Esc leaves"
    );
    assert_eq!(count(&h, "Export PNG…"), 1);
}

#[test]
fn number_keys_jump_and_backspace_goes_back() {
    let mut h = harness();
    h.key_press(egui::Key::Num7);
    h.run();
    assert_eq!(h.state().target_stage(), 6);
    assert!(count(&h, "> 1,000,000 users") >= 1);
    h.key_press(egui::Key::Backspace);
    h.run();
    assert_eq!(h.state().target_stage(), 5);
    h.key_press(egui::Key::ArrowLeft);
    h.run();
    assert_eq!(h.state().target_stage(), 4, "← goes back one stage");
    h.key_press(egui::Key::Num1);
    h.run();
    assert_eq!(h.state().target_stage(), 0);
}

#[test]
fn autoplay_advances_on_the_simulated_clock_and_stops_at_the_end() {
    let mut h = clocked_harness(400);
    h.get_by_label("▶ Play").click();
    h.step();
    assert!(h.state().presentation().autoplay);
    // Dwell is 4 s by default: after 2 simulated seconds nothing has moved yet.
    h.run_steps(20);
    assert_eq!(h.state().target_stage(), 0);
    // After about 4.6 s (dwell + transition) the next stage is on.
    h.run_steps(30);
    assert_eq!(h.state().target_stage(), 1);
    // Let it run through everything; without loop it stops on the last stage.
    h.run_steps(9 * 50);
    assert_eq!(h.state().target_stage(), 8);
    assert!(!h.state().presentation().autoplay, "stops at the end");
}

#[test]
fn autoplay_runs_backwards_from_the_last_stage_to_the_first() {
    let mut h = clocked_harness(400);
    h.key_press(egui::Key::End);
    h.run();
    assert_eq!(h.state().target_stage(), 8);
    h.get_by_label("backwards").click();
    h.get_by_label("▶ Play").click();
    h.step();
    assert!(h.state().settings().autoplay_backwards);
    assert!(h.state().presentation().autoplay);
    h.run_steps(50);
    assert_eq!(
        h.state().target_stage(),
        7,
        "one stage back after dwell + transition"
    );
    h.run_steps(8 * 50);
    assert_eq!(h.state().target_stage(), 0);
    assert!(
        !h.state().presentation().autoplay,
        "stops at the first stage"
    );
}

#[test]
fn the_speaker_view_shows_notes_next_stage_and_a_timer() {
    let mut h = harness();
    h.get_by_label("Speaker view").click();
    h.run_steps(3);
    assert!(h.state().presentation().speaker_open);
    assert!(count(&h, "Next: > 1 user") == 1, "next stage title");
    assert!(h.query_all_by_label_contains("Stage 1 of 9").count() == 1);
    assert!(count(&h, "00:00") == 1, "timer");
    assert!(count(&h, "this stage 00:00") == 1, "time on this stage");
    assert!(count(&h, "Next stage") == 1, "a picture of the next stage");
    assert!(
        count(&h, "≈ $10") >= 2,
        "the stage's numbers, in both windows"
    );
    h.key_press(egui::Key::PageDown);
    h.run_steps(3);
    assert!(
        count(&h, "Next: > 100 users") == 1,
        "follows the main window"
    );
    h.key_press(egui::Key::End);
    h.run_steps(3);
    assert_eq!(count(&h, "Next stage"), 0, "no next stage after the last");
}

#[test]
fn r_resets_the_speaker_timer_like_its_button() {
    let mut h = clocked_harness(200);
    h.get_by_label("Speaker view").click();
    h.run_steps(35); // 3.5 s on the simulated clock
    assert_eq!(count(&h, "00:03"), 1, "the clock runs");
    h.key_press(egui::Key::R);
    h.run_steps(2);
    assert_eq!(count(&h, "00:00"), 1, "R starts the clock again");
    h.run_steps(35);
    assert_eq!(count(&h, "00:03"), 1);
    h.get_by_label("Reset timer").click();
    h.run_steps(2);
    assert_eq!(count(&h, "00:00"), 1, "the button does what the key does");
}

#[test]
fn scrubbing_holds_the_transition_inside_the_band_and_release_settles() {
    let mut h = harness();
    let (x_of, y) = slider_geometry(&h);
    // Grab the handle at 1 user and move slowly towards the 100-user threshold.
    h.drag_at(egui::pos2(x_of(1.0), y));
    h.step();
    let mut positions = Vec::new();
    for v in [30.0, 60.0, 80.0, 100.0, 115.0] {
        h.hover_at(egui::pos2(x_of(v), y));
        for _ in 0..12 {
            h.step();
        }
        positions.push(h.state().stage_position());
    }
    // At the threshold itself the transition is held about half-way between stages 2 and 3.
    let at_threshold = positions[3];
    assert!(
        at_threshold > 1.2 && at_threshold < 1.8,
        "held at {at_threshold}, positions {positions:?}"
    );
    assert!(
        positions.windows(2).all(|w| w[1] >= w[0] - 1e-3),
        "monotonic: {positions:?}"
    );
    h.drop_at(egui::pos2(x_of(115.0), y));
    h.run();
    assert_eq!(
        h.state().stage_position(),
        2.0,
        "release settles on the stage in force"
    );
}

#[test]
fn zoomed_out_components_are_found_under_the_pointer_without_a_widget_each() {
    // 2,000 components fitted into the window: icons are a few pixels, so the canvas finds the
    // component under the pointer itself instead of creating thousands of widgets.
    let d = scaleview::model::parse(&scaleview::model::synthetic_diagram(2000, 3000), "big.ron")
        .expect("valid");
    let mut h = Harness::builder()
        .with_size([1440.0, 900.0])
        .with_max_steps(120)
        .build_eframe(move |cc| {
            scaleview::app::fonts::install(&cc.egui_ctx);
            ScaleviewApp::with_diagram(d.clone(), "big.ron")
        });
    h.key_press(egui::Key::End);
    h.run();
    assert_eq!(h.state().target_stage(), 8);
    // Component 5 has been there since the first stage (so it is no "new" chip either).
    assert_eq!(
        h.query_all_by_role_and_label(Role::Button, "Component 5")
            .count(),
        0,
        "no widget per component when zoomed out"
    );
    // 222 components arrive at the last stage: the notes list two dozen and counts the rest.
    assert_eq!(h.query_all_by_label("and 198 more").count(), 1);
    let target = 1234;
    let pos = h.state().component_screen_pos(target).expect("on screen");
    h.hover_at(pos);
    h.run();
    assert!(
        h.query_all_by_label("Component 1234").count() >= 1,
        "tooltip names the component under the pointer"
    );
    h.event(egui::Event::PointerButton {
        pos,
        button: egui::PointerButton::Primary,
        pressed: true,
        modifiers: egui::Modifiers::NONE,
    });
    h.event(egui::Event::PointerButton {
        pos,
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: egui::Modifiers::NONE,
    });
    h.run();
    assert_eq!(h.state().selected(), Some(target), "a click selects it");
}

#[test]
fn the_legend_lists_exactly_the_kinds_on_screen() {
    let mut h = harness();
    assert_eq!(count(&h, "Legend: Elastic IP"), 1);
    assert_eq!(count(&h, "Legend: Elastic Load Balancer"), 0);
    h.key_press(egui::Key::Num4);
    h.run();
    assert_eq!(h.state().target_stage(), 3);
    assert_eq!(count(&h, "Legend: Elastic Load Balancer"), 1);
    assert_eq!(count(&h, "Legend: Elastic IP"), 0, "the Elastic IP retired");
}

#[test]
fn a_file_opened_from_disk_stays_idle_after_one_save() {
    let dir = std::env::temp_dir().join(format!("scaleview-idle-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let file = dir.join("talk.ron");
    let text = |label: &str| {
        format!(
            r#"Diagram(title: "Idle", stages: [Stage(id: "a", at: 1, title: "Start")],
    components: [Component(id: "web", kind: Ec2, label: "{label}", cell: (0, 0))])"#
        )
    };
    std::fs::write(&file, text("Before")).expect("write");
    let mut h = harness();
    h.state_mut()
        .push(scaleview::app::Command::OpenPath(file.clone()));
    h.run();
    assert_on_screen(&h, &["Before"]);
    let opened = h.state().file_updates();
    std::fs::write(&file, text("After")).expect("write");
    wait_for(&mut h, "the reload", |a| a.file_updates() > opened);
    assert_on_screen(&h, &["After"]);
    let reloaded = h.state().file_updates();
    assert_eq!(reloaded, opened + 1, "one save, one reload");
    // Others read the file (an editor, a backup tool, `cat`); real time passes.
    for _ in 0..10 {
        let _ = std::fs::read(&file).expect("read");
        std::thread::sleep(std::time::Duration::from_millis(60));
    }
    assert_eq!(h.run(), 1, "the app keeps repainting while idle");
    assert_eq!(h.state().file_updates(), reloaded, "reads caused a reload");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn releasing_the_slider_beside_a_tick_lands_on_that_stage() {
    let mut h = harness();
    let (x_of, y) = slider_geometry(&h);
    h.drag_at(egui::pos2(x_of(1.0), y));
    h.step();
    // Three pixels short of the 10K tick: by value that is ~9,700 users, the stage before.
    let short = x_of(10_000.0) - 3.0;
    h.hover_at(egui::pos2(short, y));
    for _ in 0..6 {
        h.step();
    }
    h.drop_at(egui::pos2(short, y));
    h.run();
    assert_eq!(h.state().slider_value(), 10_000.0, "landed on the tick");
    assert_eq!(h.state().target_stage(), 4, "the > 10,000 users stage");
    // Well away from any tick the value stays where it was let go.
    h.drag_at(egui::pos2(x_of(10_000.0), y));
    h.step();
    let between = (x_of(10_000.0) + x_of(500_000.0)) / 2.0;
    h.hover_at(egui::pos2(between, y));
    for _ in 0..6 {
        h.step();
    }
    h.drop_at(egui::pos2(between, y));
    h.run();
    let v = h.state().slider_value();
    assert!(v > 20_000.0 && v < 400_000.0, "{v}");
    assert_eq!(h.state().target_stage(), 4);
}

#[test]
fn typing_a_stage_number_and_enter_jumps_past_nine() {
    let dir = std::env::temp_dir().join(format!("scaleview-typed-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let file = dir.join("twelve.ron");
    let stages: Vec<String> = (1..=12)
        .map(|i| format!(r#"Stage(id: "s{i}", at: {i}, title: "Step {i}")"#))
        .collect();
    std::fs::write(
        &file,
        format!(
            r#"Diagram(title: "Twelve", axis: Axis(label: "step", min: 1, max: 12, scale: Linear),
    stages: [{}], components: [Component(id: "web", kind: Ec2, cell: (0, 0))])"#,
            stages.join(", ")
        ),
    )
    .expect("write");
    let mut h = harness();
    h.state_mut()
        .push(scaleview::app::Command::OpenPath(file.clone()));
    h.run();
    assert_eq!(h.state().diagram().stages.len(), 12);
    h.key_press(egui::Key::Num1);
    h.key_press(egui::Key::Num2);
    h.key_press(egui::Key::Enter);
    h.run();
    assert_eq!(h.state().target_stage(), 11, "1, 2, Enter → stage 12");
    h.key_press(egui::Key::Num1);
    h.key_press(egui::Key::Num0);
    h.key_press(egui::Key::Enter);
    h.run();
    assert_eq!(h.state().target_stage(), 9, "1, 0, Enter → stage 10");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn w_whites_the_screen_and_b_or_esc_undo_it() {
    let mut h = harness();
    h.key_press(egui::Key::W);
    h.run();
    assert!(h.state().presentation().white);
    assert!(!h.state().presentation().blank);
    h.key_press(egui::Key::B);
    h.run();
    assert!(h.state().presentation().blank && !h.state().presentation().white);
    h.key_press(egui::Key::W);
    h.run();
    assert!(h.state().presentation().white && !h.state().presentation().blank);
    h.key_press(egui::Key::Escape);
    h.run();
    assert!(!h.state().presentation().white);
}

#[test]
fn the_notes_panel_shows_the_stage_numbers_and_their_change() {
    let mut h = harness();
    assert!(count(&h, "≈ $10") >= 1, "stage 1's bill");
    for _ in 0..4 {
        h.key_press(egui::Key::PageDown);
    }
    h.run();
    assert_eq!(h.state().target_stage(), 4);
    assert!(count(&h, "≈ $1,200") >= 1, "the 10k stage's bill");
    assert!(count(&h, "was ≈ $200") >= 1, "the change from the 1k stage");
    assert!(
        count(&h, "peak requests/s (est.)") >= 1,
        "labelled as an estimate"
    );
}

#[test]
fn presenting_a_step_forward_frames_what_changed_then_the_whole_diagram() {
    let mut h = clocked_harness(200);
    h.key_press(egui::Key::Num6); // > 500,000 users
    h.run();
    h.key_press(egui::Key::P);
    h.run();
    let whole = h.state().camera_zoom();
    h.key_press(egui::Key::PageDown); // > 1,000,000: an internal load balancer, regrouped services
    h.run_steps(10);
    assert!(h.state().camera_focusing(), "the camera frames the change");
    let focused = h.state().camera_zoom();
    assert!(
        focused > whole * 1.2,
        "zoomed in on the change: {focused} vs {whole}"
    );
    h.run_steps(30);
    assert!(!h.state().camera_focusing(), "the focus ends");
    h.run();
    let back = h.state().camera_zoom();
    assert!(
        (back - whole).abs() / whole < 0.25,
        "back to the whole diagram: {back} vs {whole}"
    );
    assert_eq!(h.run(), 1, "and idle again");
    // Backwards: no focus.
    h.key_press(egui::Key::PageUp);
    h.run_steps(3);
    assert!(!h.state().camera_focusing());
}

#[test]
fn tooltips_name_the_keys_from_the_bindings_table() {
    let mut h = harness();
    h.get_by_label("Next ▶").hover();
    h.run();
    assert!(
        h.query_all_by_label_contains("Next stage (").count() >= 1,
        "the Next tooltip"
    );
    for key in ["PageDown", "Space"] {
        assert!(
            h.query_all_by_label_contains(key).count() >= 1,
            "the tooltip names {key}"
        );
    }
}
