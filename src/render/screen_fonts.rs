//! Gives egui the same font chain as the scene and the exports ([`crate::scene::fonts`]).
//!
//! Every face of the chain becomes its own egui family (`face-N`), so the canvas draws each
//! run with exactly the face the scene measured it with. The UI's own text (panels, notes)
//! uses NanumSquare first, then the rest of the chain, then egui's fonts for its symbols, and a
//! font provider that asks the chain for anything still missing.

use std::sync::Arc;

use egui::{FontData, FontDefinitions, FontFamily, FontInsert, FontPriority, Id, InsertFontFamily};

use super::screen::BOLD_FAMILY;
use crate::scene::fonts::{self, FaceId};
use crate::scene::text::{self, Run, Weight};

/// The egui family that holds exactly the chain's face `id`.
pub fn face_family(id: FaceId) -> FontFamily {
    FontFamily::Name(format!("face-{id}").into())
}

fn face_data(id: FaceId) -> FontData {
    let face = fonts::face(id);
    let mut data = FontData::from_static(face.data);
    data.index = face.index;
    data
}

fn usable_key() -> Id {
    Id::unique("scaleview-usable-faces")
}

/// How many faces of the chain (ids `0..n`) egui can draw with in this pass.
pub fn usable_faces(ctx: &egui::Context) -> usize {
    ctx.data(|d| d.get_temp::<usize>(usable_key())).unwrap_or(0)
}

/// Install the chain as egui's fonts, plus a provider that looks up the chain for letters no
/// installed font has.
pub fn install(ctx: &egui::Context) {
    let mut defs = FontDefinitions::default();
    let egui_fallback: Vec<String> = defs
        .families
        .get(&FontFamily::Proportional)
        .cloned()
        .unwrap_or_default();
    let faces = fonts::faces();
    for id in 0..faces.len() {
        let name = format!("face-{id}");
        defs.font_data.insert(name.clone(), Arc::new(face_data(id)));
        defs.families.insert(face_family(id), vec![name]);
    }
    let chain = |w: Weight| -> Vec<String> {
        fonts::bundled_chain(w)
            .iter()
            .map(|id| format!("face-{id}"))
            .chain(egui_fallback.iter().cloned())
            .collect()
    };
    defs.families
        .insert(FontFamily::Proportional, chain(Weight::Regular));
    defs.families
        .insert(FontFamily::Name(BOLD_FAMILY.into()), chain(Weight::Bold));
    defs.families
        .entry(FontFamily::Monospace)
        .or_default()
        .push(format!("face-{}", fonts::NANUM_REGULAR));
    ctx.set_fonts(defs);
    ctx.add_font_provider(Arc::new(
        |request: &egui::epaint::text::FallbackRequest<'_>| {
            let c = request.cluster.chars().next()?;
            let id = fonts::face_for(c, Weight::Regular)?;
            Some(FontInsert::new(
                &format!("face-{id}"),
                face_data(id),
                Vec::new(),
            ))
        },
    ));
    ctx.data_mut(|d| d.insert_temp(usable_key(), faces.len()));
}

/// Register faces the chain found since the last pass (a system font for a new letter). Call
/// at the start of a pass: faces become usable on the canvas once egui has applied them.
pub fn sync(ctx: &egui::Context) {
    let faces = fonts::faces();
    let usable = usable_faces(ctx);
    if faces.len() <= usable {
        return;
    }
    for id in usable..faces.len() {
        ctx.add_font(FontInsert::new(
            &format!("face-{id}"),
            face_data(id),
            vec![InsertFontFamily {
                family: face_family(id),
                priority: FontPriority::Highest,
            }],
        ));
    }
    let applied = ctx.fonts(|f| {
        f.definitions()
            .families
            .contains_key(&face_family(faces.len() - 1))
    });
    if applied {
        ctx.data_mut(|d| d.insert_temp(usable_key(), faces.len()));
    } else {
        ctx.request_repaint();
    }
}

/// The text of `run` as egui must be given it: egui shapes a right-to-left run right to left
/// itself, so such a run (already in drawing order) is handed over reversed.
pub fn egui_text(run: &Run) -> String {
    if run.rtl {
        run.text.chars().rev().collect()
    } else {
        run.text.clone()
    }
}

/// The family egui draws `run` with: its own face when egui has loaded it, else the UI chain.
pub fn run_family(ctx: &egui::Context, run: &Run, weight: Weight) -> FontFamily {
    if run.face < usable_faces(ctx) {
        face_family(run.face)
    } else if weight == Weight::Bold {
        FontFamily::Name(BOLD_FAMILY.into())
    } else {
        FontFamily::Proportional
    }
}

/// A diagram's text (title, notes, labels) for egui widgets, cut into the same runs and faces
/// as on the canvas and in exports, so panels never pick another face's empty glyph or mix
/// faces inside a word. Lines are kept; `wrap_width` wraps them (`f32::INFINITY` for none).
pub fn layout_job(
    ctx: &egui::Context,
    content: &str,
    size: f32,
    weight: Weight,
    colour: egui::Color32,
    wrap_width: f32,
) -> egui::text::LayoutJob {
    let mut job = egui::text::LayoutJob::default();
    job.wrap.max_width = wrap_width;
    let format = |family: FontFamily| egui::TextFormat {
        font_id: egui::FontId::new(size, family),
        color: colour,
        ..Default::default()
    };
    for (i, line) in content.split('\n').enumerate() {
        if i > 0 {
            job.append("\n", 0.0, format(FontFamily::Proportional));
        }
        for run in text::shape(line, size, weight).runs {
            let family = run_family(ctx, &run, weight);
            job.append(&egui_text(&run), 0.0, format(family));
        }
    }
    job
}
