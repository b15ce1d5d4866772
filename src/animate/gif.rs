//! GIF: looping, one global palette of the diagram's colours ([`super::palette`]), and after
//! the first picture only the rectangle that changed. Delays are whole hundredths of a second,
//! rounded on the running time so the film never drifts from its timeline.

use super::palette::Palette;
use super::{AnimateError, Encoder, changed_rect};

/// Fastest frame rate a GIF plays reliably (browsers slow down delays under 2/100 s).
pub const MAX_GIF_FPS: u32 = 50;

/// A picture waiting to be written, so an identical successor can lengthen it instead.
struct Pending {
    left: u16,
    top: u16,
    width: u16,
    height: u16,
    buffer: Vec<u8>,
    delay: u16,
}

/// Writes a looping GIF.
pub struct GifEncoder {
    encoder: gif::Encoder<Vec<u8>>,
    palette: Palette,
    width: u16,
    height: u16,
    fps: u32,
    /// Frames already accounted for, and the hundredths of a second they cover.
    frames_done: u64,
    centis_done: u64,
    previous: Option<Vec<u8>>,
    pending: Option<Pending>,
}

fn gif_error(e: impl std::fmt::Display) -> AnimateError {
    AnimateError::Encode {
        format: "GIF",
        message: e.to_string(),
    }
}

impl GifEncoder {
    /// A GIF of `width × height` at `fps`, with a palette built from `samples`.
    pub fn new(
        width: u32,
        height: u32,
        fps: u32,
        transparent: bool,
        samples: &[Vec<u8>],
    ) -> Result<Self, AnimateError> {
        if fps > MAX_GIF_FPS {
            return Err(AnimateError::Options(format!(
                "GIFs play at most {MAX_GIF_FPS} frames a second; give --fps {MAX_GIF_FPS} or less"
            )));
        }
        let (w, h) = (
            u16::try_from(width).map_err(gif_error)?,
            u16::try_from(height).map_err(gif_error)?,
        );
        let palette = Palette::from_samples(samples, transparent);
        let mut encoder =
            gif::Encoder::new(Vec::new(), w, h, &palette.rgb_bytes()).map_err(gif_error)?;
        encoder
            .set_repeat(gif::Repeat::Infinite)
            .map_err(gif_error)?;
        Ok(GifEncoder {
            encoder,
            palette,
            width: w,
            height: h,
            fps,
            frames_done: 0,
            centis_done: 0,
            previous: None,
            pending: None,
        })
    }

    /// Write the waiting picture, if any.
    fn flush(&mut self) -> Result<(), AnimateError> {
        if let Some(p) = self.pending.take() {
            let frame = gif::Frame {
                delay: p.delay,
                // Transparent films redraw whole pictures over a cleared canvas; opaque ones
                // paint changes over what is there.
                dispose: if self.palette.transparent().is_some() {
                    gif::DisposalMethod::Background
                } else {
                    gif::DisposalMethod::Keep
                },
                transparent: self.palette.transparent(),
                left: p.left,
                top: p.top,
                width: p.width,
                height: p.height,
                buffer: std::borrow::Cow::Owned(p.buffer),
                ..gif::Frame::default()
            };
            self.encoder.write_frame(&frame).map_err(gif_error)?;
        }
        Ok(())
    }
}

impl Encoder for GifEncoder {
    fn push(&mut self, rgba: &[u8], frames: u32) -> Result<(), AnimateError> {
        self.frames_done += u64::from(frames);
        let end = (self.frames_done * 100 + u64::from(self.fps) / 2) / u64::from(self.fps);
        let delay = u16::try_from(end - self.centis_done).unwrap_or(u16::MAX);
        self.centis_done = end;
        let indices = self.palette.map(rgba);
        let (w, h) = (usize::from(self.width), usize::from(self.height));
        // Transparent films redraw whole pictures; opaque ones only what changed.
        let changed = match &self.previous {
            Some(prev) if self.palette.transparent().is_none() => {
                changed_rect(prev, &indices, w, h, 1)
            }
            _ => Some((0, 0, w, h)),
        };
        match changed {
            None => {
                if let Some(p) = &mut self.pending {
                    p.delay = p.delay.saturating_add(delay);
                }
            }
            Some((left, top, width, height)) => {
                self.flush()?;
                let buffer = (top..top + height)
                    .flat_map(|y| &indices[y * w + left..y * w + left + width])
                    .copied()
                    .collect();
                self.pending = Some(Pending {
                    left: left as u16,
                    top: top as u16,
                    width: width as u16,
                    height: height as u16,
                    buffer,
                    delay,
                });
            }
        }
        self.previous = Some(indices);
        Ok(())
    }

    fn finish(mut self: Box<Self>) -> Result<Vec<u8>, AnimateError> {
        self.flush()?;
        self.encoder.into_inner().map_err(gif_error)
    }
}
