//! The PPTX deck, opened as an Office Open XML package: every part typed, every relationship
//! pointing at a part that is there, every XML part well-formed; one slide and one notes page
//! per stage, the stage's story in the notes, the stage's picture on the slide.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::io::{Cursor, Read};

use resvg::usvg::roxmltree;
use scaleview::handout;
use scaleview::model;
use scaleview::render::svg::ExportOptions;

fn small() -> ExportOptions {
    ExportOptions {
        width: 480,
        height: 270,
        ..ExportOptions::default()
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
    let dir = common::temp_dir("deck");
    let deck = dir.join("talk.pptx");
    let (code, stdout, err) = common::run(&[
        "export",
        "--deck",
        deck.to_str().expect("utf8"),
        "--width",
        "320",
        "--height",
        "180",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(stdout.contains("9 slides with speaker notes"));
    assert!(parts(&std::fs::read(&deck).expect("written")).contains_key("ppt/slides/slide9.xml"));
    let pdf = dir.join("talk.pdf");
    let (code, stdout, err) = common::run(&["export", "--handout", pdf.to_str().expect("utf8")]);
    assert_eq!(code, 0, "{err}");
    assert!(stdout.contains("talk.pdf (9 stages)"));
    assert_eq!(
        PdfText::parse(&std::fs::read(&pdf).expect("written"))
            .pages()
            .len(),
        9
    );
    let (code, _, _) = common::run(&[
        "export",
        "--handout",
        dir.join("talk.pptx").to_str().expect("utf8"),
    ]);
    assert_eq!(code, 2, "a hand-out must be a .pdf");
    let wrong = dir.join("talk.ppt");
    let (code, _, _) = common::run(&["export", "--deck", wrong.to_str().expect("utf8")]);
    assert_eq!(code, 2);
    assert!(!wrong.exists());
    let _ = std::fs::remove_dir_all(&dir);
}

/// A tiny reader for the PDFs scaleview writes: objects by number, streams inflated, and the
/// text of each page decoded through its fonts' ToUnicode maps — enough to check that the
/// hand-out's text is real text, not pictures of text.
struct PdfText {
    objects: BTreeMap<u32, (String, Vec<u8>)>,
}

impl PdfText {
    fn parse(bytes: &[u8]) -> PdfText {
        PdfText {
            objects: common::pdf_objects(bytes),
        }
    }

    /// Numbers of the objects `key N 0 R` points at in `dict`, in order.
    fn refs(dict: &str, key: &str) -> Vec<u32> {
        let Some(i) = dict.find(key) else {
            return Vec::new();
        };
        let rest = &dict[i + key.len()..];
        let rest = rest.trim_start().trim_start_matches('[');
        let end = rest.find([']', '\n']).unwrap_or(rest.len());
        rest[..end]
            .split(" 0 R")
            .filter_map(|n| n.trim().parse().ok())
            .collect()
    }

    /// The pages in order, each as its lines of text.
    fn pages(&self) -> Vec<Vec<String>> {
        let root = self
            .objects
            .values()
            .find(|(d, _)| d.contains("/Type /Pages"))
            .expect("pages");
        Self::refs(&root.0, "/Kids")
            .iter()
            .map(|p| self.page_text(*p))
            .collect()
    }

    fn page_text(&self, page: u32) -> Vec<String> {
        let dict = &self.objects[&page].0;
        // Font name → glyph → letter.
        let mut fonts: BTreeMap<String, BTreeMap<u16, char>> = BTreeMap::new();
        for line in dict.lines() {
            let line = line.trim();
            if let Some(rest) = line.strip_prefix("/F")
                && let Some((name, r)) = rest.split_once(' ')
                && let Ok(obj) = r.trim_end_matches(" 0 R").parse::<u32>()
            {
                let cmap = Self::refs(&self.objects[&obj].0, "/ToUnicode")[0];
                fonts.insert(format!("F{name}"), cmap_pairs(&self.objects[&cmap].1));
            }
        }
        let contents = Self::refs(dict, "/Contents")[0];
        let data = &self.objects[&contents].1;
        let (mut lines, mut current, mut font) = (Vec::new(), String::new(), String::new());
        let mut i = 0;
        let mut last_name = String::new();
        let mut last_string: Vec<u8> = Vec::new();
        while i < data.len() {
            match data[i] {
                b'/' => {
                    let end = data[i..]
                        .iter()
                        .position(|b| b" \n".contains(b))
                        .map_or(data.len(), |p| i + p);
                    last_name = String::from_utf8_lossy(&data[i + 1..end]).into_owned();
                    i = end;
                }
                b'(' => {
                    let (s, end) = literal(data, i);
                    last_string = s;
                    i = end;
                }
                // A hex string (`<0a1b>`), as strings with unprintable bytes are written.
                b'<' if data.get(i + 1) != Some(&b'<') => {
                    let end = i + data[i..].iter().position(|b| *b == b'>').expect("hex end");
                    let hex: Vec<u8> = data[i + 1..end]
                        .iter()
                        .copied()
                        .filter(u8::is_ascii_hexdigit)
                        .collect();
                    last_string = hex
                        .chunks(2)
                        .map(|h| {
                            u8::from_str_radix(std::str::from_utf8(h).unwrap_or("0"), 16)
                                .unwrap_or(0)
                        })
                        .collect();
                    i = end + 1;
                }
                _ => {
                    let rest = &data[i..];
                    if rest.starts_with(b"Tf") {
                        font = last_name.clone();
                    } else if rest.starts_with(b"Tj") {
                        let map = &fonts[&font];
                        for g in last_string.chunks_exact(2) {
                            let gid = u16::from_be_bytes([g[0], g[1]]);
                            current.push(*map.get(&gid).unwrap_or(&'?'));
                        }
                    } else if rest.starts_with(b"ET") && !current.is_empty() {
                        lines.push(std::mem::take(&mut current));
                    }
                    i += 1;
                }
            }
        }
        lines
    }
}

/// A PDF literal string starting at `data[start] == b'('`: its bytes and the index after it.
fn literal(data: &[u8], start: usize) -> (Vec<u8>, usize) {
    let (mut out, mut depth, mut i) = (Vec::new(), 0, start);
    while i < data.len() {
        let b = data[i];
        match b {
            b'\\' => {
                i += 1;
                let e = data[i];
                match e {
                    b'n' => out.push(b'\n'),
                    b'r' => out.push(b'\r'),
                    b't' => out.push(b'\t'),
                    b'b' => out.push(8),
                    b'f' => out.push(12),
                    b'0'..=b'7' => {
                        let mut v = 0u32;
                        let mut k = 0;
                        while k < 3 && i < data.len() && (b'0'..=b'7').contains(&data[i]) {
                            v = v * 8 + u32::from(data[i] - b'0');
                            i += 1;
                            k += 1;
                        }
                        out.push(v as u8);
                        continue;
                    }
                    other => out.push(other),
                }
            }
            b'(' => {
                if depth > 0 {
                    out.push(b);
                }
                depth += 1;
            }
            b')' => {
                depth -= 1;
                if depth == 0 {
                    return (out, i + 1);
                }
                out.push(b);
            }
            _ => out.push(b),
        }
        i += 1;
    }
    (out, i)
}

/// The glyph → letter pairs of a ToUnicode CMap.
fn cmap_pairs(cmap: &[u8]) -> BTreeMap<u16, char> {
    let text = String::from_utf8_lossy(cmap);
    let mut map = BTreeMap::new();
    for line in text.lines() {
        let hexes: Vec<&str> = line
            .split(['<', '>'])
            .map(str::trim)
            .filter(|s| !s.is_empty() && s.chars().all(|c| c.is_ascii_hexdigit()))
            .collect();
        if let [g, u] = hexes[..]
            && g.len() == 4
            && let (Ok(g), Ok(units)) = (
                u16::from_str_radix(g, 16),
                (0..u.len() / 4)
                    .map(|k| u16::from_str_radix(&u[k * 4..k * 4 + 4], 16))
                    .collect::<Result<Vec<u16>, _>>(),
            )
            && let Some(Ok(c)) = char::decode_utf16(units).next()
        {
            map.insert(g, c);
        }
    }
    map
}

#[test]
fn the_handout_has_a_page_per_stage_with_its_title_notes_and_arrivals_as_text() {
    for d in [
        model::default_diagram(),
        model::built_in("aws-10m-users-ko").expect("built in"),
    ] {
        let bytes = handout::handout(&d, &ExportOptions::default()).expect("handout");
        assert!(bytes.starts_with(b"%PDF-1."));
        let pdf = PdfText::parse(&bytes);
        let pages = pdf.pages();
        assert_eq!(
            pages.len(),
            d.stages.len(),
            "{}: one page per stage",
            d.title
        );
        for (i, (page, stage)) in pages.iter().zip(&d.stages).enumerate() {
            assert_eq!(page.get(1), Some(&stage.title), "page {}: {page:?}", i + 1);
            let all = page.join(" ");
            // The story, word for word (lines are wrapped, so compare without breaks).
            let squash = |s: &str| s.split_whitespace().collect::<String>();
            assert!(
                squash(&all).contains(&squash(&stage.notes)),
                "page {} lacks its story",
                i + 1
            );
            for c in d.components.iter().filter(|c| c.life.appears == i && i > 0) {
                let label = c.label_at(i).replace('\n', " ");
                assert!(page.contains(&label), "page {}: {label} missing", i + 1);
            }
        }
        // Fonts travel with the file, as subsets.
        let fonts = pdf
            .objects
            .values()
            .filter(|(d, _)| d.contains("/FontFile2"))
            .count();
        assert!(fonts >= 2, "regular and bold faces embedded");
        for (dict, data) in pdf.objects.values() {
            if dict.contains("/Length1") {
                assert!(
                    data.len() < 400_000,
                    "a whole font embedded ({} bytes)",
                    data.len()
                );
            }
        }
    }
}

#[test]
fn the_same_diagram_gives_the_same_handout() {
    let d = model::default_diagram();
    let a = handout::handout(&d, &ExportOptions::default()).expect("handout");
    let b = handout::handout(&d, &ExportOptions::default()).expect("handout");
    assert_eq!(a, b);
}
