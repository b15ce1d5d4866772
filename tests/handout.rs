//! The PPTX deck, opened as an Office Open XML package: every part typed, every relationship
//! pointing at a part that is there, every XML part well-formed; one slide and one notes page
//! per stage, the stage's story in the notes, the stage's picture on the slide.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::io::{Cursor, Read};

use resvg::usvg::roxmltree;
use scaleview::handout;
use scaleview::model;
use scaleview::render::svg::SvgOptions;

fn small() -> SvgOptions {
    SvgOptions {
        width: 480,
        height: 270,
        ..SvgOptions::default()
    }
}

/// Every part of the package by name.
fn parts(bytes: &[u8]) -> BTreeMap<String, Vec<u8>> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip package");
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).expect("entry");
            let mut data = Vec::new();
            f.read_to_end(&mut data).expect("read");
            (f.name().to_owned(), data)
        })
        .collect()
}

/// The part a relationship in `rels_name` points at, as a package path.
fn resolve(rels_name: &str, target: &str) -> String {
    // `ppt/slides/_rels/slide1.xml.rels` → relative to `ppt/slides/`.
    let base = rels_name
        .trim_end_matches(|c| c != '/')
        .trim_end_matches('/')
        .trim_end_matches("_rels")
        .to_owned();
    let mut path: Vec<&str> = base.split('/').filter(|s| !s.is_empty()).collect();
    for seg in target.split('/') {
        match seg {
            ".." => {
                path.pop();
            }
            "." | "" => {}
            s => path.push(s),
        }
    }
    path.join("/")
}

#[test]
fn the_deck_is_a_valid_package_with_one_slide_and_notes_page_per_stage() {
    let d = model::default_diagram();
    let bytes = handout::deck(&d, &small(), &mut |_, _| {}).expect("deck");
    let parts = parts(&bytes);
    let text = |name: &str| String::from_utf8(parts[name].clone()).expect("utf8");

    // Content types: every part has one (by override or by extension).
    let types = text("[Content_Types].xml");
    let ct = roxmltree::Document::parse(&types).expect("content types XML");
    let overrides: BTreeSet<String> = ct
        .descendants()
        .filter(|n| n.has_tag_name("Override"))
        .filter_map(|n| {
            n.attribute("PartName")
                .map(|p| p.trim_start_matches('/').to_owned())
        })
        .collect();
    let defaults: BTreeSet<String> = ct
        .descendants()
        .filter(|n| n.has_tag_name("Default"))
        .filter_map(|n| n.attribute("Extension").map(str::to_owned))
        .collect();
    for name in parts.keys().filter(|n| *n != "[Content_Types].xml") {
        let ext = name.rsplit('.').next().unwrap_or_default();
        assert!(
            overrides.contains(name) || defaults.contains(ext),
            "{name} has no content type"
        );
    }
    for o in &overrides {
        assert!(parts.contains_key(o), "content type for a missing part {o}");
    }

    // Every XML part parses; every relationship target exists.
    for (name, data) in &parts {
        if name.ends_with(".xml") || name.ends_with(".rels") {
            let s = std::str::from_utf8(data).expect("utf8");
            let doc = roxmltree::Document::parse(s)
                .unwrap_or_else(|e| panic!("{name} is not well-formed: {e}"));
            if name.ends_with(".rels") {
                for r in doc.descendants().filter(|n| n.has_tag_name("Relationship")) {
                    let target = r.attribute("Target").expect("target");
                    let part = resolve(name, target);
                    assert!(parts.contains_key(&part), "{name} points at missing {part}");
                }
            }
        }
    }

    // One slide and one notes page per stage, in order, with the story in the notes.
    let n = d.stages.len();
    let count = |prefix: &str| {
        parts
            .keys()
            .filter(|k| k.starts_with(prefix) && k.ends_with(".xml"))
            .count()
    };
    assert_eq!(count("ppt/slides/slide"), n);
    assert_eq!(count("ppt/notesSlides/notesSlide"), n);
    let pres = text("ppt/presentation.xml");
    let pres = roxmltree::Document::parse(&pres).expect("presentation");
    assert_eq!(
        pres.descendants()
            .filter(|x| x.has_tag_name("sldId"))
            .count(),
        n
    );
    for (i, stage) in d.stages.iter().enumerate() {
        let k = i + 1;
        let notes = text(&format!("ppt/notesSlides/notesSlide{k}.xml"));
        let notes = roxmltree::Document::parse(&notes).expect("notes");
        let said: String = notes
            .descendants()
            .filter(|x| x.has_tag_name("t"))
            .filter_map(|x| x.text())
            .collect::<Vec<_>>()
            .join("\n");
        assert!(said.contains(&stage.title), "stage {k} notes: {said}");
        assert!(
            said.contains(&stage.notes),
            "stage {k} notes lack the story"
        );
        let slide = text(&format!("ppt/slides/slide{k}.xml"));
        assert!(slide.contains(&format!("descr=\"{}", stage.title.replace('>', "&gt;"))));
        let (w, h, rgba) = common::decode_png(&parts[&format!("ppt/media/image{k}.png")]);
        assert_eq!((w, h), (480, 270));
        assert!(
            rgba.chunks_exact(4).any(|p| p[0] < 100),
            "stage {k}: a blank picture"
        );
    }
    // Components new in a stage are named in its notes.
    let notes5 = text("ppt/notesSlides/notesSlide5.xml");
    for c in d.components.iter().filter(|c| c.life.appears == 4) {
        let label = c.label_at(4).replace('\n', " ");
        assert!(notes5.contains(&format!("New: {label}")), "{label} missing");
    }
}

#[test]
fn the_same_diagram_gives_the_same_deck() {
    let d = model::default_diagram();
    let a = handout::deck(&d, &small(), &mut |_, _| {}).expect("deck");
    let b = handout::deck(&d, &small(), &mut |_, _| {}).expect("deck");
    assert_eq!(a, b);
}

#[test]
fn cli_writes_a_deck_and_refuses_other_extensions() {
    let dir = std::env::temp_dir().join(format!("scaleview-deck-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_scaleview"))
            .args(args)
            .output()
            .expect("run")
    };
    let deck = dir.join("talk.pptx");
    let out = run(&[
        "export",
        "--deck",
        deck.to_str().expect("utf8"),
        "--width",
        "320",
        "--height",
        "180",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("9 slides with speaker notes"));
    assert!(parts(&std::fs::read(&deck).expect("written")).contains_key("ppt/slides/slide9.xml"));
    let wrong = dir.join("talk.ppt");
    let out = run(&["export", "--deck", wrong.to_str().expect("utf8")]);
    assert_eq!(out.status.code(), Some(2));
    assert!(!wrong.exists());
    let _ = std::fs::remove_dir_all(&dir);
}
