//! parse → validate → scene (every stage and a transition) → SVG, on arbitrary bytes.
//! Nothing may panic, hang or overflow. Seed corpus: `diagrams/` and `tests/errors/`.

#![no_main]

use libfuzzer_sys::fuzz_target;
use scaleview::model;
use scaleview::render::svg::{ExportOptions, scene_to_svg};
use scaleview::scene::{Moment, Scene};

fuzz_target!(|data: &[u8]| {
    let Ok(d) = model::parse_bytes(data, "fuzz.ron") else { return };
    let opts = ExportOptions { width: 320, height: 180, ..ExportOptions::default() };
    for s in 0..d.stages.len().min(12) {
        let scene = Scene::settled(&d, s);
        let _ = scene_to_svg(&scene, &opts);
        if s + 1 < d.stages.len() {
            let _ = Scene::at(&d, Moment { from: s, to: s + 1, t: 0.37 });
        }
    }
});
