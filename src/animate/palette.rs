//! A GIF palette made of the diagram's own colours, and the mapping of pixels onto it.
//!
//! Flat fills (background, group tints, text, icon colours) are the most frequent colours of
//! the stages' pictures and enter the palette exactly; the remaining entries go to the most
//! frequent anti-aliasing shades, skipping near-duplicates so they spread over the gradients.
//! Pixels map to their nearest entry with no dithering, so flat areas stay clean.

use std::collections::HashMap;

/// Colours in a GIF palette at most.
pub const MAX_COLOURS: usize = 256;

/// An indexed-colour palette with a memo of nearest entries.
pub struct Palette {
    colours: Vec<[u8; 3]>,
    /// Index of the transparent entry, if the film is transparent.
    transparent: Option<u8>,
    memo: HashMap<u32, u8>,
}

/// Squared distance between two colours, green weighted most (as the eye does).
fn distance(a: [u8; 3], b: [u8; 3]) -> u32 {
    let d = |i: usize, w: u32| {
        let x = u32::from(a[i].abs_diff(b[i]));
        x * x * w
    };
    d(0, 3) + d(1, 4) + d(2, 2)
}

impl Palette {
    /// A palette for pictures like `samples` (straight RGBA); one entry is kept for
    /// transparency when `transparent`.
    pub fn from_samples(samples: &[Vec<u8>], transparent: bool) -> Palette {
        let mut counts: HashMap<[u8; 3], u64> = HashMap::new();
        for rgba in samples {
            for px in rgba.chunks_exact(4) {
                if !transparent || px[3] >= 128 {
                    *counts.entry([px[0], px[1], px[2]]).or_insert(0) += 1;
                }
            }
        }
        let mut by_count: Vec<([u8; 3], u64)> = counts.into_iter().collect();
        // Most frequent first; ties broken by colour, so the same pictures give the same file.
        by_count.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let room = MAX_COLOURS - usize::from(transparent);
        let mut colours: Vec<[u8; 3]> = Vec::with_capacity(room);
        // Pass 1 keeps colours that are far from the chosen ones; pass 2 fills what is left.
        for min_distance in [1200, 0] {
            for (c, _) in &by_count {
                if colours.len() == room {
                    break;
                }
                if colours
                    .iter()
                    .all(|k| distance(*k, *c) > min_distance && k != c)
                {
                    colours.push(*c);
                }
            }
        }
        if colours.is_empty() {
            colours.push([0, 0, 0]);
        }
        let transparent_index = transparent.then(|| {
            colours.push([0, 0, 0]);
            (colours.len() - 1) as u8
        });
        Palette {
            colours,
            transparent: transparent_index,
            memo: HashMap::new(),
        }
    }

    /// The palette as GIF wants it: `r, g, b` triples.
    pub fn rgb_bytes(&self) -> Vec<u8> {
        self.colours.iter().flatten().copied().collect()
    }

    /// The transparent entry, if any.
    pub fn transparent(&self) -> Option<u8> {
        self.transparent
    }

    /// The entry for one straight RGBA pixel.
    pub fn index(&mut self, px: &[u8]) -> u8 {
        if let Some(t) = self.transparent
            && px[3] < 128
        {
            return t;
        }
        let key = u32::from_le_bytes([px[0], px[1], px[2], 0]);
        if let Some(i) = self.memo.get(&key) {
            return *i;
        }
        let c = [px[0], px[1], px[2]];
        let searchable = self.colours.len() - usize::from(self.transparent.is_some());
        let best = (0..searchable)
            .min_by_key(|i| distance(self.colours[*i], c))
            .unwrap_or(0) as u8;
        self.memo.insert(key, best);
        best
    }

    /// A whole picture as palette indices.
    pub fn map(&mut self, rgba: &[u8]) -> Vec<u8> {
        // Runs of one colour are the rule in a diagram: look each run up once.
        let mut last: Option<([u8; 4], u8)> = None;
        rgba.chunks_exact(4)
            .map(|px| {
                let px = [px[0], px[1], px[2], px[3]];
                match last {
                    Some((p, i)) if p == px => i,
                    _ => {
                        let i = self.index(&px);
                        last = Some((px, i));
                        i
                    }
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frequent_flat_colours_are_kept_exactly() {
        // A picture of a flat background, a flat box and a thin gradient edge.
        let mut rgba = Vec::new();
        for i in 0..10_000u32 {
            let c = match i % 100 {
                0..=59 => [250, 250, 247],
                60..=89 => [35, 47, 62],
                k => [(k * 20) as u8, 100, 200],
            };
            rgba.extend_from_slice(&[c[0], c[1], c[2], 255]);
        }
        let mut p = Palette::from_samples(&[rgba.clone()], false);
        let bytes = p.rgb_bytes();
        for c in [[250u8, 250, 247], [35, 47, 62]] {
            let i = usize::from(p.index(&[c[0], c[1], c[2], 255]));
            assert_eq!(&bytes[i * 3..i * 3 + 3], &c, "flat colour not exact");
        }
        assert!(p.transparent().is_none());
    }

    #[test]
    fn transparency_has_its_own_entry() {
        let rgba = vec![10, 20, 30, 255, 0, 0, 0, 0];
        let mut p = Palette::from_samples(&[rgba], true);
        assert_eq!(p.index(&[0, 0, 0, 0]), p.transparent().expect("entry"));
        assert_ne!(p.index(&[10, 20, 30, 255]), p.transparent().expect("entry"));
    }
}
