//! Warnings about text the fonts cannot draw as written: a letter no bundled or installed font
//! has (drawn as a box `□`), and scripts that scaleview draws without their shaping (Arabic
//! letters unjoined, Indic vowel signs and conjuncts unformed) — the same on screen and in every
//! export, but not how a native reader writes them.

use std::collections::BTreeSet;

use super::Finding;
use crate::model::{Diagram, Item};
use crate::scene::text;

/// A script drawn letter by letter though it needs shaping.
fn unshaped_script(c: char) -> Option<&'static str> {
    Some(match c as u32 {
        0x0600..=0x06FF | 0x0750..=0x077F | 0x08A0..=0x08FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => {
            "Arabic"
        }
        0x0700..=0x074F => "Syriac",
        0x0780..=0x07BF => "Thaana",
        0x07C0..=0x07FF => "N'Ko",
        0x0900..=0x097F => "Devanagari",
        0x0980..=0x09FF => "Bengali",
        0x0A00..=0x0A7F => "Gurmukhi",
        0x0A80..=0x0AFF => "Gujarati",
        0x0B00..=0x0B7F => "Oriya",
        0x0B80..=0x0BFF => "Tamil",
        0x0C00..=0x0C7F => "Telugu",
        0x0C80..=0x0CFF => "Kannada",
        0x0D00..=0x0D7F => "Malayalam",
        0x0D80..=0x0DFF => "Sinhala",
        0x0E00..=0x0E7F => "Thai",
        0x0E80..=0x0EFF => "Lao",
        0x0F00..=0x0FFF => "Tibetan",
        0x1000..=0x109F => "Myanmar",
        0x1780..=0x17FF => "Khmer",
        _ => return None,
    })
}

/// Every drawn text of `d` with the item it belongs to and what it is, in file order.
fn texts(d: &Diagram) -> Vec<(Item, &'static str, String)> {
    let mut out = vec![(Item::Title, "the title", d.title.clone())];
    out.push((Item::Axis, "the axis label", d.axis.label.clone()));
    for (i, s) in d.stages.iter().enumerate() {
        out.push((Item::Stage(i), "the title of stage", s.title.clone()));
        out.push((Item::Stage(i), "the notes of stage", s.notes.clone()));
    }
    for (i, g) in d.groups.iter().enumerate() {
        out.push((Item::Group(i), "the label of group", g.label.clone()));
        out.push((Item::Group(i), "the notes of group", g.notes.clone()));
    }
    for (i, c) in d.components.iter().enumerate() {
        let labels: BTreeSet<&str> = c.at.iter().map(|a| &*a.label).collect();
        for l in labels {
            out.push((Item::Component(i), "the label of component", l.to_owned()));
        }
        out.push((
            Item::Component(i),
            "the notes of component",
            c.notes.clone(),
        ));
    }
    for (i, l) in d.links.iter().enumerate() {
        out.push((Item::Link(i), "the label of link", l.label.clone()));
    }
    out
}

/// The name an item goes by in a message: "`web`", "`users` → `web`", or nothing.
fn item_name(d: &Diagram, item: Item) -> String {
    match item {
        Item::Title | Item::Axis => String::new(),
        Item::Stage(i) => format!(" `{}`", d.stages[i].id),
        Item::Group(i) => format!(" `{}`", d.groups[i].id),
        Item::Component(i) => format!(" `{}`", d.components[i].id),
        Item::Link(i) => format!(
            " `{}` → `{}`",
            d.components[d.links[i].from].id, d.components[d.links[i].to].id
        ),
    }
}

/// One warning per text with letters nothing can draw, and one per text in a script drawn
/// without shaping. The character that caused it is in [`Finding::focus`].
pub fn findings(d: &Diagram) -> Vec<Finding> {
    let mut out = Vec::new();
    for (item, what, content) in texts(d) {
        let missing: Vec<char> = content
            .chars()
            .filter(|c| !c.is_whitespace() && !text::has_glyph(*c))
            .collect::<BTreeSet<char>>()
            .into_iter()
            .collect();
        if let Some(&first) = missing.first() {
            let list: Vec<String> = missing
                .iter()
                .map(|c| format!("{} (U+{:04X})", printable(*c), *c as u32))
                .collect();
            out.push(Finding {
                item,
                stage: 0,
                message: format!(
                    "{what}{} has {} that no bundled or installed font can draw: {}; {} shown as \
                     a box □",
                    item_name(d, item),
                    if missing.len() == 1 {
                        "a character"
                    } else {
                        "characters"
                    },
                    list.join(", "),
                    if missing.len() == 1 {
                        "it is"
                    } else {
                        "they are"
                    },
                ),
                hint: "install a font that has it (on Linux, e.g. the fonts-noto package), \
                       or write the text without it"
                    .into(),
                focus: Some(first),
            });
        }
        let script = content
            .chars()
            .find_map(|c| unshaped_script(c).map(|s| (c, s)));
        if let Some((c, script)) = script {
            let (how, hint) = if text::is_right_to_left(c) {
                (
                    "right to left in reading order but with its letters unjoined",
                    "this is how it looks on screen and in every export alike; for joined \
                     letters, put the text in the notes or an image",
                )
            } else {
                (
                    "letter by letter, without the vowel signs and conjuncts it forms",
                    "this is how it looks on screen and in every export alike; for proper \
                     shaping, put the text in the notes or an image",
                )
            };
            out.push(Finding {
                item,
                stage: 0,
                message: format!(
                    "{what}{} is in the {script} script, which scaleview draws {how}",
                    item_name(d, item)
                ),
                hint: hint.into(),
                focus: Some(c),
            });
        }
    }
    out
}

/// `c` as it can be quoted in a message: itself in quotes, or nothing for a control character.
fn printable(c: char) -> String {
    if c.is_control() {
        "a control character".into()
    } else {
        format!("'{c}'")
    }
}
