//! A running export: the film's settings form, and the helper thread that renders and writes
//! a still, a film, a hand-out or a deck while the window shows its progress.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, channel};

use super::target::{Handout, Target};
use super::{ExportPanel, ExportSource, ExportStatus};
use crate::animate::{self, AnimFormat, AnimateOptions};
use crate::app::i18n::{tr, trf};
use crate::export;
use crate::model::Diagram;
use crate::render::svg::ExportOptions;
use crate::scene::timeline::Sweep;

/// How a film sweeps: stage range and timing, as chosen in the window.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct FilmForm {
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
pub(super) struct Job {
    pub(super) outcome: Receiver<Result<PathBuf, String>>,
    pub(super) done: Arc<AtomicU64>,
    pub(super) total: Arc<AtomicU64>,
    pub(super) cancel: Arc<AtomicBool>,
}

/// The film's settings: which stages, how long each is held, how long transitions take and
/// the frame rate (GIFs play at most 50 frames a second).
pub(super) fn film_form(
    ui: &mut egui::Ui,
    film: &mut FilmForm,
    format: AnimFormat,
    diagram: &Diagram,
) {
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

/// How far a running export got, shared with the window that draws its progress bar.
#[derive(Clone)]
struct Progress {
    done: Arc<AtomicU64>,
    total: Arc<AtomicU64>,
    cancel: Arc<AtomicBool>,
    ctx: egui::Context,
}

impl Progress {
    /// Record `done` of `total` steps and wake the window; false once the user cancelled.
    fn report(&self, done: u64, total: u64) -> bool {
        self.done.store(done, Ordering::Relaxed);
        self.total.store(total, Ordering::Relaxed);
        self.ctx.request_repaint();
        !self.cancel.load(Ordering::Relaxed)
    }
}

/// What the helper thread is asked to make.
struct Work {
    target: Target,
    diagram: Diagram,
    stage: usize,
    path: PathBuf,
    still: ExportOptions,
    film: FilmForm,
}

impl Work {
    /// Render and write the file; runs on the helper thread.
    fn run(self, progress: &Progress) -> Result<(), String> {
        let Work {
            target,
            diagram,
            stage,
            path,
            still,
            film,
        } = self;
        match target {
            Target::Still(format) => {
                export::export_to(&diagram, stage, &path, format, &still).map_err(|e| e.to_string())
            }
            Target::Handout(kind) => {
                let bytes = match kind {
                    Handout::Pdf => {
                        crate::handout::handout(&diagram, &still).map_err(|e| e.to_string())
                    }
                    Handout::Pptx => crate::handout::deck(&diagram, &still, &mut |d, t| {
                        progress.report(d as u64, t as u64);
                    })
                    .map_err(|e| e.to_string()),
                }?;
                export::write_atomic(&path, &bytes).map_err(|e| e.to_string())
            }
            Target::Film(format) => {
                let last = diagram.last_stage();
                let opts = AnimateOptions {
                    sweep: Sweep {
                        from: film.from.min(last),
                        to: film.to.min(last),
                        dwell: film.dwell,
                        transition: film.transition,
                        fps: film.fps,
                    },
                    still,
                };
                let mut report = |d: u64, t: u64| progress.report(d, t);
                animate::export_animation(&diagram, &path, format, &opts, &mut report)
                    .map_err(|e| e.to_string())
            }
        }
    }
}

impl ExportPanel {
    /// Start writing `path` on a helper thread, or say in the status why it cannot start.
    pub(super) fn start(&mut self, ctx: &egui::Context, path: PathBuf, src: &ExportSource) {
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
        let work = Work {
            target,
            diagram: src.diagram.clone(),
            stage: src.stage,
            path: path.clone(),
            still: self.options(src),
            film: self.film,
        };
        let (tx, rx) = channel();
        let progress = Progress {
            done: Arc::default(),
            total: Arc::default(),
            cancel: Arc::default(),
            ctx: ctx.clone(),
        };
        let job = Job {
            outcome: rx,
            done: progress.done.clone(),
            total: progress.total.clone(),
            cancel: progress.cancel.clone(),
        };
        let spawned = std::thread::Builder::new()
            .name("export".into())
            .spawn(move || {
                let written = work.path.clone();
                let result = work.run(&progress);
                let _ = tx.send(result.map(|()| written));
                progress.ctx.request_repaint();
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
                )));
            }
        }
    }

    /// The still's options as chosen in the window.
    fn options(&self, src: &ExportSource) -> ExportOptions {
        let [width, height] = self.size.pixels(src.window_px);
        ExportOptions {
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
        }
    }
}
