//! Files bundled into the binary: the fonts at the head of the fallback chain, and the icons.

/// NanumSquare Regular (OFL 1.1, unmodified): Latin and all Hangul syllables.
pub const FONT_REGULAR: &[u8] = include_bytes!("../assets/fonts/NanumSquareR.ttf");

/// NanumSquare Bold, for titles and captions.
pub const FONT_BOLD: &[u8] = include_bytes!("../assets/fonts/NanumSquareB.ttf");

/// Noto Sans Regular, subset (OFL 1.1): accented Latin, Greek, Cyrillic, currency.
pub const FONT_LATIN_REGULAR: &[u8] = include_bytes!("../assets/fonts/NotoSans-Regular-subset.ttf");

/// Noto Sans Bold, subset like the regular face.
pub const FONT_LATIN_BOLD: &[u8] = include_bytes!("../assets/fonts/NotoSans-Bold-subset.ttf");

/// Noto Sans Math Regular, subset (OFL 1.1): arrows and mathematical operators (≈ ≤ ∞).
pub const FONT_MATH: &[u8] = include_bytes!("../assets/fonts/NotoSansMath-Regular-subset.ttf");

/// Noto Sans Symbols 2 Regular, subset (OFL 1.1): shapes, dingbats (✓ ✗ ★ ●).
pub const FONT_SYMBOLS: &[u8] =
    include_bytes!("../assets/fonts/NotoSansSymbols2-Regular-subset.ttf");

/// Noto Emoji Regular (OFL 1.1, monochrome outlines), as egui bundles it.
pub const FONT_EMOJI: &[u8] = epaint_default_fonts::NOTO_EMOJI_REGULAR;

/// scaleview's application icon (window icon, desktop entry, README).
pub const APP_ICON_SVG: &str = include_str!("../assets/app/scaleview.svg");
