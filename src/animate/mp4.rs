//! MP4: H.264 (Cisco's OpenH264, built from bundled source, constrained baseline, BT.709) in
//! an MP4 container (the `mp4` crate) — what PowerPoint, Keynote, browsers and video players
//! all accept. Each distinct picture is one sample lasting as many frames as it is held (the
//! time base is the film's frame rate, so every sample starts on a frame): a dwell costs one
//! encode instead of sixty, which is what makes a 1080p film faster to export than to watch.

use std::io::Cursor;

use openh264::OpenH264API;
use openh264::encoder::{
    BitRate, Complexity, Encoder as H264, EncoderConfig, FrameRate, IntraFramePeriod, QpRange,
    RateControlMode, UsageType, VuiConfig,
};

use super::yuv::I420;
use super::{AnimateError, Encoder};

/// Writes an H.264 MP4 at a constant frame rate.
pub struct Mp4Encoder {
    h264: H264,
    width: u32,
    height: u32,
    fps: u32,
    /// Created once the first frame gave the sequence and picture parameter sets.
    mp4: Option<mp4::Mp4Writer<Cursor<Vec<u8>>>>,
    /// Frames of the film written so far.
    frames: u64,
}

fn mp4_error(e: impl std::fmt::Display) -> AnimateError {
    AnimateError::Encode {
        format: "MP4",
        message: e.to_string(),
    }
}

/// One encoded frame, split for the container.
#[derive(Default)]
struct Access {
    sps: Option<Vec<u8>>,
    pps: Option<Vec<u8>>,
    /// The frame's other NAL units, each prefixed with its 4-byte length (the MP4 form).
    sample: Vec<u8>,
    keyframe: bool,
}

/// Split an Annex B byte stream (start-code separated NAL units) into parameter sets and a
/// length-prefixed sample.
fn split_annex_b(stream: &[u8]) -> Access {
    let mut access = Access::default();
    let mut starts = Vec::new();
    let mut i = 0;
    while i + 3 <= stream.len() {
        if stream[i..i + 3] == [0, 0, 1] {
            starts.push(i + 3);
            i += 3;
        } else {
            i += 1;
        }
    }
    for (k, &start) in starts.iter().enumerate() {
        let mut end = starts.get(k + 1).map_or(stream.len(), |next| next - 3);
        // A 4-byte start code leaves one zero at the end of the previous unit.
        while end > start && k + 1 < starts.len() && stream[end - 1] == 0 {
            end -= 1;
        }
        let nal = &stream[start..end];
        let Some(&header) = nal.first() else { continue };
        match header & 0x1f {
            7 => access.sps = Some(nal.to_vec()),
            8 => access.pps = Some(nal.to_vec()),
            kind => {
                access.keyframe |= kind == 5;
                access
                    .sample
                    .extend_from_slice(&(nal.len() as u32).to_be_bytes());
                access.sample.extend_from_slice(nal);
            }
        }
    }
    access
}

impl Mp4Encoder {
    /// An encoder for `width × height` (even sides) at `fps`.
    pub fn new(width: u32, height: u32, fps: u32) -> Result<Self, AnimateError> {
        // About 0.1 bit per pixel per frame: text stays crisp, and held pictures cost nothing.
        let bitrate = (f64::from(width) * f64::from(height) * f64::from(fps) * 0.1) as u32;
        let config = EncoderConfig::new()
            .debug(false)
            .usage_type(UsageType::CameraVideoRealTime)
            .rate_control_mode(RateControlMode::Off)
            .bitrate(BitRate::from_bps(bitrate.max(500_000)))
            .max_frame_rate(FrameRate::from_hz(fps as f32))
            // Every picture must come out (a skipped one would break the timeline), and the
            // screen-content mode has no adaptive quantisation or background detection.
            .skip_frames(false)
            .adaptive_quantization(false)
            .background_detection(false)
            .complexity(Complexity::Low)
            .qp(QpRange::new(10, 34))
            // A keyframe at least every 60 pictures, so players and PowerPoint can seek.
            .intra_frame_period(IntraFramePeriod::from_num_frames(60))
            .vui(VuiConfig::bt709());
        let h264 = H264::with_api_config(OpenH264API::from_source(), config).map_err(mp4_error)?;
        Ok(Mp4Encoder {
            h264,
            width,
            height,
            fps,
            mp4: None,
            frames: 0,
        })
    }

    /// Start the container with the stream's parameter sets.
    fn start(&mut self, sps: Vec<u8>, pps: Vec<u8>) -> Result<(), AnimateError> {
        let brand = |s: &str| s.parse::<mp4::FourCC>().map_err(mp4_error);
        let config = mp4::Mp4Config {
            major_brand: brand("isom")?,
            minor_version: 512,
            compatible_brands: vec![
                brand("isom")?,
                brand("iso2")?,
                brand("avc1")?,
                brand("mp41")?,
            ],
            timescale: 1000,
        };
        let mut w =
            mp4::Mp4Writer::write_start(Cursor::new(Vec::new()), &config).map_err(mp4_error)?;
        w.add_track(&mp4::TrackConfig {
            track_type: mp4::TrackType::Video,
            timescale: self.fps * 1000,
            language: "und".into(),
            media_conf: mp4::MediaConfig::AvcConfig(mp4::AvcConfig {
                width: u16::try_from(self.width).map_err(mp4_error)?,
                height: u16::try_from(self.height).map_err(mp4_error)?,
                seq_param_set: sps,
                pic_param_set: pps,
            }),
        })
        .map_err(mp4_error)?;
        self.mp4 = Some(w);
        Ok(())
    }
}

impl Encoder for Mp4Encoder {
    fn push(&mut self, rgba: &[u8], frames: u32) -> Result<(), AnimateError> {
        let yuv = I420::from_rgba(rgba, self.width as usize, self.height as usize);
        {
            let ms = self.frames * 1000 / u64::from(self.fps);
            let stream = self
                .h264
                .encode_at(&yuv, openh264::Timestamp::from_millis(ms))
                .map_err(mp4_error)?
                .to_vec();
            let access = split_annex_b(&stream);
            if self.mp4.is_none() {
                match (access.sps.clone(), access.pps.clone()) {
                    (Some(sps), Some(pps)) => self.start(sps, pps)?,
                    _ => return Err(mp4_error("the first frame has no parameter sets")),
                }
            }
            if access.sample.is_empty() {
                return Err(mp4_error(format!("frame {} came out empty", self.frames)));
            }
            let sample = mp4::Mp4Sample {
                start_time: self.frames * 1000,
                duration: frames.max(1) * 1000,
                rendering_offset: 0,
                is_sync: access.keyframe,
                bytes: access.sample.into(),
            };
            self.mp4
                .as_mut()
                .ok_or_else(|| mp4_error("no container"))?
                .write_sample(1, &sample)
                .map_err(mp4_error)?;
            self.frames += u64::from(frames.max(1));
        }
        Ok(())
    }

    fn finish(self: Box<Self>) -> Result<Vec<u8>, AnimateError> {
        let mut w = self
            .mp4
            .ok_or_else(|| mp4_error("a film needs at least one frame"))?;
        w.write_end().map_err(mp4_error)?;
        Ok(w.into_writer().into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn annex_b_splits_into_parameter_sets_and_a_length_prefixed_sample() {
        let stream = [
            0, 0, 0, 1, 0x67, 1, 2, // SPS
            0, 0, 0, 1, 0x68, 3, // PPS
            0, 0, 1, 0x65, 9, 9, 9, // IDR slice
        ];
        let a = split_annex_b(&stream);
        assert_eq!(a.sps.as_deref(), Some(&[0x67, 1, 2][..]));
        assert_eq!(a.pps.as_deref(), Some(&[0x68, 3][..]));
        assert_eq!(a.sample, vec![0, 0, 0, 4, 0x65, 9, 9, 9]);
        assert!(a.keyframe);
    }
}
