//! Warnings about what would make a slide wrong or ugly, found by laying out every stage: a
//! link that could not be drawn clear of the rest, a link label with no room beside its line,
//! a label cut short, a component inside a group's box that it is not in, sibling groups that
//! overlap, and a stage so wide that its text is too small on a 1920×1080 slide.
//!
//! Each problem is reported once (at the first stage it shows in, with how many more stages),
//! pointing at the item to change.

use std::collections::BTreeMap;

mod text;

use crate::model::{Diagnostic, Diagram, Item, Pos, positions_of};
use crate::render::svg::{ExportOptions, placement_of};
use crate::scene::{StageLayout, layout_stage, style};

/// Smallest label size, in pixels on a 1920×1080 slide, that reads from the back row.
pub const MIN_SLIDE_TEXT_PX: f32 = 9.0;

/// One warning: what it is about, what is wrong (at its first stage) and what to do.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    /// The item the author should change.
    pub item: Item,
    /// The first stage it shows in.
    pub stage: usize,
    /// What is wrong, in plain words.
    pub message: String,
    /// What to move or change.
    pub hint: String,
    /// The character the problem is about, when it is one (diagnostics point at it).
    pub focus: Option<char>,
}

/// The kind of a problem, so one problem in many stages is reported once.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Unrouted,
    LabelRoom,
    Truncated,
    Intruder(usize),
    Overlap(usize),
    TooWide,
}

/// Every warning for `d`: text the fonts cannot draw as written, then what the layout of
/// each stage shows.
pub fn lint(d: &Diagram) -> Vec<Finding> {
    let layouts: Vec<StageLayout> = (0..d.stages.len()).map(|s| layout_stage(d, s)).collect();
    let mut found = text::findings(d);
    found.extend(lint_layouts(d, &layouts));
    found
}

/// Every warning for `d`, from its stages' layouts (`layouts[s]` is stage `s`).
pub fn lint_layouts(d: &Diagram, layouts: &[StageLayout]) -> Vec<Finding> {
    let mut found: BTreeMap<(Item, Kind), (Finding, usize)> = BTreeMap::new();
    for (s, l) in layouts.iter().enumerate() {
        for f in stage_findings(d, s, l) {
            let kind = f.1;
            found
                .entry((f.0.item, kind))
                .and_modify(|(_, more)| *more += 1)
                .or_insert((f.0, 0));
        }
    }
    found
        .into_values()
        .map(|(mut f, more)| {
            let stage = &d.stages[f.stage].id;
            f.message = if more == 0 {
                format!("{} (stage `{stage}`)", f.message)
            } else {
                format!(
                    "{} (stage `{stage}` and {more} more stage{})",
                    f.message,
                    if more == 1 { "" } else { "s" }
                )
            };
            f
        })
        .collect()
}

/// The warnings for `d` as diagnostics pointing into `src` (the text of `file`): those found
/// while reading it (custom icons), then the layout's.
pub fn warnings(d: &Diagram, src: &str, file: &str) -> Vec<Diagnostic> {
    let found = lint(d);
    let items: Vec<Item> = found.iter().map(|f| f.item).collect();
    let notices = d.notices.iter().cloned();
    notices
        .chain(
            found
                .into_iter()
                .zip(positions_of(src, &items))
                .map(|(f, pos)| {
                    let pos = f.focus.map_or(pos, |c| char_after(src, pos, c));
                    Diagnostic::warning(file, pos, f.message).with_hint(f.hint)
                }),
        )
        .collect()
}

/// Where `c` is first written in `src` at or after `from` (as itself or as a `\u{…}` escape);
/// `from` when it is not found.
fn char_after(src: &str, from: Pos, c: char) -> Pos {
    let escaped = format!("\\u{{{:x}}}", c as u32);
    for (line_no, line) in src.lines().enumerate().skip(from.line.saturating_sub(1)) {
        let skip = if line_no + 1 == from.line {
            from.col.saturating_sub(1)
        } else {
            0
        };
        let rest: String = line.chars().skip(skip).collect();
        let lower = rest.to_lowercase();
        let at = rest
            .char_indices()
            .position(|(_, ch)| ch == c)
            .or_else(|| lower.find(&escaped).map(|b| lower[..b].chars().count()));
        if let Some(col) = at {
            return Pos {
                line: line_no + 1,
                col: skip + col + 1,
            };
        }
    }
    from
}

#[expect(
    clippy::too_many_lines,
    reason = "one pass over a stage's layout collecting every kind of finding"
)]
fn stage_findings(d: &Diagram, s: usize, l: &StageLayout) -> Vec<(Finding, Kind)> {
    let mut out = Vec::new();
    let mut push = |item, kind, message: String, hint: &str| {
        out.push((
            Finding {
                item,
                stage: s,
                message,
                hint: hint.to_owned(),
                focus: None,
            },
            kind,
        ));
    };
    let name = |i: usize| d.components[i].id.as_str();
    for (i, r) in l.routes.iter() {
        let link = &d.links[i];
        if !r.clean {
            push(
                Item::Link(i),
                Kind::Unrouted,
                format!(
                    "the link `{}` → `{}` could not be drawn clear of other components and lines",
                    name(link.from),
                    name(link.to)
                ),
                "move the two components so a free row or column runs between them, or move \
                 what sits in between",
            );
        }
        if !r.label_fits {
            push(
                Item::Link(i),
                Kind::LabelRoom,
                format!(
                    "the label \"{}\" of `{}` → `{}` has no room beside its own line",
                    link.label,
                    name(link.from),
                    name(link.to)
                ),
                "give the link a longer free stretch (move its components apart) or shorten \
                 the label",
            );
        }
    }
    for n in l.components.values().filter(|n| n.truncated) {
        push(
            Item::Component(n.index),
            Kind::Truncated,
            format!(
                "the label of `{}` is cut short to fit its cell",
                name(n.index)
            ),
            "shorten it, break it with \\n, or widen the grid (`cell_width`)",
        );
    }
    for g in l.groups.values() {
        for n in l.components.values() {
            let inside = is_member(d, s, n.index, g.index);
            if !inside && g.rect.expand_by(-1.0).intersects(&n.rect) {
                push(
                    Item::Component(n.index),
                    Kind::Intruder(g.index),
                    format!(
                        "`{}` sits inside the box of group `{}`, which it is not in",
                        name(n.index),
                        d.groups[g.index].id
                    ),
                    "move it out of the group's cells, or put it in the group (`group`, `regroup`)",
                );
            }
        }
        for h in l.groups.values().filter(|h| h.index > g.index) {
            let siblings = d.groups[g.index].parent_at(s) == d.groups[h.index].parent_at(s);
            if siblings && g.rect.intersects(&h.rect) {
                push(
                    Item::Group(h.index),
                    Kind::Overlap(g.index),
                    format!(
                        "the boxes of groups `{}` and `{}` overlap",
                        d.groups[g.index].id, d.groups[h.index].id
                    ),
                    "leave a free column or row between the members of the two groups",
                );
            }
        }
    }
    let (w, h) = (l.bounds.width(), l.bounds.height());
    if w > 0.0 && h > 0.0 {
        // The export's fit: the whole stage on a 1920×1080 slide under its caption.
        let scale = placement_of(l.bounds, &ExportOptions::default()).scale;
        let px = style::LABEL_SIZE * scale * style::text_boost(scale, l.text_room);
        if px < MIN_SLIDE_TEXT_PX {
            push(
                Item::Stage(s),
                Kind::TooWide,
                format!(
                    "this stage is so large that its labels are {px:.1} px on a 1920×1080 slide"
                ),
                "split it into two stages, or move components closer together (fewer rows and \
                 columns)",
            );
        }
    }
    out
}

/// Whether component `c` is in group `g` at stage `s`, directly or through nested groups.
fn is_member(d: &Diagram, s: usize, c: usize, g: usize) -> bool {
    let mut cur = d.components[c].at[s].group;
    let mut steps = 0;
    while let Some(x) = cur {
        if x == g {
            return true;
        }
        cur = d.groups[x].parent_at(s);
        steps += 1;
        if steps > d.groups.len() {
            break;
        }
    }
    false
}
