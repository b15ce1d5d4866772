//! Watches the open diagram file and re-reads it on a helper thread when its content changes.
//!
//! - Only real changes count: data written, files created, removed or renamed. Access events
//!   (the app's own reads open the file) are ignored, and a change is only reported when the
//!   file's size, modification time or identity differ *and* its content hash differs from the
//!   last version read. An idle app with a file open therefore stays idle.
//! - The *folder* is watched (editors save by writing a temporary file and renaming it), and for
//!   a symlink both the link's folder and the real file's folder are watched.
//! - When the folder is removed (`git checkout` does it) the watcher reports the file as gone,
//!   checks a few times a second (no repaint) for the folder to return, and re-arms.
//! - The custom icons the diagram names are watched too (their folders, and a stamp of their
//!   sizes, times and identities): editing an icon reloads the diagram.
//! - Reading and parsing happen on the watcher's thread; the UI only receives finished results,
//!   so a slow or odd file never freezes the window.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::time::{Duration, Instant, SystemTime};

use notify::event::{AccessKind, AccessMode};
use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher};

use crate::model::{self, Diagnostic, Diagram, Pos};

/// Quiet time after the last event before the file is checked.
const DEBOUNCE: Duration = Duration::from_millis(100);
/// Longest an event storm can delay a check.
const MAX_DELAY: Duration = Duration::from_millis(1000);
/// How often a missing folder is looked for (no UI work, a `stat` per folder).
const REARM_POLL: Duration = Duration::from_millis(250);

/// What the watcher found, in the order it found it.
#[derive(Debug)]
pub enum Update {
    /// The file holds a valid diagram (the first read, or a changed file), with the warnings
    /// `check` would print for it.
    Loaded(Box<Diagram>, Vec<Diagnostic>),
    /// The file changed but is not a valid diagram (or cannot be read).
    Failed(Vec<Diagnostic>),
    /// The file is gone (deleted, renamed, or its folder removed); it is watched for its return.
    Gone(Diagnostic),
}

/// How the thread is told to stop.
enum Msg {
    Event(notify::Result<notify::Event>),
    Stop,
}

/// A running watch on one file. Dropping it stops the thread.
pub struct FileWatcher {
    rx: Receiver<Update>,
    stop: Sender<Msg>,
}

impl FileWatcher {
    /// Watch `path`: the file is read at once (the first [`Update`]) and again whenever its
    /// content changes; `wake` is called after every update (the app asks for a repaint).
    pub fn watch(path: &Path, wake: impl Fn() + Send + 'static) -> Result<FileWatcher, String> {
        let path = std::path::absolute(path).map_err(|e| e.to_string())?;
        let (tx, rx) = channel();
        let (msg_tx, msg_rx) = channel();
        let events = msg_tx.clone();
        let watcher = notify::recommended_watcher(move |res| {
            let _ = events.send(Msg::Event(res));
        })
        .map_err(|e| e.to_string())?;
        let mut state = WatchState {
            path,
            watcher,
            armed: HashMap::new(),
            last: None,
            gone_reported: false,
            icons: Vec::new(),
            icon_stamp: 0,
        };
        std::thread::Builder::new()
            .name("scaleview-watch".into())
            .spawn(move || state.run(&msg_rx, &tx, &wake))
            .map_err(|e| e.to_string())?;
        Ok(FileWatcher { rx, stop: msg_tx })
    }

    /// The next update, if one is waiting.
    pub fn try_next(&self) -> Option<Update> {
        self.rx.try_recv().ok()
    }

    /// Wait up to `timeout` for the next update.
    pub fn next_within(&self, timeout: Duration) -> Option<Update> {
        self.rx.recv_timeout(timeout).ok()
    }
}

impl Drop for FileWatcher {
    fn drop(&mut self) {
        let _ = self.stop.send(Msg::Stop);
    }
}

/// What identifies one version of the file cheaply, and its content hash.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Version {
    len: u64,
    modified: Option<SystemTime>,
    inode: u64,
    hash: u64,
}

struct WatchState {
    path: PathBuf,
    watcher: RecommendedWatcher,
    /// Folders watched now, with the identity of the folder when the watch was set.
    armed: HashMap<PathBuf, u64>,
    /// The version last read (None before the first read or while the file is gone).
    last: Option<Version>,
    gone_reported: bool,
    /// The icon files the diagram read last names (whether or not they exist).
    icons: Vec<PathBuf>,
    /// [`stamp`] of `icons` when the diagram was read.
    icon_stamp: u64,
}

impl WatchState {
    fn run(&mut self, msgs: &Receiver<Msg>, out: &Sender<Update>, wake: &dyn Fn()) {
        self.rearm();
        if !self.check(out, wake) {
            return;
        }
        // The first read told which icon folders to watch as well.
        self.rearm();
        loop {
            let timeout = if self.fully_armed() {
                Duration::from_secs(3600)
            } else {
                REARM_POLL
            };
            match msgs.recv_timeout(timeout) {
                Ok(Msg::Stop) | Err(RecvTimeoutError::Disconnected) => return,
                Ok(Msg::Event(ev)) => {
                    if !relevant(&ev) {
                        continue;
                    }
                    if !debounce(msgs) {
                        return;
                    }
                }
                Err(RecvTimeoutError::Timeout) => {
                    if self.fully_armed() {
                        continue;
                    }
                }
            }
            self.rearm();
            if !self.check(out, wake) {
                return;
            }
            if !self.icons.is_empty() {
                self.rearm();
            }
        }
    }

    /// The folders that must be watched: the path's own, and the real file's for a symlink.
    fn folders(&self) -> Vec<PathBuf> {
        let mut dirs = Vec::new();
        if let Some(d) = self.path.parent() {
            dirs.push(d.to_path_buf());
        }
        if let Ok(real) = std::fs::canonicalize(&self.path)
            && let Some(d) = real.parent()
            && !dirs.iter().any(|x| x == d)
        {
            dirs.push(d.to_path_buf());
        }
        dirs
    }

    /// The folders of the icon files that exist, watched when they can be (a missing icon
    /// folder is not waited for: the diagram's own folder is enough to notice most saves).
    fn icon_folders(&self) -> Vec<PathBuf> {
        let mut dirs: Vec<PathBuf> = Vec::new();
        for icon in &self.icons {
            let real = std::fs::canonicalize(icon).ok();
            for d in [icon.parent(), real.as_deref().and_then(Path::parent)]
                .into_iter()
                .flatten()
            {
                if d.is_dir() && !dirs.iter().any(|x| x == d) {
                    dirs.push(d.to_path_buf());
                }
            }
        }
        dirs
    }

    fn fully_armed(&self) -> bool {
        self.folders().iter().all(|d| self.armed.contains_key(d))
    }

    /// Watch every folder that needs it; re-watch a folder that was removed and recreated.
    fn rearm(&mut self) {
        let mut wanted = self.folders();
        for d in self.icon_folders() {
            if !wanted.contains(&d) {
                wanted.push(d);
            }
        }
        let stale: Vec<PathBuf> = self
            .armed
            .iter()
            .filter(|(d, id)| !wanted.contains(d) || folder_id(d) != Some(**id))
            .map(|(d, _)| d.clone())
            .collect();
        for d in stale {
            let _ = self.watcher.unwatch(&d);
            self.armed.remove(&d);
        }
        for d in wanted {
            if self.armed.contains_key(&d) {
                continue;
            }
            if let Some(id) = folder_id(&d)
                && self.watcher.watch(&d, RecursiveMode::NonRecursive).is_ok()
            {
                self.armed.insert(d, id);
            }
        }
    }

    /// Look at the file; send an update if its content changed. False when the app has gone.
    fn check(&mut self, out: &Sender<Update>, wake: &dyn Fn()) -> bool {
        let name = self.path.display().to_string();
        let update = match std::fs::metadata(&self.path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                self.last = None;
                if self.gone_reported {
                    return true;
                }
                self.gone_reported = true;
                Update::Gone(gone(&name))
            }
            _ => {
                self.gone_reported = false;
                match self.read_if_changed(&name) {
                    Some(u) => u,
                    None => return true,
                }
            }
        };
        if out.send(update).is_err() {
            return false;
        }
        wake();
        true
    }

    /// Read and parse the file unless it is the version read last time.
    fn read_if_changed(&mut self, name: &str) -> Option<Update> {
        let meta = std::fs::metadata(&self.path).ok();
        let quick = meta
            .as_ref()
            .map(|m| (m.len(), m.modified().ok(), inode(m)));
        let icons_changed = stamp(&self.icons) != self.icon_stamp;
        if let (Some(last), Some((len, modified, ino))) = (self.last, quick)
            && (last.len, last.modified, last.inode) == (len, modified, ino)
            && !icons_changed
        {
            return None;
        }
        let bytes = match model::read_capped(&self.path) {
            Ok(b) => b,
            Err(e) => {
                self.last = None;
                return Some(Update::Failed(vec![e.diagnostic(name)]));
            }
        };
        let mut h = std::collections::hash_map::DefaultHasher::new();
        bytes.hash(&mut h);
        let (len, modified, ino) = quick.unwrap_or((bytes.len() as u64, None, 0));
        let version = Version {
            len,
            modified,
            inode: ino,
            hash: h.finish(),
        };
        let same_content = self.last.is_some_and(|l| l.hash == version.hash);
        self.last = Some(version);
        if same_content && !icons_changed {
            return None;
        }
        Some(match model::parse_file_bytes(&bytes, &self.path) {
            Ok(d) => {
                self.icons = icon_files(&d, &self.path);
                self.icon_stamp = stamp(&self.icons);
                let warnings = crate::lint::warnings(&d, &String::from_utf8_lossy(&bytes), name);
                Update::Loaded(Box::new(d), warnings)
            }
            Err(diags) => Update::Failed(diags),
        })
    }
}

/// Events that can mean new content. Opening, reading and closing a file without writing
/// (what every reader, including this app, does) cannot.
fn relevant(ev: &notify::Result<notify::Event>) -> bool {
    match ev {
        Ok(e) => match e.kind {
            EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
            EventKind::Access(_) => false,
            _ => true,
        },
        Err(_) => true, // when in doubt, look: a look that finds no change costs a stat
    }
}

/// Drain events until the folder has been quiet for [`DEBOUNCE`] (at most [`MAX_DELAY`]).
/// False when told to stop.
fn debounce(msgs: &Receiver<Msg>) -> bool {
    let start = Instant::now();
    loop {
        if start.elapsed() > MAX_DELAY {
            return true;
        }
        match msgs.recv_timeout(DEBOUNCE) {
            Ok(Msg::Event(_)) => {}
            Ok(Msg::Stop) | Err(RecvTimeoutError::Disconnected) => return false,
            Err(RecvTimeoutError::Timeout) => return true,
        }
    }
}

/// The diagnostic shown while the watched file is missing.
fn gone(name: &str) -> Diagnostic {
    Diagnostic::new(
        name,
        Pos::START,
        "the file is gone (deleted, renamed, or its folder removed); the last good diagram stays",
    )
    .with_hint("it is reloaded as soon as it is back")
}

/// Where the icons `d` names are, relative to the diagram file at `path`.
fn icon_files(d: &Diagram, path: &Path) -> Vec<PathBuf> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut files: Vec<PathBuf> = Vec::new();
    for c in &d.components {
        if let Some(written) = &c.icon_path {
            let f = dir.join(written);
            if !files.contains(&f) {
                files.push(f);
            }
        }
    }
    files
}

/// A hash of the size, modification time and identity of each of `files` (or of its
/// absence): it changes when any of them is saved, created or removed.
fn stamp(files: &[PathBuf]) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for f in files {
        match std::fs::metadata(f) {
            Ok(m) => (m.len(), m.modified().ok(), inode(&m)).hash(&mut h),
            Err(_) => 0u8.hash(&mut h),
        }
    }
    h.finish()
}

/// Identity of a folder (its inode), to notice one removed and recreated under the same name.
fn folder_id(dir: &Path) -> Option<u64> {
    std::fs::metadata(dir)
        .ok()
        .filter(std::fs::Metadata::is_dir)
        .map(|m| inode(&m))
}

#[cfg(unix)]
fn inode(m: &std::fs::Metadata) -> u64 {
    use std::os::unix::fs::MetadataExt;
    m.ino() ^ m.dev().rotate_left(32)
}

#[cfg(not(unix))]
fn inode(_: &std::fs::Metadata) -> u64 {
    0
}
