//! The export window: format, size, background, a path field that always works, the native
//! save dialog when there is one, and rendering on a helper thread so the UI never freezes.
//! Films (MP4, GIF, animated PNG) add a stage range, timing, a progress bar and Cancel.

mod job;
mod target;

use job::{FilmForm, Job, film_form};
use target::SizeChoice;
pub use target::{Handout, Target};

use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;

use super::file_dialog::{self, DialogAnswer, PendingDialog};
use super::i18n::{tr, trf};
use crate::animate::AnimFormat;
use crate::export::Format;
use crate::model::Diagram;
use crate::render::ThemeName;

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
}
