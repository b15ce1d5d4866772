//! Renderers: dumb walkers over a [`crate::scene::Scene`]. `screen` paints with egui; the export
//! renderers (SVG, PNG) run on the CPU with the same fonts and icons.

pub mod icons;
pub mod screen;
pub mod theme;

pub use theme::{Rgba, Theme, ThemeName};
