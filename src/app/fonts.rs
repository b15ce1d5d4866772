//! Installs the bundled NanumSquare fonts into egui (Latin + Hangul, regular and bold).

use std::sync::Arc;

use egui::{FontData, FontDefinitions, FontFamily};

use crate::assets;
use crate::render::screen::BOLD_FAMILY;

/// Make NanumSquare egui's first proportional font (egui's defaults stay as fallback for
/// symbols), and register the bold face as the `bold` family.
pub fn install(ctx: &egui::Context) {
    let mut fonts = FontDefinitions::default();
    fonts.font_data.insert(
        "nanum".into(),
        Arc::new(FontData::from_static(assets::FONT_REGULAR)),
    );
    fonts.font_data.insert(
        "nanum-bold".into(),
        Arc::new(FontData::from_static(assets::FONT_BOLD)),
    );
    let fallback: Vec<String> = fonts
        .families
        .get(&FontFamily::Proportional)
        .cloned()
        .unwrap_or_default();
    fonts
        .families
        .entry(FontFamily::Proportional)
        .or_default()
        .insert(0, "nanum".into());
    fonts
        .families
        .entry(FontFamily::Monospace)
        .or_default()
        .push("nanum".into());
    let mut bold = vec!["nanum-bold".to_owned(), "nanum".to_owned()];
    bold.extend(fallback);
    fonts
        .families
        .insert(FontFamily::Name(BOLD_FAMILY.into()), bold);
    ctx.set_fonts(fonts);
}
