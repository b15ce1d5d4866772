//! Animated PNG: full colour and alpha, looping; after the first picture only the rectangle
//! that changed, replacing what was there (so transparency stays right).

use std::cell::RefCell;
use std::io::Write;
use std::rc::Rc;

use super::{AnimateError, Encoder, changed_rect};

/// A byte buffer the PNG writer writes into while the encoder keeps a handle on it.
#[derive(Clone, Default)]
struct Shared(Rc<RefCell<Vec<u8>>>);

impl Write for Shared {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Writes a looping APNG of a known number of pictures.
pub struct ApngEncoder {
    out: Shared,
    writer: Option<png::Writer<Shared>>,
    width: u32,
    height: u32,
    fps: u32,
    pictures: u32,
    previous: Option<Vec<u8>>,
    error: Option<String>,
}

fn apng_error(e: impl std::fmt::Display) -> AnimateError {
    AnimateError::Encode {
        format: "APNG",
        message: e.to_string(),
    }
}

/// A delay of `frames` at `fps` as the `numerator / denominator` seconds PNG stores.
fn delay(frames: u32, fps: u32) -> (u16, u16) {
    match (u16::try_from(frames), u16::try_from(fps)) {
        (Ok(n), Ok(d)) => (n, d),
        _ => {
            let centis = u64::from(frames) * 100 / u64::from(fps.max(1));
            (u16::try_from(centis).unwrap_or(u16::MAX), 100)
        }
    }
}

impl ApngEncoder {
    /// An APNG of `width × height` at `fps` that will hold exactly `pictures` pictures.
    pub fn new(width: u32, height: u32, fps: u32, pictures: u32) -> Self {
        let out = Shared::default();
        let mut enc = png::Encoder::new(out.clone(), width, height);
        enc.set_color(png::ColorType::Rgba);
        enc.set_depth(png::BitDepth::Eight);
        enc.set_compression(png::Compression::Fast);
        let writer = enc
            .set_animated(pictures.max(1), 0)
            .and_then(|()| enc.write_header());
        let (writer, error) = match writer {
            Ok(w) => (Some(w), None),
            Err(e) => (None, Some(e.to_string())),
        };
        ApngEncoder {
            out,
            writer,
            width,
            height,
            fps,
            pictures,
            previous: None,
            error,
        }
    }
}

impl Encoder for ApngEncoder {
    fn push(&mut self, rgba: &[u8], frames: u32) -> Result<(), AnimateError> {
        if let Some(e) = &self.error {
            return Err(apng_error(e));
        }
        let writer = self.writer.as_mut().ok_or_else(|| apng_error("finished"))?;
        let (w, h) = (self.width as usize, self.height as usize);
        // The first picture is the whole canvas; later ones the part that changed (one pixel
        // if nothing did: the picture count was promised in the header).
        let (x, y, cw, ch) = match &self.previous {
            None => (0, 0, w, h),
            Some(prev) => changed_rect(prev, rgba, w, h, 4).unwrap_or((0, 0, 1, 1)),
        };
        let (num, den) = delay(frames, self.fps);
        writer.set_frame_delay(num, den).map_err(apng_error)?;
        // Move to the corner first: the new size must fit from the current position.
        writer.reset_frame_position().map_err(apng_error)?;
        writer
            .set_frame_dimension(cw as u32, ch as u32)
            .map_err(apng_error)?;
        writer
            .set_frame_position(x as u32, y as u32)
            .map_err(apng_error)?;
        writer
            .set_blend_op(png::BlendOp::Source)
            .map_err(apng_error)?;
        writer
            .set_dispose_op(png::DisposeOp::None)
            .map_err(apng_error)?;
        let region: Vec<u8> = (y..y + ch)
            .flat_map(|row| &rgba[(row * w + x) * 4..(row * w + x + cw) * 4])
            .copied()
            .collect();
        writer.write_image_data(&region).map_err(apng_error)?;
        self.previous = Some(rgba.to_vec());
        Ok(())
    }

    fn finish(mut self: Box<Self>) -> Result<Vec<u8>, AnimateError> {
        let writer = self.writer.take().ok_or_else(|| apng_error("no header"))?;
        if self.pictures == 0 {
            return Err(apng_error("a film needs at least one picture"));
        }
        writer.finish().map_err(apng_error)?;
        Ok(std::mem::take(&mut *self.out.0.borrow_mut()))
    }
}
