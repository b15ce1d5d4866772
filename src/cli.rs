//! The headless commands: `check` and `export`. They print diagnostics the way compilers do
//! and return the process exit code (0 ok, 1 bad diagram, 2 usage or I/O error).
//!
//! Output survives a reader that goes away (`scaleview check … | head -1`): a closed pipe
//! stops the printing, never the work. Any other failure to write standard output (a full
//! disk) is reported on standard error and makes the exit code 2 once the work is done.

use std::fmt;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::export::{self, Format};
use crate::model::{self, Diagram};
use crate::render::ThemeName;
use crate::render::svg::ExportOptions;
use crate::render::svg_text::TextMode;

/// Exit code: everything fine.
pub const EXIT_OK: u8 = 0;
/// Exit code: a diagram is invalid (diagnostics on stderr).
pub const EXIT_BAD_DIAGRAM: u8 = 1;
/// Exit code: bad arguments or a file could not be read or written.
pub const EXIT_USAGE: u8 = 2;

/// Standard output that never panics: a closed pipe silences it, other errors are kept.
#[derive(Debug, Default)]
pub struct Out {
    closed: bool,
    failure: Option<std::io::Error>,
}

impl Out {
    /// Print one line (nothing once the reader has gone or a write failed).
    pub fn line(&mut self, args: fmt::Arguments<'_>) {
        if self.closed {
            return;
        }
        let mut out = std::io::stdout().lock();
        if let Err(e) = out.write_fmt(args).and_then(|()| out.write_all(b"\n")) {
            self.fail(e);
        }
    }

    fn fail(&mut self, e: std::io::Error) {
        self.closed = true;
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            self.failure = Some(e);
        }
    }

    /// Flush and turn the outcome into the final exit code: `code`, or 2 if output was lost
    /// for any reason other than a closed pipe.
    pub fn finish(mut self, code: u8) -> u8 {
        if !self.closed
            && let Err(e) = std::io::stdout().lock().flush()
        {
            self.fail(e);
        }
        match self.failure {
            Some(e) => {
                eprint_line(format_args!(
                    "error: could not write to standard output: {e}"
                ));
                code.max(EXIT_USAGE)
            }
            None => code,
        }
    }
}

/// Print one line on standard error; a closed or full stderr is ignored (there is nowhere
/// left to report it).
pub fn eprint_line(args: fmt::Arguments<'_>) {
    let mut err = std::io::stderr().lock();
    let _ = err.write_fmt(args).and_then(|()| err.write_all(b"\n"));
}

/// Read and validate a diagram file, or the built-in diagram `built_in` names; neither means
/// the embedded default.
pub fn load(file: Option<&Path>, built_in: Option<&str>) -> Result<Diagram, u8> {
    if let Some(name) = built_in {
        return model::built_in(name).ok_or_else(|| unknown_built_in(name));
    }
    let Some(path) = file else {
        return Ok(model::default_diagram());
    };
    model::load_file(path).map_err(report_load_error)
}

/// Say on stderr that there is no built-in diagram `name`, listing those there are; the exit
/// code for it.
pub fn unknown_built_in(name: &str) -> u8 {
    let names: Vec<&str> = model::BUILT_IN.iter().map(|b| b.name).collect();
    eprint_line(format_args!(
        "error: there is no built-in diagram `{name}`; the built-in diagrams are {}",
        names.join(", ")
    ));
    EXIT_USAGE
}

/// `scaleview check [--deny-warnings] FILE...`: errors and warnings on stderr, one `ok` line
/// per valid file on stdout. Warnings (the diagram is drawn, but a slide would be wrong or
/// ugly) exit 0, or 1 with `deny_warnings`.
pub fn check(files: &[PathBuf], deny_warnings: bool) -> u8 {
    let mut out = Out::default();
    let mut code = EXIT_OK;
    for f in files {
        let (d, src) = match model::load_file_with_source(f) {
            Ok(x) => x,
            Err(e) => {
                code = code.max(report_load_error(e));
                continue;
            }
        };
        let warnings = crate::lint::warnings(&d, &src, &f.display().to_string());
        for w in &warnings {
            eprint_line(format_args!("{w}"));
        }
        if deny_warnings && !warnings.is_empty() {
            code = code.max(EXIT_BAD_DIAGRAM);
        }
        let n = warnings.len();
        out.line(format_args!(
            "{}: ok ({} stages, {} components{})",
            f.display(),
            d.stages.len(),
            d.components.len(),
            match n {
                0 => String::new(),
                1 => ", 1 warning".to_owned(),
                _ => format!(", {n} warnings"),
            }
        ));
    }
    out.finish(code)
}

/// Print why a file gave no diagram; the exit code for it.
fn report_load_error(e: model::LoadError) -> u8 {
    match e {
        model::LoadError::Unreadable(d) => {
            eprint_line(format_args!("{d}"));
            EXIT_USAGE
        }
        model::LoadError::Invalid(diags) => {
            for d in diags {
                eprint_line(format_args!("{d}"));
            }
            EXIT_BAD_DIAGRAM
        }
    }
}

/// Which stage `export` was asked for.
#[derive(Clone, Debug, PartialEq)]
pub enum StageChoice {
    /// The stage in force at this axis value (`--users`, `--at`).
    At(f64),
    /// A stage id, or a 1-based stage number when no stage has that id (`--stage`).
    Stage(String),
}

/// What `scaleview export` was asked for, as the command line writes it (clap derives the
/// flags, their help and their conflicts from this one type).
#[derive(clap::Args, Clone, Debug, PartialEq)]
pub struct ExportArgs {
    /// Diagram file; the built-in AWS diagram when left out.
    pub file: Option<PathBuf>,
    /// Export a built-in diagram instead of a file: aws-10m-users, aws-10m-users-ko (Korean),
    /// kubernetes-on-aws.
    #[arg(long, value_name = "NAME", conflicts_with = "file")]
    pub diagram: Option<String>,
    /// Export this stage: its id, or its number counting from 1.
    #[arg(long, value_name = "ID|N", conflicts_with_all = ["users", "at"])]
    pub stage: Option<String>,
    /// Export the stage in force at this many users.
    #[arg(
        long,
        conflicts_with = "at",
        value_parser = parse_finite,
        allow_negative_numbers = true
    )]
    pub users: Option<f64>,
    /// Export the stage in force at this axis value (for diagrams whose axis is not users).
    #[arg(long, value_parser = parse_finite, allow_negative_numbers = true)]
    pub at: Option<f64>,
    /// Output file; .png or .svg.
    #[arg(long, conflicts_with = "all_stages")]
    pub out: Option<PathBuf>,
    /// Export every stage, one file each, into --out-dir.
    #[arg(long, requires = "out_dir")]
    pub all_stages: bool,
    /// Folder for --all-stages (files are named by stage number and threshold).
    #[arg(long, requires = "all_stages")]
    pub out_dir: Option<PathBuf>,
    /// File format for --all-stages.
    #[arg(long, value_enum, default_value = "png")]
    pub format: Format,
    /// Width in pixels.
    #[arg(long, default_value_t = 1920)]
    pub width: u32,
    /// Height in pixels.
    #[arg(long, default_value_t = 1080)]
    pub height: u32,
    /// Multiply width and height (2 turns 1920×1080 into 3840×2160).
    #[arg(
        long,
        default_value_t = 1.0,
        value_parser = parse_scale,
        allow_negative_numbers = true
    )]
    pub scale: f32,
    /// Colour theme.
    #[arg(long, value_enum, default_value = "light")]
    pub theme: ThemeName,
    /// Transparent background instead of the theme's.
    #[arg(long)]
    pub transparent: bool,
    /// Leave out the caption (diagram title, stage, user count).
    #[arg(long)]
    pub no_caption: bool,
    /// Add the stage's numbers (its `metrics`, e.g. requests/s and monthly cost) to the
    /// caption.
    #[arg(long, conflicts_with = "no_caption")]
    pub metrics: bool,
    /// Draw the slider band under the diagram (a tick per stage, the knob where the story
    /// is), as in presentation mode; in a film the knob glides with the transitions.
    #[arg(long)]
    pub band: bool,
    /// One scale for every stage: the diagram keeps its size and place from slide to slide
    /// (framed by the largest extent of all stages).
    #[arg(long)]
    pub fixed_scale: bool,
    /// Leave out the "new in this stage" rings (clean slides for a hand-out).
    #[arg(long)]
    pub no_highlight: bool,
    /// Name --all-stages files by the stage's threshold (05-10000.png) or id (05-10k.png).
    #[arg(long, value_enum, default_value = "threshold", requires = "all_stages")]
    pub name_by: export::StageNaming,
    /// SVG: write text as outlines instead of text with embedded font subsets (looks the same
    /// in every program, but the text can no longer be selected or edited).
    #[arg(long)]
    pub text_as_paths: bool,
    /// Export the evolution as a film instead of a still: FILE.mp4 (H.264), FILE.gif or
    /// FILE.png (animated PNG), sweeping through the stages as on screen.
    #[arg(
        long,
        value_name = "FILE",
        conflicts_with_all = ["out", "all_stages", "stage", "users", "at"]
    )]
    pub animate: Option<PathBuf>,
    /// First stage of the film (id or number; default the first).
    #[arg(long, value_name = "ID|N", requires = "animate")]
    pub from: Option<String>,
    /// Last stage of the film (id or number; default the last; before --from plays backwards).
    #[arg(long, value_name = "ID|N", requires = "animate")]
    pub to: Option<String>,
    /// Seconds each stage is held.
    #[arg(
        long,
        value_name = "SECONDS",
        default_value_t = 2.0,
        requires = "animate"
    )]
    pub dwell: f32,
    /// Seconds each transition between stages takes.
    #[arg(
        long,
        value_name = "SECONDS",
        default_value_t = 1.0,
        requires = "animate"
    )]
    pub transition: f32,
    /// Write a PowerPoint deck instead: FILE.pptx with one slide per stage (the stage's
    /// picture) and the stage's story in each slide's speaker notes.
    #[arg(
        long,
        value_name = "FILE",
        conflicts_with_all = ["out", "all_stages", "stage", "users", "at", "animate"]
    )]
    pub deck: Option<PathBuf>,
    /// Write a PDF hand-out instead: FILE.pdf with a page per stage (heading, the diagram as
    /// vectors, numbers, notes, new components), text selectable, fonts embedded.
    #[arg(
        long,
        value_name = "FILE",
        conflicts_with_all = ["out", "all_stages", "stage", "users", "at", "animate", "deck"]
    )]
    pub handout: Option<PathBuf>,
    /// Frames per second of the film (GIF: at most 50).
    #[arg(long, default_value_t = 30, requires = "animate")]
    pub fps: u32,
}

impl ExportArgs {
    /// The stage asked for with `--stage`, `--users` or `--at`.
    pub fn stage(&self) -> Option<StageChoice> {
        self.stage
            .clone()
            .map(StageChoice::Stage)
            .or(self.users.or(self.at).map(StageChoice::At))
    }

    /// The film asked for with `--animate` and its options.
    pub fn film(&self) -> Option<AnimateArgs> {
        self.animate.clone().map(|path| AnimateArgs {
            path,
            from: self.from.clone(),
            to: self.to.clone(),
            dwell: self.dwell,
            transition: self.transition,
            fps: self.fps,
        })
    }
}

/// What `scaleview export --animate FILE` was asked for.
#[derive(Clone, Debug, PartialEq)]
pub struct AnimateArgs {
    /// The film to write (format from its extension).
    pub path: PathBuf,
    /// First stage (id or number), default the first.
    pub from: Option<String>,
    /// Last stage (id or number), default the last.
    pub to: Option<String>,
    /// Seconds each stage is held.
    pub dwell: f32,
    /// Seconds each transition takes.
    pub transition: f32,
    /// Frames per second.
    pub fps: u32,
}

/// Resolve a stage choice against the diagram, or explain in words why it does not fit.
pub fn resolve_stage(diagram: &Diagram, choice: &StageChoice) -> Result<usize, String> {
    let axis = &diagram.axis;
    match choice {
        StageChoice::At(v) => {
            if !v.is_finite() {
                return Err(format!("{v} is not a number on the axis"));
            }
            if *v < axis.min || *v > axis.max {
                return Err(format!(
                    "{} is outside the diagram's axis, which runs from {} to {}",
                    model::readable_number(*v),
                    axis.long_label(axis.min),
                    axis.long_label(axis.max)
                ));
            }
            Ok(diagram.stage_at(*v))
        }
        StageChoice::Stage(s) => {
            if let Some(i) = diagram.stages.iter().position(|st| st.id == *s) {
                return Ok(i);
            }
            match s.trim().parse::<usize>() {
                Ok(n) if (1..=diagram.stages.len()).contains(&n) => Ok(n - 1),
                _ => {
                    let ids: Vec<&str> = diagram.stages.iter().map(|st| st.id.as_str()).collect();
                    Err(format!(
                        "there is no stage `{s}`; give a stage id ({}) or a number from 1 to {}",
                        ids.join(", "),
                        diagram.stages.len()
                    ))
                }
            }
        }
    }
}

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

/// Parse a command-line number that must be finite (for `--users` and `--at`).
pub fn parse_finite(s: &str) -> Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(v),
        _ => Err(format!("`{s}` is not a number (write e.g. 10000 or 1e6)")),
    }
}

/// Parse `--scale`: a finite number above 0.
pub fn parse_scale(s: &str) -> Result<f32, String> {
    match s.trim().parse::<f32>() {
        Ok(v) if v.is_finite() && v > 0.0 => Ok(v),
        _ => Err(format!(
            "`{s}` is not a scale; give a number above 0, like 2"
        )),
    }
}

/// `scaleview kinds`: every component kind by category with its shown name, every group
/// kind, the link styles and the other names that map to a kind; with `names`, only the RON
/// names, one per line.
pub fn kinds(names: bool) -> String {
    use crate::model::{Category, ComponentKind, GroupKind, aliases};
    use std::fmt::Write as _;
    let mut out = String::new();
    if names {
        for k in ComponentKind::ALL {
            let _ = writeln!(out, "{}", k.ron_name());
        }
        for g in GroupKind::ALL {
            let _ = writeln!(out, "{}", g.ron_name());
        }
        return out;
    }
    let _ = writeln!(out, "Component kinds (`kind: Ec2`), by category:");
    for c in Category::ALL {
        let of: Vec<&ComponentKind> = ComponentKind::ALL
            .iter()
            .filter(|k| k.category() == *c)
            .collect();
        if of.is_empty() {
            continue;
        }
        let _ = writeln!(out, "  {}", c.name());
        for k in of {
            let _ = writeln!(out, "    {:<18} {}", k.ron_name(), k.display_name());
        }
    }
    let _ = writeln!(out, "\nGroup kinds (`kind: Vpc` on a group):");
    for g in GroupKind::ALL {
        let _ = writeln!(out, "    {:<18} {}", g.ron_name(), g.display_name());
    }
    let _ = writeln!(
        out,
        "\nLink styles (`style: Async` on a link): Sync (solid), Async (dashed), \
         Replication (dotted, both ends)"
    );
    let _ = writeln!(out, "\nOther names, and the kind to write instead:");
    for (alias, kind, why) in aliases() {
        let _ = writeln!(out, "    {alias:<24} → {kind:<12} {why}");
    }
    out
}
