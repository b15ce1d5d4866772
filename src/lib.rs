//! scaleview: architecture diagrams that grow as a user-count slider moves.
//!
//! One pipeline, one direction: [`model`] (RON → validated `Diagram`) → [`scene`] (a diagram at
//! a moment → positioned shapes, pure) → [`render`] (egui painter on screen; SVG, PNG and PDF
//! on the CPU) → [`animate`] (the stages as a film: MP4, GIF, APNG) and [`handout`] (every
//! stage as a PDF or a PowerPoint deck). The [`app`] (state, input, panels) sits on top.

pub mod animate;
#[cfg(feature = "gui")]
pub mod app;
pub mod assets;
pub mod atomic;
#[cfg(feature = "gui")]
pub mod cli;
pub mod export;
pub mod handout;
pub mod lint;
pub mod model;
pub mod render;
pub mod scene;
