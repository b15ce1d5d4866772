//! Native file dialogs that never block the UI: the dialog is created on the UI thread and
//! awaited on a helper thread, which wakes the UI when the user answers.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::time::{Duration, Instant};

/// Below this, a `None` from the dialog means no dialog could be shown (no portal, no zenity)
/// rather than a user who pressed Cancel.
const NO_DIALOG_THRESHOLD: Duration = Duration::from_millis(350);

/// What the user answered.
#[derive(Clone, Debug, PartialEq)]
pub enum DialogAnswer {
    /// A file was chosen.
    Picked(PathBuf),
    /// The dialog was closed without a choice.
    Cancelled,
    /// No native dialog is available here (it returned at once with nothing).
    Unavailable,
}

/// A dialog in flight.
pub struct PendingDialog {
    rx: Receiver<(Option<PathBuf>, Duration)>,
}

impl PendingDialog {
    /// The answer, once there is one.
    pub fn poll(&self) -> Option<DialogAnswer> {
        match self.rx.try_recv() {
            Ok((Some(p), _)) => Some(DialogAnswer::Picked(p)),
            Ok((None, took)) if took < NO_DIALOG_THRESHOLD => Some(DialogAnswer::Unavailable),
            Ok((None, _)) => Some(DialogAnswer::Cancelled),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(DialogAnswer::Unavailable),
        }
    }
}

/// Show a save dialog for a file of the given extension.
pub fn save(
    ctx: &egui::Context,
    title: &str,
    suggested: &std::path::Path,
    filter: (&str, &str),
) -> PendingDialog {
    let mut d = rfd::AsyncFileDialog::new()
        .set_title(title)
        .add_filter(filter.0, &[filter.1]);
    if let Some(dir) = suggested.parent() {
        d = d.set_directory(dir);
    }
    if let Some(name) = suggested.file_name() {
        d = d.set_file_name(name.to_string_lossy());
    }
    spawn(ctx, d.save_file())
}

/// Show an open dialog for diagram files.
pub fn open(ctx: &egui::Context, dir: Option<&std::path::Path>) -> PendingDialog {
    let mut d = rfd::AsyncFileDialog::new()
        .set_title(super::i18n::tr(ctx, "open_dialog_title"))
        .add_filter(super::i18n::tr(ctx, "diagram_filter"), &["ron"]);
    if let Some(dir) = dir {
        d = d.set_directory(dir);
    }
    spawn(ctx, d.pick_file())
}

fn spawn(
    ctx: &egui::Context,
    fut: impl std::future::Future<Output = Option<rfd::FileHandle>> + Send + 'static,
) -> PendingDialog {
    let (tx, rx) = channel();
    let ctx = ctx.clone();
    let started = Instant::now();
    let spawned = std::thread::Builder::new()
        .name("file-dialog".into())
        .spawn(move || {
            let picked = pollster::block_on(fut).map(|h| h.path().to_path_buf());
            let _ = tx.send((picked, started.elapsed()));
            ctx.request_repaint();
        });
    // If no thread could be started the receiver reports Disconnected: "no dialog available".
    drop(spawned);
    PendingDialog { rx }
}
