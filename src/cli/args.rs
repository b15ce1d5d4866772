//! What `scaleview export` accepts on its command line: [`ExportArgs`] (clap derives the
//! flags from it), the stage and film it asks for, and the parsers of its numbers.

use std::path::PathBuf;

use crate::export::{self, Format};
use crate::model::{self, Diagram};
use crate::render::ThemeName;

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
    /// Output file (`-o`); .png or .svg.
    #[arg(short, long, conflicts_with = "all_stages")]
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
