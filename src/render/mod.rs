//! Renderers: dumb walkers over a [`crate::scene::Scene`]. `screen` paints with egui; `svg`
//! writes the vector export and `png` rasterises it on the CPU with the same fonts and icons.

pub mod icons;
pub mod png;
#[cfg(feature = "gui")]
pub mod screen;
pub mod svg;
pub mod theme;

pub use theme::{Rgba, Theme, ThemeName};
