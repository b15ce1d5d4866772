//! Renderers: dumb walkers over a [`crate::scene::Scene`]. `screen` paints with egui; `svg`
//! writes the vector export and `png` rasterises it on the CPU with the same fonts and icons;
//! `pdf` translates that SVG into PDF vector operators and embeds the text's fonts.
//! Text reaches all of them as the scene's runs (`scene::text::shape`), one face per run.

pub mod glyphs;
pub mod icons;
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

pub use theme::{Rgba, Theme, ThemeName};
