//! The app's words in every bundled language. Each language is one file, `assets/lang/<code>.ron`
//! (a map from key to text, `{name}` marking a value filled in at run time); the build bundles
//! every file there, so a third language is a new file, not a code change. The language is
//! chosen from the system locale, can be switched in the app and is remembered in the settings.
//!
//! The current language lives in the egui context, so two app instances (tests) never share it.

use std::collections::HashMap;
use std::fmt::Display;
use std::sync::OnceLock;

include!(concat!(env!("OUT_DIR"), "/languages.rs"));

/// One bundled language.
pub struct Language {
    /// Its code, the file name without `.ron` (`en`, `ko`).
    pub code: &'static str,
    /// Its own name for itself (`English`, `한국어`), from the file's `language` key.
    pub name: String,
    words: HashMap<String, String>,
}

impl Language {
    /// The text for `key` in this language, if the file has it.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.words.get(key).map(String::as_str)
    }

    /// Every key the file defines.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.words.keys().map(String::as_str)
    }
}

/// Why a language file could not be read (the test suite fails on any).
#[derive(Debug)]
pub struct LanguageError {
    /// The language's code.
    pub code: &'static str,
    /// What the RON parser said.
    pub message: String,
}

/// Parse every bundled language file.
pub fn parse_all() -> (Vec<Language>, Vec<LanguageError>) {
    let mut ok = Vec::new();
    let mut errors = Vec::new();
    for &(code, src) in LANGUAGES {
        match ron::from_str::<HashMap<String, String>>(src) {
            Ok(words) => ok.push(Language {
                code,
                name: words
                    .get("language")
                    .cloned()
                    .unwrap_or_else(|| code.into()),
                words,
            }),
            Err(e) => errors.push(LanguageError {
                code,
                message: e.to_string(),
            }),
        }
    }
    (ok, errors)
}

/// The bundled languages that parse, English first.
pub fn languages() -> &'static [Language] {
    static ALL: OnceLock<Vec<Language>> = OnceLock::new();
    ALL.get_or_init(|| parse_all().0)
}

fn current_key() -> egui::Id {
    egui::Id::unique("scaleview-language")
}

/// Make `code` the language of the app in `ctx`; false (and nothing changes) if it is not bundled.
pub fn set_language(ctx: &egui::Context, code: &str) -> bool {
    match languages().iter().position(|l| l.code == code) {
        Some(i) => {
            ctx.data_mut(|d| d.insert_temp(current_key(), i));
            true
        }
        None => false,
    }
}

/// The language of the app in `ctx` (English until one is set).
pub fn current(ctx: &egui::Context) -> &'static Language {
    let i = ctx
        .data(|d| d.get_temp::<usize>(current_key()))
        .unwrap_or(0);
    let all = languages();
    &all[i.min(all.len().saturating_sub(1))]
}

/// The text for `key` in the current language, else in English, else the key itself (which a
/// test makes impossible for keys used in the code).
pub fn tr(ctx: &egui::Context, key: &'static str) -> &'static str {
    current(ctx)
        .get(key)
        .or_else(|| languages().first().and_then(|en| en.get(key)))
        .unwrap_or(key)
}

/// [`tr`] with `{name}` placeholders filled from `args`.
pub fn trf(ctx: &egui::Context, key: &'static str, args: &[(&str, &dyn Display)]) -> String {
    let mut text = tr(ctx, key).to_owned();
    for (name, value) in args {
        text = text.replace(&format!("{{{name}}}"), &value.to_string());
    }
    text
}

/// The bundled language the system locale asks for (`LC_ALL`, `LC_MESSAGES`, `LANG`, as POSIX
/// orders them: `ko_KR.UTF-8` → `ko`), or English.
pub fn system_language() -> &'static str {
    let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .find(|v| !v.is_empty())
        .unwrap_or_default();
    let wanted: String = locale
        .chars()
        .take_while(|c| c.is_ascii_alphabetic())
        .collect::<String>()
        .to_ascii_lowercase();
    languages()
        .iter()
        .find(|l| l.code == wanted)
        .map_or("en", |l| l.code)
}
