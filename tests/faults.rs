//! The faults a presenter's machine throws, each provoked for real: the watched file read by
//! others, saved, touched, its folder removed and recreated, a symlink; FIFOs, devices,
//! folders and byte-order marks as diagrams; a closed pipe and a full disk on standard
//! output; bad numbers on the command line; damaged settings files; symlinked, read-only and
//! interrupted exports. Runs headless.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use scaleview::app::watcher::{FileWatcher, Update};
use scaleview::app::{Settings, SettingsFile};
use scaleview::model;
use scaleview::render::ThemeName;

fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("scaleview-faults-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("mkdir");
    d
}

fn diagram(title: &str) -> String {
    format!(
        r#"Diagram(title: "{title}", stages: [Stage(id: "a", at: 1, title: "Start")],
    components: [Component(id: "web", kind: Ec2, cell: (0, 0))])"#
    )
}

/// A watcher on `file` and the number of times it woke the UI.
fn watch(file: &Path) -> (FileWatcher, Arc<AtomicUsize>) {
    let wakes = Arc::new(AtomicUsize::new(0));
    let w = wakes.clone();
    let watcher = FileWatcher::watch(file, move || {
        w.fetch_add(1, Ordering::SeqCst);
    })
    .expect("watch");
    (watcher, wakes)
}

/// The next update within `secs` seconds.
fn next(w: &FileWatcher, secs: u64) -> Option<Update> {
    w.next_within(Duration::from_secs(secs))
}

fn title_of(u: Option<Update>) -> String {
    match u {
        Some(Update::Loaded(d, _)) => d.title.clone(),
        other => panic!("expected a loaded diagram, got {other:?}"),
    }
}

#[test]
fn reading_the_watched_file_raises_no_reload() {
    let dir = temp_dir("reads");
    let file = dir.join("talk.ron");
    std::fs::write(&file, diagram("One")).expect("write");
    let (w, wakes) = watch(&file);
    assert_eq!(title_of(next(&w, 5)), "One", "the first read");
    for _ in 0..30 {
        let mut s = String::new();
        std::fs::File::open(&file)
            .and_then(|mut f| f.read_to_string(&mut s))
            .expect("read");
    }
    // Same content, new modification time: still nothing to reload.
    std::fs::File::options()
        .write(true)
        .open(&file)
        .and_then(|f| f.set_modified(std::time::SystemTime::now() + Duration::from_secs(5)))
        .expect("touch");
    assert!(next(&w, 1).is_none(), "a read or a touch caused an update");
    assert_eq!(
        wakes.load(Ordering::SeqCst),
        1,
        "only the first read woke the UI"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn one_save_gives_exactly_one_reload() {
    let dir = temp_dir("save");
    let file = dir.join("talk.ron");
    std::fs::write(&file, diagram("One")).expect("write");
    let (w, wakes) = watch(&file);
    assert_eq!(title_of(next(&w, 5)), "One");
    std::fs::write(&file, diagram("Two")).expect("write");
    assert_eq!(title_of(next(&w, 5)), "Two");
    assert!(next(&w, 1).is_none(), "a second update after one save");
    assert_eq!(wakes.load(Ordering::SeqCst), 2);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_folder_removed_and_recreated_is_watched_again() {
    let dir = temp_dir("rmdir");
    let sub = dir.join("talks");
    std::fs::create_dir_all(&sub).expect("mkdir");
    let file = sub.join("talk.ron");
    std::fs::write(&file, diagram("One")).expect("write");
    let (w, _) = watch(&file);
    assert_eq!(title_of(next(&w, 5)), "One");
    std::fs::remove_dir_all(&sub).expect("rm -r");
    match next(&w, 5) {
        Some(Update::Gone(d)) => assert!(d.message.contains("gone"), "{d}"),
        other => panic!("expected the file to be reported gone, got {other:?}"),
    }
    std::fs::create_dir_all(&sub).expect("mkdir again");
    std::fs::write(&file, diagram("Back")).expect("write");
    assert_eq!(
        title_of(next(&w, 5)),
        "Back",
        "re-armed after the folder came back"
    );
    // And it keeps watching the new folder.
    std::fs::write(&file, diagram("Again")).expect("write");
    assert_eq!(title_of(next(&w, 5)), "Again");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_symlinked_diagram_reloads_when_its_target_changes() {
    let dir = temp_dir("symlink");
    let real_dir = dir.join("real");
    let link_dir = dir.join("links");
    std::fs::create_dir_all(&real_dir).expect("mkdir");
    std::fs::create_dir_all(&link_dir).expect("mkdir");
    let real = real_dir.join("talk.ron");
    let link = link_dir.join("talk.ron");
    std::fs::write(&real, diagram("One")).expect("write");
    std::os::unix::fs::symlink(&real, &link).expect("symlink");
    let (w, _) = watch(&link);
    assert_eq!(title_of(next(&w, 5)), "One");
    std::fs::write(&real, diagram("Two")).expect("write");
    assert_eq!(title_of(next(&w, 5)), "Two", "the target's change was seen");
    let _ = std::fs::remove_dir_all(&dir);
}

/// Run `f` on a thread and fail if it takes more than a second.
fn within_a_second<T: Send + 'static>(what: &str, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(Duration::from_secs(1))
        .unwrap_or_else(|_| panic!("{what} did not finish within a second"))
}

fn load_message(path: &Path) -> String {
    let p = path.to_path_buf();
    let what = path.display().to_string();
    match within_a_second(&what, move || model::load_file(&p)) {
        Ok(_) => panic!("{what} loaded"),
        Err(e) => e.into_diagnostics()[0].message.clone(),
    }
}

#[test]
fn special_files_are_refused_at_once() {
    let dir = temp_dir("special");
    let fifo = dir.join("pipe.ron");
    let ok = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
    assert!(ok.success());
    assert!(load_message(&fifo).contains("named pipe"));
    assert!(load_message(Path::new("/dev/zero")).contains("device"));
    assert!(load_message(&dir).contains("folder"));
    assert!(load_message(&dir.join("missing.ron")).contains("there is no file at this path"));
    // Through the CLI too: `check` on a FIFO ends with exit 2 instead of waiting for a writer.
    let exe = env!("CARGO_BIN_EXE_scaleview");
    let fifo2 = fifo.clone();
    let code = within_a_second("check on a FIFO", move || {
        Command::new(exe)
            .arg("check")
            .arg(&fifo2)
            .output()
            .expect("run")
            .status
            .code()
    });
    assert_eq!(code, Some(2));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_file_that_grows_past_the_cap_is_refused_without_reading_it_all() {
    let dir = temp_dir("big");
    let big = dir.join("big.ron");
    std::fs::write(&big, vec![b' '; model::MAX_FILE_BYTES + 10]).expect("write");
    assert!(load_message(&big).contains("at most 4 MB"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_byte_order_mark_is_accepted_and_columns_stay_right() {
    let with_bom = format!("\u{feff}{}", diagram("Bom"));
    let d = model::parse_bytes(with_bom.as_bytes(), "bom.ron").expect("a BOM is fine");
    assert_eq!(d.title, "Bom");
    let broken = "\u{feff}Diagram(title: 5)";
    let diags = model::parse_bytes(broken.as_bytes(), "bom.ron").expect_err("broken");
    assert_eq!((diags[0].line, diags[0].col), (1, 16), "{}", diags[0]);
}

fn scaleview() -> Command {
    Command::new(env!("CARGO_BIN_EXE_scaleview"))
}

fn shipped(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("diagrams")
        .join(name)
}

#[test]
fn a_closed_pipe_stops_the_printing_not_the_work() {
    let dir = temp_dir("pipe");
    let mut child = scaleview()
        .args(["export", "--all-stages", "--width", "160", "--height", "90"])
        .arg("--out-dir")
        .arg(&dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    drop(child.stdout.take()); // the reader goes away before anything is printed
    let mut err = String::new();
    child
        .stderr
        .take()
        .expect("stderr")
        .read_to_string(&mut err)
        .expect("read");
    let status = child.wait().expect("wait");
    assert_eq!(status.code(), Some(0), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    let pngs = std::fs::read_dir(&dir).expect("ls").count();
    assert_eq!(pngs, 9, "every stage was exported");

    let mut child = scaleview()
        .arg("check")
        .args([shipped("aws-10m-users.ron"), shipped("log-analytics.ron")])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("wait");
    assert_eq!(out.status.code(), Some(0));
    assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_full_disk_on_standard_output_is_an_error_after_the_work() {
    let full = std::fs::File::options()
        .write(true)
        .open("/dev/full")
        .expect("/dev/full");
    let out = scaleview()
        .arg("check")
        .arg(shipped("aws-10m-users.ron"))
        .stdout(full)
        .output()
        .expect("run");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("could not write to standard output"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

fn run(args: &[&str]) -> (i32, String) {
    let out = scaleview().args(args).output().expect("run");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn bad_numbers_are_usage_errors_and_stages_are_chosen_by_id_or_number() {
    let dir = temp_dir("numbers");
    let out = dir.join("x.svg");
    let out_s = out.to_str().expect("utf8");
    for scale in ["0", "NaN", "inf", "-1", "abc"] {
        let (code, err) = run(&["export", "--users", "1", "--scale", scale, "--out", out_s]);
        assert_eq!(code, 2, "--scale {scale}: {err}");
        assert!(err.contains("scale"), "{err}");
    }
    for users in ["NaN", "inf"] {
        let (code, err) = run(&["export", "--users", users, "--out", out_s]);
        assert_eq!(code, 2, "--users {users}: {err}");
    }
    for users in ["-5", "0", "50000000"] {
        let (code, err) = run(&["export", "--users", users, "--out", out_s]);
        assert_eq!(code, 2, "--users {users}: {err}");
        assert!(err.contains("outside the diagram's axis"), "{err}");
    }
    assert!(!out.exists(), "nothing exported on a usage error");
    let (code, err) = run(&["export", "--stage", "1k", "--out", out_s]);
    assert_eq!(code, 0, "{err}");
    let svg = std::fs::read_to_string(&out).expect("svg");
    assert!(svg.contains("&gt; 1,000 users"), "stage by id");
    let (code, err) = run(&["export", "--stage", "5", "--out", out_s]);
    assert_eq!(code, 0, "{err}");
    let svg = std::fs::read_to_string(&out).expect("svg");
    assert!(svg.contains("&gt; 10,000 users"), "stage by number");
    let (code, err) = run(&["export", "--stage", "11", "--out", out_s]);
    assert_eq!(code, 2);
    assert!(err.contains("there is no stage `11`"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

fn custom() -> Settings {
    let mut s = Settings {
        theme: ThemeName::Dark,
        text_scale: 1.5,
        dwell_seconds: 7.0,
        autoplay_loop: true,
        ..Settings::default()
    };
    s.remember(Path::new("/talks/a.ron"));
    s.last_stage.insert("/talks/a.ron".into(), 3);
    s
}

#[test]
fn settings_survive_damage_losing_only_the_damaged_field() {
    let dir = temp_dir("settings");
    let file = SettingsFile::in_dir(&dir);
    assert_eq!(file.load(), Settings::default(), "no file: defaults");
    let first = custom();
    file.save(&first).expect("save");
    assert_eq!(file.load(), first);

    // One unknown value: only that setting falls back (no backup yet: to its default).
    let text = std::fs::read_to_string(file.path()).expect("read");
    std::fs::write(file.path(), text.replace("theme: Dark", "theme: Purple")).expect("write");
    let loaded = file.load();
    assert_eq!(loaded.theme, ThemeName::Light);
    assert_eq!(loaded.text_scale, 1.5);
    assert_eq!(loaded.last_stage, first.last_stage);

    // Save again (the whole first file becomes the backup), then cut the new file in half.
    file.save(&first).expect("save");
    let second = Settings {
        theme: ThemeName::Projector,
        dwell_seconds: 9.0,
        ..first.clone()
    };
    file.save(&second).expect("save");
    let text = std::fs::read_to_string(file.path()).expect("read");
    let cut = text.find("dwell_seconds").expect("field") + "dwell_seconds: 9".len();
    std::fs::write(file.path(), &text[..cut]).expect("truncate");
    let loaded = file.load();
    assert_eq!(loaded.theme, ThemeName::Projector, "intact line kept");
    assert_eq!(
        loaded.dwell_seconds, 7.0,
        "damaged line: the backup's value"
    );
    assert_eq!(
        loaded.last_stage, first.last_stage,
        "lost lines: the backup's values"
    );

    // Garbage and an empty file cost nothing the backup has.
    std::fs::write(file.path(), [0xff, 0xfe, 0, 1, 2]).expect("write");
    assert_eq!(file.load(), first);
    // A damaged file never becomes the backup.
    file.save(&second).expect("save");
    std::fs::write(file.path(), "(\n    theme: Dar").expect("write");
    file.save(&second).expect("save");
    std::fs::write(file.path(), "").expect("write");
    assert_eq!(file.load(), first, "backup kept from the last whole file");
    let leftovers: Vec<_> = std::fs::read_dir(&dir)
        .expect("ls")
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn exports_keep_symlinks_and_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = temp_dir("links");
    let target = dir.join("real.svg");
    std::fs::write(&target, "old").expect("write");
    std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o600)).expect("chmod");
    let link = dir.join("slide.svg");
    std::os::unix::fs::symlink("real.svg", &link).expect("symlink");
    let (code, err) = run(&[
        "export",
        "--stage",
        "2",
        "--out",
        link.to_str().expect("utf8"),
    ]);
    assert_eq!(code, 0, "{err}");
    let meta = std::fs::symlink_metadata(&link).expect("stat");
    assert!(meta.file_type().is_symlink(), "the link was replaced");
    let svg = std::fs::read_to_string(&target).expect("read");
    assert!(svg.starts_with("<svg"), "the target got the export");
    let mode = std::fs::metadata(&target)
        .expect("stat")
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600, "permissions kept");
    let _ = std::fs::remove_dir_all(&dir);
}

fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .expect("ls")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn a_failed_multi_file_export_leaves_the_old_set() {
    let dir = temp_dir("set");
    let old = ["01-1.png", "02-2.png", "03-100.png"];
    for n in old {
        std::fs::write(dir.join(n), "old").expect("write");
    }
    // Stage 5's file name is taken by a folder: the export must fail before replacing any.
    std::fs::create_dir(dir.join("05-10000.png")).expect("mkdir");
    let (code, err) = run(&[
        "export",
        "--all-stages",
        "--width",
        "160",
        "--height",
        "90",
        "--out-dir",
        dir.to_str().expect("utf8"),
    ]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("folder"), "{err}");
    for n in old {
        assert_eq!(
            std::fs::read(dir.join(n)).expect("read"),
            b"old",
            "{n} replaced"
        );
    }
    assert_eq!(names(&dir).len(), 4, "{:?}", names(&dir));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn sigterm_during_an_export_leaves_no_temporary_file() {
    let dir = temp_dir("sigterm");
    let mut child = scaleview()
        .args(["export", "--all-stages", "--scale", "2"])
        .arg("--out-dir")
        .arg(&dir)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn");
    let start = Instant::now();
    while !names(&dir).iter().any(|n| n.ends_with(".tmp")) {
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "no temp file appeared"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    let killed = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .expect("kill");
    assert!(killed.success());
    let status = child.wait().expect("wait");
    assert_eq!(status.code(), Some(128 + 15), "exit as SIGTERM would");
    assert!(names(&dir).is_empty(), "left behind: {:?}", names(&dir));
    let _ = std::fs::remove_dir_all(&dir);
}

/// Run the binary under a 300 MB address-space cap with `args`.
fn run_capped(args: &str) -> std::process::Output {
    let script = format!(
        "ulimit -v 300000 && exec '{}' {args}",
        env!("CARGO_BIN_EXE_scaleview")
    );
    Command::new("sh")
        .args(["-c", &script])
        .output()
        .expect("sh")
}

#[test]
fn an_export_too_large_for_memory_is_a_clean_error() {
    let dir = temp_dir("oom");
    // A film holds whole 16384×9216 frames (600 MB each); the address space is capped at
    // 300 MB.
    let out = dir.join("huge.gif");
    let res = run_capped(&format!(
        "export --to 2 --width 16384 --height 9216 --animate '{}'",
        out.display()
    ));
    let err = String::from_utf8_lossy(&res.stderr);
    assert_eq!(res.status.code(), Some(2), "{err}");
    assert!(err.contains("not enough memory"), "{err}");
    assert!(names(&dir).is_empty());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_huge_still_is_drawn_in_strips_within_little_memory() {
    // A PNG still never holds the whole picture: strips are drawn and compressed as they go,
    // so 12288×6912 (340 MB as one RGBA picture) fits under a 300 MB cap.
    let dir = temp_dir("huge-still");
    let out = dir.join("huge.png");
    let res = run_capped(&format!(
        "export --users 1 --width 12288 --height 6912 --out '{}'",
        out.display()
    ));
    assert!(
        res.status.success(),
        "{}",
        String::from_utf8_lossy(&res.stderr)
    );
    let file = std::fs::File::open(&out).expect("written");
    let info = png::Decoder::new(std::io::BufReader::new(file))
        .read_info()
        .expect("a PNG")
        .info()
        .clone();
    assert_eq!((info.width, info.height), (12288, 6912));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn one_duplicate_stage_id_is_one_error_with_a_useful_hint() {
    let src = r#"Diagram(title: "t",
    stages: [Stage(id: "a", at: 1, title: "A"), Stage(id: "a", at: 10, title: "B")],
    components: [
        Component(id: "web", kind: Ec2, cell: (0, 0)),
        Component(id: "db", kind: Rds, cell: (1, 0), appears: "b", moves: {"b": (2, 0)}),
    ],
    links: [Link(from: "web", to: "db", appears: "b")])"#;
    let diags = model::parse(src, "dup.ron").expect_err("duplicate");
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert_eq!((diags[0].line, diags[0].col), (2, 59));
    let hint = diags[0].hint.as_deref().unwrap_or_default();
    assert!(hint.contains("`b`"), "{hint}");
}

#[test]
fn a_fractional_stage_is_captioned_as_written() {
    let src = r#"Diagram(title: "t", axis: Axis(label: "GB/day", min: 1, max: 100, scale: Linear),
    stages: [Stage(id: "a", at: 1, title: "A"), Stage(id: "b", at: 12.5, title: "B")],
    components: [Component(id: "web", kind: Ec2, cell: (0, 0))])"#;
    let d = model::parse(src, "frac.ron").expect("valid");
    let scene = scaleview::scene::Scene::settled(&d, 1);
    assert_eq!(scene.caption.value_label, "12.5 GB/day");
}

#[test]
fn editing_a_custom_icon_reloads_the_diagram() {
    let dir = temp_dir("icon-edit");
    std::fs::create_dir_all(dir.join("icons")).expect("mkdir");
    let icon = dir.join("icons/lb.svg");
    let svg = |colour: &str| {
        format!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8"><rect width="8" height="8" fill="{colour}"/></svg>"#
        )
    };
    std::fs::write(&icon, svg("#ff0000")).expect("icon");
    let file = dir.join("talk.ron");
    std::fs::write(
        &file,
        r#"Diagram(title: "Icons", stages: [Stage(id: "a", at: 1, title: "Start")],
    components: [Component(id: "lb", kind: LoadBalancer, icon: "icons/lb.svg", cell: (0, 0))])"#,
    )
    .expect("write");
    let (w, _) = watch(&file);
    let key = |u: Option<Update>| match u {
        Some(Update::Loaded(d, warnings)) => {
            assert!(warnings.is_empty(), "{warnings:?}");
            d.components[0]
                .icon
                .as_ref()
                .expect("icon loaded")
                .key
                .clone()
        }
        other => panic!("expected a loaded diagram, got {other:?}"),
    };
    let first = key(next(&w, 5));
    std::thread::sleep(Duration::from_millis(50));
    std::fs::write(&icon, svg("#00ff00")).expect("edit icon");
    let second = key(next(&w, 5));
    assert_ne!(first, second, "the edited icon was read again");
    // Broken on save: the diagram still loads, with a warning, and the kind's icon.
    std::thread::sleep(Duration::from_millis(50));
    std::fs::write(&icon, "<svg").expect("break icon");
    match next(&w, 5) {
        Some(Update::Loaded(d, warnings)) => {
            assert!(d.components[0].icon.is_none());
            assert!(
                warnings[0].message.contains("not a valid SVG"),
                "{warnings:?}"
            );
            assert_eq!(warnings[0].line, 2, "{}", warnings[0]);
        }
        other => panic!("expected a loaded diagram, got {other:?}"),
    }
    // Nothing more happens while nothing changes.
    assert!(next(&w, 1).is_none());
}
