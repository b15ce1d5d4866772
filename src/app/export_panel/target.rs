//! What the export window can make: the kinds of file ([`Target`]) and the picture sizes
//! ([`SizeChoice`]) it offers.

use std::path::Path;

use crate::animate::AnimFormat;
use crate::app::i18n::{tr, trf};
use crate::export::Format;

/// Output size choices.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SizeChoice {
    /// The canvas's size on screen, in physical pixels.
    Window,
    /// Twice the canvas size.
    WindowDouble,
    /// 1920 × 1080.
    FullHd,
    /// 3840 × 2160.
    Uhd,
}

impl SizeChoice {
    pub(super) const ALL: [SizeChoice; 4] = [
        SizeChoice::Window,
        SizeChoice::WindowDouble,
        SizeChoice::FullHd,
        SizeChoice::Uhd,
    ];

    pub(super) fn pixels(self, window: [u32; 2]) -> [u32; 2] {
        let w = [window[0].max(64), window[1].max(64)];
        match self {
            SizeChoice::Window => w,
            SizeChoice::WindowDouble => [w[0] * 2, w[1] * 2],
            SizeChoice::FullHd => [1920, 1080],
            SizeChoice::Uhd => [3840, 2160],
        }
    }

    pub(super) fn label(self, ctx: &egui::Context, window: [u32; 2]) -> String {
        let [w, h] = self.pixels(window);
        match self {
            SizeChoice::Window => trf(ctx, "size_window", &[("w", &w), ("h", &h)]),
            SizeChoice::WindowDouble => trf(ctx, "size_window_double", &[("w", &w), ("h", &h)]),
            SizeChoice::FullHd => tr(ctx, "size_full_hd").into(),
            SizeChoice::Uhd => tr(ctx, "size_4k").into(),
        }
    }
}

/// What the window exports: one stage as a still, or the stages as a film.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// A still of the current stage.
    Still(Format),
    /// A film sweeping through the stages.
    Film(AnimFormat),
    /// A hand-out of every stage: a PDF, or a PowerPoint deck with speaker notes.
    Handout(Handout),
}

/// The hand-out documents.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Handout {
    /// A page per stage, vector diagram, real text.
    Pdf,
    /// A slide per stage, the story in the speaker notes.
    Pptx,
}

impl Target {
    pub(super) const STILLS: [Target; 2] = [Target::Still(Format::Png), Target::Still(Format::Svg)];
    pub(super) const FILMS: [Target; 3] = [
        Target::Film(AnimFormat::Mp4),
        Target::Film(AnimFormat::Gif),
        Target::Film(AnimFormat::Apng),
    ];

    pub(super) const HANDOUTS: [Target; 2] = [
        Target::Handout(Handout::Pdf),
        Target::Handout(Handout::Pptx),
    ];

    /// The file extension.
    pub(super) fn extension(self) -> &'static str {
        match self {
            Target::Handout(Handout::Pdf) => "pdf",
            Target::Handout(Handout::Pptx) => "pptx",
            Target::Still(f) => f.extension(),
            Target::Film(AnimFormat::Mp4) => "mp4",
            Target::Film(AnimFormat::Gif) => "gif",
            Target::Film(AnimFormat::Apng) => "png",
        }
    }

    /// The name on its button.
    pub(super) fn label(self) -> &'static str {
        match self {
            Target::Still(Format::Png) => "PNG",
            Target::Still(Format::Svg) => "SVG",
            Target::Film(AnimFormat::Mp4) => "MP4",
            Target::Film(AnimFormat::Gif) => "GIF",
            Target::Film(AnimFormat::Apng) => "APNG",
            Target::Handout(Handout::Pdf) => "PDF",
            Target::Handout(Handout::Pptx) => "PPTX",
        }
    }

    /// The same kind of target (still or film) that a file name asks for.
    pub(super) fn same_kind_for(self, path: &Path) -> Option<Target> {
        match self {
            Target::Still(_) => Format::from_path(path).map(Target::Still),
            Target::Film(_) => AnimFormat::from_path(path).map(Target::Film),
            Target::Handout(_) => {
                let ext = path.extension()?.to_str()?.to_ascii_lowercase();
                match ext.as_str() {
                    "pdf" => Some(Target::Handout(Handout::Pdf)),
                    "pptx" => Some(Target::Handout(Handout::Pptx)),
                    _ => None,
                }
            }
        }
    }
}
