//! The export window: format, size, background, a path field that always works, the native
//! save dialog when there is one, and rendering on a helper thread so the UI never freezes.

use super::i18n::{tr, trf};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};

use super::file_dialog::{self, DialogAnswer, PendingDialog};
use crate::export::{self, Format};
use crate::model::Diagram;
use crate::render::ThemeName;
use crate::render::svg::SvgOptions;

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
}

/// State of the export window.
pub struct ExportPanel {
    /// Whether the window is shown.
    pub open: bool,
    format: Format,
    size: SizeChoice,
    transparent: bool,
    caption: bool,
    path: String,
    dialog: Option<PendingDialog>,
    job: Option<Receiver<Result<PathBuf, String>>>,
    status: Option<ExportStatus>,
}

impl Default for ExportPanel {
    fn default() -> Self {
        ExportPanel {
            open: false,
            format: Format::Png,
            size: SizeChoice::FullHd,
            transparent: false,
            caption: true,
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

    /// Open the window for `format` with a suggested path; with `native`, also show the
    /// system's save dialog.
    pub fn show(
        &mut self,
        ctx: &egui::Context,
        format: Format,
        suggested_name: &str,
        native: bool,
    ) {
        self.open = true;
        self.format = format;
        let current = PathBuf::from(&self.path);
        let folder = current
            .parent()
            .filter(|p| p.is_dir())
            .map(Path::to_path_buf)
            .unwrap_or_else(default_folder);
        self.path = folder
            .join(format!("{suggested_name}.{}", format.extension()))
            .display()
            .to_string();
        self.status = None;
        if native && self.dialog.is_none() {
            self.open_native_dialog(ctx);
        }
    }

    fn open_native_dialog(&mut self, ctx: &egui::Context) {
        let filter = match self.format {
            Format::Png => ("PNG image", "png"),
            Format::Svg => ("SVG image", "svg"),
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
                ui.label(trf(
                    ui,
                    "export_stage",
                    &[("title", &src.diagram.stages[src.stage].title)],
                ));
                ui.horizontal(|ui| {
                    ui.label(tr(ui, "format"));
                    for f in [Format::Png, Format::Svg] {
                        if ui
                            .selectable_label(self.format == f, f.extension().to_uppercase())
                            .clicked()
                        {
                            self.format = f;
                            self.path = Path::new(&self.path)
                                .with_extension(f.extension())
                                .display()
                                .to_string();
                        }
                    }
                });
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
                    ui.selectable_value(&mut self.transparent, true, tr(ui, "transparent"));
                });
                ui.checkbox(&mut self.caption, tr(ui, "caption_option"));
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
                });
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
                    let p = if Format::from_path(&p).is_none() {
                        p.with_extension(self.format.extension())
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
        if let Some(result) = self.job.as_ref().and_then(|rx| rx.try_recv().ok()) {
            self.job = None;
            self.status = Some(match result {
                Ok(p) => ExportStatus::Saved(p),
                Err(e) => ExportStatus::Failed(e),
            });
        }
    }

    fn start(&mut self, ctx: &egui::Context, path: PathBuf, src: &ExportSource) {
        if path.as_os_str().is_empty() {
            self.status = Some(ExportStatus::Failed(tr(ctx, "type_file_name").into()));
            return;
        }
        let Some(format) = Format::from_path(&path) else {
            self.status = Some(ExportStatus::Failed(tr(ctx, "bad_extension").into()));
            return;
        };
        let [width, height] = self.size.pixels(src.window_px);
        let opts = SvgOptions {
            width,
            height,
            theme: src.theme,
            transparent: self.transparent,
            caption: self.caption,
            new_glow: 1.0,
            text: crate::render::svg_text::TextMode::EmbeddedFonts,
            frame: None,
        };
        let (tx, rx) = channel();
        let diagram = src.diagram.clone();
        let stage = src.stage;
        let ctx2 = ctx.clone();
        let job_path = path.clone();
        let spawned = std::thread::Builder::new()
            .name("export".into())
            .spawn(move || {
                let result = export::export_to(&diagram, stage, &job_path, format, &opts)
                    .map(|()| job_path)
                    .map_err(|e| e.to_string());
                let _ = tx.send(result);
                ctx2.request_repaint();
            });
        match spawned {
            Ok(_) => {
                self.status = Some(ExportStatus::Working(path));
                self.job = Some(rx);
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
