//! The headless commands: `check` and `export`. They print diagnostics the way compilers do
//! and return the process exit code (0 ok, 1 bad diagram, 2 usage or I/O error).

use std::path::{Path, PathBuf};

use crate::export::{self, Format};
use crate::model::{self, Diagram};
use crate::render::ThemeName;
use crate::render::svg::SvgOptions;

/// Exit code: everything fine.
pub const EXIT_OK: u8 = 0;
/// Exit code: a diagram is invalid (diagnostics on stderr).
pub const EXIT_BAD_DIAGRAM: u8 = 1;
/// Exit code: bad arguments or a file could not be read or written.
pub const EXIT_USAGE: u8 = 2;

/// Read and validate a diagram file; `None` means the embedded default.
pub fn load(file: Option<&Path>) -> Result<Diagram, u8> {
    let Some(path) = file else {
        return Ok(model::default_diagram());
    };
    model::load_file(path).map_err(|e| match e {
        model::LoadError::Unreadable(d) => {
            eprintln!("{d}");
            EXIT_USAGE
        }
        model::LoadError::Invalid(diags) => {
            for d in diags {
                eprintln!("{d}");
            }
            EXIT_BAD_DIAGRAM
        }
    })
}

/// `scaleview check FILE...`
pub fn check(files: &[PathBuf]) -> u8 {
    let mut code = EXIT_OK;
    for f in files {
        match load(Some(f)) {
            Ok(d) => println!(
                "{}: ok ({} stages, {} components)",
                f.display(),
                d.stages.len(),
                d.components.len()
            ),
            Err(c) => code = code.max(c),
        }
    }
    code
}

/// What `scaleview export` was asked for.
#[derive(Clone, Debug, PartialEq)]
pub struct ExportArgs {
    /// The diagram file (`None` = embedded default).
    pub file: Option<PathBuf>,
    /// Axis value whose stage to export.
    pub at: Option<f64>,
    /// Output file (format from its extension).
    pub out: Option<PathBuf>,
    /// Export every stage into this folder.
    pub out_dir: Option<PathBuf>,
    /// Format for `--out-dir` exports.
    pub format: Format,
    /// Base width in pixels.
    pub width: u32,
    /// Base height in pixels.
    pub height: u32,
    /// Multiplier on width and height.
    pub scale: f32,
    /// Colour theme.
    pub theme: ThemeName,
    /// Transparent background.
    pub transparent: bool,
    /// Caption above the diagram.
    pub caption: bool,
}

/// `scaleview export …`
pub fn export(args: &ExportArgs) -> u8 {
    let diagram = match load(args.file.as_deref()) {
        Ok(d) => d,
        Err(c) => return c,
    };
    let scale = if args.scale.is_finite() && args.scale > 0.0 {
        args.scale
    } else {
        1.0
    };
    let width = (args.width as f32 * scale).round();
    let height = (args.height as f32 * scale).round();
    let max = crate::render::png::MAX_SIDE as f32;
    if !(1.0..=max).contains(&width) || !(1.0..=max).contains(&height) {
        eprintln!(
            "error: the image would be {width}×{height}; width and height × scale must be 1 to {max}"
        );
        return EXIT_USAGE;
    }
    let opts = SvgOptions {
        width: width as u32,
        height: height as u32,
        theme: args.theme,
        transparent: args.transparent,
        caption: args.caption,
        highlight_new: true,
    };
    let jobs: Vec<(usize, PathBuf, Format)> = match (&args.out, &args.out_dir) {
        (Some(out), None) => {
            let Some(format) = Format::from_path(out) else {
                eprintln!("error: {} must end in .png or .svg", out.display());
                return EXIT_USAGE;
            };
            let Some(at) = args.at else {
                eprintln!(
                    "error: say which stage to export with --users N (or --at VALUE), or use --all-stages --out-dir DIR"
                );
                return EXIT_USAGE;
            };
            vec![(diagram.stage_at(at), out.clone(), format)]
        }
        (None, Some(dir)) => {
            if let Err(e) = std::fs::create_dir_all(dir) {
                eprintln!("error: cannot create {}: {e}", dir.display());
                return EXIT_USAGE;
            }
            (0..diagram.stages.len())
                .map(|s| {
                    (
                        s,
                        dir.join(export::stage_file_name(&diagram, s, args.format)),
                        args.format,
                    )
                })
                .collect()
        }
        _ => {
            eprintln!("error: give either --out FILE or --all-stages --out-dir DIR");
            return EXIT_USAGE;
        }
    };
    for (stage, path, format) in jobs {
        match export::export_to(&diagram, stage, &path, format, &opts) {
            Ok(()) => println!(
                "{} ({}, {}×{})",
                path.display(),
                diagram.stages[stage].title,
                opts.width,
                opts.height
            ),
            Err(e) => {
                eprintln!("error: {e}");
                return EXIT_USAGE;
            }
        }
    }
    EXIT_OK
}
