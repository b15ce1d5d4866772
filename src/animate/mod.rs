//! Exporting the evolution itself: a film of the diagram sweeping through its stages, as MP4
//! (H.264), GIF or animated PNG.
//!
//! [`crate::scene::timeline`] decides which moment every frame shows; [`Frames`] draws each
//! distinct picture once on the CPU, like a still export; an [`Encoder`] turns the pictures
//! and how long each lasts into a file's bytes, which are written atomically at the end — a
//! cancelled or failed export leaves nothing behind.

mod apng;
mod frames;
mod gif;
mod mp4;
mod palette;
pub mod yuv;

use std::path::{Path, PathBuf};

use crate::model::Diagram;
use crate::render::png::PngError;
use crate::render::svg::ExportOptions;
use crate::scene::timeline::Sweep;

pub use frames::Frames;

/// The film formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AnimFormat {
    /// H.264 video in an MP4 file: plays in PowerPoint, Keynote, browsers and video players.
    Mp4,
    /// Looping GIF with a palette made of the diagram's own colours (no dithering).
    Gif,
    /// Looping animated PNG: full colour, transparency allowed.
    Apng,
}

impl AnimFormat {
    /// From a file name's extension: `.mp4`, `.gif`, `.png` or `.apng` (any case).
    pub fn from_path(path: &Path) -> Option<AnimFormat> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "mp4" => Some(AnimFormat::Mp4),
            "gif" => Some(AnimFormat::Gif),
            "png" | "apng" => Some(AnimFormat::Apng),
            _ => None,
        }
    }

    /// Whether the format can keep a transparent background.
    pub fn allows_transparency(self) -> bool {
        !matches!(self, AnimFormat::Mp4)
    }
}

/// What an animation export looks like: the sweep, and the still options of every frame
/// (size, theme, caption, transparency, fixed frame).
#[derive(Clone, Debug, PartialEq)]
pub struct AnimateOptions {
    /// Stages, dwell, transition length and frame rate.
    pub sweep: Sweep,
    /// How each frame is drawn (its `new_glow` is overridden frame by frame).
    pub still: ExportOptions,
}

/// Why an animation export failed.
#[derive(Debug, thiserror::Error)]
pub enum AnimateError {
    /// A frame could not be drawn.
    #[error(transparent)]
    Frame(#[from] PngError),
    /// The encoder refused the frames.
    #[error("{format} encoding failed: {message}")]
    Encode {
        /// The format being written.
        format: &'static str,
        /// What the encoder said.
        message: String,
    },
    /// The options cannot make a film.
    #[error("{0}")]
    Options(String),
    /// Stopped on request; nothing was written.
    #[error("export cancelled; nothing was written")]
    Cancelled,
    /// The file could not be written; nothing was left behind.
    #[error("could not write {path}: {source}")]
    Write {
        /// The file we tried to write.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
}

/// Turns pictures and their durations into a file's bytes.
pub trait Encoder {
    /// Add one picture — straight (not premultiplied) RGBA, `width × height × 4` bytes — shown
    /// for `frames` consecutive frames.
    fn push(&mut self, rgba: &[u8], frames: u32) -> Result<(), AnimateError>;
    /// Finish the file.
    fn finish(self: Box<Self>) -> Result<Vec<u8>, AnimateError>;
}

/// The frame size actually used for `format`: H.264's 4:2:0 colour needs even sides, so an
/// odd side loses its last pixel.
pub fn frame_size(format: AnimFormat, width: u32, height: u32) -> (u32, u32) {
    match format {
        AnimFormat::Mp4 => ((width & !1).max(2), (height & !1).max(2)),
        _ => (width, height),
    }
}

/// The rectangle `(left, top, width, height)` where picture `now` differs from `prev`
/// (`width × height` pixels of `bpp` bytes each), or `None` if they are the same.
fn changed_rect(
    prev: &[u8],
    now: &[u8],
    width: usize,
    height: usize,
    bpp: usize,
) -> Option<(usize, usize, usize, usize)> {
    let stride = width * bpp;
    let row = |p: &[u8], y: usize| -> std::ops::Range<usize> {
        y * stride..((y + 1) * stride).min(p.len())
    };
    let differs = |y: usize| prev.get(row(prev, y)) != now.get(row(now, y));
    let top = (0..height).find(|y| differs(*y))?;
    let bottom = (top..height).rev().find(|y| differs(*y)).unwrap_or(top);
    let (mut left, mut right) = (width, 0);
    for y in top..=bottom {
        let (a, b) = (&prev[row(prev, y)], &now[row(now, y)]);
        let px = |x: usize| a.get(x * bpp..(x + 1) * bpp) != b.get(x * bpp..(x + 1) * bpp);
        if let Some(l) = (0..width).find(|x| px(*x)) {
            left = left.min(l);
            right = right.max((l..width).rev().find(|x| px(*x)).unwrap_or(l));
        }
    }
    Some((left, top, right + 1 - left, bottom + 1 - top))
}

/// The smallest and largest MP4 frame sides H.264 (OpenH264, level 5.1) takes here.
const MP4_SIDES: (u32, u32) = (16, 4096);

/// Check the options before any work: a sweep with frames, a sensible frame rate, a frame
/// size the format can hold.
fn validate(
    opts: &AnimateOptions,
    diagram: &Diagram,
    format: AnimFormat,
) -> Result<(), AnimateError> {
    let (w, h) = frame_size(format, opts.still.width, opts.still.height);
    let fits = |side: u32| (MP4_SIDES.0..=MP4_SIDES.1).contains(&side);
    if format == AnimFormat::Mp4 && !(fits(w) && fits(h)) {
        return Err(AnimateError::Options(format!(
            "an MP4 frame of {w}×{h} is not possible; give sides from {} to {} pixels",
            MP4_SIDES.0, MP4_SIDES.1
        )));
    }
    let s = &opts.sweep;
    let last = diagram.last_stage();
    if s.from > last || s.to > last {
        return Err(AnimateError::Options(format!(
            "the diagram has stages 1 to {}",
            last + 1
        )));
    }
    if !(1..=120).contains(&s.fps) {
        return Err(AnimateError::Options(format!(
            "a frame rate of {} is not supported; give 1 to 120 frames a second",
            s.fps
        )));
    }
    for (what, v) in [("dwell", s.dwell), ("transition", s.transition)] {
        if !(v.is_finite() && (0.0..=600.0).contains(&v)) {
            return Err(AnimateError::Options(format!(
                "a {what} of {v} s is not supported; give 0 to 600 seconds"
            )));
        }
    }
    Ok(())
}

/// The encoder for a film of `diagram` in `format` made of `pictures` distinct pictures
/// (GIF builds its palette from the sweep's stages first).
pub fn encoder(
    diagram: &Diagram,
    format: AnimFormat,
    opts: &AnimateOptions,
    pictures: u32,
) -> Result<Box<dyn Encoder>, AnimateError> {
    let (width, height) = frame_size(format, opts.still.width, opts.still.height);
    let fps = opts.sweep.fps;
    Ok(match format {
        AnimFormat::Mp4 => Box::new(mp4::Mp4Encoder::new(width, height, fps)?),
        AnimFormat::Gif => {
            let still = ExportOptions {
                width,
                height,
                ..opts.still.clone()
            };
            let samples = frames::palette_samples(diagram, &opts.sweep, &still)?;
            Box::new(gif::GifEncoder::new(
                width,
                height,
                fps,
                still.transparent,
                &samples,
            )?)
        }
        AnimFormat::Apng => Box::new(apng::ApngEncoder::new(width, height, fps, pictures)),
    })
}

/// Make the film of `diagram` in `format` and return its bytes. `progress(done, total)` is
/// called after every frame drawn; returning `false` cancels.
pub fn render_animation(
    diagram: &Diagram,
    format: AnimFormat,
    opts: &AnimateOptions,
    progress: &mut dyn FnMut(u64, u64) -> bool,
) -> Result<Vec<u8>, AnimateError> {
    validate(opts, diagram, format)?;
    let (width, height) = frame_size(format, opts.still.width, opts.still.height);
    let still = ExportOptions {
        width,
        height,
        transparent: opts.still.transparent && format.allows_transparency(),
        ..opts.still.clone()
    };
    let shots = opts.sweep.shots();
    let opts = &AnimateOptions {
        sweep: opts.sweep,
        still: still.clone(),
    };
    let mut encoder = encoder(diagram, format, opts, shots.len() as u32)?;
    let total: u64 = shots.iter().map(|s| u64::from(s.frames)).sum();
    // Two workers: this thread encodes while a helper draws the next pictures (the two
    // steps cost about the same, so a film takes about as long as the slower of them).
    std::thread::scope(|scope| {
        let (pictures, received) = std::sync::mpsc::sync_channel(2);
        let shots = &shots;
        scope.spawn(move || {
            let mut frames = Frames::new(diagram, still);
            for shot in shots {
                let picture = frames.draw(shot).map(|rgba| (rgba, shot.frames));
                let failed = picture.is_err();
                // The encoder hung up (cancelled or failed): stop drawing.
                if pictures.send(picture).is_err() || failed {
                    break;
                }
            }
        });
        let mut done = 0;
        for picture in received.iter() {
            let (rgba, frames) = picture?;
            encoder.push(&rgba, frames)?;
            done += u64::from(frames);
            if !progress(done, total) {
                return Err(AnimateError::Cancelled);
            }
        }
        if done < total {
            return Err(AnimateError::Encode {
                format: "film",
                message: "the picture drawer stopped early".into(),
            });
        }
        Ok(())
    })?;
    encoder.finish()
}

/// Make the film and write it atomically to `path` (nothing is written if it fails or is
/// cancelled; an existing file is only replaced by a complete one).
pub fn export_animation(
    diagram: &Diagram,
    path: &Path,
    format: AnimFormat,
    opts: &AnimateOptions,
    progress: &mut dyn FnMut(u64, u64) -> bool,
) -> Result<(), AnimateError> {
    let bytes = render_animation(diagram, format, opts, progress)?;
    crate::atomic::write(path, &bytes).map_err(|source| AnimateError::Write {
        path: path.to_path_buf(),
        source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_come_from_extensions() {
        let f = |p: &str| AnimFormat::from_path(Path::new(p));
        assert_eq!(f("talk.MP4"), Some(AnimFormat::Mp4));
        assert_eq!(f("talk.gif"), Some(AnimFormat::Gif));
        assert_eq!(f("talk.png"), Some(AnimFormat::Apng));
        assert_eq!(f("talk.apng"), Some(AnimFormat::Apng));
        assert_eq!(f("talk.svg"), None);
        assert_eq!(frame_size(AnimFormat::Mp4, 1921, 1081), (1920, 1080));
        assert_eq!(frame_size(AnimFormat::Gif, 1921, 1081), (1921, 1081));
    }

    #[test]
    fn bad_sweeps_are_refused_before_any_work() {
        let d = crate::model::default_diagram();
        let mut opts = AnimateOptions {
            sweep: Sweep {
                to: 99,
                ..Sweep::default()
            },
            still: ExportOptions::default(),
        };
        let mut never = |_, _| panic!("no frame may be drawn");
        assert!(matches!(
            render_animation(&d, AnimFormat::Gif, &opts, &mut never),
            Err(AnimateError::Options(_))
        ));
        opts.sweep = Sweep {
            fps: 0,
            ..Sweep::default()
        };
        assert!(render_animation(&d, AnimFormat::Gif, &opts, &mut never).is_err());
        opts.sweep = Sweep {
            dwell: f32::NAN,
            ..Sweep::default()
        };
        assert!(render_animation(&d, AnimFormat::Gif, &opts, &mut never).is_err());
        opts.sweep = Sweep::default();
        for (w, h) in [(1, 1), (17, 9), (8192, 4320)] {
            opts.still.width = w;
            opts.still.height = h;
            assert!(
                matches!(
                    render_animation(&d, AnimFormat::Mp4, &opts, &mut never),
                    Err(AnimateError::Options(_))
                ),
                "{w}×{h}"
            );
        }
    }
}
