//! `scaleview export`: stills, films, hand-outs and decks, each written atomically, with
//! the exit code the shell sees.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::{
    AnimateArgs, EXIT_OK, EXIT_USAGE, ExportArgs, Out, StageChoice, eprint_line, load,
    resolve_stage,
};
use crate::export::{self, Format};
use crate::model::Diagram;
use crate::render::svg::ExportOptions;
use crate::render::svg_text::TextMode;

/// `scaleview export …`
pub fn export(args: &ExportArgs) -> u8 {
    let diagram = match load(args.file.as_deref(), args.diagram.as_deref()) {
        Ok(d) => d,
        Err(c) => return c,
    };
    if !(args.scale.is_finite() && args.scale > 0.0) {
        eprint_line(format_args!(
            "error: --scale must be a number above 0, not {}",
            args.scale
        ));
        return EXIT_USAGE;
    }
    let width = (args.width as f32 * args.scale).round();
    let height = (args.height as f32 * args.scale).round();
    let max = crate::render::png::MAX_SIDE as f32;
    if !(1.0..=max).contains(&width) || !(1.0..=max).contains(&height) {
        eprint_line(format_args!(
            "error: the image would be {width}×{height}; width and height × scale must be 1 to \
             {max}"
        ));
        return EXIT_USAGE;
    }
    let opts = ExportOptions {
        width: width as u32,
        height: height as u32,
        theme: args.theme,
        transparent: args.transparent,
        caption: !args.no_caption,
        caption_metrics: args.metrics,
        band: args.band,
        new_glow: if args.no_highlight { 0.0 } else { 1.0 },
        frame: args
            .fixed_scale
            .then(|| crate::render::svg::all_stages_frame(&diagram)),
        text: if args.text_as_paths {
            TextMode::Paths
        } else {
            TextMode::EmbeddedFonts
        },
    };
    if let Some(film) = &args.film() {
        return animate(&diagram, film, opts);
    }
    if let Some(path) = &args.deck {
        return deck(&diagram, path, &opts);
    }
    if let Some(path) = &args.handout {
        return handout(&diagram, path, &opts);
    }
    let jobs = match jobs(args, &diagram) {
        Ok(j) => j,
        Err(msg) => {
            eprint_line(format_args!("error: {msg}"));
            return EXIT_USAGE;
        }
    };
    let mut out = Out::default();
    let result = export::export_set(&diagram, &jobs, &opts, |i| {
        let (stage, path, _) = &jobs[i];
        out.line(format_args!(
            "{} ({}, {}×{})",
            path.display(),
            diagram.stages[*stage].title,
            opts.width,
            opts.height
        ));
    });
    let code = match result {
        Ok(()) => EXIT_OK,
        Err(e) => {
            eprint_line(format_args!("error: {e}"));
            EXIT_USAGE
        }
    };
    out.finish(code)
}

/// `scaleview export --deck FILE.pptx`: one slide per stage, notes in the speaker notes.
fn deck(diagram: &Diagram, path: &Path, still: &ExportOptions) -> u8 {
    write_document(path, "pptx", || {
        let bytes =
            crate::handout::deck(diagram, still, &mut |_, _| {}).map_err(|e| e.to_string())?;
        let what = format!(
            "{} slides with speaker notes, {}×{} pictures",
            diagram.stages.len(),
            still.width,
            still.height
        );
        Ok((bytes, what))
    })
}

/// `scaleview export --handout FILE.pdf`: a page per stage.
fn handout(diagram: &Diagram, path: &Path, still: &ExportOptions) -> u8 {
    write_document(path, "pdf", || {
        let bytes = crate::handout::handout(diagram, still).map_err(|e| e.to_string())?;
        Ok((bytes, format!("{} stages", diagram.stages.len())))
    })
}

/// Check `path` ends in `.ext`, make the document, write it atomically and say what was
/// written; the exit code.
fn write_document(
    path: &Path,
    ext: &str,
    make: impl FnOnce() -> Result<(Vec<u8>, String), String>,
) -> u8 {
    let fits = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case(ext));
    if !fits {
        eprint_line(format_args!("error: {} must end in .{ext}", path.display()));
        return EXIT_USAGE;
    }
    let result = make().and_then(|(bytes, what)| {
        export::write_atomic(path, &bytes)
            .map(|()| what)
            .map_err(|e| e.to_string())
    });
    let mut out = Out::default();
    let code = match result {
        Ok(what) => {
            out.line(format_args!("{} ({what})", path.display()));
            EXIT_OK
        }
        Err(e) => {
            eprint_line(format_args!("error: {e}"));
            EXIT_USAGE
        }
    };
    out.finish(code)
}

/// `scaleview export --animate FILE`: the film, with a progress line when stderr is a
/// terminal and one line on stdout naming what was written.
fn animate(diagram: &Diagram, film: &AnimateArgs, still: ExportOptions) -> u8 {
    use crate::animate::{self, AnimFormat, AnimateOptions};
    use std::io::IsTerminal;
    let Some(format) = AnimFormat::from_path(&film.path) else {
        eprint_line(format_args!(
            "error: {} must end in .mp4, .gif or .png (animated PNG)",
            film.path.display()
        ));
        return EXIT_USAGE;
    };
    let stage = |s: &Option<String>, default: usize| match s {
        None => Ok(default),
        Some(s) => resolve_stage(diagram, &StageChoice::Stage(s.clone())),
    };
    let (from, to) = match (stage(&film.from, 0), stage(&film.to, diagram.last_stage())) {
        (Ok(f), Ok(t)) => (f, t),
        (Err(msg), _) | (_, Err(msg)) => {
            eprint_line(format_args!("error: {msg}"));
            return EXIT_USAGE;
        }
    };
    let opts = AnimateOptions {
        sweep: crate::scene::timeline::Sweep {
            from,
            to,
            dwell: film.dwell,
            transition: film.transition,
            fps: film.fps,
        },
        still,
    };
    let terminal = std::io::stderr().is_terminal();
    let mut last_percent = u64::MAX;
    let mut progress = |done: u64, total: u64| {
        let percent = done * 100 / total.max(1);
        if terminal && percent != last_percent {
            last_percent = percent;
            let mut err = std::io::stderr().lock();
            let _ = write!(
                err,
                "\r{}: {percent:3}% ({done}/{total} frames)",
                film.path.display()
            );
            let _ = err.flush();
        }
        true
    };
    let result = animate::export_animation(diagram, &film.path, format, &opts, &mut progress);
    if terminal {
        eprint_line(format_args!(""));
    }
    let mut out = Out::default();
    let code = match result {
        Ok(()) => {
            let (w, h) = animate::frame_size(format, opts.still.width, opts.still.height);
            let n = opts.sweep.frame_count();
            out.line(format_args!(
                "{} ({n} frame{} at {} fps, {:.1} s, {w}×{h})",
                film.path.display(),
                if n == 1 { "" } else { "s" },
                opts.sweep.fps,
                opts.sweep.duration()
            ));
            EXIT_OK
        }
        Err(e) => {
            eprint_line(format_args!("error: {e}"));
            EXIT_USAGE
        }
    };
    out.finish(code)
}

/// The files to write: one for `--out`, every stage for `--all-stages --out-dir`.
fn jobs(args: &ExportArgs, diagram: &Diagram) -> Result<Vec<(usize, PathBuf, Format)>, String> {
    match (&args.out, &args.out_dir) {
        (Some(out), None) => {
            let format = Format::from_path(out).ok_or_else(|| {
                let film = crate::animate::AnimFormat::from_path(out).is_some();
                format!(
                    "{} must end in .png or .svg{}",
                    out.display(),
                    if film {
                        "; to export the stages as a film, use --animate FILE"
                    } else {
                        ""
                    }
                )
            })?;
            let choice = args.stage();
            let choice = choice.as_ref().ok_or(
                "say which stage to export with --stage ID|N, --users N or --at VALUE, or use \
                 --all-stages --out-dir DIR",
            )?;
            Ok(vec![(resolve_stage(diagram, choice)?, out.clone(), format)])
        }
        (None, Some(dir)) => {
            std::fs::create_dir_all(dir)
                .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
            Ok((0..diagram.stages.len())
                .map(|s| {
                    (
                        s,
                        dir.join(export::stage_file_name(
                            diagram,
                            s,
                            args.format,
                            args.name_by,
                        )),
                        args.format,
                    )
                })
                .collect())
        }
        _ => Err("give either --out FILE or --all-stages --out-dir DIR".into()),
    }
}
