//! Atomic file writes: every file scaleview writes (exports, settings) goes through here.
//!
//! A write goes to a temporary file beside the target (short name, so a legal 255-byte target
//! name still works), is flushed to disk, takes the target's permissions, and is renamed over
//! the target. A reader never sees a half-written file and a failed write never destroys the
//! old one. A symlink stays a symlink: the file it points at is replaced. Several files can be
//! [staged](Staged) first and committed together, so a failed multi-file export leaves the old
//! set as it was. Temporary files still on disk when the process is told to stop are removed by
//! [`remove_pending_temp_files`] (the binary calls it from its SIGINT/SIGTERM handler).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

/// Temporary files written but not yet renamed or removed, for clean-up on a signal.
static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());
/// Makes temp names unique within the process.
static COUNTER: AtomicU64 = AtomicU64::new(0);
/// How many symlinks are followed before giving up (as the kernel's ELOOP limit).
const MAX_LINKS: usize = 40;

/// A file written to its temporary name, waiting for [`Staged::commit`]. Dropped without a
/// commit, the temporary file is removed.
#[derive(Debug)]
pub struct Staged {
    tmp: PathBuf,
    target: PathBuf,
    committed: bool,
}

impl Staged {
    /// Rename the temporary file over the target.
    pub fn commit(mut self) -> std::io::Result<()> {
        std::fs::rename(&self.tmp, &self.target)?;
        self.committed = true;
        forget_pending(&self.tmp);
        Ok(())
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_file(&self.tmp);
            forget_pending(&self.tmp);
        }
    }
}

/// Write `bytes` to `path` atomically (see the module docs).
pub fn write(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    stage(path, bytes)?.commit()
}

/// Write `bytes` to a temporary file that will replace `path` on commit.
pub fn stage(path: &Path, bytes: &[u8]) -> std::io::Result<Staged> {
    let target = resolve_links(path)?;
    if std::fs::metadata(&target).is_ok_and(|m| m.is_dir()) {
        return Err(std::io::Error::other(format!(
            "{} is a folder; give a file name",
            target.display()
        )));
    }
    let dir = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let tmp = dir.join(format!(".scaleview-{}-{n}.tmp", std::process::id()));
    remember_pending(&tmp);
    let staged = Staged {
        tmp,
        target,
        committed: false,
    };
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&staged.tmp)?;
    f.write_all(bytes)?;
    if let Ok(meta) = std::fs::metadata(&staged.target) {
        f.set_permissions(meta.permissions())?;
    }
    f.sync_all()?;
    Ok(staged)
}

/// Follow `path` through symlinks to the file a write should replace (which need not exist).
fn resolve_links(path: &Path) -> std::io::Result<PathBuf> {
    let mut p = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        match std::fs::symlink_metadata(&p) {
            Ok(m) if m.file_type().is_symlink() => {
                let link = std::fs::read_link(&p)?;
                p = match p.parent() {
                    Some(dir) if link.is_relative() => dir.join(link),
                    _ => link,
                };
            }
            _ => return Ok(p),
        }
    }
    Err(std::io::Error::other(format!(
        "{} is a chain of more than {MAX_LINKS} symlinks",
        path.display()
    )))
}

fn remember_pending(tmp: &Path) {
    if let Ok(mut v) = PENDING.lock() {
        v.push(tmp.to_path_buf());
    }
}

fn forget_pending(tmp: &Path) {
    if let Ok(mut v) = PENDING.lock() {
        v.retain(|p| p != tmp);
    }
}

/// Remove every temporary file that is still waiting (call before exiting on a signal).
pub fn remove_pending_temp_files() {
    let pending = match PENDING.lock() {
        Ok(mut v) => std::mem::take(&mut *v),
        Err(poisoned) => std::mem::take(&mut *poisoned.into_inner()),
    };
    for p in pending {
        let _ = std::fs::remove_file(p);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Tests that stage files run one at a time: `remove_pending_temp_files` removes every
    /// pending temp file of the process, including another test's.
    fn serial() -> std::sync::MutexGuard<'static, ()> {
        static LOCK: std::sync::Mutex<()> = std::sync::Mutex::new(());
        LOCK.lock().unwrap_or_else(|poison| poison.into_inner())
    }

    fn dir(name: &str) -> PathBuf {
        let d =
            std::env::temp_dir().join(format!("scaleview-atomic-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).expect("mkdir");
        d
    }

    fn leftovers(d: &Path) -> Vec<String> {
        std::fs::read_dir(d)
            .expect("ls")
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".tmp"))
            .collect()
    }

    #[test]
    fn a_dropped_stage_leaves_nothing_and_the_old_file_stays() {
        let _serial = serial();
        let d = dir("drop");
        let f = d.join("a.txt");
        std::fs::write(&f, "old").expect("write");
        let s = stage(&f, b"new").expect("stage");
        assert_eq!(leftovers(&d).len(), 1);
        drop(s);
        assert!(leftovers(&d).is_empty());
        assert_eq!(std::fs::read_to_string(&f).expect("read"), "old");
        let _ = std::fs::remove_dir_all(&d);
    }

    #[test]
    fn pending_temp_files_are_removed_on_request() {
        let _serial = serial();
        let d = dir("pending");
        let s = stage(&d.join("b.txt"), b"x").expect("stage");
        remove_pending_temp_files();
        assert!(leftovers(&d).is_empty());
        assert!(s.commit().is_err(), "its temp file is gone");
        let _ = std::fs::remove_dir_all(&d);
    }

    #[test]
    fn a_255_byte_name_can_be_written() {
        let _serial = serial();
        let d = dir("long");
        let f = d.join(format!("{}.png", "n".repeat(251)));
        write(&f, b"ok").expect("write");
        assert_eq!(std::fs::read(&f).expect("read"), b"ok");
        let _ = std::fs::remove_dir_all(&d);
    }
}
