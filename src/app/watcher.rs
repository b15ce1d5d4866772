//! Watches the open diagram file for saves. Watches the *folder* (editors often save by writing
//! a temporary file and renaming it over the original) and wakes the UI on a change.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use notify_debouncer_full::notify::RecursiveMode;
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

/// Quiet time after the last event before a change is reported.
const DEBOUNCE: Duration = Duration::from_millis(120);

/// A running watch on one file.
pub struct FileWatcher {
    _debouncer: Debouncer<notify_debouncer_full::notify::RecommendedWatcher, RecommendedCache>,
    rx: Receiver<()>,
}

impl FileWatcher {
    /// Start watching `path`; `ctx` is woken when it changes.
    pub fn watch(path: &Path, ctx: &egui::Context) -> Result<FileWatcher, String> {
        let dir = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let name: OsString = path
            .file_name()
            .map(OsString::from)
            .ok_or("not a file path")?;
        let (tx, rx) = channel();
        let ctx = ctx.clone();
        let mut debouncer = new_debouncer(DEBOUNCE, None, move |res: DebounceEventResult| {
            let hit = match res {
                Ok(events) => events.iter().any(|e| {
                    e.paths
                        .iter()
                        .any(|p| p.file_name() == Some(name.as_os_str()))
                }),
                Err(_) => true, // when in doubt, re-read: reading is cheap and safe
            };
            if hit {
                let _ = tx.send(());
                ctx.request_repaint();
            }
        })
        .map_err(|e| e.to_string())?;
        debouncer
            .watch(&dir, RecursiveMode::NonRecursive)
            .map_err(|e| e.to_string())?;
        Ok(FileWatcher {
            _debouncer: debouncer,
            rx,
        })
    }

    /// Whether the file changed since the last call (drains pending notifications).
    pub fn changed(&self) -> bool {
        let mut any = false;
        while self.rx.try_recv().is_ok() {
            any = true;
        }
        any
    }
}
