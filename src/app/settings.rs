//! Settings that survive restarts, in a file scaleview owns.
//!
//! The file is RON with one setting per line. It is written atomically (temporary file,
//! fsync, rename), and the previous good file is kept as `settings.ron.bak`. It is read line
//! by line, so a damaged or unknown value costs only that setting: a truncated, corrupted or
//! half-written file loses just the damaged lines, and those fall back to the `.bak` file's
//! values, then to the defaults.

use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::render::ThemeName;

/// Key under which earlier versions stored the settings in eframe's storage (read once, to
/// carry them over).
pub const SETTINGS_KEY: &str = "scaleview-settings";

/// The user's preferences.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Colour theme.
    pub theme: ThemeName,
    /// Text size multiplier (1 = default).
    pub text_scale: f32,
    /// Recently opened diagram files, newest first.
    pub recent: Vec<std::path::PathBuf>,
    /// Autoplay: seconds to dwell on each stage.
    pub dwell_seconds: f64,
    /// Autoplay starts over after the last stage.
    pub autoplay_loop: bool,
    /// Autoplay walks from the last stage to the first.
    pub autoplay_backwards: bool,
    /// In presentation mode, the camera frames what is new or changed for a moment.
    pub focus_changes: bool,
    /// Last stage shown per diagram file, restored when the file is opened again.
    pub last_stage: std::collections::BTreeMap<String, usize>,
    /// The app's language (a bundled language code); `None` follows the system locale.
    pub language: Option<String>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            theme: ThemeName::Light,
            text_scale: 1.0,
            recent: Vec::new(),
            dwell_seconds: 4.0,
            autoplay_loop: false,
            autoplay_backwards: false,
            focus_changes: true,
            last_stage: std::collections::BTreeMap::new(),
            language: None,
        }
    }
}

impl Settings {
    /// Clamp values a hand-edited or old settings file may have broken.
    pub fn sanitized(mut self) -> Self {
        if !(self.text_scale.is_finite() && (0.5..=3.0).contains(&self.text_scale)) {
            self.text_scale = 1.0;
        }
        self.recent.truncate(MAX_RECENT);
        if !(self.dwell_seconds.is_finite() && (0.5..=600.0).contains(&self.dwell_seconds)) {
            self.dwell_seconds = 4.0;
        }
        self
    }

    /// Put `path` first in the recent list.
    pub fn remember(&mut self, path: &std::path::Path) {
        self.recent.retain(|p| p != path);
        self.recent.insert(0, path.to_path_buf());
        self.recent.truncate(MAX_RECENT);
    }
}

/// How many recent files are kept.
pub const MAX_RECENT: usize = 8;

impl Settings {
    /// The settings as text: RON, one setting per line.
    pub fn to_text(&self) -> String {
        let mut out = String::from(
            "// scaleview settings: one setting per line; a damaged line costs only that \
             setting.\n(\n",
        );
        let recent: Vec<&Path> = self
            .recent
            .iter()
            .filter(|p| p.to_str().is_some())
            .map(PathBuf::as_path)
            .collect();
        let mut field = |name: &str, value: Result<String, ron::Error>| {
            if let Ok(v) = value {
                out.push_str(&format!("    {name}: {v},\n"));
            }
        };
        field("theme", ron::to_string(&self.theme));
        field("text_scale", ron::to_string(&self.text_scale));
        field("recent", ron::to_string(&recent));
        field("dwell_seconds", ron::to_string(&self.dwell_seconds));
        field("autoplay_loop", ron::to_string(&self.autoplay_loop));
        field(
            "autoplay_backwards",
            ron::to_string(&self.autoplay_backwards),
        );
        field("focus_changes", ron::to_string(&self.focus_changes));
        field("last_stage", ron::to_string(&self.last_stage));
        field("language", ron::to_string(&self.language));
        out.push_str(")\n");
        out
    }

    /// Take every setting that `text` holds intact; the rest keep their current values.
    /// Returns how many settings were taken.
    pub fn apply_text(&mut self, text: &str) -> usize {
        let mut taken = 0;
        for line in text.lines() {
            let Some((name, value)) = line.split_once(':') else {
                continue;
            };
            // A whole line ends in a comma; a line cut short (`dwell_seconds: 1` of `12.0,`)
            // would parse as a different value, so it does not count.
            let Some(value) = value.trim().strip_suffix(',') else {
                continue;
            };
            let ok = match name.trim() {
                "theme" => take(value, &mut self.theme),
                "text_scale" => take(value, &mut self.text_scale),
                "recent" => take(value, &mut self.recent),
                "dwell_seconds" => take(value, &mut self.dwell_seconds),
                "autoplay_loop" => take(value, &mut self.autoplay_loop),
                "autoplay_backwards" => take(value, &mut self.autoplay_backwards),
                "focus_changes" => take(value, &mut self.focus_changes),
                "last_stage" => take(value, &mut self.last_stage),
                "language" => take(value, &mut self.language),
                _ => false,
            };
            taken += usize::from(ok);
        }
        taken
    }
}

/// Parse `value` into `slot`; false (and `slot` untouched) if it does not parse.
fn take<T: DeserializeOwned>(value: &str, slot: &mut T) -> bool {
    match ron::from_str(value) {
        Ok(v) => {
            *slot = v;
            true
        }
        Err(_) => false,
    }
}

/// Where the settings live: `settings.ron` and its `.bak` in one folder.
#[derive(Clone, Debug)]
pub struct SettingsFile {
    path: PathBuf,
}

impl SettingsFile {
    /// The settings file in `dir` (created when first saved).
    pub fn in_dir(dir: &Path) -> SettingsFile {
        SettingsFile {
            path: dir.join("settings.ron"),
        }
    }

    /// The user's settings folder (`~/.local/share/scaleview` on Linux), if the system has one.
    pub fn default_location() -> Option<SettingsFile> {
        eframe::storage_dir("scaleview").map(|d| SettingsFile::in_dir(&d))
    }

    /// The settings file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn backup(&self) -> PathBuf {
        let mut name = self.path.as_os_str().to_owned();
        name.push(".bak");
        PathBuf::from(name)
    }

    /// Whether either file exists (if not, settings may be carried over from eframe's storage).
    pub fn exists(&self) -> bool {
        self.path.exists() || self.backup().exists()
    }

    /// Read the settings: defaults, overridden by what the `.bak` holds intact, overridden by
    /// what the main file holds intact. Never fails.
    pub fn load(&self) -> Settings {
        let mut s = Settings::default();
        for p in [self.backup(), self.path.clone()] {
            if let Ok(bytes) = crate::model::read_capped(&p) {
                s.apply_text(&String::from_utf8_lossy(&bytes));
            }
        }
        s.sanitized()
    }

    /// Write `settings` atomically. The file it replaces becomes the `.bak` if it was whole
    /// (every line read back); a damaged file is never kept as the backup.
    pub fn save(&self, settings: &Settings) -> std::io::Result<()> {
        if let Some(dir) = self.path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let text = settings.to_text();
        if let Ok(old) = std::fs::read_to_string(&self.path) {
            if old == text {
                return Ok(());
            }
            let whole = Settings::default().apply_text(&old) == FIELDS && old.ends_with(")\n");
            if whole {
                crate::atomic::write(&self.backup(), old.as_bytes())?;
            }
        }
        crate::atomic::write(&self.path, text.as_bytes())
    }
}

/// How many settings a whole file holds.
const FIELDS: usize = 9;
