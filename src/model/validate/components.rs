//! Components: ids, lifetimes, cells, groups and labels at every stage, flow shares, legend
//! names, and no two in one cell.

use std::collections::{HashMap, HashSet};

use super::super::diagram::{Component, ComponentAt, Group, Lifetime};
use super::super::format::{RawComponent, RawDiagram};
use super::super::source_map::Seg;
use super::{Checker, Ids, MAX_CELL, StageRefs, check_id, check_in_life};

/// Check every component and spell out its cell, group and label at every stage.
pub(super) fn check_components(
    ck: &mut Checker,
    raw: &RawDiagram,
    refs: &StageRefs,
    groups: &[Group],
) -> Vec<Component> {
    let group_ids = Ids::new("group", groups.iter().map(|g| g.id.as_str()).collect());
    let mut seen: HashMap<&str, usize> = HashMap::new();
    let mut out = Vec::with_capacity(raw.components.len());
    for (i, c) in raw.components.iter().enumerate() {
        let base = [Seg::Field("components"), Seg::Index(i)];
        let id = [base[0], base[1], Seg::Field("id")];
        check_id(ck, &id, &c.id, "component");
        if seen.insert(c.id.as_str(), i).is_some() {
            ck.error(&id, format!("component id `{}` is used twice", c.id))
                .hint("give each component its own id");
        } else if group_ids.get(&c.id).is_some() {
            ck.error(&id, format!("`{}` is already the id of a group", c.id))
                .hint("components and groups need different ids");
        }
        let life = refs.lifetime(ck, &base, c.appears.as_deref(), c.retires.as_deref());
        let at = stages_of(ck, c, i, life, refs, &group_ids);
        check_groups_present(ck, c, i, &at, life, refs, groups);
        out.push(Component {
            id: c.id.clone(),
            kind: c.kind,
            legend: legend_name(raw, c),
            icon_path: c.icon.clone(),
            icon: None,
            notes: c.notes.clone(),
            cost: c.cost.clone(),
            share: share(ck, c, i),
            life,
            at,
        });
    }
    out
}

/// Its cell, group and label at every stage: `cell`, `group` and `label` from the stage it
/// appears, changed by `moves`, `regroup` and `relabel` from the stages they name on.
fn stages_of(
    ck: &mut Checker,
    c: &RawComponent,
    i: usize,
    life: Lifetime,
    refs: &StageRefs,
    group_ids: &Ids,
) -> Vec<ComponentAt> {
    let base = [Seg::Field("components"), Seg::Index(i)];
    // `""` is no group (`regroup: { "b": "" }` takes a component out of its group).
    let resolve_group = |ck: &mut Checker, path: &[Seg], name: &str| {
        (!name.is_empty())
            .then(|| group_ids.resolve(ck, path, name))
            .flatten()
    };
    let first_group = c
        .group
        .as_deref()
        .and_then(|g| resolve_group(ck, &[base[0], base[1], Seg::Field("group")], g));
    check_cell(ck, &[base[0], base[1], Seg::Field("cell")], c.cell);
    // A per-stage map of the file, resolved to stage indices (each key once checked).
    let changes = |field: &'static str, ck: &mut Checker| -> Vec<(usize, &str)> {
        let keys: Vec<&String> = match field {
            "moves" => c.moves.keys().collect(),
            "regroup" => c.regroup.keys().collect(),
            _ => c.relabel.keys().collect(),
        };
        keys.into_iter()
            .filter_map(|key| {
                let path = [base[0], base[1], Seg::Field(field), Seg::Key(key)];
                let s = refs.resolve_key(ck, &path, key)?;
                check_in_life(ck, &path, life, s, refs, field, "component");
                Some((s, key.as_str()))
            })
            .collect()
    };
    let moves: HashMap<usize, (f32, f32)> = changes("moves", ck)
        .into_iter()
        .map(|(s, key)| {
            let cell = c.moves[key];
            check_cell(
                ck,
                &[base[0], base[1], Seg::Field("moves"), Seg::Key(key)],
                cell,
            );
            (s, cell)
        })
        .collect();
    let regroup: HashMap<usize, Option<usize>> = changes("regroup", ck)
        .into_iter()
        .map(|(s, key)| {
            let path = [base[0], base[1], Seg::Field("regroup"), Seg::Key(key)];
            (s, resolve_group(ck, &path, &c.regroup[key]))
        })
        .collect();
    let relabel: HashMap<usize, &str> = changes("relabel", ck)
        .into_iter()
        .map(|(s, key)| (s, c.relabel[key].as_str()))
        .collect();
    let base_label = if c.label.trim().is_empty() {
        c.kind.display_name()
    } else {
        c.label.as_str()
    };
    let mut cur = ComponentAt {
        cell: c.cell,
        group: first_group,
        label: std::sync::Arc::from(base_label),
    };
    let mut at = Vec::with_capacity(refs.ids.len().max(1));
    for s in 0..refs.ids.len().max(1) {
        // Changes keyed at or before a stage apply from that stage on.
        if s >= life.appears {
            if let Some(cell) = moves.get(&s) {
                cur.cell = *cell;
            }
            if let Some(g) = regroup.get(&s) {
                cur.group = *g;
            }
            if let Some(l) = relabel.get(&s) {
                cur.label = std::sync::Arc::from(*l);
            }
        }
        at.push(cur.clone());
    }
    at
}

/// A component may only be inside a group while the group exists; reported at the `group`
/// or `regroup` entry in force.
fn check_groups_present(
    ck: &mut Checker,
    c: &RawComponent,
    i: usize,
    at: &[ComponentAt],
    life: Lifetime,
    refs: &StageRefs,
    groups: &[Group],
) {
    let Some((s, g)) = (0..at.len()).filter(|s| life.contains(*s)).find_map(|s| {
        at[s]
            .group
            .filter(|g| !groups[*g].life.contains(s))
            .map(|g| (s, g))
    }) else {
        return;
    };
    let base = [Seg::Field("components"), Seg::Index(i)];
    let in_force = c
        .regroup
        .keys()
        .filter(|k| refs.names.get(k).is_some_and(|k| k <= s))
        .max_by_key(|k| refs.names.get(k));
    let path = match in_force {
        Some(k) => vec![base[0], base[1], Seg::Field("regroup"), Seg::Key(k)],
        None => vec![base[0], base[1], Seg::Field("group")],
    };
    ck.error(
        &path,
        format!(
            "component `{}` is in group `{}` at stage `{}`, but that group is not present then",
            c.id, groups[g].id, refs.ids[s]
        ),
    )
    .hint("change the group's `appears`/`retires`, or move the component with `regroup`");
}

/// Its weight in request flow: 1 unless `share` says otherwise (a positive number).
fn share(ck: &mut Checker, c: &RawComponent, i: usize) -> f32 {
    match c.share {
        None => 1.0,
        Some(s) if s.is_finite() && s > 0.0 && s <= 1e6 => s,
        Some(s) => {
            let path = [Seg::Field("components"), Seg::Index(i), Seg::Field("share")];
            ck.error(
                &path,
                format!("the flow share of `{}` is {s}, not a positive number", c.id),
            )
            .hint("write a weight above 0, e.g. `share: 2` for twice an even part");
            1.0
        }
    }
}

/// What the legend calls it: its `legend`, else the diagram's `legend` for its kind, else the
/// kind's name.
fn legend_name(raw: &RawDiagram, c: &RawComponent) -> String {
    c.legend
        .clone()
        .or_else(|| raw.legend.get(&c.kind).cloned())
        .filter(|l| !l.trim().is_empty())
        .unwrap_or_else(|| c.kind.display_name().to_owned())
}

fn check_cell(ck: &mut Checker, path: &[Seg], cell: (f32, f32)) {
    let ok = |v: f32| v.is_finite() && v.abs() <= MAX_CELL;
    if !ok(cell.0) || !ok(cell.1) {
        ck.error(
            path,
            format!("cell ({}, {}) is off the map", cell.0, cell.1),
        )
        .hint(format!(
            "columns and rows go from -{MAX_CELL} to {MAX_CELL}"
        ));
    }
}

/// Two components present at the same stage must not share a cell (closer than one cell apart).
pub(super) fn check_overlaps(ck: &mut Checker, components: &[Component], stage_ids: &[&str]) {
    // A placement: one component in one cell over a run of stages (a component that never
    // moves has one). Comparing placements instead of every stage's cells spares sorting and
    // re-checking what no stage changed.
    struct Placement {
        key: (i64, i64),
        component: usize,
        stages: (usize, usize),
    }
    let on_map = |(x, y): (f32, f32)| {
        // Off the map was already reported.
        x.is_finite() && y.is_finite() && x.abs() <= MAX_CELL && y.abs() <= MAX_CELL
    };
    let mut placements: Vec<Placement> = Vec::with_capacity(components.len());
    for (i, c) in components.iter().enumerate() {
        let mut open: Option<Placement> = None;
        for s in 0..stage_ids.len() {
            let at = c
                .life
                .contains(s)
                .then(|| c.at[s].cell)
                .filter(|p| on_map(*p));
            if let (Some(p), Some(cell)) = (open.as_mut(), at)
                && c.at[p.stages.0].cell == cell
            {
                p.stages.1 = s;
                continue;
            }
            placements.extend(open.take());
            open = at.map(|(x, y)| Placement {
                key: (y.floor() as i64, x.floor() as i64),
                component: i,
                stages: (s, s),
            });
        }
        placements.extend(open);
    }
    // Sorted by (row, column) of the unit square: the placements that could share a cell with
    // one lie in three contiguous runs (the rows above, at and below).
    let mut sorted: Vec<&Placement> = placements.iter().collect();
    sorted.sort_unstable_by_key(|p| (p.key, p.component, p.stages.0));
    // (first stage both are there, later component, earlier component)
    let mut found: Vec<(usize, usize, usize)> = Vec::new();
    for a in &placements {
        let (row, col) = a.key;
        for dy in -1..=1 {
            let (lo, hi) = ((row + dy, col - 1), (row + dy, col + 1));
            let start = sorted.partition_point(|p| p.key < lo);
            for b in sorted[start..].iter().take_while(|p| p.key <= hi) {
                // Each pair once, reported at the later component (as it reads in the file).
                let first = a.stages.0.max(b.stages.0);
                if b.component >= a.component || first > a.stages.1.min(b.stages.1) {
                    continue;
                }
                let (x, y) = components[a.component].at[first].cell;
                let (ox, oy) = components[b.component].at[first].cell;
                if (ox - x).abs() < 1.0 && (oy - y).abs() < 1.0 {
                    found.push((first, a.component, b.component));
                }
            }
        }
    }
    // In the order a stage-by-stage reading meets them, each pair once.
    found.sort_unstable();
    let mut reported: HashSet<(usize, usize)> = HashSet::new();
    for (s, i, j) in found {
        if !reported.insert((j, i)) {
            continue;
        }
        let (x, y) = components[i].at[s].cell;
        ck.error(
            &[Seg::Field("components"), Seg::Index(i), Seg::Field("id")],
            format!(
                "`{}` and `{}` sit in the same cell ({}, {}) at stage `{}`",
                components[i].id, components[j].id, x, y, stage_ids[s]
            ),
        )
        .hint("move one of them with `cell` or `moves`; components need a whole cell each");
    }
}
