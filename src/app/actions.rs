//! The table of what a user can ask for from the keyboard, a clicker or a button: each
//! [`Action`] has its label, its tooltip, its words in the key help and the [`Command`]s it
//! pushes, all in one place ([`Action::text`], [`Action::commands`]); its keys are in
//! [`super::keys::BINDINGS`]. Buttons are made from here ([`button`]), so a button's label,
//! its tooltip and the keys it names cannot drift apart.

use egui::{Response, Ui, WidgetText};

use super::Command;
use super::i18n::{tr, trf};
use super::keys;
use crate::export::Format;

/// What a user asks for, with a key, a button or both.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Open a diagram file.
    Open,
    /// Next stage.
    Next,
    /// Previous stage.
    Prev,
    /// First stage.
    First,
    /// Last stage.
    Last,
    /// A digit: jump to stages 1–9 at once, and collect it for digits + Enter.
    Digit(u8),
    /// Jump to the stage whose number was typed.
    JumpToTyped,
    /// White screen.
    White,
    /// Black screen.
    Blank,
    /// Request flow on or off.
    Traffic,
    /// Export window for SVG.
    ExportSvg,
    /// Export window for PNG.
    ExportPng,
    /// Export window for a film.
    ExportFilm,
    /// Export window for a hand-out or a deck.
    ExportHandout,
    /// Presentation mode.
    Present,
    /// The speaker view window.
    SpeakerView,
    /// Leave presentation mode, fullscreen, blank screen.
    Escape,
    /// Fullscreen.
    Fullscreen,
    /// Fit the diagram.
    Fit,
    /// Larger text.
    LargerText,
    /// Smaller text.
    SmallerText,
    /// Text size back to normal.
    ResetText,
    /// The speaker view's timer back to zero.
    ResetTimer,
}

/// The words of one action, as keys into `assets/lang/*.ron`.
#[derive(Clone, Copy, Debug)]
pub struct ActionText {
    /// The button's label, for actions that have a button with words on it.
    pub label: Option<&'static str>,
    /// The button's tooltip; it holds `{keys}` exactly when the action has keys.
    pub tooltip: Option<&'static str>,
    /// What the key does, in the key help ("next stage"); `None` for actions without keys.
    pub help: Option<&'static str>,
    /// Whether the short key hint under the canvas names this action.
    pub in_short_help: bool,
}

const fn text(
    label: Option<&'static str>,
    tooltip: Option<&'static str>,
    help: Option<&'static str>,
    in_short_help: bool,
) -> ActionText {
    ActionText {
        label,
        tooltip,
        help,
        in_short_help,
    }
}

impl Action {
    /// Every action, a digit standing for all nine.
    pub const ALL: [Action; 23] = [
        Action::Open,
        Action::Next,
        Action::Prev,
        Action::First,
        Action::Last,
        Action::Digit(1),
        Action::JumpToTyped,
        Action::White,
        Action::Blank,
        Action::Traffic,
        Action::ExportSvg,
        Action::ExportPng,
        Action::ExportFilm,
        Action::ExportHandout,
        Action::Present,
        Action::SpeakerView,
        Action::Escape,
        Action::Fullscreen,
        Action::Fit,
        Action::LargerText,
        Action::SmallerText,
        Action::ResetText,
        Action::ResetTimer,
    ];

    /// The action's words: label, tooltip and key help.
    pub const fn text(self) -> ActionText {
        use Action as A;
        match self {
            A::Open => text(Some("open"), Some("open_tip"), None, false),
            A::Next => text(Some("next"), Some("next_tip"), Some("key_next"), true),
            A::Prev => text(Some("back"), Some("back_tip"), Some("key_prev"), true),
            A::First => text(None, None, Some("key_first"), false),
            A::Last => text(None, None, Some("key_last"), false),
            A::Digit(_) => text(None, None, Some("key_digits"), true),
            A::JumpToTyped => text(None, None, Some("key_typed"), false),
            A::White => text(None, None, Some("key_white"), true),
            A::Blank => text(None, None, Some("key_blank"), true),
            A::Traffic => text(
                Some("traffic"),
                Some("traffic_tip"),
                Some("key_traffic"),
                true,
            ),
            A::ExportSvg => text(
                Some("export_svg"),
                Some("export_svg_tip"),
                Some("key_export_svg"),
                false,
            ),
            A::ExportPng => text(
                Some("export_png"),
                Some("export_png_tip"),
                Some("key_export_png"),
                true,
            ),
            A::ExportFilm => text(
                Some("export_film"),
                Some("export_film_tip"),
                Some("key_export_film"),
                false,
            ),
            A::ExportHandout => text(
                Some("export_handout"),
                Some("export_handout_tip"),
                None,
                false,
            ),
            A::Present => text(
                Some("present"),
                Some("present_tip"),
                Some("key_present"),
                true,
            ),
            A::SpeakerView => text(Some("speaker_view"), Some("speaker_view_tip"), None, false),
            A::Escape => text(None, None, Some("key_escape"), false),
            A::Fullscreen => text(None, None, Some("key_fullscreen"), true),
            A::Fit => text(Some("fit"), Some("fit_tip"), Some("key_fit"), true),
            A::LargerText => text(None, Some("larger_text_tip"), Some("key_larger"), false),
            A::SmallerText => text(None, Some("smaller_text_tip"), Some("key_smaller"), false),
            A::ResetText => text(None, None, Some("key_reset_text"), false),
            A::ResetTimer => text(
                Some("reset_timer"),
                Some("reset_timer_tip"),
                Some("key_reset_timer"),
                false,
            ),
        }
    }

    /// The commands the action pushes.
    pub fn commands(self) -> Vec<Command> {
        match self {
            Action::Open => vec![Command::OpenDialog],
            Action::Next => vec![Command::NextStage],
            Action::Prev => vec![Command::PrevStage],
            Action::First => vec![Command::GoToStage(0)],
            Action::Last => vec![Command::GoToStage(usize::MAX)],
            Action::Digit(0) => vec![Command::TypeDigit(0)],
            Action::Digit(n) => vec![
                Command::GoToStage(usize::from(n) - 1),
                Command::TypeDigit(n),
            ],
            Action::JumpToTyped => vec![Command::JumpToTyped],
            Action::White => vec![Command::ToggleWhite],
            Action::Blank => vec![Command::ToggleBlank],
            Action::Traffic => vec![Command::ToggleFlow],
            Action::ExportSvg => vec![Command::OpenExport(Format::Svg)],
            Action::ExportPng => vec![Command::OpenExport(Format::Png)],
            Action::ExportFilm => vec![Command::OpenFilmExport],
            Action::ExportHandout => vec![Command::OpenHandoutExport],
            Action::Present => vec![Command::TogglePresentation],
            Action::SpeakerView => vec![Command::ToggleSpeaker],
            Action::Escape => vec![Command::Escape],
            Action::Fullscreen => vec![Command::ToggleFullscreen],
            Action::Fit => vec![Command::FitView],
            Action::LargerText => vec![Command::ScaleText(1.1)],
            Action::SmallerText => vec![Command::ScaleText(1.0 / 1.1)],
            Action::ResetText => vec![Command::ScaleText(0.0)],
            Action::ResetTimer => vec![Command::ResetTimer],
        }
    }

    /// The button's label in the app's language ("" for actions without one).
    pub fn label(self, ctx: &egui::Context) -> &'static str {
        self.text().label.map_or("", |key| tr(ctx, key))
    }

    /// The tooltip in the app's language, naming every key of the action.
    pub fn tooltip(self, ctx: &egui::Context) -> String {
        let Some(key) = self.text().tooltip else {
            return String::new();
        };
        trf(ctx, key, &[("keys", &keys::shortcuts(ctx, self))])
    }
}

/// A button for `action` — `face` on it (its label when `None`), its tooltip on hover,
/// greyed out unless `enabled`; a click pushes the action's commands onto `out`.
pub fn button(
    ui: &mut Ui,
    action: Action,
    face: Option<WidgetText>,
    enabled: bool,
    out: &mut Vec<Command>,
) -> Response {
    let face = face.unwrap_or_else(|| action.label(ui.ctx()).into());
    let response = ui
        .add_enabled(enabled, egui::Button::new(face))
        .on_hover_text(action.tooltip(ui.ctx()));
    if response.clicked() {
        out.extend(action.commands());
    }
    response
}

/// A toggle for `action` drawn as a selectable label, lit while `on`; a click pushes the
/// action's commands onto `out`.
pub fn toggle(ui: &mut Ui, action: Action, on: bool, out: &mut Vec<Command>) -> Response {
    let response = ui
        .selectable_label(on, action.label(ui.ctx()))
        .on_hover_text(action.tooltip(ui.ctx()));
    if response.clicked() {
        out.extend(action.commands());
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::i18n::languages;
    use crate::app::keys::BINDINGS;

    fn has_keys(action: Action) -> bool {
        BINDINGS.iter().any(|(_, a)| match (a, action) {
            (Action::Digit(_), Action::Digit(_)) => true,
            _ => *a == action,
        })
    }

    #[test]
    fn every_action_has_its_words_in_every_language() {
        for lang in languages() {
            for action in Action::ALL {
                let t = action.text();
                for key in [t.label, t.tooltip, t.help].into_iter().flatten() {
                    assert!(lang.get(key).is_some(), "{} lacks {key}", lang.code);
                }
            }
        }
    }

    #[test]
    fn a_tooltip_names_the_keys_exactly_when_the_action_has_keys() {
        // The drift this table exists to stop: a key that works but no tooltip says so.
        for lang in languages() {
            for action in Action::ALL {
                let (Some(tip), keyed) = (action.text().tooltip, has_keys(action)) else {
                    continue;
                };
                let words = lang.get(tip).unwrap_or_default();
                assert_eq!(
                    words.contains("{keys}"),
                    keyed,
                    "{}: tooltip {tip} of {action:?} ({words})",
                    lang.code
                );
            }
        }
    }

    #[test]
    fn an_action_has_key_help_exactly_when_it_has_keys() {
        for action in Action::ALL {
            assert_eq!(action.text().help.is_some(), has_keys(action), "{action:?}");
        }
        for (_, action) in BINDINGS {
            assert!(
                Action::ALL.contains(action) || matches!(action, Action::Digit(_)),
                "{action:?} is bound but not in Action::ALL"
            );
        }
    }

    #[test]
    fn a_tooltip_in_use_names_every_key_of_its_action() {
        let ctx = egui::Context::default();
        let tip = Action::Next.tooltip(&ctx);
        for key in ["→", "PageDown", "Space", "N"] {
            assert!(tip.contains(key), "{tip}");
        }
        assert_eq!(Action::Open.tooltip(&ctx), tr(&ctx, "open_tip"));
        assert_eq!(
            Action::Traffic.commands(),
            vec![Command::ToggleFlow],
            "a button pushes what its key pushes"
        );
    }
}
