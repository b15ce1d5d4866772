//! Keyboard and clicker bindings. Keys are consumed before any widget sees them, so a focused
//! slider does not also react to the arrow keys.

use egui::{Key, Modifiers};

use super::Command;
use crate::export::Format;

/// Turn this frame's key presses into commands.
pub fn handle(ctx: &egui::Context, out: &mut Vec<Command>) {
    if ctx.egui_wants_keyboard_input() {
        return; // typing in a text field
    }
    ctx.input_mut(|i| {
        let none = Modifiers::NONE;
        for key in [Key::ArrowRight, Key::PageDown, Key::Space, Key::N] {
            while i.consume_key(none, key) {
                out.push(Command::NextStage);
            }
        }
        for key in [Key::ArrowLeft, Key::PageUp, Key::Backspace] {
            while i.consume_key(none, key) {
                out.push(Command::PrevStage);
            }
        }
        if i.consume_key(none, Key::Home) {
            out.push(Command::GoToStage(0));
        }
        if i.consume_key(none, Key::End) {
            out.push(Command::GoToStage(usize::MAX));
        }
        let digits = [
            Key::Num1,
            Key::Num2,
            Key::Num3,
            Key::Num4,
            Key::Num5,
            Key::Num6,
            Key::Num7,
            Key::Num8,
            Key::Num9,
        ];
        for (n, key) in digits.into_iter().enumerate() {
            if i.consume_key(none, key) {
                out.push(Command::GoToStage(n));
                out.push(Command::TypeDigit(n as u8 + 1));
            }
        }
        if i.consume_key(none, Key::Num0) {
            out.push(Command::TypeDigit(0));
        }
        if i.consume_key(none, Key::Enter) {
            out.push(Command::JumpToTyped);
        }
        if i.consume_key(none, Key::W) {
            out.push(Command::ToggleWhite);
        }
        if i.consume_key(Modifiers::COMMAND | Modifiers::SHIFT, Key::E) {
            out.push(Command::OpenExport(Format::Svg));
        }
        if i.consume_key(Modifiers::COMMAND, Key::E) {
            out.push(Command::OpenExport(Format::Png));
        }
        if i.consume_key(none, Key::P) {
            out.push(Command::TogglePresentation);
        }
        if i.consume_key(none, Key::Escape) {
            out.push(Command::Escape);
        }
        if i.consume_key(none, Key::F11) {
            out.push(Command::ToggleFullscreen);
        }
        if i.consume_key(none, Key::B) {
            out.push(Command::ToggleBlank);
        }
        if i.consume_key(none, Key::T) {
            out.push(Command::ToggleFlow);
        }
        if i.consume_key(none, Key::F) {
            out.push(Command::FitView);
        }
        if i.consume_key(Modifiers::COMMAND, Key::Plus)
            || i.consume_key(Modifiers::COMMAND, Key::Equals)
        {
            out.push(Command::ScaleText(1.1));
        }
        if i.consume_key(Modifiers::COMMAND, Key::Minus) {
            out.push(Command::ScaleText(1.0 / 1.1));
        }
        if i.consume_key(Modifiers::COMMAND, Key::Num0) {
            out.push(Command::ScaleText(0.0));
        }
    });
}
