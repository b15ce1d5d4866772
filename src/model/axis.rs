//! The slider axis: mapping between axis values (users) and slider positions, and number labels.

pub use super::format::{AxisFormat, Scale};

/// The quantity the slider sweeps, e.g. users from 1 to 20 million on a log scale.
#[derive(Clone, Debug, PartialEq)]
pub struct Axis {
    /// What is counted ("users").
    pub label: String,
    /// Smallest value on the slider.
    pub min: f64,
    /// Largest value on the slider.
    pub max: f64,
    /// Log or linear spacing.
    pub scale: Scale,
    /// How values are printed.
    pub format: AxisFormat,
    /// Whose way of writing numbers (from the diagram's `language`).
    pub numbers: Numbers,
}

/// Whose way of writing numbers an axis follows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Numbers {
    /// English: `10K`, `1 user` / `2 users`.
    #[default]
    English,
    /// Korean: ticks by 천/만/억 (`1만`, `100만`, `1000만`), the counter written on the number
    /// (`10,000명`), no plural.
    Korean,
    /// Any other language: `10K` ticks, the label as written (no English plural rule), the
    /// language's own marks (`1 000 utilisateurs`, `1.000 Nutzer`, `2,5K`).
    Other(NumberMarks),
}

impl Numbers {
    /// The style for a diagram `language` code.
    pub fn for_language(code: &str) -> Numbers {
        match code.split('-').next().unwrap_or("") {
            "en" => Numbers::English,
            "ko" => Numbers::Korean,
            _ => Numbers::Other(NumberMarks::for_language(code)),
        }
    }

    /// How numbers are written in this style.
    pub fn marks(self) -> NumberMarks {
        match self {
            Numbers::Other(marks) => marks,
            Numbers::English | Numbers::Korean => NumberMarks::ENGLISH,
        }
    }
}

/// How a language writes a number: the mark between groups of three digits and the decimal
/// mark. In French `1,000` reads as one, so a caption must say `1 000 utilisateurs`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NumberMarks {
    /// Between groups of three digits: `,` in English, a narrow no-break space in French.
    pub group: char,
    /// Before the fraction: `.` in English, `,` in most of Europe.
    pub decimal: char,
}

impl NumberMarks {
    /// `1,234.5`: English, Korean, Japanese, Chinese and most of Asia.
    pub const ENGLISH: NumberMarks = NumberMarks {
        group: ',',
        decimal: '.',
    };

    /// The marks of a language code (`fr`, `de-CH`, `pt-BR`), after the common usage
    /// (Unicode CLDR); languages not listed write numbers the English way.
    pub fn for_language(code: &str) -> NumberMarks {
        let code = code.to_ascii_lowercase();
        let mut parts = code.split(['-', '_']);
        let language = parts.next().unwrap_or("");
        let region = parts.next().unwrap_or("");
        let marks = |group, decimal| NumberMarks { group, decimal };
        match (language, region) {
            // Switzerland: 1’234.5 in German, French and Italian alike.
            ("de" | "fr" | "it" | "rm", "ch") => marks('’', '.'),
            // Spanish in the Americas north of Panama writes numbers the English way.
            ("es", "mx" | "us" | "gt" | "hn" | "sv" | "ni" | "pa" | "do" | "pr" | "cu") => {
                NumberMarks::ENGLISH
            }
            ("pt", "pt") => marks('\u{a0}', ','),
            ("fr", _) => marks('\u{202f}', ','),
            (
                "de" | "es" | "it" | "pt" | "nl" | "id" | "tr" | "da" | "el" | "ro" | "hr" | "sl"
                | "sr" | "vi" | "ca" | "gl" | "eu",
                _,
            ) => marks('.', ','),
            (
                "ru" | "uk" | "be" | "pl" | "cs" | "sk" | "sv" | "fi" | "nb" | "no" | "nn" | "bg"
                | "hu" | "lt" | "lv" | "et" | "kk",
                _,
            ) => marks('\u{a0}', ','),
            _ => NumberMarks::ENGLISH,
        }
    }
}

impl Axis {
    /// Slider position in 0..=1 for an axis value (clamped).
    pub fn fraction_of(&self, value: f64) -> f64 {
        let v = value.clamp(self.min, self.max);
        let f = match self.scale {
            Scale::Log => (v.ln() - self.min.ln()) / (self.max.ln() - self.min.ln()),
            Scale::Linear => (v - self.min) / (self.max - self.min),
        };
        if f.is_finite() {
            f.clamp(0.0, 1.0)
        } else {
            0.0
        }
    }

    /// Axis value at a slider position in 0..=1 (clamped).
    pub fn value_at(&self, fraction: f64) -> f64 {
        let f = if fraction.is_finite() {
            fraction.clamp(0.0, 1.0)
        } else {
            0.0
        };
        let v = match self.scale {
            Scale::Log => (self.min.ln() + f * (self.max.ln() - self.min.ln())).exp(),
            Scale::Linear => self.min + f * (self.max - self.min),
        };
        v.clamp(self.min, self.max)
    }

    /// Short label for ticks: `1`, `100`, `1K`, `500K`, `10M` (steps: `3`).
    pub fn short_label(&self, value: f64) -> String {
        match (self.format, self.numbers) {
            (AxisFormat::Number, Numbers::Korean) => korean_compact_number(value),
            (AxisFormat::Number, n) => compact_with(value, ENGLISH_UNITS, n.marks().decimal),
            (AxisFormat::Step, n) => grouped_number_with(value, n.marks()),
        }
    }

    /// Long label for the caption: `12,345 users`, `1 user`, `step 3`, `12.5 GB/day`.
    /// Values with a short fraction (a stage at 12.5) print as written; others are rounded.
    pub fn long_label(&self, value: f64) -> String {
        let n = readable_number_with(value, self.numbers.marks());
        match self.format {
            AxisFormat::Step => format!("{} {n}", self.label),
            AxisFormat::Number if self.numbers == Numbers::Korean => {
                // Korean writes a counter on the number ("10,000명"), a unit after a space.
                let counter = self.label.chars().next().is_some_and(is_hangul);
                if counter {
                    format!("{n}{}", self.label)
                } else {
                    format!("{n} {}", self.label)
                }
            }
            AxisFormat::Number if matches!(self.numbers, Numbers::Other(_)) => {
                format!("{n} {}", self.label)
            }
            AxisFormat::Number => {
                // "users" → "user" for exactly one; units like "GB/day" or "requests/s" stay.
                let one_word = self.label.chars().all(char::is_alphabetic) && self.label.len() > 1;
                let unit = if n == "1" && one_word {
                    self.label.trim_end_matches('s')
                } else {
                    self.label.as_str()
                };
                format!("{n} {unit}")
            }
        }
    }
}

/// A number as a presenter wrote it: `12.5`, `1,234.25`, `10,000`. A value with more than
/// three decimals (a slider between stages) is rounded: to a whole number from 10 up, else to
/// two decimals.
pub fn readable_number(value: f64) -> String {
    readable_number_with(value, NumberMarks::ENGLISH)
}

/// [`readable_number`] with a language's marks: `1 234,25` in French.
pub fn readable_number_with(value: f64, marks: NumberMarks) -> String {
    if !value.is_finite() {
        return value.to_string();
    }
    let thousandths = value * 1000.0;
    let short = (thousandths - thousandths.round()).abs() < 1e-6 + thousandths.abs() * 1e-12;
    let v = if short {
        thousandths.round() / 1000.0
    } else if value.abs() >= 10.0 {
        value.round()
    } else {
        (value * 100.0).round() / 100.0
    };
    let whole = grouped_number_with(v.trunc(), marks);
    let frac = format!("{:.3}", v.abs().fract());
    let frac = frac.trim_start_matches('0').trim_end_matches('0');
    let sign = if v < 0.0 && v.trunc() == 0.0 && frac.len() > 1 {
        "-"
    } else {
        ""
    };
    if frac.len() > 1 {
        let digits = &frac[1..];
        format!("{sign}{whole}{}{digits}", marks.decimal)
    } else {
        whole
    }
}

/// `1234567` → `1,234,567` (rounded to an integer).
pub fn grouped_number(value: f64) -> String {
    grouped_number_with(value, NumberMarks::ENGLISH)
}

/// [`grouped_number`] with a language's group mark: `1 234 567` in French.
pub fn grouped_number_with(value: f64, marks: NumberMarks) -> String {
    let n = value.round().abs().min(1e18) as u64;
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(marks.group);
        }
        out.push(c);
    }
    if value < 0.0 && n != 0 {
        format!("-{out}")
    } else {
        out
    }
}

fn is_hangul(c: char) -> bool {
    matches!(c as u32, 0xAC00..=0xD7A3 | 0x1100..=0x11FF | 0x3130..=0x318F)
}

/// Korean tick labels, grouped by 천 (10³), 만 (10⁴) and 억 (10⁸): `1천`, `1만`, `50만`,
/// `1000만`, `1.5억`; below 1,000 the number itself.
pub fn korean_compact_number(value: f64) -> String {
    compact_with(value, &[(1e8, "억"), (1e4, "만"), (1e3, "천")], '.')
}

/// `1500` → `1.5K`, `10000000` → `10M`, `12` → `12`.
pub fn compact_number(value: f64) -> String {
    compact_with(value, ENGLISH_UNITS, '.')
}

/// Thousands, millions and billions as tick labels write them.
const ENGLISH_UNITS: &[(f64, &str)] = &[(1e9, "B"), (1e6, "M"), (1e3, "K")];

/// `value` in the largest of `units` (biggest first) it reaches, to one decimal at most,
/// written with `decimal` as its decimal mark.
fn compact_with(value: f64, units: &[(f64, &str)], decimal: char) -> String {
    let (scaled, suffix) = units
        .iter()
        .find(|(size, _)| value.abs() >= *size)
        .map_or((value, ""), |&(size, suffix)| (value / size, suffix));
    let rounded = (scaled * 10.0).round() / 10.0;
    if (rounded - rounded.round()).abs() < 1e-9 {
        format!("{}{suffix}", rounded.round() as i64)
    } else {
        format!("{rounded:.1}{suffix}").replacen('.', &decimal.to_string(), 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn users() -> Axis {
        Axis {
            label: "users".into(),
            min: 1.0,
            max: 1e7,
            scale: Scale::Log,
            format: AxisFormat::Number,
            numbers: Numbers::English,
        }
    }

    #[test]
    fn log_axis_round_trips_and_spaces_decades_evenly() {
        let a = users();
        for v in [1.0, 2.0, 100.0, 12_345.0, 1e6, 1e7] {
            let back = a.value_at(a.fraction_of(v));
            assert!((back - v).abs() / v < 1e-9, "{v} -> {back}");
        }
        assert!((a.fraction_of(1e3) - 3.0 / 7.0).abs() < 1e-12);
        assert_eq!(a.fraction_of(0.0), 0.0);
        assert_eq!(a.fraction_of(1e12), 1.0);
    }

    #[test]
    fn linear_axis_round_trips() {
        let a = Axis {
            label: "step".into(),
            min: 0.0,
            max: 4.0,
            scale: Scale::Linear,
            format: AxisFormat::Step,
            numbers: Numbers::English,
        };
        assert_eq!(a.fraction_of(1.0), 0.25);
        assert_eq!(a.value_at(0.75), 3.0);
        assert_eq!(a.value_at(f64::NAN), 0.0);
    }

    #[test]
    fn numbers_print_like_a_presenter_says_them() {
        assert_eq!(compact_number(1.0), "1");
        assert_eq!(compact_number(1000.0), "1K");
        assert_eq!(compact_number(500_000.0), "500K");
        assert_eq!(compact_number(1_500_000.0), "1.5M");
        assert_eq!(compact_number(10_000_000.0), "10M");
        assert_eq!(grouped_number(1_234_567.4), "1,234,567");
        assert_eq!(grouped_number(999.0), "999");
        assert_eq!(users().long_label(1.0), "1 user");
        assert_eq!(users().long_label(10_000.0), "10,000 users");
        assert_eq!(users().long_label(12.5), "12.5 users");
        assert_eq!(users().long_label(3_162.277_660_168_379_5), "3,162 users");
        assert_eq!(readable_number(1_234.25), "1,234.25");
        assert_eq!(readable_number(2.345_67), "2.35");
        assert_eq!(readable_number(-0.5), "-0.5");
        assert_eq!(readable_number(0.999_999_9), "1");
    }

    #[test]
    fn numbers_follow_the_diagrams_language() {
        let axis = |code: &str, label: &str| Axis {
            numbers: Numbers::for_language(code),
            label: label.into(),
            ..users()
        };
        let fr = axis("fr", "utilisateurs");
        // In French `1,000` would read as one: groups are set apart by a narrow no-break space.
        assert_eq!(fr.long_label(1000.0), "1\u{202f}000 utilisateurs");
        assert_eq!(fr.long_label(12.5), "12,5 utilisateurs");
        assert_eq!(fr.short_label(1500.0), "1,5K");
        assert_eq!(axis("de", "Nutzer").long_label(1e6), "1.000.000 Nutzer");
        assert_eq!(axis("de-CH", "Nutzer").long_label(1e6), "1’000’000 Nutzer");
        assert_eq!(
            axis("fr-CA", "usagers").long_label(2e4),
            "20\u{202f}000 usagers"
        );
        assert_eq!(axis("pl", "osób").long_label(2e4), "20\u{a0}000 osób");
        assert_eq!(axis("es-MX", "usuarios").long_label(2e4), "20,000 usuarios");
        assert_eq!(axis("ja", "人").long_label(2e4), "20,000 人");
        // English and Korean are unchanged.
        assert_eq!(axis("en", "users").long_label(1234.5), "1,234.5 users");
        assert_eq!(readable_number(1234.25), "1,234.25");
    }

    #[test]
    fn other_axes_print_their_own_units() {
        let steps = Axis {
            label: "step".into(),
            min: 1.0,
            max: 5.0,
            scale: Scale::Linear,
            format: AxisFormat::Step,
            numbers: Numbers::English,
        };
        assert_eq!(steps.long_label(3.0), "step 3");
        assert_eq!(steps.short_label(3.0), "3");
        let data = Axis {
            label: "GB/day".into(),
            min: 1.0,
            max: 1e4,
            scale: Scale::Log,
            format: AxisFormat::Number,
            numbers: Numbers::English,
        };
        assert_eq!(data.long_label(1.0), "1 GB/day");
        assert_eq!(data.short_label(5000.0), "5K");
        let rps = Axis {
            label: "requests/s".into(),
            min: 1.0,
            max: 1e6,
            scale: Scale::Log,
            format: AxisFormat::Number,
            numbers: Numbers::English,
        };
        assert_eq!(rps.long_label(1.0), "1 requests/s");
    }
}
