//! The export window: format, size, background, a path field that always works, the native
//! save dialog when there is one, and rendering on a helper thread so the UI never freezes.
//! Films (MP4, GIF, animated PNG) add a stage range, timing, a progress bar and Cancel.

use super::i18n::{tr, trf};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, channel};

use crate::animate::{self, AnimFormat, AnimateOptions};
use crate::scene::timeline::Sweep;

use super::file_dialog::{self, DialogAnswer, PendingDialog};
use crate::export::{self, Format};
use crate::model::Diagram;
use crate::render::ThemeName;
use crate::render::svg::ExportOptions;

/// Output size choices.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SizeChoice {
    /// The canvas's size on screen, in physical pixels.
    Window,
    /// Twice the canvas size.
    WindowDouble,
    /// 1920 × 1080.
    FullHd,
    /// 3840 × 2160.
    Uhd,
}

impl SizeChoice {
    const ALL: [SizeChoice; 4] = [
        SizeChoice::Window,
        SizeChoice::WindowDouble,
        SizeChoice::FullHd,
        SizeChoice::Uhd,
    ];

    fn pixels(self, window: [u32; 2]) -> [u32; 2] {
        let w = [window[0].max(64), window[1].max(64)];
        match self {
            SizeChoice::Window => w,
            SizeChoice::WindowDouble => [w[0] * 2, w[1] * 2],
            SizeChoice::FullHd => [1920, 1080],
            SizeChoice::Uhd => [3840, 2160],
        }
    }

    fn label(self, ctx: &egui::Context, window: [u32; 2]) -> String {
        let [w, h] = self.pixels(window);
        match self {
            SizeChoice::Window => trf(ctx, "size_window", &[("w", &w), ("h", &h)]),
            SizeChoice::WindowDouble => trf(ctx, "size_window_double", &[("w", &w), ("h", &h)]),
            SizeChoice::FullHd => tr(ctx, "size_full_hd").into(),
            SizeChoice::Uhd => tr(ctx, "size_4k").into(),
        }
    }
}

/// What an export is made from: the diagram, its settled stage, the theme and the canvas size.
pub struct ExportSource<'a> {
    /// The diagram on screen.
    pub diagram: &'a Diagram,
    /// The stage to export (the one the app shows or is heading to).
    pub stage: usize,
    /// The current theme.
    pub theme: ThemeName,
    /// The canvas size in physical pixels ("window size" exports).
    pub window_px: [u32; 2],
}

/// What the window exports: one stage as a still, or the stages as a film.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// A still of the current stage.
    Still(Format),
    /// A film sweeping through the stages.
    Film(AnimFormat),
    /// A hand-out of every stage: a PDF, or a PowerPoint deck with speaker notes.
    Handout(Handout),
}

/// The hand-out documents.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Handout {
    /// A page per stage, vector diagram, real text.
    Pdf,
    /// A slide per stage, the story in the speaker notes.
    Pptx,
}

impl Target {
    const STILLS: [Target; 2] = [Target::Still(Format::Png), Target::Still(Format::Svg)];
    const FILMS: [Target; 3] = [
        Target::Film(AnimFormat::Mp4),
        Target::Film(AnimFormat::Gif),
        Target::Film(AnimFormat::Apng),
    ];

    const HANDOUTS: [Target; 2] = [
        Target::Handout(Handout::Pdf),
        Target::Handout(Handout::Pptx),
    ];

    /// The file extension.
    fn extension(self) -> &'static str {
        match self {
            Target::Handout(Handout::Pdf) => "pdf",
            Target::Handout(Handout::Pptx) => "pptx",
            Target::Still(f) => f.extension(),
            Target::Film(AnimFormat::Mp4) => "mp4",
            Target::Film(AnimFormat::Gif) => "gif",
            Target::Film(AnimFormat::Apng) => "png",
        }
    }

    /// The name on its button.
    fn label(self) -> &'static str {
        match self {
            Target::Still(Format::Png) => "PNG",
            Target::Still(Format::Svg) => "SVG",
            Target::Film(AnimFormat::Mp4) => "MP4",
            Target::Film(AnimFormat::Gif) => "GIF",
            Target::Film(AnimFormat::Apng) => "APNG",
            Target::Handout(Handout::Pdf) => "PDF",
            Target::Handout(Handout::Pptx) => "PPTX",
        }
    }

    /// The same kind of target (still or film) that a file name asks for.
    fn same_kind_for(self, path: &Path) -> Option<Target> {
        match self {
            Target::Still(_) => Format::from_path(path).map(Target::Still),
            Target::Film(_) => AnimFormat::from_path(path).map(Target::Film),
            Target::Handout(_) => {
                let ext = path.extension()?.to_str()?.to_ascii_lowercase();
                match ext.as_str() {
                    "pdf" => Some(Target::Handout(Handout::Pdf)),
                    "pptx" => Some(Target::Handout(Handout::Pptx)),
                    _ => None,
                }
            }
        }
    }
}

/// How a film sweeps: stage range and timing, as chosen in the window.
#[derive(Clone, Copy, Debug, PartialEq)]
struct FilmForm {
    from: usize,
    to: usize,
    dwell: f32,
    transition: f32,
    fps: u32,
}

impl Default for FilmForm {
    fn default() -> Self {
        FilmForm {
            from: 0,
            to: usize::MAX,
            dwell: 2.0,
            transition: 1.0,
            fps: 30,
        }
    }
}

/// A running export: its outcome, how far it got, and the switch that cancels it.
struct Job {
    outcome: Receiver<Result<PathBuf, String>>,
    done: Arc<AtomicU64>,
    total: Arc<AtomicU64>,
    cancel: Arc<AtomicBool>,
}

/// Outcome shown to the user.
#[derive(Clone, Debug, PartialEq)]
pub enum ExportStatus {
    /// Rendering and writing on the helper thread.
    Working(PathBuf),
    /// Written.
    Saved(PathBuf),
    /// Failed, with the reason in plain words.
    Failed(String),
    /// The native dialog could not be shown.
    NoDialog,
    /// Cancelled by the user; nothing was written.
    Cancelled,
}

/// State of the export window.
pub struct ExportPanel {
    /// Whether the window is shown.
    pub open: bool,
    target: Target,
    film: FilmForm,
    size: SizeChoice,
    transparent: bool,
    caption: bool,
    caption_metrics: bool,
    band: bool,
    path: String,
    dialog: Option<PendingDialog>,
    job: Option<Job>,
    status: Option<ExportStatus>,
}

impl Default for ExportPanel {
    fn default() -> Self {
        ExportPanel {
            open: false,
            target: Target::Still(Format::Png),
            film: FilmForm::default(),
            size: SizeChoice::FullHd,
            transparent: false,
            caption: true,
            caption_metrics: false,
            band: true,
            path: String::new(),
            dialog: None,
            job: None,
            status: None,
        }
    }
}

/// Where exports go when the user has not chosen: ~/Pictures, else ~, else the current folder.
pub fn default_folder() -> PathBuf {
    let home = std::env::var_os("HOME")
        .or_else(|| std::env::var_os("USERPROFILE"))
        .map(PathBuf::from);
    match home {
        Some(h) if h.join("Pictures").is_dir() => h.join("Pictures"),
        Some(h) if h.is_dir() => h,
        _ => PathBuf::from("."),
    }
}

impl ExportPanel {
    /// The last outcome.
    pub fn status(&self) -> Option<&ExportStatus> {
        self.status.as_ref()
    }

    /// Open the window for `target` with a suggested path; with `native` (and a still), also
    /// show the system's save dialog. A film first shows its settings.
    pub fn show(
        &mut self,
        ctx: &egui::Context,
        target: Target,
        suggested_name: &str,
        native: bool,
    ) {
        self.open = true;
        self.target = target;
        let current = PathBuf::from(&self.path);
        let folder = current
            .parent()
            .filter(|p| p.is_dir())
            .map(Path::to_path_buf)
            .unwrap_or_else(default_folder);
        self.path = folder
            .join(format!("{suggested_name}.{}", target.extension()))
            .display()
            .to_string();
        self.status = None;
        if native && self.dialog.is_none() && matches!(target, Target::Still(_)) {
            self.open_native_dialog(ctx);
        }
    }

    fn open_native_dialog(&mut self, ctx: &egui::Context) {
        let filter = match self.target {
            Target::Still(Format::Png) => ("PNG image", "png"),
            Target::Still(Format::Svg) => ("SVG image", "svg"),
            Target::Film(AnimFormat::Mp4) => ("MP4 video", "mp4"),
            Target::Film(AnimFormat::Gif) => ("GIF animation", "gif"),
            Target::Film(AnimFormat::Apng) => ("Animated PNG", "png"),
            Target::Handout(Handout::Pdf) => ("PDF document", "pdf"),
            Target::Handout(Handout::Pptx) => ("PowerPoint deck", "pptx"),
        };
        self.dialog = Some(file_dialog::save(
            ctx,
            tr(ctx, "export_dialog_title"),
            Path::new(&self.path),
            filter,
        ));
    }

    /// Whether a dialog or an export is still running (the UI keeps polling).
    pub fn busy(&self) -> bool {
        self.dialog.is_some() || self.job.is_some()
    }

    /// Draw the window; start exports of `stage` of `diagram` when asked.
    #[expect(
        clippy::too_many_lines,
        reason = "one egui window laid out top to bottom: target, options per target, progress"
    )]
    pub fn ui(&mut self, ctx: &egui::Context, src: &ExportSource) {
        self.poll(ctx, src);
        if !self.open {
            return;
        }
        let mut open = self.open;
        egui::Window::new(tr(ctx, "export_window"))
            .id(egui::Id::unique("export-window"))
            .open(&mut open)
            .collapsible(false)
            .resizable(false)
            .show(ctx, |ui| {
                match self.target {
                    Target::Still(_) => {
                        ui.label(trf(
                            ui,
                            "export_stage",
                            &[("title", &src.diagram.stages[src.stage].title)],
                        ));
                    }
                    Target::Handout(_) => {
                        ui.label(trf(
                            ui,
                            "export_all_stages",
                            &[("n", &src.diagram.stages.len())],
                        ));
                    }
                    Target::Film(_) => {}
                }
                ui.horizontal(|ui| {
                    ui.label(tr(ui, "format"));
                    let choices = match self.target {
                        Target::Still(_) => &Target::STILLS[..],
                        Target::Film(_) => &Target::FILMS[..],
                        Target::Handout(_) => &Target::HANDOUTS[..],
                    };
                    for t in choices {
                        if ui.selectable_label(self.target == *t, t.label()).clicked() {
                            self.target = *t;
                            self.path = Path::new(&self.path)
                                .with_extension(t.extension())
                                .display()
                                .to_string();
                        }
                    }
                });
                if let Target::Film(format) = self.target {
                    film_form(ui, &mut self.film, format, src.diagram);
                    ui.checkbox(&mut self.band, tr(ui, "band_option"));
                }
                egui::ComboBox::from_label(tr(ui, "size"))
                    .selected_text(self.size.label(ui, src.window_px))
                    .show_ui(ui, |ui| {
                        for s in SizeChoice::ALL {
                            ui.selectable_value(&mut self.size, s, s.label(ui, src.window_px));
                        }
                    });
                ui.horizontal(|ui| {
                    ui.label(tr(ui, "background"));
                    let theme = super::panels::theme_label(ui, src.theme);
                    ui.selectable_value(
                        &mut self.transparent,
                        false,
                        trf(ui, "theme_background", &[("theme", &theme)]),
                    );
                    // H.264 video has no transparency.
                    let can = self.target != Target::Film(AnimFormat::Mp4);
                    ui.add_enabled_ui(can, |ui| {
                        ui.selectable_value(&mut self.transparent, true, tr(ui, "transparent"));
                    });
                    if !can {
                        self.transparent = false;
                    }
                });
                ui.checkbox(&mut self.caption, tr(ui, "caption_option"));
                ui.add_enabled_ui(self.caption, |ui| {
                    ui.checkbox(&mut self.caption_metrics, tr(ui, "caption_metrics_option"));
                });
                ui.separator();
                ui.horizontal(|ui| {
                    let label = ui.label(tr(ui, "save_to"));
                    ui.add(
                        egui::TextEdit::singleline(&mut self.path)
                            .desired_width(360.0)
                            .hint_text("path/to/file.png"),
                    )
                    .labelled_by(label.id);
                });
                ui.horizontal(|ui| {
                    let busy = self.busy();
                    if ui
                        .add_enabled(!busy, egui::Button::new(tr(ui, "save")))
                        .clicked()
                    {
                        self.start(ctx, PathBuf::from(self.path.trim()), src);
                    }
                    if ui
                        .add_enabled(!busy, egui::Button::new(tr(ui, "choose_file")))
                        .clicked()
                    {
                        self.open_native_dialog(ctx);
                    }
                    if busy {
                        ui.spinner();
                    }
                    if let Some(job) = &self.job
                        && ui.button(tr(ui, "cancel")).clicked()
                    {
                        job.cancel.store(true, Ordering::Relaxed);
                    }
                });
                if let Some(job) = &self.job {
                    let (done, total) = (
                        job.done.load(Ordering::Relaxed),
                        job.total.load(Ordering::Relaxed),
                    );
                    if total > 0 {
                        ui.add(egui::ProgressBar::new(done as f32 / total as f32).text(trf(
                            ui,
                            "film_progress",
                            &[("done", &done), ("total", &total)],
                        )));
                    }
                }
                match &self.status {
                    Some(ExportStatus::Working(p)) => {
                        ui.label(trf(ui, "exporting", &[("path", &p.display())]));
                    }
                    Some(ExportStatus::Saved(p)) => {
                        ui.colored_label(
                            egui::Color32::from_rgb(0x1d, 0x81, 0x02),
                            trf(ui, "saved", &[("path", &p.display())]),
                        );
                    }
                    Some(ExportStatus::Failed(e)) => {
                        ui.colored_label(ui.visuals().error_fg_color, e);
                    }
                    Some(ExportStatus::NoDialog) => {
                        ui.label(tr(ui, "no_file_dialog"));
                    }
                    Some(ExportStatus::Cancelled) => {
                        ui.label(tr(ui, "export_cancelled"));
                    }
                    None => {}
                }
            });
        self.open = open;
    }

    fn poll(&mut self, ctx: &egui::Context, src: &ExportSource) {
        if let Some(answer) = self.dialog.as_ref().and_then(PendingDialog::poll) {
            self.dialog = None;
            match answer {
                DialogAnswer::Picked(p) => {
                    let p = if self.target.same_kind_for(&p).is_none() {
                        p.with_extension(self.target.extension())
                    } else {
                        p
                    };
                    self.path = p.display().to_string();
                    self.start(ctx, p, src);
                }
                DialogAnswer::Cancelled => {}
                DialogAnswer::Unavailable => self.status = Some(ExportStatus::NoDialog),
            }
        }
        if let Some(result) = self.job.as_ref().and_then(|j| j.outcome.try_recv().ok()) {
            let cancelled = self
                .job
                .take()
                .is_some_and(|j| j.cancel.load(Ordering::Relaxed));
            self.status = Some(match result {
                Ok(p) => ExportStatus::Saved(p),
                Err(_) if cancelled => ExportStatus::Cancelled,
                Err(e) => ExportStatus::Failed(e),
            });
        }
    }

    #[expect(
        clippy::too_many_lines,
        reason = "starts each of the three export kinds on its helper thread"
    )]
    fn start(&mut self, ctx: &egui::Context, path: PathBuf, src: &ExportSource) {
        if path.as_os_str().is_empty() {
            self.status = Some(ExportStatus::Failed(tr(ctx, "type_file_name").into()));
            return;
        }
        let Some(target) = self.target.same_kind_for(&path) else {
            let key = match self.target {
                Target::Still(_) => "bad_extension",
                Target::Film(_) => "bad_film_extension",
                Target::Handout(_) => "bad_handout_extension",
            };
            self.status = Some(ExportStatus::Failed(tr(ctx, key).into()));
            return;
        };
        let [width, height] = self.size.pixels(src.window_px);
        let opts = ExportOptions {
            width,
            height,
            theme: src.theme,
            transparent: self.transparent,
            caption: self.caption,
            caption_metrics: self.caption && self.caption_metrics,
            band: self.band && matches!(self.target, Target::Film(_)),
            new_glow: 1.0,
            text: crate::render::svg_text::TextMode::EmbeddedFonts,
            frame: None,
        };
        let (tx, rx) = channel();
        let job = Job {
            outcome: rx,
            done: Arc::default(),
            total: Arc::default(),
            cancel: Arc::default(),
        };
        let diagram = src.diagram.clone();
        let stage = src.stage;
        let ctx2 = ctx.clone();
        let job_path = path.clone();
        let last = diagram.last_stage();
        let film = self.film;
        let (done, total, cancel) = (job.done.clone(), job.total.clone(), job.cancel.clone());
        let spawned = std::thread::Builder::new()
            .name("export".into())
            .spawn(move || {
                let result = match target {
                    Target::Still(format) => {
                        export::export_to(&diagram, stage, &job_path, format, &opts)
                            .map_err(|e| e.to_string())
                    }
                    Target::Handout(kind) => {
                        let bytes = match kind {
                            Handout::Pdf => {
                                crate::handout::handout(&diagram, &opts).map_err(|e| e.to_string())
                            }
                            Handout::Pptx => crate::handout::deck(&diagram, &opts, &mut |d, t| {
                                done.store(d as u64, Ordering::Relaxed);
                                total.store(t as u64, Ordering::Relaxed);
                                ctx2.request_repaint();
                            })
                            .map_err(|e| e.to_string()),
                        };
                        bytes.and_then(|b| {
                            export::write_atomic(&job_path, &b).map_err(|e| e.to_string())
                        })
                    }
                    Target::Film(format) => {
                        let opts = AnimateOptions {
                            sweep: Sweep {
                                from: film.from.min(last),
                                to: film.to.min(last),
                                dwell: film.dwell,
                                transition: film.transition,
                                fps: film.fps,
                            },
                            still: opts,
                        };
                        let mut progress = |d: u64, t: u64| {
                            done.store(d, Ordering::Relaxed);
                            total.store(t, Ordering::Relaxed);
                            ctx2.request_repaint();
                            !cancel.load(Ordering::Relaxed)
                        };
                        animate::export_animation(&diagram, &job_path, format, &opts, &mut progress)
                            .map_err(|e| e.to_string())
                    }
                };
                let _ = tx.send(result.map(|()| job_path));
                ctx2.request_repaint();
            });
        match spawned {
            Ok(_) => {
                self.status = Some(ExportStatus::Working(path));
                self.job = Some(job);
            }
            Err(e) => {
                self.status = Some(ExportStatus::Failed(trf(
                    ctx,
                    "could_not_start_export",
                    &[("error", &e)],
                )))
            }
        }
    }
}

/// The film's settings: which stages, how long each is held, how long transitions take and
/// the frame rate (GIFs play at most 50 frames a second).
fn film_form(ui: &mut egui::Ui, film: &mut FilmForm, format: AnimFormat, diagram: &Diagram) {
    let last = diagram.last_stage();
    film.from = film.from.min(last);
    film.to = film.to.min(last);
    let name = |i: usize| format!("{} · {}", i + 1, diagram.stages[i].title);
    egui::Grid::new("film-form").num_columns(2).show(ui, |ui| {
        for (key, value) in [("film_from", &mut film.from), ("film_to", &mut film.to)] {
            let label = ui.label(tr(ui, key));
            egui::ComboBox::from_id_salt(key)
                .selected_text(name(*value))
                .show_ui(ui, |ui| {
                    for i in 0..=last {
                        ui.selectable_value(value, i, name(i));
                    }
                })
                .response
                .labelled_by(label.id);
            ui.end_row();
        }
        let label = ui.label(tr(ui, "film_dwell"));
        ui.add(
            egui::DragValue::new(&mut film.dwell)
                .range(0.0..=30.0)
                .speed(0.1)
                .suffix(" s"),
        )
        .labelled_by(label.id);
        ui.end_row();
        let label = ui.label(tr(ui, "film_transition"));
        ui.add(
            egui::DragValue::new(&mut film.transition)
                .range(0.0..=5.0)
                .speed(0.05)
                .suffix(" s"),
        )
        .labelled_by(label.id);
        ui.end_row();
        ui.label(tr(ui, "film_fps"));
        ui.horizontal(|ui| {
            for fps in [24, 30, 50, 60] {
                let allowed = format != AnimFormat::Gif || fps <= 50;
                ui.add_enabled_ui(allowed, |ui| {
                    ui.selectable_value(&mut film.fps, fps, fps.to_string());
                });
            }
        });
        ui.end_row();
    });
    if format == AnimFormat::Gif {
        film.fps = film.fps.min(50);
    }
    let sweep = Sweep {
        from: film.from,
        to: film.to,
        dwell: film.dwell,
        transition: film.transition,
        fps: film.fps,
    };
    ui.weak(trf(
        ui,
        "film_length",
        &[("seconds", &format!("{:.1}", sweep.duration()))],
    ));
}
