//! RGB → YUV 4:2:0 (BT.709, limited range), the colour form H.264 encodes and every player
//! expects for HD video. Integer arithmetic, one pass; chroma from each 2×2 block's average.

/// A picture in I420 planes: full-size luma, quarter-size chroma.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct I420 {
    /// Width in pixels (even).
    pub width: usize,
    /// Height in pixels (even).
    pub height: usize,
    /// Luma, `width × height`.
    pub y: Vec<u8>,
    /// Blue-difference chroma, `width/2 × height/2`.
    pub u: Vec<u8>,
    /// Red-difference chroma, `width/2 × height/2`.
    pub v: Vec<u8>,
}

/// Luma of one pixel (BT.709 limited range, 16..=235).
pub fn luma(r: u8, g: u8, b: u8) -> u8 {
    let (r, g, b) = (i32::from(r), i32::from(g), i32::from(b));
    ((47 * r + 157 * g + 16 * b + 128) / 256 + 16) as u8
}

/// Chroma of one (averaged) pixel (BT.709 limited range, 16..=240).
fn chroma(r: i32, g: i32, b: i32) -> (u8, u8) {
    let u = (-26 * r - 86 * g + 112 * b + 128).div_euclid(256) + 128;
    let v = (112 * r - 102 * g - 10 * b + 128).div_euclid(256) + 128;
    (u.clamp(16, 240) as u8, v.clamp(16, 240) as u8)
}

impl I420 {
    /// Convert opaque RGBA pixels (`width × height × 4` bytes; alpha ignored) of even size.
    pub fn from_rgba(rgba: &[u8], width: usize, height: usize) -> I420 {
        let (cw, ch) = (width / 2, height / 2);
        let mut out = I420 {
            width,
            height,
            y: vec![0; width * height],
            u: vec![0; cw * ch],
            v: vec![0; cw * ch],
        };
        for (i, px) in rgba.chunks_exact(4).take(width * height).enumerate() {
            out.y[i] = luma(px[0], px[1], px[2]);
        }
        for cy in 0..ch {
            for cx in 0..cw {
                let mut sum = [0i32; 3];
                for (dx, dy) in [(0, 0), (1, 0), (0, 1), (1, 1)] {
                    let p = ((2 * cy + dy) * width + 2 * cx + dx) * 4;
                    for (s, c) in sum.iter_mut().zip(&rgba[p..p + 3]) {
                        *s += i32::from(*c);
                    }
                }
                let (u, v) = chroma((sum[0] + 2) / 4, (sum[1] + 2) / 4, (sum[2] + 2) / 4);
                out.u[cy * cw + cx] = u;
                out.v[cy * cw + cx] = v;
            }
        }
        out
    }
}

impl openh264::formats::YUVSource for I420 {
    fn dimensions(&self) -> (usize, usize) {
        (self.width, self.height)
    }
    fn strides(&self) -> (usize, usize, usize) {
        (self.width, self.width / 2, self.width / 2)
    }
    fn y(&self) -> &[u8] {
        &self.y
    }
    fn u(&self) -> &[u8] {
        &self.u
    }
    fn v(&self) -> &[u8] {
        &self.v
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn black_white_and_grey_land_on_the_limited_range() {
        assert_eq!(luma(0, 0, 0), 16);
        assert_eq!(luma(255, 255, 255), 235);
        assert_eq!(chroma(128, 128, 128), (128, 128));
        assert_eq!(chroma(255, 255, 255), (128, 128));
        // Pure blue has the most blue-difference, pure red the most red-difference.
        assert!(chroma(0, 0, 255).0 > 230);
        assert!(chroma(255, 0, 0).1 > 230);
    }

    #[test]
    fn planes_have_the_right_sizes_and_values() {
        let rgba: Vec<u8> = [255u8, 255, 255, 255].repeat(4 * 2);
        let p = I420::from_rgba(&rgba, 4, 2);
        assert_eq!((p.y.len(), p.u.len(), p.v.len()), (8, 2, 2));
        assert!(p.y.iter().all(|y| *y == 235));
        assert!(p.u.iter().chain(&p.v).all(|c| *c == 128));
    }
}
