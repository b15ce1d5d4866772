//! Keyboard and clicker bindings, as one table: the keys handled, the shortcuts named in
//! tooltips, and the test that no two bindings share a key all come from [`BINDINGS`]. Keys are
//! consumed before any widget sees them, so a focused slider does not also react to the arrows.

use egui::{Key, KeyboardShortcut, Modifiers};

use super::Command;
use super::actions::Action;

const fn bind(modifiers: Modifiers, key: Key, action: Action) -> (KeyboardShortcut, Action) {
    (KeyboardShortcut::new(modifiers, key), action)
}

const NONE: Modifiers = Modifiers::NONE;
const CMD: Modifiers = Modifiers::COMMAND;

/// Every key binding, in the order keys are consumed (a shortcut with more modifiers before
/// the same key with fewer). Several keys may do one thing (clickers send PageDown/PageUp).
pub const BINDINGS: &[(KeyboardShortcut, Action)] = &[
    bind(NONE, Key::ArrowRight, Action::Next),
    bind(NONE, Key::PageDown, Action::Next),
    bind(NONE, Key::Space, Action::Next),
    bind(NONE, Key::N, Action::Next),
    bind(NONE, Key::ArrowLeft, Action::Prev),
    bind(NONE, Key::PageUp, Action::Prev),
    bind(NONE, Key::Backspace, Action::Prev),
    bind(NONE, Key::Home, Action::First),
    bind(NONE, Key::End, Action::Last),
    bind(NONE, Key::Num1, Action::Digit(1)),
    bind(NONE, Key::Num2, Action::Digit(2)),
    bind(NONE, Key::Num3, Action::Digit(3)),
    bind(NONE, Key::Num4, Action::Digit(4)),
    bind(NONE, Key::Num5, Action::Digit(5)),
    bind(NONE, Key::Num6, Action::Digit(6)),
    bind(NONE, Key::Num7, Action::Digit(7)),
    bind(NONE, Key::Num8, Action::Digit(8)),
    bind(NONE, Key::Num9, Action::Digit(9)),
    bind(CMD, Key::Num0, Action::ResetText),
    bind(NONE, Key::Num0, Action::Digit(0)),
    bind(NONE, Key::Enter, Action::JumpToTyped),
    bind(NONE, Key::W, Action::White),
    bind(NONE, Key::B, Action::Blank),
    bind(NONE, Key::T, Action::Traffic),
    bind(NONE, Key::R, Action::ResetTimer),
    bind(
        Modifiers::COMMAND.plus(Modifiers::SHIFT),
        Key::E,
        Action::ExportSvg,
    ),
    // Before Ctrl+E: a shortcut with more modifiers must be matched first.
    bind(
        Modifiers::COMMAND.plus(Modifiers::ALT),
        Key::E,
        Action::ExportFilm,
    ),
    bind(CMD, Key::E, Action::ExportPng),
    bind(NONE, Key::P, Action::Present),
    bind(NONE, Key::Escape, Action::Escape),
    bind(NONE, Key::F11, Action::Fullscreen),
    bind(NONE, Key::F, Action::Fit),
    bind(CMD, Key::Plus, Action::LargerText),
    bind(CMD, Key::Equals, Action::LargerText),
    bind(CMD, Key::Minus, Action::SmallerText),
];

/// The key help, from [`Action::ALL`] and [`BINDINGS`]: every action with all its keys
/// ("→, PageDown, Space, N next stage · …"), or with `short`, only the common actions with
/// their first key, for the hint under the canvas. Nothing about keys is written elsewhere.
pub fn help(ctx: &egui::Context, short: bool) -> String {
    let mut parts: Vec<String> = Vec::new();
    for action in Action::ALL {
        let text = action.text();
        let Some(words) = text.help else { continue };
        if short && !text.in_short_help {
            continue;
        }
        let keys = match action {
            Action::Digit(_) => "1–9".to_owned(),
            _ if short => BINDINGS
                .iter()
                .find(|(_, a)| *a == action)
                .map(|(s, _)| key_text(ctx, s))
                .unwrap_or_default(),
            _ => shortcuts(ctx, action),
        };
        parts.push(format!("{keys} {}", super::i18n::tr(ctx, words)));
    }
    parts.join(" · ")
}

/// Turn this frame's key presses into commands.
pub fn handle(ctx: &egui::Context, out: &mut Vec<Command>) {
    if ctx.egui_wants_keyboard_input() {
        return; // typing in a text field
    }
    ctx.input_mut(|i| {
        for (shortcut, action) in BINDINGS {
            while i.consume_shortcut(shortcut) {
                out.extend(action.commands());
            }
        }
    });
}

/// The keys that do `action`, as the platform writes them ("→, PageDown, Space, N"), for
/// tooltips and help text.
pub fn shortcuts(ctx: &egui::Context, action: Action) -> String {
    BINDINGS
        .iter()
        .filter(|(_, a)| *a == action)
        .map(|(s, _)| key_text(ctx, s))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A shortcut as the platform writes it, with arrows drawn as arrows ("→", not "Right").
fn key_text(ctx: &egui::Context, s: &KeyboardShortcut) -> String {
    match arrow(s.logical_key) {
        Some(arrow) if s.modifiers.is_none() => arrow.to_owned(),
        _ => ctx.format_shortcut(s),
    }
}

/// An arrow key as an arrow.
fn arrow(key: Key) -> Option<&'static str> {
    match key {
        Key::ArrowRight => Some("→"),
        Key::ArrowLeft => Some("←"),
        Key::ArrowUp => Some("↑"),
        Key::ArrowDown => Some("↓"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_two_bindings_share_a_key() {
        for (i, (a, _)) in BINDINGS.iter().enumerate() {
            for (b, _) in &BINDINGS[i + 1..] {
                assert!(
                    !(a.logical_key == b.logical_key && a.modifiers == b.modifiers),
                    "{a:?} is bound twice"
                );
            }
        }
    }

    #[test]
    fn a_shortcut_with_more_modifiers_is_consumed_before_the_same_key_with_fewer() {
        // consume_shortcut matches logically (Ctrl+Shift+E also matches Ctrl+E), so order counts.
        for (i, (a, _)) in BINDINGS.iter().enumerate() {
            for (b, _) in &BINDINGS[..i] {
                // An earlier binding whose modifiers are a subset of a later one's would
                // swallow the later one's presses.
                if a.logical_key == b.logical_key {
                    assert!(
                        !a.modifiers.contains(b.modifiers),
                        "{b:?} must come after {a:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn the_key_help_names_every_binding_and_has_words_in_every_language() {
        let ctx = egui::Context::default();
        for lang in crate::app::i18n::languages() {
            for (_, action) in BINDINGS {
                let words = action.text().help.unwrap_or_default();
                assert!(lang.get(words).is_some(), "{} lacks {words:?}", lang.code);
            }
        }
        let long = help(&ctx, false);
        for (shortcut, action) in BINDINGS {
            if !matches!(action, Action::Digit(_)) {
                let key = key_text(&ctx, shortcut);
                assert!(long.contains(&key), "{key} missing from: {long}");
            }
        }
        let short = help(&ctx, true);
        assert!(
            short.len() < long.len() && short.starts_with("→ next"),
            "{short}"
        );
        assert!(short.contains("1–9"), "{short}");
        assert!(
            !short.contains("PageDown"),
            "the short hint names one key each: {short}"
        );
    }

    /// The words in the README's key table for a key ("→", "Esc", "PageDown", "+").
    fn readme_name(key: Key) -> &'static str {
        match key {
            Key::Escape => "Esc",
            k => arrow(k).unwrap_or_else(|| k.symbol_or_name()),
        }
    }

    #[test]
    fn the_readme_key_table_names_every_binding() {
        // The README is written by hand for people who read it before running the app; this
        // keeps it from drifting from the bindings.
        let readme = include_str!("../../README.md");
        let section = readme
            .split("## Using it")
            .nth(1)
            .expect("a Using it section");
        let cells: Vec<&str> = section
            .lines()
            .skip_while(|l| !l.starts_with('|'))
            .take_while(|l| l.starts_with('|'))
            .filter_map(|l| l.split('|').nth(1))
            .collect();
        let tokens = |cell: &str| -> Vec<String> {
            cell.split(|c: char| c.is_whitespace() || c == '/' || c == ',')
                .flat_map(|t| {
                    if t.len() > 1 && t.contains('+') {
                        t.split('+').map(str::to_owned).collect()
                    } else {
                        vec![t.to_owned()]
                    }
                })
                .collect()
        };
        for (shortcut, action) in BINDINGS {
            if let Action::Digit(_) = action {
                assert!(
                    cells.iter().any(|c| c.contains("1 – 9")),
                    "the table names 1 – 9"
                );
                continue;
            }
            let key = readme_name(shortcut.logical_key);
            let m = shortcut.modifiers;
            let mods: Vec<&str> = [(m.command, "Ctrl"), (m.shift, "Shift"), (m.alt, "Alt")]
                .into_iter()
                .filter_map(|(on, name)| on.then_some(name))
                .collect();
            let named = cells.iter().any(|cell| {
                tokens(cell).iter().any(|t| t == key) && mods.iter().all(|m| cell.contains(m))
            });
            assert!(
                named,
                "README's key table does not name {mods:?} {key} ({action:?})"
            );
        }
    }

    #[test]
    fn tooltips_name_every_key_of_an_action() {
        let ctx = egui::Context::default();
        let next = shortcuts(&ctx, Action::Next);
        for k in ["PageDown", "Space", "N"] {
            assert!(next.contains(k), "{next}");
        }
        assert_eq!(shortcuts(&ctx, Action::Traffic), "T");
    }
}
