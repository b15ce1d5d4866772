//! scaleview: architecture diagrams that grow as a user-count slider moves.
//!
//! One pipeline, one direction: [`model`] (RON → validated `Diagram`) → [`scene`] (a diagram at a
//! moment → positioned shapes, pure) → [`render`] (egui painter on screen; SVG/PNG on the CPU).
//! The [`app`] (state, input, panels) sits on top.

#[cfg(feature = "gui")]
pub mod app;
pub mod assets;
pub mod atomic;
pub mod cli;
pub mod export;
pub mod lint;
pub mod model;
pub mod render;
pub mod scene;
