//! Draws the pictures of a film: one moment of the story as straight RGBA pixels, the way a
//! still export draws a stage: the same paint list, rasterised the same way.

use crate::model::Diagram;
use crate::render::paint;
use crate::render::png;
use crate::render::raster::{self, IconPixmaps};
use crate::render::svg::ExportOptions;
use crate::scene::timeline::{Shot, Sweep};
use crate::scene::{LayoutCache, Moment};

use super::AnimateError;

/// Draws shots of one diagram, laying each stage out once.
pub struct Frames<'a> {
    diagram: &'a Diagram,
    layouts: LayoutCache,
    still: ExportOptions,
    icons: IconPixmaps,
}

impl<'a> Frames<'a> {
    /// A drawer for `diagram` with the look of `still` (its glow is set per shot).
    pub fn new(diagram: &'a Diagram, still: ExportOptions) -> Self {
        Frames {
            diagram,
            layouts: LayoutCache::default(),
            still,
            icons: IconPixmaps::default(),
        }
    }

    /// The picture of `shot`: straight RGBA, `width × height × 4` bytes.
    pub fn draw(&mut self, shot: &Shot) -> Result<Vec<u8>, AnimateError> {
        let moment = Moment::at_position(shot.position, self.diagram.last_stage());
        let scene = self.layouts.scene(self.diagram, moment);
        let opts = ExportOptions {
            new_glow: self.still.new_glow.min(shot.glow),
            ..self.still.clone()
        };
        let prims = paint::export(&scene, &opts);
        let mut pixmap = raster::canvas(opts.width, opts.height)?;
        // Drawn exactly as a still is (the same strips), so a settled frame is the still.
        raster::draw(&mut pixmap, &prims, &self.icons);
        let mut rgba = pixmap.take();
        png::unpremultiply(&mut rgba);
        Ok(rgba)
    }
}

/// Pictures whose colours a palette must keep exact: every stage of the sweep, settled and
/// glowing (flat fills, text, icons, rings). Transitions only blend these.
pub fn palette_samples(
    diagram: &Diagram,
    sweep: &Sweep,
    still: &ExportOptions,
) -> Result<Vec<Vec<u8>>, AnimateError> {
    let (lo, hi) = (sweep.from.min(sweep.to), sweep.from.max(sweep.to));
    let mut frames = Frames::new(diagram, still.clone());
    (lo..=hi)
        .map(|stage| {
            frames.draw(&Shot {
                position: stage as f32,
                glow: 1.0,
                frames: 1,
            })
        })
        .collect()
}
