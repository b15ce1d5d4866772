//! The animation export, checked by decoding what was written: frame counts, sizes, delays and
//! durations against the timeline; pictures against the still export of the same moment.

mod common;

use std::io::Cursor;

use scaleview::animate::yuv::I420;
use scaleview::animate::{
    AnimFormat, AnimateError, AnimateOptions, Frames, export_animation, render_animation,
};
use scaleview::export::{self, Format};
use scaleview::model;
use scaleview::render::svg::ExportOptions;
use scaleview::scene::timeline::{Shot, Sweep};

/// A short, small film of stages 4 → 6 of the default diagram.
fn small() -> AnimateOptions {
    AnimateOptions {
        sweep: Sweep {
            from: 3,
            to: 5,
            dwell: 0.6,
            transition: 0.5,
            fps: 10,
        },
        still: ExportOptions {
            width: 320,
            height: 180,
            ..ExportOptions::default()
        },
    }
}

fn film(format: AnimFormat, opts: &AnimateOptions) -> Vec<u8> {
    let d = model::default_diagram();
    render_animation(&d, format, opts, &mut |_, _| true).expect("film")
}

/// Mean absolute difference of two equally long byte planes.
fn mean_difference(a: &[u8], b: &[u8]) -> f64 {
    assert_eq!(a.len(), b.len());
    a.iter()
        .zip(b)
        .map(|(x, y)| f64::from(x.abs_diff(*y)))
        .sum::<f64>()
        / a.len().max(1) as f64
}

/// The length-prefixed NAL units of an MP4 sample as an Annex B stream.
fn annex_b(sample: &[u8], out: &mut Vec<u8>) {
    let mut i = 0;
    while i + 4 <= sample.len() {
        let n = u32::from_be_bytes([sample[i], sample[i + 1], sample[i + 2], sample[i + 3]]);
        let end = (i + 4 + n as usize).min(sample.len());
        out.extend_from_slice(&[0, 0, 0, 1]);
        out.extend_from_slice(&sample[i + 4..end]);
        i = end;
    }
}

#[test]
fn mp4_has_the_timeline_size_and_duration_and_decodes_to_the_pictures() {
    let opts = small();
    let bytes = film(AnimFormat::Mp4, &opts);
    let shots = opts.sweep.shots();
    let mut mp4 = mp4::Mp4Reader::read_header(Cursor::new(&bytes), bytes.len() as u64)
        .expect("an MP4 container");
    let (&id, track) = mp4.tracks().iter().next().expect("one track");
    assert_eq!((track.width(), track.height()), (320, 180));
    assert_eq!(track.media_type().expect("media"), mp4::MediaType::H264);
    let (sps, pps) = (
        track.sequence_parameter_set().expect("sps").to_vec(),
        track.picture_parameter_set().expect("pps").to_vec(),
    );
    let timescale = track.timescale();
    let count = mp4.sample_count(id).expect("samples");
    assert_eq!(
        count as usize,
        shots.len(),
        "one sample per distinct picture"
    );
    // Durations: each sample lasts its shot's frames; the whole film its running time.
    let mut end = 0u64;
    let mut decoder = openh264::decoder::Decoder::new().expect("decoder");
    let d = model::default_diagram();
    let mut frames = Frames::new(&d, opts.still.clone());
    for (i, shot) in shots.iter().enumerate() {
        let s = mp4
            .read_sample(id, i as u32 + 1)
            .expect("read")
            .expect("sample");
        assert_eq!(s.start_time, end, "sample {i} starts where the last ended");
        assert_eq!(
            u64::from(s.duration) * u64::from(opts.sweep.fps),
            u64::from(shot.frames) * u64::from(timescale),
            "sample {i} lasts its frames"
        );
        end += u64::from(s.duration);
        // Decode a few pictures and compare their brightness with what was drawn.
        let mut stream = Vec::new();
        if i == 0 {
            for set in [&sps, &pps] {
                stream.extend_from_slice(&[0, 0, 0, 1]);
                stream.extend_from_slice(set);
            }
        }
        annex_b(&s.bytes, &mut stream);
        let decoded = decoder.decode(&stream).expect("decodes");
        if [0, shots.len() / 2, shots.len() - 1].contains(&i) {
            use openh264::formats::YUVSource;
            let yuv = decoded.expect("a picture for every sample");
            assert_eq!(yuv.dimensions(), (320, 180));
            let stride = yuv.strides().0;
            let luma: Vec<u8> = (0..180)
                .flat_map(|y| yuv.y()[y * stride..y * stride + 320].to_vec())
                .collect();
            let drawn = I420::from_rgba(&frames.draw(shot).expect("draw"), 320, 180);
            let diff = mean_difference(&luma, &drawn.y);
            assert!(
                diff < 3.0,
                "sample {i}: decoded luma off by {diff:.2} on average"
            );
        }
    }
    assert_eq!(
        end as f64 / f64::from(timescale),
        opts.sweep.duration(),
        "film length"
    );
}

/// Every picture of a GIF composed onto its canvas, with its delay in hundredths.
fn gif_pictures(bytes: &[u8]) -> (u16, u16, Vec<(Vec<u8>, u16)>) {
    let mut options = gif::DecodeOptions::new();
    options.set_color_output(gif::ColorOutput::RGBA);
    let mut decoder = options.read_info(Cursor::new(bytes)).expect("a GIF");
    let (w, h) = (decoder.width(), decoder.height());
    assert_eq!(decoder.repeat(), gif::Repeat::Infinite, "the GIF loops");
    let mut canvas = vec![0u8; usize::from(w) * usize::from(h) * 4];
    let mut out = Vec::new();
    while let Some(f) = decoder.read_next_frame().expect("frame") {
        for y in 0..usize::from(f.height) {
            for x in 0..usize::from(f.width) {
                let src = (y * usize::from(f.width) + x) * 4;
                if f.buffer[src + 3] == 0 {
                    continue;
                }
                let dst = ((y + usize::from(f.top)) * usize::from(w) + x + usize::from(f.left)) * 4;
                canvas[dst..dst + 4].copy_from_slice(&f.buffer[src..src + 4]);
            }
        }
        out.push((canvas.clone(), f.delay));
    }
    (w, h, out)
}

#[test]
fn gif_delays_add_up_to_the_timeline_and_its_last_picture_is_the_still() {
    let opts = small();
    let (w, h, pictures) = gif_pictures(&film(AnimFormat::Gif, &opts));
    assert_eq!((w, h), (320, 180));
    let shots = opts.sweep.shots();
    assert!(
        pictures.len() <= shots.len() && pictures.len() > shots.len() / 2,
        "{} pictures for {} shots",
        pictures.len(),
        shots.len()
    );
    let total: u32 = pictures.iter().map(|(_, d)| u32::from(*d)).sum();
    assert_eq!(
        f64::from(total),
        (opts.sweep.duration() * 100.0).round(),
        "delays add up to the running time"
    );
    assert!(
        pictures.iter().all(|(_, d)| *d >= 2),
        "no delay a browser would slow down"
    );
    // The film ends settled on the last stage with the glow faded: the still export of that
    // stage without rings, up to the palette.
    let d = model::default_diagram();
    let still = ExportOptions {
        new_glow: 0.0,
        ..opts.still.clone()
    };
    let png = export::render(&d, opts.sweep.to, Format::Png, &still).expect("still");
    let (_, _, want) = common::decode_png(&png);
    let (last, _) = pictures.last().expect("a picture");
    let frac = common::differing_fraction(&want, last);
    assert!(frac < 0.002, "{:.3}% of pixels differ", frac * 100.0);
    // And the first picture is the first stage, calm.
    let png = export::render(&d, opts.sweep.from, Format::Png, &still).expect("still");
    let (_, _, want) = common::decode_png(&png);
    let frac = common::differing_fraction(&want, &pictures[0].0);
    assert!(frac < 0.002, "{:.3}% of pixels differ", frac * 100.0);
}

#[test]
fn apng_frame_count_and_delays_match_the_timeline() {
    let opts = AnimateOptions {
        still: ExportOptions {
            transparent: true,
            ..small().still
        },
        ..small()
    };
    let bytes = film(AnimFormat::Apng, &opts);
    let shots = opts.sweep.shots();
    let decoder = png::Decoder::new(Cursor::new(&bytes));
    let mut reader = decoder.read_info().expect("a PNG");
    let control = reader.info().animation_control.expect("animated");
    assert_eq!(control.num_frames as usize, shots.len());
    assert_eq!(control.num_plays, 0, "loops forever");
    assert_eq!((reader.info().width, reader.info().height), (320, 180));
    let mut buf = vec![0; reader.output_buffer_size().expect("size")];
    let mut seconds = 0.0;
    let mut first_alpha = None;
    for (i, shot) in shots.iter().enumerate() {
        reader.next_frame(&mut buf).expect("frame");
        let fc = reader.info().frame_control.expect("frame control");
        let delay = f64::from(fc.delay_num) / f64::from(fc.delay_den);
        assert!(
            (delay - f64::from(shot.frames) / 10.0).abs() < 1e-9,
            "frame {i}: delay {delay}"
        );
        seconds += delay;
        if i == 0 {
            first_alpha = Some(buf.chunks_exact(4).filter(|p| p[3] == 0).count());
        }
    }
    assert!((seconds - opts.sweep.duration()).abs() < 1e-6);
    assert!(
        first_alpha.is_some_and(|n| n > 320 * 180 / 4),
        "a transparent film keeps a transparent background"
    );
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    let opts = AnimateOptions {
        sweep: Sweep {
            from: 1,
            to: 2,
            dwell: 0.2,
            transition: 0.3,
            fps: 10,
        },
        ..small()
    };
    for format in [AnimFormat::Mp4, AnimFormat::Gif, AnimFormat::Apng] {
        assert_eq!(
            film(format, &opts),
            film(format, &opts),
            "{format:?} is not reproducible"
        );
    }
}

#[test]
fn a_cancelled_export_leaves_nothing_and_keeps_the_old_file() {
    let dir = common::temp_dir("animate-cancel");
    let d = model::default_diagram();
    let old = dir.join("old.gif");
    std::fs::write(&old, b"the previous film").expect("write");
    let fresh = dir.join("fresh.mp4");
    for (path, format) in [(&old, AnimFormat::Gif), (&fresh, AnimFormat::Mp4)] {
        let mut calls = 0;
        let result = export_animation(&d, path, format, &small(), &mut |done, total| {
            calls += 1;
            assert!(done <= total);
            calls < 3
        });
        assert!(matches!(result, Err(AnimateError::Cancelled)), "{result:?}");
    }
    assert_eq!(std::fs::read(&old).expect("old"), b"the previous film");
    let left: Vec<_> = std::fs::read_dir(&dir)
        .expect("dir")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(left, vec![std::ffi::OsString::from("old.gif")]);
    // Uncancelled, the file is there and whole.
    export_animation(&d, &fresh, AnimFormat::Mp4, &small(), &mut |_, _| true).expect("film");
    let bytes = std::fs::read(&fresh).expect("written");
    assert!(mp4::Mp4Reader::read_header(Cursor::new(&bytes), bytes.len() as u64).is_ok());
}

#[test]
fn frames_of_a_transition_lie_between_its_stages() {
    // The middle of a transition differs from both ends; the ends equal the settled stages.
    let d = model::default_diagram();
    let mut frames = Frames::new(&d, small().still);
    let at = |f: &mut Frames, p: f32| {
        f.draw(&Shot {
            position: p,
            glow: 0.0,
            frames: 1,
        })
        .expect("draw")
    };
    let (a, mid, b) = (
        at(&mut frames, 4.0),
        at(&mut frames, 4.5),
        at(&mut frames, 5.0),
    );
    assert!(common::differing_fraction(&a, &mid) > 0.001);
    assert!(common::differing_fraction(&b, &mid) > 0.001);
    let still = ExportOptions {
        new_glow: 0.0,
        ..small().still
    };
    let png = export::render(&d, 5, Format::Png, &still).expect("still");
    assert_eq!(
        common::decode_png(&png).2,
        b,
        "a settled frame is the still export"
    );
}

#[test]
fn the_band_knob_glides_from_tick_to_tick_and_is_drawn_when_asked() {
    use scaleview::scene::{Moment, Scene};
    let d = model::default_diagram();
    let last = d.last_stage();
    let knob = |p: f32| Scene::at(&d, Moment::at_position(p, last)).caption.knob;
    let ticks = Scene::settled(&d, 0).caption.ticks;
    assert_eq!(ticks.len(), d.stages.len());
    assert!(
        ticks.windows(2).all(|w| w[0].0 < w[1].0),
        "ticks in axis order"
    );
    assert_eq!(knob(4.0), ticks[4].0);
    assert_eq!(knob(5.0), ticks[5].0);
    let mut previous = knob(4.0);
    for k in 1..=10 {
        let now = knob(4.0 + k as f32 / 10.0);
        assert!(now >= previous, "the knob went back at {k}");
        previous = now;
    }
    // Drawn only when asked: a circle for the knob and the ticks' labels.
    let svg = |band: bool| {
        scaleview::render::svg::scene_to_svg(
            &Scene::settled(&d, 4),
            &ExportOptions {
                band,
                ..ExportOptions::default()
            },
        )
    };
    let (with, without) = (svg(true), svg(false));
    let circles = |s: &str| s.matches("<circle").count();
    assert_eq!(circles(&with), circles(&without) + 1, "one knob");
    assert!(
        with.contains(">10M<") && !without.contains(">10M<"),
        "tick labels"
    );
}
