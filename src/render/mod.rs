//! Renderers. `paint` turns a [`crate::scene::Scene`] into the paint list; the backends only
//! translate it: `screen` paints with egui, `svg` writes the vector export, `raster` draws
//! pixels on the CPU (PNG stills, film frames; `png` encodes them); `pdf` translates the
//! export SVG into PDF vector operators and embeds the text's fonts.
//! Text reaches all of them as the scene's runs (`scene::text::shape`), one face per run.

pub mod glyphs;
pub mod icons;
pub mod options;
pub mod paint;
pub mod pdf;
pub mod png;
pub mod raster;
#[cfg(feature = "gui")]
pub mod screen;
#[cfg(feature = "gui")]
pub mod screen_fonts;
pub mod svg;
pub mod svg_text;
pub mod theme;

pub use options::ExportOptions;
pub use theme::{Rgba, Theme, ThemeName};
