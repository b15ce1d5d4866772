//! The open file: opening, reloading, the watcher's updates, and replacing the diagram while
//! keeping the place in the story.

use std::path::{Path, PathBuf};

use super::{Command, ScaleviewApp, StageAnimator, document, file_dialog, watcher};
use crate::model::{self, Diagnostic, Diagram};
use crate::scene::Moment;

impl ScaleviewApp {
    /// Open a diagram file. On success the app shows it from its first stage (or the stage
    /// it showed last time); on failure the current diagram stays and the diagnostics are
    /// shown. Either way the file is watched, so fixing it loads it. The file is read on the
    /// watcher's thread; this waits briefly for it, and a slow read finishes in the background.
    pub fn open_path(&mut self, path: &Path, ctx: &egui::Context) {
        self.doc.source_path = Some(path.to_path_buf());
        self.settings.remember(path);
        self.start_watch(path, ctx, true);
    }

    /// Re-read the open file, keeping the user count, stage and camera when it is valid.
    pub fn reload(&mut self, ctx: &egui::Context) {
        if let Some(path) = self.doc.source_path.clone() {
            self.start_watch(&path, ctx, false);
        }
    }

    /// How many times the watched file's content was taken in (loaded, or found broken or
    /// gone) since the app started. Stays put while the file does not change.
    pub fn file_updates(&self) -> usize {
        self.doc.file_updates
    }

    pub(super) fn start_watch(&mut self, path: &Path, ctx: &egui::Context, open: bool) {
        let waker = ctx.clone();
        self.doc.watcher = None;
        match watcher::FileWatcher::watch(path, move || waker.request_repaint()) {
            Ok(w) => {
                self.doc.pending_open = open;
                let first = w.next_within(std::time::Duration::from_millis(500));
                self.doc.watcher = Some(w);
                if let Some(update) = first {
                    self.apply_update(update);
                }
            }
            Err(e) => {
                // No watching (out of inotify watches, say): read once, here.
                self.doc.pending_open = open;
                let update = match document::load(path) {
                    Ok(d) => watcher::Update::Loaded(Box::new(d), Vec::new()),
                    Err(diags) => watcher::Update::Failed(diags),
                };
                self.apply_update(update);
                self.doc.diagnostics.push(
                    Diagnostic::new(
                        &path.display().to_string(),
                        model::Pos::START,
                        format!("live reload is off for this file: {e}"),
                    )
                    .with_hint("reopen the file to see changes"),
                );
            }
        }
    }

    /// Take in what the watcher found: a diagram (opened or reloaded in place), or problems
    /// shown while the last good diagram stays.
    pub(super) fn apply_update(&mut self, update: watcher::Update) {
        self.doc.file_updates += 1;
        let open = std::mem::take(&mut self.doc.pending_open);
        let path = self.doc.source_path.clone();
        match update {
            watcher::Update::Loaded(d, warnings) => {
                if let Some(p) = &path {
                    self.doc.source_name = document::display_name(p);
                }
                self.doc.diagnostics = warnings;
                self.replace_diagram(*d, !open);
                let restored = path
                    .as_ref()
                    .and_then(|p| self.settings.last_stage.get(&p.display().to_string()))
                    .copied();
                if open && let Some(s) = restored.filter(|s| *s <= self.doc.diagram.last_stage()) {
                    self.playback.anim = StageAnimator::new(s);
                    self.playback.slider_value = self.doc.diagram.stages[s].at;
                }
            }
            watcher::Update::Failed(diags) => self.doc.diagnostics = diags,
            watcher::Update::Gone(d) if open => {
                self.doc.diagnostics = vec![model::ReadError::Missing.diagnostic(&d.file)];
            }
            watcher::Update::Gone(d) => self.doc.diagnostics = vec![d],
        }
    }

    pub(super) fn replace_diagram(&mut self, d: Diagram, keep_place: bool) {
        let last = d.last_stage();
        if keep_place {
            let value = self.playback.slider_value.clamp(d.axis.min, d.axis.max);
            let stage = d.stage_at(value);
            let pos = self.playback.anim.position().min(last as f32);
            self.playback.slider_value = value;
            self.playback.anim.jump_to_position(pos);
            self.playback.anim.set_target(stage);
        } else {
            self.playback.slider_value = d.stages.first().map_or(d.axis.min, |s| s.at);
            self.playback.anim = StageAnimator::new(0);
            self.view.camera.refit();
            self.playback.present.flow = d.flow;
        }
        if self.view.selected.is_some_and(|i| i >= d.components.len()) {
            self.view.selected = None;
        }
        self.view.hovered = None;
        self.doc.layouts.clear();
        self.view.scene = self
            .doc
            .layouts
            .scene(&d, Moment::at_position(self.playback.anim.position(), last));
        self.doc.diagram = d;
    }

    /// File events: saves of the open file, dropped files, answers from the open dialog.
    pub(super) fn poll_files(&mut self, ctx: &egui::Context) {
        while let Some(update) = self
            .doc
            .watcher
            .as_ref()
            .and_then(watcher::FileWatcher::try_next)
        {
            self.apply_update(update);
        }
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        if let Some(p) = dropped.into_iter().next() {
            self.commands.push(Command::OpenPath(p));
        }
        if let Some(answer) = self
            .dialogs
            .open_dialog
            .as_ref()
            .and_then(file_dialog::PendingDialog::poll)
        {
            self.dialogs.open_dialog = None;
            if let file_dialog::DialogAnswer::Picked(p) = answer {
                self.commands.push(Command::OpenPath(p));
            }
        }
        let title = self.window_title();
        if title != self.view.title_shown {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.view.title_shown = title;
        }
    }

    /// The diagrams offered in the picker (scanned once, when first asked for).
    pub(super) fn shipped(&mut self) -> &[(PathBuf, String)] {
        self.doc
            .shipped
            .get_or_insert_with(document::shipped_diagrams)
    }
}
