//! Custom icons: read from beside the diagram, drawn everywhere a kind's icon is; refused
//! with a warning at the `icon` field (and the kind's icon kept) when they leave the
//! diagram's folder, are too big, broken, or refer to other files.

mod common;

use std::path::{Path, PathBuf};

use scaleview::model::{self, Diagram};
use scaleview::render::svg::ExportOptions;

/// A square blue SVG with a yellow disc: easy to find on a picture.
const BLUE: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 40"><rect width="40" height="40" fill="#1060f0"/><circle cx="20" cy="20" r="8" fill="#ffd020"/></svg>"##;

/// A diagram at `dir/talk.ron` whose `lb` component uses the icon written `icon`.
fn diagram_with_icon(dir: &Path, icon: &str) -> PathBuf {
    let src = format!(
        "Diagram(\n    title: \"Icons\",\n    stages: [Stage(id: \"a\", at: 1, title: \"Start\")],\n    \
         components: [\n        Component(id: \"lb\", kind: LoadBalancer, icon: {icon:?}, \
         cell: (0, 0)),\n        Component(id: \"db\", kind: Cache, cell: (1, 0)),\n    ],\n)\n"
    );
    let path = dir.join("talk.ron");
    std::fs::write(&path, src).expect("write diagram");
    path
}

fn load(path: &Path) -> Diagram {
    model::load_file(path).unwrap_or_else(|e| panic!("{:?}", e.into_diagnostics()))
}

/// The one warning about the icon: it points at line 5 (the component), the `icon` field.
fn refused(d: &Diagram, needle: &str) {
    assert!(d.components[0].icon.is_none(), "the kind's icon is kept");
    assert_eq!(d.notices.len(), 1, "{:?}", d.notices);
    let w = &d.notices[0];
    assert_eq!((w.line, w.col), (5, 55), "{w}");
    assert!(w.message.contains(needle), "{w}");
    assert!(w.hint.as_deref().is_some_and(|h| !h.is_empty()), "{w}");
}

fn png_bytes(w: u32, h: u32, rgba: [u8; 4]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut enc = png::Encoder::new(&mut out, w, h);
    enc.set_color(png::ColorType::Rgba);
    let mut writer = enc.write_header().expect("header");
    let pixels: Vec<u8> = (0..w * h).flat_map(|_| rgba).collect();
    writer.write_image_data(&pixels).expect("pixels");
    drop(writer);
    out
}

/// The share of the pixels of the `lb` icon on a PNG export that are close to `rgb`.
fn share_of_colour(d: &Diagram, rgb: [u8; 3]) -> f64 {
    let opts = ExportOptions {
        width: 800,
        height: 450,
        ..ExportOptions::default()
    };
    let scene = scaleview::scene::Scene::settled(d, 0);
    let rect = scaleview::render::paint::export(&scene, &opts)
        .into_iter()
        .find_map(|p| match p {
            scaleview::render::paint::Prim::Icon {
                rect, id: Some(id), ..
            } if &*id == "lb" => Some(rect),
            _ => None,
        })
        .expect("the lb icon is painted");
    let png = scaleview::export::render(d, 0, scaleview::export::Format::Png, &opts).expect("png");
    let (w, _, px) = common::decode_png(&png);
    let (mut near, mut all) = (0, 0);
    for y in rect.min.y.ceil() as u32..rect.max.y.floor() as u32 {
        for x in rect.min.x.ceil() as u32..rect.max.x.floor() as u32 {
            let p = &px[((y * w + x) * 4) as usize..][..3];
            all += 1;
            if p.iter().zip(rgb).all(|(a, b)| a.abs_diff(b) < 40) {
                near += 1;
            }
        }
    }
    f64::from(near) / f64::from(all.max(1))
}

#[test]
fn a_relative_svg_icon_is_drawn_in_every_export() {
    let dir = common::temp_dir("icon-svg");
    std::fs::create_dir_all(dir.join("icons")).expect("mkdir");
    std::fs::write(dir.join("icons/blue.svg"), BLUE).expect("icon");
    let d = load(&diagram_with_icon(&dir, "icons/blue.svg"));
    assert!(d.notices.is_empty(), "{:?}", d.notices);
    let icon = d.components[0].icon.as_ref().expect("loaded");
    assert!(icon.file.ends_with("icons/blue.svg"));
    // Mostly blue (the disc is yellow), on the PNG.
    let blue = share_of_colour(&d, [0x10, 0x60, 0xf0]);
    assert!(blue > 0.5, "blue share {blue}");
    // In the SVG: once, as a symbol, its picture inlined.
    let svg = String::from_utf8(
        scaleview::export::render(
            &d,
            0,
            scaleview::export::Format::Svg,
            &ExportOptions::default(),
        )
        .expect("svg"),
    )
    .expect("utf8");
    let id = format!("icon-{}", icon.key);
    assert_eq!(svg.matches(&format!("<symbol id=\"{id}\"")).count(), 1);
    assert!(
        svg.contains("#1060f0") || svg.contains("#1060F0"),
        "the picture is inlined"
    );
    // The other component keeps its kind's icon.
    assert!(svg.contains("icon-cache"));
}

#[test]
fn a_png_icon_is_drawn() {
    let dir = common::temp_dir("icon-png");
    std::fs::write(dir.join("red.png"), png_bytes(32, 32, [230, 20, 20, 255])).expect("icon");
    let d = load(&diagram_with_icon(&dir, "red.png"));
    assert!(d.notices.is_empty(), "{:?}", d.notices);
    let red = share_of_colour(&d, [230, 20, 20]);
    assert!(red > 0.8, "red share {red}");
    // The PDF hand-out carries it as an image with its opacity as a soft mask.
    let pdf = dir.join("talk.pdf");
    let path = dir.join("talk.ron");
    let (code, _, err) = common::run(&[
        "export",
        path.to_str().expect("utf8"),
        "--handout",
        pdf.to_str().expect("utf8"),
    ]);
    assert_eq!(code, 0, "{err}");
    let bytes = std::fs::read(&pdf).expect("pdf");
    let has = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
    assert!(
        has(b"/Subtype /Image") && has(b"/SMask"),
        "no image in the PDF"
    );
}

/// An 8×8 picture in rgb(20, 180, 60), as GIF and as JPEG (made with Pillow), base64.
const GREEN_GIF: &str = "R0lGODdhCAAIAIEAABS0PAAAAAAAAAAAACwAAAAACAAIAAAIDwABCBxIsKDBgwgTKkwYEAA7";
const GREEN_JPEG: &str = concat!(
    "/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAMCAgMCAgMDAwMEAwMEBQgFBQQEBQoHBwYIDAoMDAsKCwsNDhIQDQ4R",
    "DgsLEBYQERMUFRUVDA8XGBYUGBIUFRT/2wBDAQMEBAUEBQkFBQkUDQsNFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQU",
    "FBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBT/wAARCAAIAAgDASIAAhEBAxEB/8QAHwAAAQUBAQEBAQEAAAAAAAAA",
    "AAECAwQFBgcICQoL/8QAtRAAAgEDAwIEAwUFBAQAAAF9AQIDAAQRBRIhMUEGE1FhByJxFDKBkaEII0KxwRVS0fAk",
    "M2JyggkKFhcYGRolJicoKSo0NTY3ODk6Q0RFRkdISUpTVFVWV1hZWmNkZWZnaGlqc3R1dnd4eXqDhIWGh4iJipKT",
    "lJWWl5iZmqKjpKWmp6ipqrKztLW2t7i5usLDxMXGx8jJytLT1NXW19jZ2uHi4+Tl5ufo6erx8vP09fb3+Pn6/8QA",
    "HwEAAwEBAQEBAQEBAQAAAAAAAAECAwQFBgcICQoL/8QAtREAAgECBAQDBAcFBAQAAQJ3AAECAxEEBSExBhJBUQdh",
    "cRMiMoEIFEKRobHBCSMzUvAVYnLRChYkNOEl8RcYGRomJygpKjU2Nzg5OkNERUZHSElKU1RVVldYWVpjZGVmZ2hp",
    "anN0dXZ3eHl6goOEhYaHiImKkpOUlZaXmJmaoqOkpaanqKmqsrO0tba3uLm6wsPExcbHyMnK0tPU1dbX2Nna4uPk",
    "5ebn6Onq8vP09fb3+Pn6/9oADAMBAAIRAxEAPwDEooor8nP5EP/Z",
);

/// The pictures a PDF carries, as their inflated RGB samples (image objects other than the
/// grey soft masks).
fn pdf_pictures(pdf: &[u8]) -> Vec<Vec<u8>> {
    common::pdf_objects(pdf)
        .into_values()
        .filter(|(dict, _)| dict.contains("/Subtype /Image") && !dict.contains("/DeviceGray"))
        .map(|(_, data)| data)
        .collect()
}

#[test]
fn jpeg_and_gif_pictures_inside_an_svg_icon_reach_the_pdf() {
    for (mime, data) in [("gif", GREEN_GIF), ("jpeg", GREEN_JPEG)] {
        let dir = common::temp_dir(&format!("icon-{mime}-in-svg"));
        let svg = format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" \
             xmlns:xlink=\"http://www.w3.org/1999/xlink\" viewBox=\"0 0 40 40\">\
             <image width=\"40\" height=\"40\" xlink:href=\"data:image/{mime};base64,{data}\"/>\
             </svg>"
        );
        std::fs::write(dir.join("green.svg"), svg).expect("icon");
        let d = load(&diagram_with_icon(&dir, "green.svg"));
        assert!(d.notices.is_empty(), "{mime}: {:?}", d.notices);
        let green = share_of_colour(&d, [20, 180, 60]);
        assert!(green > 0.8, "{mime}: green share on the PNG {green}");
        let pdf = scaleview::handout::handout(&d, &ExportOptions::default()).expect("handout");
        let pictures = pdf_pictures(&pdf);
        let greenish = pictures.iter().any(|rgb| {
            let px: Vec<&[u8]> = rgb.chunks(3).collect();
            let near = px
                .iter()
                .filter(|p| {
                    p.iter()
                        .zip([20u8, 180, 60])
                        .all(|(a, b)| a.abs_diff(b) < 30)
                })
                .count();
            px.len() > 1000 && near * 10 > px.len() * 9
        });
        assert!(
            greenish,
            "{mime}: no green picture among the PDF's {} pictures",
            pictures.len()
        );
    }
}

#[test]
fn paths_that_leave_the_folder_are_refused() {
    let dir = common::temp_dir("icon-escape");
    let inner = dir.join("talk");
    std::fs::create_dir_all(&inner).expect("mkdir");
    std::fs::write(dir.join("outside.svg"), BLUE).expect("icon");
    let d = load(&diagram_with_icon(&inner, "../outside.svg"));
    refused(&d, "leaves the diagram's folder");
    let abs = dir.join("outside.svg");
    let d = load(&diagram_with_icon(&inner, abs.to_str().expect("utf8")));
    refused(&d, "absolute");
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(&abs, inner.join("link.svg")).expect("symlink");
        let d = load(&diagram_with_icon(&inner, "link.svg"));
        refused(&d, "outside the diagram's folder");
        // A link that stays inside is fine.
        std::fs::write(inner.join("real.svg"), BLUE).expect("icon");
        std::os::unix::fs::symlink(inner.join("real.svg"), inner.join("ok.svg")).expect("link");
        let d = load(&diagram_with_icon(&inner, "ok.svg"));
        assert!(d.components[0].icon.is_some(), "{:?}", d.notices);
    }
}

#[test]
fn oversized_broken_and_external_icons_are_refused() {
    let dir = common::temp_dir("icon-bad");
    let big = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\"><!-- {} --></svg>",
        "x".repeat(600 * 1024)
    );
    std::fs::write(dir.join("big.svg"), big).expect("icon");
    refused(&load(&diagram_with_icon(&dir, "big.svg")), "at most 512 KB");

    std::fs::write(dir.join("broken.svg"), "<svg xmlns=").expect("icon");
    refused(
        &load(&diagram_with_icon(&dir, "broken.svg")),
        "not a valid SVG",
    );

    let mut truncated = png_bytes(16, 16, [0, 0, 0, 255]);
    truncated.truncate(truncated.len() - 20);
    std::fs::write(dir.join("cut.png"), truncated).expect("icon");
    refused(
        &load(&diagram_with_icon(&dir, "cut.png")),
        "not a valid PNG",
    );

    std::fs::write(dir.join("huge.png"), png_bytes(3000, 4, [0, 0, 0, 255])).expect("icon");
    refused(&load(&diagram_with_icon(&dir, "huge.png")), "3000×4 pixels");

    std::fs::write(dir.join("secret.png"), png_bytes(4, 4, [0, 0, 0, 255])).expect("icon");
    let external = r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 4 4"><image width="4" height="4" xlink:href="secret.png"/></svg>"#;
    std::fs::write(dir.join("ext.svg"), external).expect("icon");
    refused(
        &load(&diagram_with_icon(&dir, "ext.svg")),
        "refers to another file (`secret.png`)",
    );

    refused(&load(&diagram_with_icon(&dir, "icon.gif")), "SVG or PNG");
    refused(
        &load(&diagram_with_icon(&dir, "nothing.svg")),
        "there is no icon",
    );
}

#[test]
fn icon_warnings_reach_check_with_file_line_and_column() {
    let dir = common::temp_dir("icon-check");
    let path = diagram_with_icon(&dir, "../x.svg");
    let (code, _, err) = common::run(&["check", path.to_str().expect("utf8")]);
    assert_eq!(
        code, 0,
        "a refused icon is a warning, the diagram is fine: {err}"
    );
    assert!(
        err.contains("talk.ron:5:55: warning: the icon path leaves"),
        "{err}"
    );
    let (code, _, _) = common::run(&["check", "--deny-warnings", path.to_str().expect("utf8")]);
    assert_eq!(code, 1);
}

#[test]
fn a_parsed_diagram_without_a_file_keeps_the_kinds_icons() {
    let src = std::fs::read_to_string(diagram_with_icon(&common::temp_dir("icon-nofile"), "a.svg"))
        .expect("read");
    let d = model::parse(&src, "talk.ron").expect("parses");
    assert_eq!(d.components[0].icon_path.as_deref(), Some("a.svg"));
    assert!(d.components[0].icon.is_none());
}
