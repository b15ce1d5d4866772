//! Reading a diagram file from disk: only regular files, never more than the size cap, UTF-8
//! (a leading byte-order mark is fine), then parse and validate. Shared by the app (open, live
//! reload) and the command line (`check`, `export`).
//!
//! No input can hang or exhaust memory here: a FIFO, a device (`/dev/zero`), a socket or a
//! folder is refused before it is read, the file is opened non-blocking, and the read stops at
//! the cap plus one byte whatever the file claims its size is.

use std::io::Read;
use std::path::Path;

use super::{Diagnostic, Diagram, MAX_FILE_BYTES, Pos, parse_bytes};

/// Why a file did not give a diagram.
#[derive(Clone, Debug, PartialEq)]
pub enum LoadError {
    /// The file could not be read (missing, not a regular file, unreadable, too large): one
    /// diagnostic at 1:1.
    Unreadable(Diagnostic),
    /// The file was read but is not a valid diagram.
    Invalid(Vec<Diagnostic>),
}

impl LoadError {
    /// Every diagnostic, whatever the kind of failure.
    pub fn into_diagnostics(self) -> Vec<Diagnostic> {
        match self {
            LoadError::Unreadable(d) => vec![d],
            LoadError::Invalid(ds) => ds,
        }
    }
}

/// Start of the message for a path where no file exists.
const MISSING: &str = "there is no file at this path";

/// Read and validate a diagram file. Nothing here panics or blocks on special files.
pub fn load_file(path: &Path) -> Result<Diagram, LoadError> {
    load_file_with_source(path).map(|(d, _)| d)
}

/// Read and validate a diagram file, and keep its text (to point warnings at their lines).
pub fn load_file_with_source(path: &Path) -> Result<(Diagram, String), LoadError> {
    let name = path.display().to_string();
    let bytes = read_capped(path).map_err(|e| LoadError::Unreadable(e.diagnostic(&name)))?;
    let d = parse_file_bytes(&bytes, path).map_err(LoadError::Invalid)?;
    // parse_file_bytes succeeded, so the bytes are UTF-8.
    Ok((d, String::from_utf8_lossy(&bytes).into_owned()))
}

/// Parse the bytes read from the diagram file at `path`, then read the custom icons it
/// names from beside it (problems with them are warnings in `notices`).
pub fn parse_file_bytes(bytes: &[u8], path: &Path) -> Result<Diagram, Vec<Diagnostic>> {
    let name = path.display().to_string();
    let mut d = parse_bytes(bytes, &name)?;
    if d.components.iter().any(|c| c.icon_path.is_some()) {
        let src = String::from_utf8_lossy(bytes);
        super::icon::load_icons(&mut d, &src, &name, path.parent());
    }
    Ok(d)
}

/// Why the bytes of a file could not be read.
#[derive(Debug)]
pub enum ReadError {
    /// Nothing exists at the path.
    Missing,
    /// Something exists but is not a regular file.
    NotAFile(&'static str),
    /// More than [`MAX_FILE_BYTES`].
    TooBig(u64),
    /// The system refused (permissions, I/O error).
    Io(std::io::Error),
}

impl ReadError {
    /// The error as a diagnostic at 1:1 of `file`, in plain words with a hint.
    pub fn diagnostic(&self, file: &str) -> Diagnostic {
        let (msg, hint) = match self {
            ReadError::Missing => (
                MISSING.to_owned(),
                "check the spelling of the path; if an editor is saving the file, it will be \
                 back in a moment"
                    .to_owned(),
            ),
            ReadError::NotAFile(what) => (
                format!("this is {what}, not a diagram file"),
                "give the path of a .ron file".to_owned(),
            ),
            ReadError::TooBig(len) => (
                format!(
                    "the file is {:.1} MB; diagrams may be at most {} MB",
                    *len as f64 / 1e6,
                    MAX_FILE_BYTES / (1024 * 1024)
                ),
                "is this the right file? a large diagram is a few hundred kilobytes".to_owned(),
            ),
            ReadError::Io(e) => (
                format!("cannot read the file: {e}"),
                "check that the file is readable (permissions, disk)".to_owned(),
            ),
        };
        Diagnostic::new(file, Pos::START, msg).with_hint(hint)
    }
}

/// What a non-regular file is, in words.
fn describe(ft: std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if ft.is_char_device() || ft.is_block_device() {
            return "a device";
        }
        if ft.is_socket() {
            return "a socket";
        }
    }
    if ft.is_dir() {
        "a folder"
    } else {
        "not a regular file"
    }
}

/// Read at most [`MAX_FILE_BYTES`] of a regular file (following symlinks).
pub fn read_capped(path: &Path) -> Result<Vec<u8>, ReadError> {
    read_at_most(path, MAX_FILE_BYTES)
}

/// Read a regular file (following symlinks) of at most `cap` bytes, whatever it claims.
pub fn read_at_most(path: &Path, cap: usize) -> Result<Vec<u8>, ReadError> {
    let io = |e: std::io::Error| match e.kind() {
        std::io::ErrorKind::NotFound => ReadError::Missing,
        _ => ReadError::Io(e),
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    if !meta.is_file() {
        return Err(ReadError::NotAFile(describe(meta.file_type())));
    }
    if meta.len() > cap as u64 {
        return Err(ReadError::TooBig(meta.len()));
    }
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        // Swapped for a FIFO between the check and the open: do not wait for a writer.
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path).map_err(io)?;
    let meta = file.metadata().map_err(io)?;
    if !meta.is_file() {
        return Err(ReadError::NotAFile(describe(meta.file_type())));
    }
    let mut bytes = Vec::with_capacity((meta.len() as usize).min(cap) + 1);
    file.take(cap as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() > cap {
        return Err(ReadError::TooBig(bytes.len() as u64));
    }
    Ok(bytes)
}
