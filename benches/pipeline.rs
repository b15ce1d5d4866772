//! Speed of every step a presenter waits for: parse, scene, UI frame, export.
//! Run with `cargo bench`; budgets are in the README.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use egui_kittest::Harness;
use scaleview::app::ScaleviewApp;
use scaleview::export::{self, Format};
use scaleview::model;
use scaleview::render::svg::{ExportOptions, scene_to_svg};
use scaleview::scene::{Moment, Scene};

fn parse(c: &mut Criterion) {
    let big = model::synthetic_diagram(2000, 3000);
    let mut g = c.benchmark_group("parse+validate");
    g.bench_function("default diagram", |b| {
        b.iter(|| {
            model::parse(black_box(model::DEFAULT_DIAGRAM), "aws").map(|d| d.components.len())
        })
    });
    g.bench_function("2000 components, 3000 links", |b| {
        b.iter(|| model::parse(black_box(&big), "big").map(|d| d.components.len()))
    });
    g.finish();
}

/// Laying out one settled stage (routing every link, placing labels): paid once per stage,
/// when it is first shown or exported.
fn layout(c: &mut Criterion) {
    let d = model::default_diagram();
    let big = model::parse(&model::synthetic_diagram(2000, 3000), "big").expect("valid");
    let mut g = c.benchmark_group("layout");
    g.bench_function("default, 10M stage", |b| {
        b.iter(|| {
            scaleview::scene::layout_stage(black_box(&d), 8)
                .routes
                .values()
                .count()
        })
    });
    // Every label is Hangul: widths go through the font chain, not the ASCII table.
    let ko = model::built_in("aws-10m-users-ko").expect("valid");
    g.bench_function("korean, 10M stage", |b| {
        b.iter(|| {
            scaleview::scene::layout_stage(black_box(&ko), 8)
                .routes
                .values()
                .count()
        })
    });
    g.sample_size(20);
    g.bench_function("2000 components, last stage", |b| {
        b.iter(|| {
            scaleview::scene::layout_stage(black_box(&big), big.last_stage())
                .routes
                .values()
                .count()
        })
    });
    g.finish();
}

fn scene(c: &mut Criterion) {
    let d = model::default_diagram();
    let big = model::parse(&model::synthetic_diagram(2000, 3000), "big").expect("valid");
    let mut g = c.benchmark_group("scene");
    g.bench_function("default, settled 10M stage", |b| {
        b.iter(|| Scene::settled(black_box(&d), 8).components.len())
    });
    g.bench_function("default, transition 10k→500k", |b| {
        b.iter(|| {
            Scene::at(
                black_box(&d),
                Moment {
                    from: 4,
                    to: 5,
                    t: 0.5,
                },
            )
            .components
            .len()
        })
    });
    g.bench_function("2000 components, transition", |b| {
        b.iter(|| {
            Scene::at(
                black_box(&big),
                Moment {
                    from: 7,
                    to: 8,
                    t: 0.5,
                },
            )
            .components
            .len()
        })
    });
    g.finish();
}

/// One full headless frame: app UI, painting into shapes, and tessellation (no GPU).
fn ui_frame(c: &mut Criterion) {
    let mut g = c.benchmark_group("ui frame");
    for (name, diagram) in [
        ("default mid-transition", None),
        (
            "korean mid-transition",
            Some(model::built_in("aws-10m-users-ko").expect("valid")),
        ),
        (
            "2000 components mid-transition",
            Some(model::parse(&model::synthetic_diagram(2000, 3000), "big").expect("valid")),
        ),
    ] {
        let mut h = Harness::builder()
            .with_size([1600.0, 1000.0])
            .build_eframe(move |cc| {
                let app = ScaleviewApp::new(cc);
                match diagram {
                    Some(d) => {
                        let mut a = ScaleviewApp::with_diagram(d, "big.ron");
                        scaleview::app::fonts::install(&cc.egui_ctx);
                        a.hold_at_position(if name.starts_with("2000") { 7.5 } else { 4.5 });
                        a
                    }
                    None => {
                        let mut a = app;
                        a.hold_at_position(4.5);
                        a
                    }
                }
            });
        h.step();
        g.bench_function(name, |b| {
            b.iter(|| {
                let pos = if name.starts_with("2000") { 7.5 } else { 4.5 };
                h.state_mut().hold_at_position(pos);
                h.step();
                let out = h.output();
                let prims = h.ctx.tessellate(out.shapes.clone(), out.pixels_per_point);
                black_box(prims.len())
            })
        });
    }
    g.finish();
}

fn exports(c: &mut Criterion) {
    let d = model::default_diagram();
    let mut g = c.benchmark_group("export 10M stage");
    g.sample_size(20);
    g.bench_function("svg 1920x1080", |b| {
        b.iter(|| scene_to_svg(&Scene::settled(&d, 8), &ExportOptions::default()).len())
    });
    for (w, h) in [(1920, 1080), (3840, 2160)] {
        let opts = ExportOptions {
            width: w,
            height: h,
            ..ExportOptions::default()
        };
        g.bench_function(format!("png {w}x{h}"), |b| {
            b.iter(|| export::render(&d, 8, Format::Png, &opts).map(|v| v.len()))
        });
    }
    g.finish();
}

/// The animation export's steps for one 1920×1080 picture of a transition: drawing it, and
/// each encoder taking it (MP4 also converts it to YUV first).
fn film(c: &mut Criterion) {
    use scaleview::animate::yuv::I420;
    use scaleview::animate::{AnimFormat, AnimateOptions, Frames, encoder};
    use scaleview::scene::timeline::Shot;
    use scaleview::scene::timeline::Sweep;
    let d = model::default_diagram();
    let mut g = c.benchmark_group("film 1920x1080");
    g.sample_size(10);
    let mut frames = Frames::new(&d, ExportOptions::default());
    let shot = Shot {
        position: 6.5,
        glow: 1.0,
        frames: 1,
    };
    g.bench_function("draw one picture", |b| {
        b.iter(|| frames.draw(black_box(&shot)).map(|p| p.len()))
    });
    let (Ok(picture), Ok(other)) = (
        frames.draw(&shot),
        frames.draw(&Shot {
            position: 7.0,
            ..shot
        }),
    ) else {
        return;
    };
    g.bench_function("rgb to yuv", |b| {
        b.iter(|| I420::from_rgba(black_box(&picture), 1920, 1080).y.len())
    });
    for format in [AnimFormat::Mp4, AnimFormat::Gif, AnimFormat::Apng] {
        let opts = AnimateOptions {
            sweep: Sweep {
                from: 6,
                to: 7,
                ..Sweep::default()
            },
            still: ExportOptions::default(),
        };
        let Ok(mut encoder) = encoder(&d, format, &opts, 1_000_000) else {
            return;
        };
        let mut n = 0u32;
        g.bench_function(format!("encode {format:?}"), |b| {
            b.iter(|| {
                // Alternate two pictures so every call encodes a change.
                n += 1;
                let p = if n.is_multiple_of(2) {
                    &picture
                } else {
                    &other
                };
                encoder.push(black_box(p), 1).map(|()| n)
            })
        });
    }
    g.finish();
}

criterion_group!(benches, parse, layout, scene, ui_frame, exports, film);
criterion_main!(benches);
