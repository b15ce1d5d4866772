//! Text in every language: the one font chain gives every letter of a multilingual sample a
//! real glyph, measured widths are drawn widths, a letter no font has is a visible box and a
//! `check` warning, and the SVG export carries its own fonts.

mod common;

use std::collections::BTreeSet;
use std::sync::Arc;

use base64::Engine;
use resvg::{tiny_skia, usvg};
use scaleview::export::{self, Format};
use scaleview::model;
use scaleview::render::svg::ExportOptions;
use scaleview::render::svg_text::TextMode;
use scaleview::scene::fonts::{self, TOFU};
use scaleview::scene::text::{self, Weight};

/// Latin with accents, Greek, Cyrillic, Hangul, symbols and emoji: all bundled.
const BUNDLED_SAMPLE: &str = "Café “naïve” Ærøskøbing Łódź Straße São Paulo İstanbul \
     Ωμέγα Άλφα Жёлтый Київ 사용자 1,000명 ≈ € ✓ 🚀";

/// Han and Kana, drawn with a system font when one is installed.
const CJK_SAMPLE: &str = "日本語のサービス 中文服务 漢字";

/// Whether this machine has a system font for Han characters (`.ci/run` installs one).
fn has_cjk_font() -> bool {
    fonts::face_for('日', Weight::Regular).is_some()
}

/// CI must test the CJK path, not skip it.
fn require_cjk_on_ci() -> bool {
    let has = has_cjk_font();
    if std::env::var_os("CI").is_some() {
        assert!(
            has,
            "CI installs fonts-droid-fallback; no Han font was found"
        );
    }
    has
}

#[test]
fn every_letter_of_the_sample_has_a_real_glyph() {
    let mut sample = BUNDLED_SAMPLE.to_owned();
    if require_cjk_on_ci() {
        sample.push(' ');
        sample.push_str(CJK_SAMPLE);
    }
    for c in sample.chars().filter(|c| !c.is_whitespace()) {
        assert!(
            text::has_glyph(c),
            "{c:?} (U+{:04X}) has no glyph",
            c as u32
        );
    }
    for weight in [Weight::Regular, Weight::Bold] {
        let shaped = text::shape(&sample, 40.0, weight);
        let drawn: String = shaped.runs.iter().map(|r| r.text.as_str()).collect();
        assert!(!drawn.contains(TOFU), "{weight:?}: a box in {drawn:?}");
        assert_eq!(
            drawn.chars().filter(|c| !c.is_whitespace()).count(),
            sample.chars().filter(|c| !c.is_whitespace()).count(),
            "{weight:?}: letters dropped"
        );
        let sum: f32 = shaped.runs.iter().map(|r| r.width).sum();
        assert!((sum - text::width(&sample, 40.0, weight)).abs() < 0.01);
    }
}

#[test]
fn a_word_stays_in_one_face() {
    // "données" must not be "donn" in one face and "ées" in another.
    let shaped = text::shape("Base de données", 20.0, Weight::Regular);
    assert_eq!(shaped.runs.len(), 1, "{shaped:?}");
    let shaped = text::shape("데이터 données", 20.0, Weight::Regular);
    let word = shaped
        .runs
        .iter()
        .find(|r| r.text.contains('é'))
        .expect("run");
    assert!(word.text.contains("donn"), "{shaped:?}");
}

#[test]
fn right_to_left_text_is_drawn_in_reading_order() {
    // Hebrew "shalom" written logically ש ל ו ם is drawn with ם leftmost.
    let drawn = text::visual_order("שלום");
    assert_eq!(drawn.chars().next(), Some('ם'));
    assert_eq!(drawn.chars().last(), Some('ש'));
    // Latin around it keeps its place.
    let mixed = text::visual_order("API שלום v2");
    assert!(
        mixed.starts_with("API ") && mixed.ends_with(" v2"),
        "{mixed}"
    );
    // Arabic letters are kept apart so no renderer joins them differently.
    let arabic = text::visual_order("خدمة");
    assert!(arabic.contains('\u{200C}'));
    assert_eq!(arabic.chars().rfind(|c| *c != '\u{200C}'), Some('خ'));
}

/// A small diagram whose one component label is `label`.
fn one_label(label: &str) -> model::Diagram {
    let src = format!(
        r#"Diagram(
    title: "t",
    axis: Axis(label: "users", min: 1, max: 100, scale: Log),
    stages: [Stage(id: "s", at: 1, title: "Stage")],
    components: [Component(id: "c", kind: Ec2, label: "{label}", cell: (0, 0))],
)"#
    );
    model::parse(&src, "label.ron").expect("valid")
}

fn png_of(d: &model::Diagram, opts: &ExportOptions) -> Vec<u8> {
    export::render(d, 0, Format::Png, opts).expect("png")
}

#[test]
fn an_unknown_code_point_is_a_visible_box_and_a_warning() {
    let opts = ExportOptions {
        width: 400,
        height: 300,
        caption: false,
        ..ExportOptions::default()
    };
    let odd = png_of(&one_label("Odd \\u{10FFFD} sign"), &opts);
    let boxed = png_of(&one_label("Odd □ sign"), &opts);
    let blank = png_of(&one_label("Odd   sign"), &opts);
    let (_, _, odd) = common::decode_png(&odd);
    let (_, _, boxed) = common::decode_png(&boxed);
    let (_, _, blank) = common::decode_png(&blank);
    assert_eq!(odd, boxed, "the unknown letter is drawn as □");
    assert_ne!(odd, blank, "the unknown letter is not dropped");

    let src = r#"Diagram(
    title: "t",
    axis: Axis(label: "users", min: 1, max: 100, scale: Log),
    stages: [Stage(id: "s", at: 1, title: "Stage")],
    components: [
        Component(id: "c", kind: Ec2, label: "Odd \u{10FFFD} sign", cell: (0, 0)),
    ],
)"#;
    let d = model::parse(src, "odd.ron").expect("valid");
    let warnings = scaleview::lint::warnings(&d, src, "odd.ron");
    let w = warnings
        .iter()
        .find(|w| w.message.contains("U+10FFFD"))
        .unwrap_or_else(|| panic!("no warning naming U+10FFFD: {warnings:?}"));
    assert!(w.message.contains("`c`"), "{}", w.message);
    // Line 6, at the escape inside the label.
    let pos = w.pos();
    assert_eq!((pos.line, pos.col), (6, 51), "{w:?}");
}

#[test]
fn an_arabic_label_is_warned_about() {
    let src = "Diagram(\n    title: \"t\",\n    axis: Axis(label: \"users\", min: 1, max: 100, scale: Log),\n    stages: [Stage(id: \"s\", at: 1, title: \"Stage\")],\n    components: [Component(id: \"pay\", kind: Ec2, label: \"خدمة الدفع\", cell: (0, 0))],\n)";
    let d = model::parse(src, "ar.ron").expect("valid");
    let warnings = scaleview::lint::warnings(&d, src, "ar.ron");
    assert!(
        warnings
            .iter()
            .any(|w| w.message.contains("Arabic") && w.message.contains("`pay`")),
        "{warnings:?}"
    );
}

/// The fonts embedded in an SVG (`@font-face` data URLs), decoded.
fn embedded_fonts(svg: &str) -> Vec<Vec<u8>> {
    svg.split("base64,")
        .skip(1)
        .map(|rest| {
            let end = rest.find(')').expect("end of data URL");
            base64::engine::general_purpose::STANDARD
                .decode(&rest[..end])
                .expect("base64")
        })
        .collect()
}

#[test]
fn the_svg_carries_its_fonts_and_matches_the_png() {
    let mut d = one_label("Café “naïve” Ωμέγα Жёлтый 사용자 🚀");
    d.title = "Boutique Dupont — données".into();
    if require_cjk_on_ci() {
        d.stages[0].title = "第二段階 日本語".into();
    }
    let opts = ExportOptions {
        width: 960,
        height: 540,
        ..ExportOptions::default()
    };
    let svg =
        String::from_utf8(export::render(&d, 0, Format::Svg, &opts).expect("svg")).expect("utf-8");
    assert!(
        !svg.contains("<path class=\"text\""),
        "text went out as paths"
    );
    let faces = embedded_fonts(&svg);
    assert!(faces.len() >= 3, "{} faces embedded", faces.len());
    for f in &faces {
        assert!(f.len() < 60_000, "a subset of {} bytes", f.len());
    }
    // Render with resvg's own text engine and only the fonts inside the file: no system fonts.
    let mut db = usvg::fontdb::Database::new();
    for f in faces {
        db.load_font_data(f);
    }
    let uopts = usvg::Options {
        fontdb: Arc::new(db),
        ..Default::default()
    };
    let tree = usvg::Tree::from_str(&svg, &uopts).expect("parses");
    let mut pixmap = tiny_skia::Pixmap::new(960, 540).expect("pixmap");
    resvg::render(
        &tree,
        tiny_skia::Transform::identity(),
        &mut pixmap.as_mut(),
    );
    let from_svg = pixmap.encode_png().expect("encode");
    let (_, _, a) = common::decode_png(&from_svg);
    let (_, _, b) = common::decode_png(&png_of(&d, &opts));
    // Two independent text engines draw the same glyphs: resvg's, from the fonts embedded in
    // the SVG, and the PNG's, filling the scene's glyph outlines straight from the paint list.
    // They agree to the pixel except along anti-aliased edges (0.6 % of this picture's pixels
    // differ by more than 40; a box or a missing letter would be several percent).
    let frac = common::differing_fraction(&a, &b);
    assert!(
        frac < 0.01,
        "{:.2}% of pixels differ between the SVG (embedded fonts only) and the PNG",
        frac * 100.0
    );
    // And with text as paths there is no font at all to load.
    let paths = ExportOptions {
        text: TextMode::Paths,
        ..opts.clone()
    };
    let svg =
        String::from_utf8(export::render(&d, 0, Format::Svg, &paths).expect("svg")).expect("utf-8");
    assert!(embedded_fonts(&svg).is_empty() && !svg.contains("<text"));
}

/// One letter written and rasterised as the PNG export does it (outlines, no fonts loaded).
fn letter_pixels(c: char) -> Vec<u8> {
    use scaleview::render::svg_text::{Anchor, Line, TextWriter};
    let mut body = String::new();
    let content = c.to_string();
    TextWriter::new(TextMode::Paths).write(
        &mut body,
        &Line {
            x: 8.0,
            y: 48.0,
            size: 40.0,
            weight: Weight::Regular,
            anchor: Anchor::Start,
            fill: r##"fill="#000000""##,
            content: &content,
        },
    );
    let svg =
        format!(r#"<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64">{body}</svg>"#);
    scaleview::render::png::rasterize(&svg)
        .expect("renders")
        .data()
        .to_vec()
}

#[test]
fn every_letter_of_the_sample_is_ink_in_the_png_and_not_a_box() {
    let mut sample = BUNDLED_SAMPLE.to_owned();
    if require_cjk_on_ci() {
        sample.push_str(CJK_SAMPLE);
    }
    let tofu = letter_pixels(TOFU);
    let letters: BTreeSet<char> = sample.chars().filter(|c| !c.is_whitespace()).collect();
    for c in letters {
        let px = letter_pixels(c);
        let ink = px.chunks_exact(4).filter(|p| p[3] > 100).count();
        assert!(ink > 4, "{c:?} (U+{:04X}) draws nothing", c as u32);
        if c != TOFU {
            assert_ne!(px, tofu, "{c:?} (U+{:04X}) is drawn as a box", c as u32);
        }
    }
}
