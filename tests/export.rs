//! CPU export: golden PNGs, SVG structure, every shipped diagram, CLI exit codes, atomic writes.

mod common;

use std::path::{Path, PathBuf};

use resvg::usvg::roxmltree;
use scaleview::export::{self, Format};
use scaleview::model;
use scaleview::render::ThemeName;
use scaleview::render::svg::{ExportOptions, scene_to_svg};
use scaleview::scene::Scene;

use common::{run, temp_dir};

fn decode(bytes: &[u8]) -> (u32, u32, Vec<u8>) {
    common::decode_png(bytes)
}

/// Fraction of pixels that differ from the first pixel (the background).
fn ink_fraction(rgba: &[u8]) -> f64 {
    let bg = &rgba[..4];
    let px = rgba.chunks_exact(4);
    let n = px.len();
    px.filter(|p| p.iter().zip(bg).any(|(a, b)| a.abs_diff(*b) > 24))
        .count() as f64
        / n as f64
}

fn golden_png(name: &str, bytes: &[u8]) {
    let Some(want) = common::golden("png", name, bytes) else {
        return;
    };
    let (ww, wh, w) = decode(&want);
    let (gw, gh, g) = decode(bytes);
    assert_eq!((gw, gh), (ww, wh), "{name}: size changed");
    // Anti-aliasing may differ slightly between platforms; shapes may not.
    let frac = common::differing_fraction(&w, &g);
    assert!(
        frac < 0.005,
        "{name}: {:.2}% of pixels differ (UPDATE_GOLDEN=1 to accept)",
        frac * 100.0
    );
}

#[test]
fn small_pngs_of_two_stages_match_their_goldens() {
    let d = model::default_diagram();
    for (stage, theme) in [
        (0, ThemeName::Light),
        (4, ThemeName::Light),
        (4, ThemeName::Dark),
    ] {
        let opts = ExportOptions {
            width: 480,
            height: 270,
            theme,
            ..ExportOptions::default()
        };
        let bytes = export::render(&d, stage, Format::Png, &opts).expect("render");
        golden_png(
            &format!("aws-stage-{:02}-{}.png", stage + 1, theme.label()),
            &bytes,
        );
    }
}

#[test]
fn svg_parses_and_contains_every_visible_label() {
    let d = model::default_diagram();
    for stage in 0..d.stages.len() {
        let scene = Scene::settled(&d, stage);
        let svg = scene_to_svg(&scene, &ExportOptions::default());
        let doc = roxmltree::Document::parse(&svg)
            .unwrap_or_else(|e| panic!("stage {stage}: not XML: {e}"));
        let texts: Vec<String> = doc
            .descendants()
            .filter(|n| n.has_tag_name("text"))
            .map(|n| {
                // A line is written as one <tspan> per font run.
                n.descendants()
                    .filter(|t| t.is_text())
                    .filter_map(|t| t.text())
                    .collect::<String>()
            })
            .collect();
        for n in &scene.components {
            for line in n.lines.iter() {
                assert!(
                    texts.contains(line),
                    "stage {stage}: label line {line:?} missing"
                );
            }
        }
        for g in &scene.groups {
            assert!(
                texts.contains(&g.label.to_string()),
                "stage {stage}: group label {:?} missing",
                g.label
            );
        }
        for e in scene.links.iter().filter(|e| !e.label.is_empty()) {
            assert!(
                texts.contains(&e.label.to_string()),
                "stage {stage}: link label {:?} missing",
                e.label
            );
        }
        assert!(texts.contains(&scene.caption.stage_title));
        let uses = |prefix: &str| {
            doc.descendants()
                .filter(|n| n.has_tag_name("use"))
                .filter(|n| n.attribute("href").is_some_and(|h| h.starts_with(prefix)))
                .count()
        };
        assert_eq!(
            uses("#icon-"),
            scene.components.len(),
            "one icon per component"
        );
        let badged = scene
            .groups
            .iter()
            .filter(|g| scaleview::scene::style::group_has_badge(g.kind))
            .count();
        assert_eq!(uses("#badge-"), badged, "one badge per Region, VPC, ASG…");
        // Scripts and slide tools find each component and link by id: on its group, its icon
        // box and its route polyline.
        let named = |tag: &str, class: &str, id: &str| {
            doc.descendants().any(|n| {
                n.has_tag_name(tag)
                    && n.attribute("class") == Some(class)
                    && n.attribute("data-id") == Some(id)
            })
        };
        for n in &scene.components {
            assert!(
                named("g", "node", &n.id),
                "stage {stage}: node group {}",
                n.id
            );
            assert!(
                named("use", "icon", &n.id),
                "stage {stage}: icon box {}",
                n.id
            );
        }
        for e in &scene.links {
            assert!(
                named("g", "edge", &e.id),
                "stage {stage}: link group {}",
                e.id
            );
            assert!(
                named("polyline", "route", &e.id),
                "stage {stage}: route {}",
                e.id
            );
        }
    }
}

#[test]
fn every_stage_of_every_shipped_diagram_exports_at_1080p() {
    for f in common::shipped_diagrams() {
        let src = std::fs::read_to_string(&f).expect("read");
        let d = model::parse(&src, &f.display().to_string())
            .unwrap_or_else(|e| panic!("{}: {:?}", f.display(), e));
        for stage in 0..d.stages.len() {
            let bytes =
                export::render(&d, stage, Format::Png, &ExportOptions::default()).expect("render");
            let (w, h, rgba) = decode(&bytes);
            assert_eq!((w, h), (1920, 1080));
            let ink = ink_fraction(&rgba);
            assert!(
                ink > 0.01,
                "{} stage {stage} looks blank ({ink})",
                f.display()
            );
        }
    }
}

#[test]
fn hangul_labels_export_as_glyphs() {
    let src = r#"Diagram(title: "한국어", stages: [Stage(id: "a", at: 1, title: "사용자 1,000명")],
        components: [Component(id: "u", kind: Users, label: "사용자 1,000명", cell: (0, 0))])"#;
    let d = model::parse(src, "ko.ron").expect("valid");
    let svg = scene_to_svg(
        &Scene::settled(&d, 0),
        &ExportOptions {
            width: 600,
            height: 400,
            ..ExportOptions::default()
        },
    );
    assert!(svg.contains("사용자 1,000명"));
    let small = ExportOptions {
        width: 600,
        height: 400,
        ..ExportOptions::default()
    };
    let with = export::render(&d, 0, Format::Png, &small).expect("png");
    let d2 = model::parse(
        &src.replace("label: \"사용자 1,000명\"", "label: \"          \""),
        "blank.ron",
    )
    .expect("valid");
    let without = export::render(&d2, 0, Format::Png, &small).expect("png");
    let (_, _, a) = decode(&with);
    let (_, _, b) = decode(&without);
    assert!(
        ink_fraction(&a) > ink_fraction(&b) + 0.002,
        "Hangul label drew nothing"
    );
}

#[test]
fn cli_exports_one_stage_and_all_stages() {
    let dir = temp_dir("cli");
    let out = dir.join("ten-k.svg");
    let (code, _, err) = run(&[
        "export",
        "--users",
        "12000",
        "--out",
        out.to_str().expect("utf8"),
    ]);
    assert_eq!(code, 0, "{err}");
    let svg = std::fs::read_to_string(&out).expect("written");
    assert!(
        svg.contains("&gt; 10,000 users"),
        "the 12,000-user export shows the 10k stage"
    );

    let all = dir.join("all");
    let (code, stdout, err) = run(&[
        "export",
        "--all-stages",
        "--out-dir",
        all.to_str().expect("utf8"),
        "--width",
        "320",
        "--height",
        "180",
    ]);
    assert_eq!(code, 0, "{err}");
    let mut names: Vec<String> = std::fs::read_dir(&all)
        .expect("dir")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names.len(), 9, "{names:?}\n{stdout}");
    assert_eq!(names[0], "01-1.png");
    assert_eq!(names[4], "05-10000.png");
    let (w, h, _) = decode(&std::fs::read(all.join(&names[8])).expect("read"));
    assert_eq!((w, h), (320, 180));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_korean_built_in_exports_with_ascii_file_names() {
    let dir = temp_dir("korean");
    let list = |sub: &str, extra: &[&str]| {
        let out = dir.join(sub);
        let mut args = vec![
            "export",
            "--diagram",
            "aws-10m-users-ko",
            "--all-stages",
            "--format",
            "svg",
            "--out-dir",
            out.to_str().expect("utf8"),
        ];
        args.extend_from_slice(extra);
        let (code, _, err) = run(&args);
        assert_eq!(code, 0, "{err}");
        let mut names: Vec<String> = std::fs::read_dir(&out)
            .expect("dir")
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        (out, names)
    };
    let (out, names) = list("by-threshold", &[]);
    assert_eq!(names.len(), 9);
    assert!(names.iter().all(|n| n.is_ascii()), "{names:?}");
    assert_eq!(names[4], "05-10000.svg");
    let svg = std::fs::read_to_string(out.join(&names[4])).expect("svg");
    assert!(
        svg.contains("10,000명"),
        "the caption writes the counter on the number"
    );
    assert!(
        svg.contains("@font-face"),
        "the Korean text carries its font"
    );
    let (_, names) = list("by-id", &["--name-by", "id"]);
    assert_eq!(names[4], "05-10k.svg");
    let (code, _, err) = run(&[
        "export",
        "--diagram",
        "nope",
        "--stage",
        "1",
        "--out",
        "x.png",
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("aws-10m-users-ko"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn cli_exit_codes_follow_the_contract() {
    let dir = temp_dir("codes");
    let bad = dir.join("bad.ron");
    std::fs::write(&bad, "Diagram(title: \"x\", stages: [Stage(id: \"a\", at: 1, title: \"t\")], components: [Component(id: \"c\", kind: Ec3, cell: (0, 0))])").expect("write");
    let out = dir.join("x.png");
    let (code, _, err) = run(&[
        "export",
        bad.to_str().expect("utf8"),
        "--users",
        "1",
        "--out",
        out.to_str().expect("utf8"),
    ]);
    assert_eq!(code, 1, "bad diagram");
    assert!(
        err.contains("bad.ron:1:") && err.contains("did you mean `Ec2`"),
        "{err}"
    );
    assert!(!out.exists());

    let (code, _, err) = run(&[
        "export",
        "--users",
        "1",
        "--out",
        dir.join("x.gif").to_str().expect("utf8"),
    ]);
    assert_eq!(code, 2, "unknown extension is a usage error");
    assert!(err.contains("use --animate FILE"), "{err}");
    let (code, _, _) = run(&["export", "--out", out.to_str().expect("utf8")]);
    assert_eq!(code, 2, "no stage given");
    let (code, _, err) = run(&["export", "--users", "1", "-o", out.to_str().expect("utf8")]);
    assert_eq!(code, 0, "-o is --out: {err}");
    assert!(out.exists());
    let (code, _, _) = run(&["export", "--users", "1", "--bogus"]);
    assert_eq!(code, 2, "unknown flag");

    let (code, _, err) = run(&["check", dir.join("missing.ron").to_str().expect("utf8")]);
    assert_eq!(
        code, 2,
        "an unreadable file is an I/O error, not a bad diagram"
    );
    assert!(
        err.contains("missing.ron:1:1: error: there is no file at this path"),
        "{err}"
    );
    let (code, stdout, _) = run(&["check", bad.to_str().expect("utf8")]);
    assert_eq!(code, 1);
    assert!(stdout.is_empty());
    let good = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("diagrams/aws-10m-users.ron");
    let (code, stdout, _) = run(&["check", good.to_str().expect("utf8")]);
    assert_eq!(code, 0);
    assert!(stdout.contains("ok (9 stages"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn cli_exports_a_film_of_a_stage_range() {
    let dir = temp_dir("film");
    let gif = dir.join("talk.gif");
    let (code, stdout, err) = run(&[
        "export",
        "--animate",
        gif.to_str().expect("utf8"),
        "--from",
        "2",
        "--to",
        "3",
        "--width",
        "240",
        "--height",
        "135",
        "--fps",
        "10",
        "--dwell",
        "0.5",
        "--transition",
        "0.5",
    ]);
    assert_eq!(code, 0, "{err}");
    // Two dwells of 5 frames and one transition of 5.
    assert!(
        stdout.contains("talk.gif (15 frames at 10 fps, 1.5 s, 240×135)"),
        "{stdout}"
    );
    assert!(std::fs::read(&gif).expect("written").starts_with(b"GIF89a"));
    // No progress line when stderr is not a terminal.
    assert!(err.is_empty(), "{err}");
    for (args, why) in [
        (vec!["--animate", "x.webm"], "unknown film extension"),
        (vec!["--animate", "x.gif", "--to", "99"], "no such stage"),
        (vec!["--animate", "x.gif", "--fps", "60"], "GIF over 50 fps"),
        (
            vec!["--animate", "x.gif", "--stage", "2"],
            "a film is not one stage",
        ),
    ] {
        let path = dir.join(args[1]);
        let mut all = vec!["export", "--animate", path.to_str().expect("utf8")];
        all.extend(&args[2..]);
        let (code, _, err) = run(&all);
        assert_eq!(code, 2, "{why}: {err}");
        assert!(!path.exists(), "{why}: a file was written");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .expect("dir")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp"))
        .collect()
}

#[test]
fn failed_writes_leave_no_partial_file_and_keep_the_old_one() {
    let dir = temp_dir("atomic");
    // Into a folder that does not exist: clear error, nothing written.
    let missing = dir.join("no-such-folder").join("x.png");
    let err = export::write_atomic(&missing, b"data").expect_err("must fail");
    assert!(err.to_string().contains("could not write"), "{err}");
    // Over a directory: the rename fails, the temp file is removed, the directory survives.
    let target = dir.join("taken.png");
    std::fs::create_dir(&target).expect("mkdir");
    std::fs::write(target.join("keep.txt"), b"precious").expect("write");
    assert!(export::write_atomic(&target, b"new").is_err());
    assert_eq!(
        std::fs::read(target.join("keep.txt")).expect("kept"),
        b"precious"
    );
    assert!(
        leftovers(&dir).is_empty(),
        "temp files left: {:?}",
        leftovers(&dir)
    );
    // A good file is replaced whole.
    let good = dir.join("good.png");
    export::write_atomic(&good, b"first").expect("write");
    export::write_atomic(&good, b"second").expect("write");
    assert_eq!(std::fs::read(&good).expect("read"), b"second");
    // A usage error (size 0) never touches the existing file.
    let (code, _, _) = run(&[
        "export",
        "--users",
        "1",
        "--width",
        "0",
        "--out",
        good.to_str().expect("utf8"),
    ]);
    assert_eq!(code, 2);
    assert_eq!(std::fs::read(&good).expect("read"), b"second");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn every_character_in_shipped_diagrams_has_a_glyph_in_the_bundled_font() {
    for path in common::shipped_diagrams() {
        let src = std::fs::read_to_string(&path).expect("read");
        let d = model::parse(&src, "d").expect("valid");
        let mut texts: Vec<String> = vec![
            d.title.clone(),
            d.description.clone(),
            d.credit.clone(),
            d.axis.label.clone(),
        ];
        texts.extend(
            d.stages
                .iter()
                .flat_map(|s| [s.title.clone(), s.notes.clone()]),
        );
        texts.extend(d.groups.iter().map(|g| g.label.clone()));
        texts.extend(d.components.iter().flat_map(|c| {
            c.at.iter()
                .map(|a| a.label.to_string())
                .chain([c.notes.clone()])
        }));
        texts.extend(d.links.iter().map(|l| l.label.clone()));
        for t in texts {
            for ch in t.chars() {
                assert!(
                    scaleview::scene::text::has_glyph(ch),
                    "{}: {ch:?} (U+{:04X}) in {t:?} has no glyph",
                    path.display(),
                    ch as u32
                );
            }
        }
    }
}

#[test]
fn fixed_scale_slides_share_one_scale_and_no_highlight_leaves_out_the_rings() {
    let dir = temp_dir("fixed");
    let transforms = |sub: &str, extra: &[&str]| {
        let out = dir.join(sub);
        let mut args = vec![
            "export",
            "--all-stages",
            "--format",
            "svg",
            "--text-as-paths",
            "--out-dir",
            out.to_str().expect("utf8"),
        ];
        args.extend_from_slice(extra);
        let (code, _, err) = run(&args);
        assert_eq!(code, 0, "{err}");
        let mut names: Vec<PathBuf> = std::fs::read_dir(&out)
            .expect("dir")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        names.sort();
        names
            .iter()
            .map(|p| {
                // Where and how big the Users icon (there in every stage) is drawn stands for
                // the stage's scale and position.
                let svg = std::fs::read_to_string(p).expect("svg");
                let at = svg
                    .find("<use class=\"icon\" data-id=\"users\"")
                    .expect("users icon");
                let rest = &svg[at..];
                let end = rest.find("/>").expect("end");
                let attrs: Vec<&str> = rest[..end]
                    .split_whitespace()
                    .filter(|a| {
                        a.starts_with("x=") || a.starts_with("y=") || a.starts_with("width=")
                    })
                    .collect();
                (attrs.join(" "), svg)
            })
            .collect::<Vec<_>>()
    };
    let free = transforms("free", &[]);
    let distinct: std::collections::BTreeSet<&str> = free.iter().map(|(t, _)| t.as_str()).collect();
    assert!(
        distinct.len() > 3,
        "each stage fitted on its own: {distinct:?}"
    );
    assert!(
        free.iter()
            .any(|(_, svg)| svg.contains("class=\"changed\""))
    );
    assert!(
        free.iter().any(|(_, svg)| svg.contains("class=\"new\"")),
        "new rings by default"
    );
    let fixed = transforms("fixed", &["--fixed-scale", "--no-highlight"]);
    let distinct: std::collections::BTreeSet<&str> =
        fixed.iter().map(|(t, _)| t.as_str()).collect();
    assert_eq!(
        distinct.len(),
        1,
        "one scale and place for all: {distinct:?}"
    );
    for (_, svg) in &fixed {
        assert!(!svg.contains("class=\"changed\"") && !svg.contains("class=\"new\""));
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn metrics_join_the_caption_only_when_asked() {
    let d = model::default_diagram();
    let texts = |opts: &ExportOptions| -> String {
        let svg = scene_to_svg(&Scene::settled(&d, 5), opts);
        let doc = roxmltree::Document::parse(&svg).expect("xml");
        // A line is one <text>, written as one <tspan> per font run.
        doc.descendants()
            .filter(|n| n.has_tag_name("text"))
            .map(|t| {
                t.descendants()
                    .filter(|n| n.is_text())
                    .filter_map(|n| n.text())
                    .collect::<String>()
            })
            .collect::<Vec<_>>()
            .join("|")
    };
    let (name, value) = &d.stages[5].metrics[0];
    let asked = texts(&ExportOptions {
        caption_metrics: true,
        ..ExportOptions::default()
    });
    assert!(asked.contains(&format!("{name} {value}")), "{asked}");
    let plain = texts(&ExportOptions::default());
    assert!(!plain.contains(name.as_str()), "metrics shown unasked");
}

#[test]
fn kinds_lists_every_kind_and_every_other_name() {
    let (code, names, _) = common::run(&["kinds", "--names"]);
    assert_eq!(code, 0);
    let names: Vec<&str> = names.lines().collect();
    for k in scaleview::model::ComponentKind::ALL {
        assert!(names.contains(&k.ron_name()), "{} missing", k.ron_name());
    }
    for g in scaleview::model::GroupKind::ALL {
        assert!(names.contains(&g.ron_name().as_str()), "{g:?} missing");
    }
    let (code, table, _) = common::run(&["kinds"]);
    assert_eq!(code, 0);
    for k in scaleview::model::ComponentKind::ALL {
        assert!(table.contains(k.display_name()), "{} unnamed", k.ron_name());
    }
    for (alias, kind, _) in scaleview::model::aliases() {
        let row = table
            .lines()
            .find(|l| l.trim_start().starts_with(&format!("{alias} ")))
            .unwrap_or_else(|| panic!("alias {alias} missing"));
        assert!(row.contains(kind), "{alias} does not say {kind}: {row}");
    }
    // Every name listed is accepted by the format.
    for k in scaleview::model::ComponentKind::ALL {
        let src = format!(
            r#"Diagram(title: "t", stages: [Stage(id: "s", at: 1, title: "S", notes: "n")],
                components: [Component(id: "c", kind: {}, cell: (0, 0), notes: "n")])"#,
            k.ron_name()
        );
        assert!(
            scaleview::model::parse(&src, "k.ron").is_ok(),
            "{} is listed but refused",
            k.ron_name()
        );
    }
}
