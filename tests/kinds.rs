//! Every kind: the catalogue diagram covers them all, `docs/KINDS.md` and its pictures are
//! current, and every kind's icon is drawn in the SVG and PNG exports.

mod common;

use std::path::PathBuf;

use scaleview::model::{self, ComponentKind};
use scaleview::render::paint::{self, IconRef, Prim};
use scaleview::render::svg::{self, ExportOptions};
use scaleview::scene::Scene;

fn catalogue() -> model::Diagram {
    model::parse(&model::catalogue_ron(), "catalogue.ron").expect("the catalogue parses")
}

#[test]
fn kinds_md_is_current() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("docs/KINDS.md");
    let on_disk = std::fs::read_to_string(&path).expect("docs/KINDS.md exists");
    assert!(
        on_disk == model::kinds_markdown(),
        "docs/KINDS.md is out of date: regenerate it as it says at its top"
    );
    for k in ComponentKind::ALL {
        assert!(
            on_disk.contains(&format!("| `{}` |", k.ron_name())),
            "{k:?} missing"
        );
    }
}

#[test]
fn the_kinds_pictures_are_exactly_the_catalogue_pages() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("docs/kinds");
    let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
        .expect("docs/kinds exists")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    on_disk.sort();
    let mut expected: Vec<String> = model::catalogue_pictures()
        .into_iter()
        .map(|(f, _)| f)
        .collect();
    expected.sort();
    assert_eq!(
        on_disk, expected,
        "regenerate docs/kinds as docs/KINDS.md says"
    );
    let d = catalogue();
    assert_eq!(d.stages.len(), expected.len());
    for f in &expected {
        let bytes = std::fs::read(dir.join(f)).expect("read picture");
        let (w, h, _) = common::decode_png(&bytes);
        assert_eq!((w, h), (1280, 720), "{f}");
    }
}

#[test]
fn every_kind_is_drawn_in_svg_and_png_exports() {
    let d = catalogue();
    let opts = ExportOptions {
        width: 1280,
        height: 720,
        ..ExportOptions::default()
    };
    let mut drawn: Vec<ComponentKind> = Vec::new();
    for stage in 0..d.stages.len() {
        let scene = Scene::settled(&d, stage);
        let svg_text = svg::scene_to_svg(&scene, &opts);
        let png = scaleview::export::render(&d, stage, scaleview::export::Format::Png, &opts)
            .expect("png");
        let (w, _, pixels) = common::decode_png(&png);
        for prim in paint::export(&scene, &opts) {
            let Prim::Icon {
                icon: IconRef::Component(kind),
                rect,
                ..
            } = prim
            else {
                continue;
            };
            assert!(
                svg_text.contains(&format!("icon-{}", kind.icon_name())),
                "{kind:?} has no icon in the SVG"
            );
            // The tile's colour and the white pictogram are both on the PNG's pixels.
            let (mut white, mut tile) = (0, 0);
            for y in rect.min.y as u32..rect.max.y as u32 {
                for x in rect.min.x as u32..rect.max.x as u32 {
                    let p = &pixels[((y * w + x) * 4) as usize..][..3];
                    // The canvas is white too: the tile is what is not white.
                    if p.iter().all(|c| *c > 235) {
                        white += 1;
                    } else {
                        tile += 1;
                    }
                }
            }
            let area = (rect.width() * rect.height()) as usize;
            assert!(
                tile > area / 2,
                "{kind:?}: its tile is not drawn ({tile}/{area})"
            );
            assert!(
                white > area / 30,
                "{kind:?}: its pictogram is not drawn ({white}/{area})"
            );
            drawn.push(kind);
        }
    }
    for k in ComponentKind::ALL {
        assert!(drawn.contains(k), "{k:?} was never drawn");
    }
}
