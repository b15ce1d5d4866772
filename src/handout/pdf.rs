//! The PDF hand-out: one A4 page per stage — its title, where it starts on the axis, the
//! diagram as vectors, its numbers, its story and the components it brings — with real,
//! selectable text in embedded font subsets. A story too long for its page continues on the
//! next one; nothing is cut.

use pdf_writer::{Content, Finish, Pdf, Rect, Ref, TextStr};

use super::{Page, pages};
use crate::model::Diagram;
use crate::render::pdf::{
    Alloc, FontSet, PageResources, PageSlot, TextStyle, deflate, draw_tree, parse_svg,
};
use crate::render::svg::{self, ExportOptions};
use crate::render::svg_text::TextMode;
use crate::scene::Scene;
use crate::scene::text::{Weight, wrap};
use resvg::usvg;

/// Why a hand-out could not be made.
#[derive(Debug, thiserror::Error)]
pub enum HandoutError {
    /// A stage's picture could not be translated.
    #[error("could not draw stage {stage}: {message}")]
    Picture {
        /// The stage (1-based).
        stage: usize,
        /// What went wrong.
        message: String,
    },
}

/// A4 in points.
const PAGE: (f32, f32) = (595.28, 841.89);
const MARGIN: f32 = 48.0;
/// The picture's size in SVG pixels: small enough that labels are enlarged where there is
/// room, as in a small export (they are about 5 pt on the page).
const PICTURE: (u32, u32) = (1200, 675);
const TEXT: [f32; 3] = [0.12, 0.16, 0.22];
const MUTED: [f32; 3] = [0.42, 0.45, 0.5];

/// A page being written: its content and what it refers to.
struct Sheet {
    content: Content,
    resources: PageResources,
    /// Baseline of the next line, from the bottom of the page.
    y: f32,
}

impl Sheet {
    fn new() -> Sheet {
        Sheet {
            content: Content::new(),
            resources: PageResources::default(),
            y: PAGE.1 - MARGIN,
        }
    }
}

/// Lays pages out one after another.
struct Writer {
    sheets: Vec<Sheet>,
    fonts: FontSet,
    /// Title of the stage being written, repeated on a continuation page.
    running_title: String,
    /// Multiplier on the body text's size (a stage with much to say is set smaller, so that
    /// it still fits its page).
    body: f32,
    /// Headings in the diagram's language.
    words: Words,
}

/// The hand-out's own words, in the diagram's language.
#[derive(Clone, Copy)]
struct Words {
    arrivals: &'static str,
    continued: &'static str,
}

impl Words {
    fn of(language: &str) -> Words {
        match language.split('-').next().unwrap_or_default() {
            "ko" => Words {
                arrivals: "이 단계에 새로 생긴 것",
                continued: "(계속)",
            },
            _ => Words {
                arrivals: "New in this stage",
                continued: "(continued)",
            },
        }
    }
}

impl Writer {
    fn new(body: f32, words: Words) -> Writer {
        Writer {
            sheets: Vec::new(),
            fonts: FontSet::default(),
            running_title: String::new(),
            body,
            words,
        }
    }

    fn sheet(&mut self) -> &mut Sheet {
        if self.sheets.is_empty() {
            self.sheets.push(Sheet::new());
        }
        let last = self.sheets.len() - 1;
        &mut self.sheets[last]
    }

    /// Make room for a block `height` points tall, continuing on a new page if needed.
    fn room(&mut self, height: f32) {
        if self.sheet().y - height < MARGIN {
            self.sheets.push(Sheet::new());
            let title = format!("{} {}", self.running_title, self.words.continued);
            self.line(&title, 10.0, Weight::Regular, MUTED, 16.0);
        }
    }

    /// One line of text, then move down by `advance`.
    fn line(&mut self, s: &str, size: f32, weight: Weight, colour: [f32; 3], advance: f32) {
        self.room(advance);
        let y = self.sheet().y - size;
        let Writer { sheets, fonts, .. } = self;
        if let Some(sheet) = sheets.last_mut() {
            let style = TextStyle {
                size,
                weight,
                colour,
            };
            fonts.line(&mut sheet.content, s, (MARGIN, y), style);
            sheet.y -= advance;
        }
    }

    /// A paragraph of body text wrapped to the text width.
    fn paragraph(&mut self, s: &str, size: f32, weight: Weight, colour: [f32; 3]) {
        let size = size * self.body;
        let (lines, _) = wrap(s, size, weight, PAGE.0 - 2.0 * MARGIN, usize::MAX);
        for l in lines {
            self.line(&l, size, weight, colour, size * 1.4);
        }
    }

    fn gap(&mut self, points: f32) {
        self.sheet().y -= points;
    }

    /// A stage: heading, picture (parsed once by [`picture`]), numbers, story, arrivals.
    fn stage(&mut self, d: &Diagram, page: &Page, picture: &usvg::Tree) {
        self.sheets.push(Sheet::new());
        self.running_title = page.title.clone();
        self.line(&d.title, 10.0, Weight::Regular, MUTED, 16.0);
        self.line(&page.title, 22.0, Weight::Bold, TEXT, 30.0);
        self.line(&page.band, 11.0, Weight::Regular, MUTED, 20.0);
        // The diagram, as vectors, 16:9 across the text width.
        let width = PAGE.0 - 2.0 * MARGIN;
        let height = width * f32::from(9u8) / 16.0;
        let k = width / PICTURE.0 as f32;
        let sheet = self.sheet();
        let top = sheet.y;
        // Frame the picture lightly, then draw it: SVG pixels → points, y flipped.
        sheet.content.set_stroke_rgb(0.85, 0.86, 0.88);
        sheet.content.set_line_width(0.5);
        sheet.content.rect(MARGIN, top - height, width, height);
        sheet.content.stroke();
        draw_tree(
            &mut sheet.content,
            &mut sheet.resources,
            picture,
            [k, 0.0, 0.0, -k, MARGIN, top],
        );
        sheet.y -= height + 18.0;
        let b = self.body;
        for (name, value) in &page.metrics {
            self.line(
                &format!("{name}: {value}"),
                10.5 * b,
                Weight::Regular,
                TEXT,
                15.0 * b,
            );
        }
        if !page.metrics.is_empty() {
            self.gap(6.0);
        }
        self.paragraph(&page.notes, 10.5, Weight::Regular, TEXT);
        if !page.arrivals.is_empty() {
            self.gap(8.0 * b);
            self.line(self.words.arrivals, 12.0 * b, Weight::Bold, TEXT, 18.0 * b);
            for (label, notes) in &page.arrivals {
                self.line(label, 10.5 * b, Weight::Bold, TEXT, 15.0 * b);
                if !notes.is_empty() {
                    self.paragraph(notes, 10.0, Weight::Regular, MUTED);
                }
                self.gap(3.0 * b);
            }
        }
    }
}

/// The picture of a stage for its page: the export SVG (no caption, transparent, text as
/// outlines) parsed once, whatever size the page's text is tried at.
fn picture(d: &Diagram, stage: usize, still: &ExportOptions) -> Result<usvg::Tree, HandoutError> {
    let opts = ExportOptions {
        width: PICTURE.0,
        height: PICTURE.1,
        caption: false,
        transparent: true,
        text: TextMode::Paths,
        ..still.clone()
    };
    parse_svg(&svg::scene_to_svg(&Scene::settled(d, stage), &opts)).map_err(|message| {
        HandoutError::Picture {
            stage: stage + 1,
            message,
        }
    })
}

/// The hand-out of `diagram`: one page per stage (more when a story is long), pictures drawn
/// in the look of `still` (its theme; no caption, the page has its own heading).
pub fn handout(diagram: &Diagram, still: &ExportOptions) -> Result<Vec<u8>, HandoutError> {
    let words = Words::of(&diagram.language);
    let mut w = Writer::new(1.0, words);
    for (i, page) in pages(diagram).iter().enumerate() {
        let picture = picture(diagram, i, still)?;
        // Set the stage at the largest body size that fits one page (down to 3/4 of it);
        // what still does not fit continues on the next page.
        let mut best = None;
        for body in [1.0, 0.92, 0.85, 0.78, 0.72] {
            let mut trial = Writer::new(body, words);
            trial.stage(diagram, page, &picture);
            let fits = trial.sheets.len() == 1;
            best = Some(trial);
            if fits {
                break;
            }
        }
        if let Some(trial) = best {
            w.sheets.extend(trial.sheets);
            w.fonts.absorb(trial.fonts);
        }
    }
    let mut alloc = Alloc::default();
    let (catalog, tree, info) = (alloc.bump(), alloc.bump(), alloc.bump());
    w.fonts.reserve(&mut alloc);
    let ids: Vec<(Ref, Ref)> = w
        .sheets
        .iter()
        .map(|_| (alloc.bump(), alloc.bump()))
        .collect();
    let mut pdf = Pdf::new();
    pdf.catalog(catalog).pages(tree);
    pdf.pages(tree)
        .kids(ids.iter().map(|(page, _)| *page))
        .count(ids.len() as i32);
    let media = Rect::new(0.0, 0.0, PAGE.0, PAGE.1);
    for (sheet, (page, contents)) in w.sheets.into_iter().zip(&ids) {
        let slot = PageSlot {
            page: *page,
            contents: *contents,
            media,
            parent: tree,
        };
        sheet.resources.write(&mut pdf, &mut alloc, slot, &w.fonts);
        let data = deflate(&sheet.content.finish());
        pdf.stream(*contents, &data)
            .filter(pdf_writer::Filter::FlateDecode);
    }
    w.fonts.write(&mut pdf, &mut alloc);
    let mut doc_info = pdf.document_info(info);
    doc_info.title(TextStr(&diagram.title));
    doc_info.creator(TextStr("scaleview"));
    doc_info.finish();
    Ok(pdf.finish())
}
