//! PPTX: a PowerPoint (Office Open XML) package with one 16:9 slide per stage. Each slide is
//! the stage's still export as a picture filling the slide (alternative text: the stage's
//! title); its speaker notes are the stage's story ([`super::page_text`]). One blank layout,
//! a neutral theme, stored with the `zip` crate. The pictures are PNGs, already compressed,
//! so entries are stored as they are.

use std::fmt::Write as _;
use std::io::Write as _;

use super::{Page, page_text, pages};
use crate::export::{self, ExportError, Format};
use crate::model::Diagram;
use crate::render::svg::{ExportOptions, esc};

/// Why a deck could not be made.
#[derive(Debug, thiserror::Error)]
pub enum DeckError {
    /// A slide's picture could not be drawn.
    #[error(transparent)]
    Picture(#[from] ExportError),
    /// The package could not be assembled.
    #[error("could not assemble the deck: {0}")]
    Package(#[from] zip::result::ZipError),
    /// Writing into the package failed.
    #[error("could not assemble the deck: {0}")]
    Io(#[from] std::io::Error),
}

/// Slide size: 16:9, 13.333 × 7.5 inches, in EMU.
const SLIDE: (u64, u64) = (12_192_000, 6_858_000);
/// Notes page size (portrait), in EMU.
const NOTES: (u64, u64) = (6_858_000, 9_144_000);

const NS: &str = concat!(
    r#"xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" "#,
    r#"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" "#,
    r#"xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main""#
);
const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const XML: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

/// The deck of `diagram`: one slide per stage with its picture drawn as `still` says (the
/// size should be 16:9), the stage's story in the notes. `progress(done, total)` after each
/// slide's picture.
pub fn deck(
    diagram: &Diagram,
    still: &ExportOptions,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Vec<u8>, DeckError> {
    let pages = pages(diagram);
    let mut pictures = Vec::with_capacity(pages.len());
    for stage in 0..pages.len() {
        pictures.push(export::render(diagram, stage, Format::Png, still)?);
        progress(stage + 1, pages.len());
    }
    package(&diagram.title, &pages, &pictures)
}

/// A relationships part: `(id, type, target)` triples.
fn rels(items: &[(String, &str, String)]) -> String {
    let mut out = format!(
        "{XML}<Relationships xmlns=\"http://schemas.openxmlformats.org/\
         package/2006/relationships\">"
    );
    for (id, kind, target) in items {
        // Office relationship types are short names; package ones come as full URLs.
        let kind = if kind.starts_with("http") {
            (*kind).to_owned()
        } else {
            format!("{REL}/{kind}")
        };
        let _ = write!(
            out,
            r#"<Relationship Id="{id}" Type="{kind}" Target="{target}"/>"#
        );
    }
    out.push_str("</Relationships>");
    out
}

/// Assemble the package from its pages and their PNG pictures.
#[expect(
    clippy::too_many_lines,
    reason = "writes the package's parts in the order OOXML readers expect, one call each"
)]
fn package(title: &str, pages: &[Page], pictures: &[Vec<u8>]) -> Result<Vec<u8>, DeckError> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    // A fixed date: the same diagram gives the same bytes.
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored)
        .last_modified_time(zip::DateTime::default());
    let mut put = |name: &str, bytes: &[u8]| -> Result<(), DeckError> {
        zip.start_file(name, options)?;
        zip.write_all(bytes)?;
        Ok(())
    };
    let n = pages.len();
    put("[Content_Types].xml", content_types(n).as_bytes())?;
    put(
        "_rels/.rels",
        rels(&[
            (
                "rId1".into(),
                "officeDocument",
                "ppt/presentation.xml".into(),
            ),
            (
                "rId2".into(),
                "http://schemas.openxmlformats.org/package/2006/relationships/metadata/\
                 core-properties",
                "docProps/core.xml".into(),
            ),
            (
                "rId3".into(),
                "extended-properties",
                "docProps/app.xml".into(),
            ),
        ])
        .as_bytes(),
    )?;
    put("docProps/core.xml", core(title).as_bytes())?;
    put("docProps/app.xml", app(n).as_bytes())?;
    put("ppt/presentation.xml", presentation(n).as_bytes())?;
    let mut prels = vec![
        (
            "rId1".into(),
            "slideMaster",
            "slideMasters/slideMaster1.xml".into(),
        ),
        (
            "rId2".into(),
            "notesMaster",
            "notesMasters/notesMaster1.xml".into(),
        ),
        ("rId3".into(), "theme", "theme/theme1.xml".into()),
    ];
    for i in 1..=n {
        prels.push((
            format!("rId{}", 9 + i),
            "slide",
            format!("slides/slide{i}.xml"),
        ));
    }
    put("ppt/_rels/presentation.xml.rels", rels(&prels).as_bytes())?;
    put("ppt/theme/theme1.xml", theme("scaleview").as_bytes())?;
    put("ppt/theme/theme2.xml", theme("scaleview notes").as_bytes())?;
    put("ppt/slideMasters/slideMaster1.xml", MASTER.as_bytes())?;
    put(
        "ppt/slideMasters/_rels/slideMaster1.xml.rels",
        rels(&[
            (
                "rId1".into(),
                "slideLayout",
                "../slideLayouts/slideLayout1.xml".into(),
            ),
            ("rId2".into(), "theme", "../theme/theme1.xml".into()),
        ])
        .as_bytes(),
    )?;
    put("ppt/slideLayouts/slideLayout1.xml", LAYOUT.as_bytes())?;
    put(
        "ppt/slideLayouts/_rels/slideLayout1.xml.rels",
        rels(&[(
            "rId1".into(),
            "slideMaster",
            "../slideMasters/slideMaster1.xml".into(),
        )])
        .as_bytes(),
    )?;
    put("ppt/notesMasters/notesMaster1.xml", NOTES_MASTER.as_bytes())?;
    put(
        "ppt/notesMasters/_rels/notesMaster1.xml.rels",
        rels(&[("rId1".into(), "theme", "../theme/theme2.xml".into())]).as_bytes(),
    )?;
    for (i, (page, png)) in pages.iter().zip(pictures).enumerate() {
        let k = i + 1;
        put(&format!("ppt/media/image{k}.png"), png)?;
        put(
            &format!("ppt/slides/slide{k}.xml"),
            slide(k, page).as_bytes(),
        )?;
        put(
            &format!("ppt/slides/_rels/slide{k}.xml.rels"),
            rels(&[
                (
                    "rId1".into(),
                    "slideLayout",
                    "../slideLayouts/slideLayout1.xml".into(),
                ),
                ("rId2".into(), "image", format!("../media/image{k}.png")),
                (
                    "rId3".into(),
                    "notesSlide",
                    format!("../notesSlides/notesSlide{k}.xml"),
                ),
            ])
            .as_bytes(),
        )?;
        put(
            &format!("ppt/notesSlides/notesSlide{k}.xml"),
            notes_slide(page).as_bytes(),
        )?;
        put(
            &format!("ppt/notesSlides/_rels/notesSlide{k}.xml.rels"),
            rels(&[
                (
                    "rId1".into(),
                    "notesMaster",
                    "../notesMasters/notesMaster1.xml".into(),
                ),
                ("rId2".into(), "slide", format!("../slides/slide{k}.xml")),
            ])
            .as_bytes(),
        )?;
    }
    Ok(zip.finish()?.into_inner())
}

fn content_types(n: usize) -> String {
    let ct = "application/vnd.openxmlformats-officedocument";
    let mut out = format!(
        "{XML}<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
         <Default Extension=\"rels\" \
         ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
         <Default Extension=\"xml\" ContentType=\"application/xml\"/>\
         <Default Extension=\"png\" ContentType=\"image/png\"/>\
         <Override PartName=\"/ppt/presentation.xml\" \
         ContentType=\"{ct}.presentationml.presentation.main+xml\"/>\
         <Override PartName=\"/ppt/slideMasters/slideMaster1.xml\" \
         ContentType=\"{ct}.presentationml.slideMaster+xml\"/>\
         <Override PartName=\"/ppt/slideLayouts/slideLayout1.xml\" \
         ContentType=\"{ct}.presentationml.slideLayout+xml\"/>\
         <Override PartName=\"/ppt/notesMasters/notesMaster1.xml\" \
         ContentType=\"{ct}.presentationml.notesMaster+xml\"/>\
         <Override PartName=\"/ppt/theme/theme1.xml\" ContentType=\"{ct}.theme+xml\"/>\
         <Override PartName=\"/ppt/theme/theme2.xml\" ContentType=\"{ct}.theme+xml\"/>\
         <Override PartName=\"/docProps/core.xml\" \
         ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>\
         <Override PartName=\"/docProps/app.xml\" ContentType=\"{ct}.extended-properties+xml\"/>"
    );
    for k in 1..=n {
        let _ = write!(
            out,
            "<Override PartName=\"/ppt/slides/slide{k}.xml\" \
             ContentType=\"{ct}.presentationml.slide+xml\"/>\
             <Override PartName=\"/ppt/notesSlides/notesSlide{k}.xml\" \
             ContentType=\"{ct}.presentationml.notesSlide+xml\"/>"
        );
    }
    out.push_str("</Types>");
    out
}

fn core(title: &str) -> String {
    format!(
        "{XML}<cp:coreProperties \
         xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>{}</dc:title>\
         <dc:creator>scaleview</dc:creator></cp:coreProperties>",
        esc(title)
    )
}

fn app(n: usize) -> String {
    format!(
        "{XML}<Properties \
         xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">\
         <Application>scaleview</Application><Slides>{n}</Slides><Notes>{n}</Notes></Properties>"
    )
}

fn presentation(n: usize) -> String {
    let mut ids = String::new();
    for i in 1..=n {
        let _ = write!(ids, r#"<p:sldId id="{}" r:id="rId{}"/>"#, 255 + i, 9 + i);
    }
    format!(
        "{XML}<p:presentation {NS} saveSubsetFonts=\"1\">\
         <p:sldMasterIdLst><p:sldMasterId id=\"2147483648\" r:id=\"rId1\"/></p:sldMasterIdLst>\
         <p:notesMasterIdLst><p:notesMasterId r:id=\"rId2\"/></p:notesMasterIdLst>\
         <p:sldIdLst>{ids}</p:sldIdLst>\
         <p:sldSz cx=\"{}\" cy=\"{}\"/><p:notesSz cx=\"{}\" cy=\"{}\"/>\
         </p:presentation>",
        SLIDE.0, SLIDE.1, NOTES.0, NOTES.1
    )
}

/// An empty shape tree (the group every slide-like part starts with).
const TREE_START: &str = "<p:nvGrpSpPr><p:cNvPr id=\"1\" name=\"\"/><p:cNvGrpSpPr/><p:nvPr/>\
</p:nvGrpSpPr>\
    <p:grpSpPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"0\" cy=\"0\"/><a:chOff x=\"0\" y=\"0\"/>\
    <a:chExt cx=\"0\" cy=\"0\"/></a:xfrm></p:grpSpPr>";

const MASTER: &str = concat!(
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n",
    "<p:sldMaster xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" ",
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" ",
    "xmlns:p=\"http://schemas.openxmlformats.org/presentationml/2006/main\">",
    "<p:cSld><p:bg><p:bgRef idx=\"1001\"><a:schemeClr val=\"bg1\"/></p:bgRef></p:bg><p:spTree>",
    "<p:nvGrpSpPr><p:cNvPr id=\"1\" name=\"\"/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>",
    "<p:grpSpPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"0\" cy=\"0\"/><a:chOff x=\"0\" \
     y=\"0\"/>",
    "<a:chExt cx=\"0\" cy=\"0\"/></a:xfrm></p:grpSpPr></p:spTree></p:cSld>",
    "<p:clrMap bg1=\"lt1\" tx1=\"dk1\" bg2=\"lt2\" tx2=\"dk2\" accent1=\"accent1\" \
     accent2=\"accent2\" ",
    "accent3=\"accent3\" accent4=\"accent4\" accent5=\"accent5\" accent6=\"accent6\" \
     hlink=\"hlink\" folHlink=\"folHlink\"/>",
    "<p:sldLayoutIdLst><p:sldLayoutId id=\"2147483649\" r:id=\"rId1\"/></p:sldLayoutIdLst>",
    "<p:txStyles><p:titleStyle/><p:bodyStyle/><p:otherStyle/></p:txStyles>",
    "</p:sldMaster>"
);

const LAYOUT: &str = concat!(
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n",
    "<p:sldLayout xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" ",
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" ",
    "xmlns:p=\"http://schemas.openxmlformats.org/presentationml/2006/main\" type=\"blank\" \
     preserve=\"1\">",
    "<p:cSld name=\"Blank\"><p:spTree>",
    "<p:nvGrpSpPr><p:cNvPr id=\"1\" name=\"\"/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>",
    "<p:grpSpPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"0\" cy=\"0\"/><a:chOff x=\"0\" \
     y=\"0\"/>",
    "<a:chExt cx=\"0\" cy=\"0\"/></a:xfrm></p:grpSpPr></p:spTree></p:cSld>",
    "<p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sldLayout>"
);

const NOTES_MASTER: &str = concat!(
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n",
    "<p:notesMaster xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" ",
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" ",
    "xmlns:p=\"http://schemas.openxmlformats.org/presentationml/2006/main\">",
    "<p:cSld><p:spTree>",
    "<p:nvGrpSpPr><p:cNvPr id=\"1\" name=\"\"/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>",
    "<p:grpSpPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"0\" cy=\"0\"/><a:chOff x=\"0\" \
     y=\"0\"/>",
    "<a:chExt cx=\"0\" cy=\"0\"/></a:xfrm></p:grpSpPr>",
    "<p:sp><p:nvSpPr><p:cNvPr id=\"2\" name=\"Slide Image Placeholder 1\"/>",
    "<p:cNvSpPr><a:spLocks noGrp=\"1\" noRot=\"1\" noChangeAspect=\"1\"/></p:cNvSpPr>",
    "<p:nvPr><p:ph type=\"sldImg\" idx=\"2\"/></p:nvPr></p:nvSpPr>",
    "<p:spPr><a:xfrm><a:off x=\"381000\" y=\"685800\"/><a:ext cx=\"6096000\" cy=\"3429000\"/>\
     </a:xfrm>",
    "<a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></p:spPr></p:sp>",
    "<p:sp><p:nvSpPr><p:cNvPr id=\"3\" name=\"Notes Placeholder 2\"/>",
    "<p:cNvSpPr><a:spLocks noGrp=\"1\"/></p:cNvSpPr><p:nvPr><p:ph type=\"body\" sz=\"quarter\" \
     idx=\"3\"/></p:nvPr></p:nvSpPr>",
    "<p:spPr><a:xfrm><a:off x=\"685800\" y=\"4343400\"/><a:ext cx=\"5486400\" cy=\"4114800\"/>\
     </a:xfrm>",
    "<a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></p:spPr>",
    "<p:txBody><a:bodyPr/><a:lstStyle/><a:p><a:endParaRPr lang=\"en-US\"/></a:p></p:txBody></p:sp>",
    "</p:spTree></p:cSld>",
    "<p:clrMap bg1=\"lt1\" tx1=\"dk1\" bg2=\"lt2\" tx2=\"dk2\" accent1=\"accent1\" \
     accent2=\"accent2\" ",
    "accent3=\"accent3\" accent4=\"accent4\" accent5=\"accent5\" accent6=\"accent6\" \
     hlink=\"hlink\" folHlink=\"folHlink\"/>",
    "</p:notesMaster>"
);

/// A complete, neutral Office theme (every part PowerPoint requires).
fn theme(name: &str) -> String {
    let colours = [
        ("dk1", "1F2937"),
        ("lt1", "FFFFFF"),
        ("dk2", "232F3E"),
        ("lt2", "F4F4F2"),
        ("accent1", "7B3FE4"),
        ("accent2", "ED7100"),
        ("accent3", "3F8624"),
        ("accent4", "C925D1"),
        ("accent5", "2E73B8"),
        ("accent6", "DD344C"),
        ("hlink", "2E73B8"),
        ("folHlink", "7B3FE4"),
    ];
    let mut scheme = String::new();
    for (k, v) in colours {
        let _ = write!(scheme, "<a:{k}><a:srgbClr val=\"{v}\"/></a:{k}>");
    }
    let fill = "<a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill>";
    let line = |w: u32| {
        format!("<a:ln w=\"{w}\"><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill></a:ln>")
    };
    let effect = "<a:effectStyle><a:effectLst/></a:effectStyle>";
    format!(
        "{XML}<a:theme xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" \
         name=\"{name}\">\
         <a:themeElements><a:clrScheme name=\"scaleview\">{scheme}</a:clrScheme>\
         <a:fontScheme name=\"scaleview\">\
         <a:majorFont><a:latin typeface=\"Calibri\"/><a:ea typeface=\"\"/><a:cs typeface=\"\"/>\
         </a:majorFont>\
         <a:minorFont><a:latin typeface=\"Calibri\"/><a:ea typeface=\"\"/><a:cs typeface=\"\"/>\
         </a:minorFont>\
         </a:fontScheme>\
         <a:fmtScheme name=\"scaleview\">\
         <a:fillStyleLst>{fill}{fill}{fill}</a:fillStyleLst>\
         <a:lnStyleLst>{}{}{}</a:lnStyleLst>\
         <a:effectStyleLst>{effect}{effect}{effect}</a:effectStyleLst>\
         <a:bgFillStyleLst>{fill}{fill}{fill}</a:bgFillStyleLst>\
         </a:fmtScheme></a:themeElements></a:theme>",
        line(6350),
        line(12700),
        line(19050)
    )
}

/// Slide `k`: the stage's picture filling the slide.
fn slide(k: usize, page: &Page) -> String {
    format!(
        "{XML}<p:sld {NS}><p:cSld><p:spTree>{TREE_START}\
         <p:pic><p:nvPicPr><p:cNvPr id=\"2\" name=\"Stage {k}\" descr=\"{}\"/>\
         <p:cNvPicPr><a:picLocks noChangeAspect=\"1\"/></p:cNvPicPr><p:nvPr/></p:nvPicPr>\
         <p:blipFill><a:blip r:embed=\"rId2\"/><a:stretch><a:fillRect/></a:stretch></p:blipFill>\
         <p:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"{}\" cy=\"{}\"/></a:xfrm>\
         <a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></p:spPr></p:pic>\
         </p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sld>",
        esc(&format!("{} — {}", page.title, page.band)),
        SLIDE.0,
        SLIDE.1
    )
}

/// The speaker notes of a stage: one paragraph per line of [`page_text`].
fn notes_slide(page: &Page) -> String {
    let mut paragraphs = String::new();
    for line in page_text(page) {
        let _ = write!(
            paragraphs,
            "<a:p><a:r><a:rPr lang=\"en-US\" dirty=\"0\"/><a:t>{}</a:t></a:r></a:p>",
            esc(&line)
        );
    }
    format!(
        "{XML}<p:notes {NS}><p:cSld><p:spTree>{TREE_START}\
         <p:sp><p:nvSpPr><p:cNvPr id=\"2\" name=\"Slide Image Placeholder 1\"/>\
         <p:cNvSpPr><a:spLocks noGrp=\"1\" noRot=\"1\" noChangeAspect=\"1\"/></p:cNvSpPr>\
         <p:nvPr><p:ph type=\"sldImg\"/></p:nvPr></p:nvSpPr><p:spPr/></p:sp>\
         <p:sp><p:nvSpPr><p:cNvPr id=\"3\" name=\"Notes Placeholder 2\"/>\
         <p:cNvSpPr><a:spLocks noGrp=\"1\"/></p:cNvSpPr><p:nvPr><p:ph type=\"body\" idx=\"1\"/>\
         </p:nvPr></p:nvSpPr>\
         <p:spPr/><p:txBody><a:bodyPr/><a:lstStyle/>{paragraphs}</p:txBody></p:sp>\
         </p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:notes>"
    )
}
