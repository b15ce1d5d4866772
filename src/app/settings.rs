//! Settings that survive restarts (stored by eframe's persistence).

use serde::{Deserialize, Serialize};

use crate::render::ThemeName;

/// Key under which the settings are stored.
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
    /// Last stage shown per diagram file, restored when the file is opened again.
    pub last_stage: std::collections::BTreeMap<String, usize>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            theme: ThemeName::Light,
            text_scale: 1.0,
            recent: Vec::new(),
            dwell_seconds: 4.0,
            autoplay_loop: false,
            last_stage: std::collections::BTreeMap::new(),
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
