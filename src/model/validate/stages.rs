//! The diagram's frame: the format version's axis, the language, the grid and the stages.

use std::collections::HashMap;

use super::super::axis::{Axis, Scale};
use super::super::diagram::{Grid, Stage};
use super::super::format::RawDiagram;
use super::super::source_map::Seg;
use super::{Checker, check_id};

pub(super) fn check_axis(ck: &mut Checker, raw: &RawDiagram) -> Axis {
    let a = &raw.axis;
    let path = |f| [Seg::Field("axis"), Seg::Field(f)];
    if !a.min.is_finite() || !a.max.is_finite() || a.max.abs() > 1e15 || a.min.abs() > 1e15 {
        ck.error(&path("max"), "the axis range must be ordinary numbers")
            .hint("use values below 1e15");
    } else if a.min >= a.max {
        ck.error(
            &path("max"),
            format!(
                "the axis maximum ({}) must be larger than its minimum ({})",
                a.max, a.min
            ),
        )
        .hint("swap them or raise `max`");
    } else if a.scale == Scale::Log && a.min <= 0.0 {
        ck.error(&path("min"), "a logarithmic axis must start above zero")
            .hint("use `min: 1`, or `scale: Linear` to start at 0");
    }
    let ok_code = raw.language.is_empty()
        || (raw.language.len() <= 16
            && raw.language.split('-').all(|part| {
                !part.is_empty()
                    && part.len() <= 8
                    && part.chars().all(|c| c.is_ascii_alphanumeric())
            }));
    if !ok_code {
        ck.error(
            &[Seg::Field("language")],
            format!("`{}` is not a language code", raw.language),
        )
        .hint("write a code such as \"en\", \"ko\" or \"fr\"");
    }
    Axis {
        label: a.label.clone(),
        min: a.min,
        max: a.max,
        scale: a.scale,
        format: a.format,
        numbers: super::super::axis::Numbers::for_language(&language_code(&raw.language)),
    }
}

/// The diagram's language code, lower case, `en` when none is given.
pub(super) fn language_code(raw: &str) -> String {
    if raw.is_empty() {
        "en".into()
    } else {
        raw.to_ascii_lowercase()
    }
}

pub(super) fn check_grid(ck: &mut Checker, raw: &RawDiagram) -> Grid {
    let g = &raw.grid;
    for (name, v) in [("cell_width", g.cell_width), ("cell_height", g.cell_height)] {
        if !(v.is_finite() && (40.0..=2000.0).contains(&v)) {
            ck.error(
                &[Seg::Field("grid"), Seg::Field(name)],
                format!("`{name}` is {v}, outside 40 to 2000"),
            )
            .hint("cells are sized in pixels at 100 % zoom; 200 × 150 is the default");
        }
    }
    Grid {
        cell_width: g.cell_width.clamp(40.0, 2000.0),
        cell_height: g.cell_height.clamp(40.0, 2000.0),
    }
}

pub(super) fn check_stages(ck: &mut Checker, raw: &RawDiagram, axis: &Axis) -> Vec<Stage> {
    if raw.stages.is_empty() {
        ck.error(&[Seg::Field("stages")], "the diagram has no stages")
            .hint("add at least one `Stage(id: \"start\", at: 1, title: \"1 user\")`");
    }
    for (i, s) in raw.stages.iter().enumerate() {
        let path = |f| [Seg::Field("stages"), Seg::Index(i), Seg::Field(f)];
        check_id(ck, &path("id"), &s.id, "stage");
        if !s.at.is_finite() {
            ck.error(&path("at"), "a stage must start at an ordinary number");
        } else if i == 0 && s.at != axis.min {
            ck.error(
                &path("at"),
                format!(
                    "the first stage starts at {}, but the axis starts at {}",
                    s.at, axis.min
                ),
            )
            .hint(format!(
                "write `at: {}` or set `axis: (min: {})`",
                axis.min, s.at
            ));
        } else if i > 0 && raw.stages[i - 1].at.is_finite() && s.at <= raw.stages[i - 1].at {
            ck.error(
                &path("at"),
                format!(
                    "stage `{}` starts at {}, not after the stage before it (`{}` at {})",
                    s.id,
                    s.at,
                    raw.stages[i - 1].id,
                    raw.stages[i - 1].at
                ),
            )
            .hint(
                "list stages in increasing order of `at`; each must start later than the one \
                      before",
            );
        } else if s.at > axis.max {
            ck.error(
                &path("at"),
                format!(
                    "stage `{}` starts at {}, past the end of the axis ({})",
                    s.id, s.at, axis.max
                ),
            )
            .hint("raise `axis.max`");
        }
    }
    raw.stages
        .iter()
        .map(|s| Stage {
            metrics: s.metrics.0.clone(),
            id: s.id.clone(),
            at: s.at,
            title: s.title.clone(),
            notes: s.notes.clone(),
        })
        .collect()
}

/// Report stage ids used twice; true if there were any. The hint names the stage ids that
/// the rest of the file refers to but no stage has: most often the id the copy was meant to get.
pub(super) fn report_duplicate_stages(ck: &mut Checker, raw: &RawDiagram, ids: &[&str]) -> bool {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    let mut dups = Vec::new();
    for (i, id) in ids.iter().enumerate() {
        if let Some(first) = seen.insert(id, i) {
            seen.insert(id, first);
            dups.push((i, first));
        }
    }
    if dups.is_empty() {
        return false;
    }
    let mut unknown: Vec<&str> = stage_references(raw)
        .filter(|r| !seen.contains_key(r))
        .collect();
    unknown.sort_unstable();
    unknown.dedup();
    for (i, first) in dups {
        let mut hint = format!(
            "stage {} already uses it; give each stage its own id",
            first + 1
        );
        if !unknown.is_empty() {
            let list: Vec<String> = unknown.iter().take(4).map(|u| format!("`{u}`")).collect();
            hint.push_str(&format!(
                " (the file refers to {}, which no stage has yet)",
                list.join(", ")
            ));
        }
        ck.error(
            &[Seg::Field("stages"), Seg::Index(i), Seg::Field("id")],
            format!("stage id `{}` is used twice", ids[i]),
        )
        .hint(hint);
    }
    true
}

/// Every stage name the groups, components and links refer to.
fn stage_references(raw: &RawDiagram) -> impl Iterator<Item = &str> {
    let groups = raw.groups.iter().flat_map(|g| {
        [g.appears.as_deref(), g.retires.as_deref()]
            .into_iter()
            .chain(g.reparent.keys().map(|k| Some(k.as_str())))
    });
    let components = raw.components.iter().flat_map(|c| {
        [c.appears.as_deref(), c.retires.as_deref()]
            .into_iter()
            .chain(c.moves.keys().map(|k| Some(k.as_str())))
            .chain(c.regroup.keys().map(|k| Some(k.as_str())))
            .chain(c.relabel.keys().map(|k| Some(k.as_str())))
    });
    let links = raw
        .links
        .iter()
        .flat_map(|l| [l.appears.as_deref(), l.retires.as_deref()]);
    groups.chain(components).chain(links).flatten()
}
