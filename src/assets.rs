//! Files bundled into the binary: the one font family used everywhere, and the icons.

/// NanumSquare Regular (OFL 1.1, unmodified): Latin and all Hangul syllables.
pub const FONT_REGULAR: &[u8] = include_bytes!("../assets/fonts/NanumSquareR.ttf");

/// NanumSquare Bold, for titles and captions.
pub const FONT_BOLD: &[u8] = include_bytes!("../assets/fonts/NanumSquareB.ttf");

/// Family name of the bundled fonts, as written in SVG `font-family`.
pub const FONT_FAMILY: &str = "NanumSquare";

/// scaleview's application icon (window icon, desktop entry, README).
pub const APP_ICON_SVG: &str = include_str!("../assets/app/scaleview.svg");
