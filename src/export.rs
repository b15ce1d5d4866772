//! Exporting a stage to a file: pick the format, render on the CPU, write atomically.
//!
//! Shared by the command line (`scaleview export`) and the app's export dialog.

use std::path::{Path, PathBuf};

use crate::model::Diagram;
use crate::render::png::{self, PngError};
use crate::render::svg;

/// What an export looks like (defined with the renderers that read it, which come before this
/// module in the pipeline).
pub use crate::render::ExportOptions;
use crate::scene::Scene;

/// Output file format (also the `--format` values of the command line).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "gui", derive(clap::ValueEnum))]
pub enum Format {
    /// Raster image.
    Png,
    /// Vector image.
    Svg,
}

impl Format {
    /// From a file name's extension (`.png`, `.svg`, any case).
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "png" => Some(Format::Png),
            "svg" => Some(Format::Svg),
            _ => None,
        }
    }

    /// The file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Png => "png",
            Format::Svg => "svg",
        }
    }
}

/// Why an export failed, in words a presenter can act on.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// Could not render.
    #[error(transparent)]
    Png(#[from] PngError),
    /// The file could not be written; nothing was left behind and no old file was replaced.
    #[error("could not write {path}: {source}")]
    Write {
        /// The file we tried to write.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
}

/// Render the settled `stage` of `diagram` in `format`.
pub fn render(
    diagram: &Diagram,
    stage: usize,
    format: Format,
    opts: &ExportOptions,
) -> Result<Vec<u8>, ExportError> {
    let scene = Scene::settled(diagram, stage.min(diagram.last_stage()));
    Ok(match format {
        Format::Svg => svg::scene_to_svg(&scene, opts).into_bytes(),
        // Pixels straight from the paint list; text from glyph outlines, so no font is
        // loaded to rasterise.
        Format::Png => {
            let prims = crate::render::paint::export(&scene, opts);
            png::still(&prims, opts.width, opts.height)?
        }
    })
}

/// Render and write atomically to `path`.
pub fn export_to(
    diagram: &Diagram,
    stage: usize,
    path: &Path,
    format: Format,
    opts: &ExportOptions,
) -> Result<(), ExportError> {
    let bytes = render(diagram, stage, format, opts)?;
    write_atomic(path, &bytes)
}

/// How the files of an all-stages export are named after their stage.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "gui", derive(clap::ValueEnum))]
pub enum StageNaming {
    /// By the stage's threshold: `05-10000.png`.
    #[default]
    Threshold,
    /// By the stage's id, made ASCII: `05-10k.png`.
    Id,
}

/// File name for a stage in an all-stages export: its number, then its threshold or id, in
/// ASCII letters, digits and `-` only (`05-10000.png`, `05-10k.png`), whatever language the
/// diagram is written in. An id with nothing ASCII in it falls back to the threshold.
pub fn stage_file_name(
    diagram: &Diagram,
    stage: usize,
    format: Format,
    naming: StageNaming,
) -> String {
    let s = &diagram.stages[stage.min(diagram.last_stage())];
    let at = if s.at.fract() == 0.0 {
        format!("{}", s.at as i64)
    } else {
        format!("{}", s.at).replace('.', "_")
    };
    let id = ascii_slug(&s.id);
    let name = match naming {
        StageNaming::Id if !id.is_empty() => id,
        _ => at,
    };
    format!("{:02}-{name}.{}", stage + 1, format.extension())
}

/// `text` in lower-case ASCII letters and digits, other runs of characters as one `-`.
fn ascii_slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_owned()
}

/// Write `bytes` to `path` atomically (see [`crate::atomic`]): a symlink stays a symlink and
/// the file keeps its permissions.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), ExportError> {
    crate::atomic::write(path, bytes).map_err(|source| ExportError::Write {
        path: path.to_path_buf(),
        source,
    })
}

/// Render every `(stage, path, format)` job, then replace all the files at once: if any
/// render or write fails, no file of the set is replaced and no temporary file stays.
/// `done` is called with each job's index once every file is in place.
pub fn export_set(
    diagram: &Diagram,
    jobs: &[(usize, PathBuf, Format)],
    opts: &ExportOptions,
    mut done: impl FnMut(usize),
) -> Result<(), ExportError> {
    let mut staged = Vec::with_capacity(jobs.len());
    for (stage, path, format) in jobs {
        let bytes = render(diagram, *stage, *format, opts)?;
        let s = crate::atomic::stage(path, &bytes).map_err(|source| ExportError::Write {
            path: path.clone(),
            source,
        })?;
        staged.push((s, path));
    }
    for (i, (s, path)) in staged.into_iter().enumerate() {
        s.commit().map_err(|source| ExportError::Write {
            path: path.clone(),
            source,
        })?;
        done(i);
    }
    Ok(())
}
