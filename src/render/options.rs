//! The options every export takes (SVG, PNG, film frames, hand-out and deck pictures).

use super::svg_text::TextMode;
use super::theme::ThemeName;

/// What an export looks like, whatever its format: size, theme, caption, band, rings and
/// how SVG text is written. One type for SVG, PNG, films, hand-outs and decks.
#[derive(Clone, Debug, PartialEq)]
pub struct ExportOptions {
    /// Output width in pixels.
    pub width: u32,
    /// Output height in pixels.
    pub height: u32,
    /// Colour theme.
    pub theme: ThemeName,
    /// Leave the background transparent instead of the theme's canvas colour.
    pub transparent: bool,
    /// Draw the caption (diagram title, stage title, user count) above the diagram.
    pub caption: bool,
    /// Add the stage's numbers (`metrics`) to the caption, at its top right.
    pub caption_metrics: bool,
    /// Draw the slider band under the diagram: a tick per stage and the knob at this moment.
    pub band: bool,
    /// Strength (0..=1) of the rings that mark components new or changed in this stage;
    /// 0 leaves them out.
    pub new_glow: f32,
    /// Text as `<text>` with embedded font subsets, or as outlines.
    pub text: TextMode,
    /// Place every stage as if it were this box of scene units (the union of all stages'
    /// bounds for `--fixed-scale`), so a set of slides shares one scale and position.
    pub frame: Option<crate::scene::Rect>,
}

impl Default for ExportOptions {
    fn default() -> Self {
        ExportOptions {
            width: 1920,
            height: 1080,
            theme: ThemeName::Light,
            transparent: false,
            caption: true,
            caption_metrics: false,
            band: false,
            new_glow: 1.0,
            text: TextMode::EmbeddedFonts,
            frame: None,
        }
    }
}
