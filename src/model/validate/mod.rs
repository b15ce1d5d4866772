//! From the raw file to a checked [`Diagram`], reporting every problem at once.

use std::collections::{HashMap, HashSet};

use super::axis::{Axis, Scale};
use super::diagnostic::{Diagnostic, closest};
use super::diagram::{Component, ComponentAt, Diagram, Grid, Group, Lifetime, Link, Stage};
use super::format::{FORMAT_VERSION, RawDiagram, RawLink};
use super::source_map::{Seg, SourceMap};

mod groups;
use groups::check_groups;

/// Largest cell coordinate accepted; beyond this a diagram is surely a typo.
pub const MAX_CELL: f32 = 1000.0;

/// Collects diagnostics while resolving a raw diagram.
struct Checker<'a> {
    file: &'a str,
    src: &'a str,
    /// Built on the first problem only: valid files never pay for it.
    map: Option<SourceMap>,
    diags: Vec<Diagnostic>,
}

impl Checker<'_> {
    fn map(&mut self) -> &SourceMap {
        let src = self.src;
        self.map.get_or_insert_with(|| SourceMap::build(src))
    }

    fn err(&mut self, path: &[Seg], message: String, hint: Option<String>) {
        let pos = self.map().locate(path);
        let mut d = Diagnostic::new(self.file, pos, message);
        d.hint = hint;
        self.diags.push(d);
    }

    fn err_at_name(&mut self, path: &[Seg], message: String, hint: Option<String>) {
        let pos = self.map().locate_name(path);
        let mut d = Diagnostic::new(self.file, pos, message);
        d.hint = hint;
        self.diags.push(d);
    }
}

fn suggest(found: &str, known: &[&str], what: &str) -> Option<String> {
    if let Some(best) = closest(found, known.iter().copied()) {
        return Some(format!("did you mean `{best}`?"));
    }
    if known.is_empty() {
        return Some(format!("no {what} is defined yet"));
    }
    let mut list: Vec<&str> = known.iter().take(12).copied().collect();
    list.sort_unstable();
    let more = if known.len() > 12 { ", …" } else { "" };
    Some(format!("known {what}s: {}{more}", list.join(", ")))
}

/// Validate `raw` (parsed from `src`) into a diagram, or return every problem found.
pub fn validate(raw: RawDiagram, src: &str, file: &str) -> Result<Diagram, Vec<Diagnostic>> {
    let mut ck = Checker {
        file,
        src,
        map: None,
        diags: Vec::new(),
    };

    if raw.format != FORMAT_VERSION {
        ck.err(
            &[Seg::Field("format")],
            format!("format version {} is not supported", raw.format),
            Some(format!(
                "this scaleview reads format {FORMAT_VERSION}; write `format: {FORMAT_VERSION}`"
            )),
        );
    }

    let axis = check_axis(&mut ck, &raw);
    let grid = check_grid(&mut ck, &raw);
    let stages = check_stages(&mut ck, &raw, &axis);
    let stage_ids: Vec<&str> = stages.iter().map(|s| s.id.as_str()).collect();
    if report_duplicate_stages(&mut ck, &raw, &stage_ids) {
        // Every later check resolves stage names; with two stages of one name, each would
        // only add follow-on errors (and "did you mean" hints pointing at the duplicate).
        ck.diags.sort_by_key(|d| (d.line, d.col));
        ck.diags.dedup();
        return Err(ck.diags);
    }
    let stage_index: HashMap<&str, usize> =
        stage_ids.iter().enumerate().map(|(i, s)| (*s, i)).collect();
    let refs = StageRefs {
        ids: &stage_ids,
        index: &stage_index,
    };

    let groups = check_groups(&mut ck, &raw, &refs);
    let components = check_components(&mut ck, &raw, &refs, &groups);
    check_overlaps(&mut ck, &components, &stage_ids);
    let links = check_links(&mut ck, &raw, &refs, &components, &groups);

    if !ck.diags.is_empty() {
        ck.diags.sort_by_key(|d| (d.line, d.col));
        ck.diags.dedup();
        return Err(ck.diags);
    }
    Ok(Diagram {
        language: language_code(&raw.language),
        flow: raw.flow,
        title: raw.title,
        description: raw.description,
        credit: raw.credit,
        axis,
        grid,
        stages,
        groups,
        components,
        links,
        notices: Vec::new(),
    })
}

fn check_axis(ck: &mut Checker, raw: &RawDiagram) -> Axis {
    let a = &raw.axis;
    let path = |f| [Seg::Field("axis"), Seg::Field(f)];
    if !a.min.is_finite() || !a.max.is_finite() || a.max.abs() > 1e15 || a.min.abs() > 1e15 {
        ck.err(
            &path("max"),
            "the axis range must be ordinary numbers".into(),
            Some("use values below 1e15".into()),
        );
    } else if a.min >= a.max {
        ck.err(
            &path("max"),
            format!(
                "the axis maximum ({}) must be larger than its minimum ({})",
                a.max, a.min
            ),
            Some("swap them or raise `max`".into()),
        );
    } else if a.scale == Scale::Log && a.min <= 0.0 {
        ck.err(
            &path("min"),
            "a logarithmic axis must start above zero".into(),
            Some("use `min: 1`, or `scale: Linear` to start at 0".into()),
        );
    }
    let ok_code = raw.language.is_empty()
        || (raw.language.len() <= 16
            && raw.language.split('-').all(|part| {
                !part.is_empty()
                    && part.len() <= 8
                    && part.chars().all(|c| c.is_ascii_alphanumeric())
            }));
    if !ok_code {
        ck.err(
            &[Seg::Field("language")],
            format!("`{}` is not a language code", raw.language),
            Some("write a code such as \"en\", \"ko\" or \"fr\"".into()),
        );
    }
    Axis {
        label: a.label.clone(),
        min: a.min,
        max: a.max,
        scale: a.scale,
        format: a.format,
        numbers: super::axis::Numbers::for_language(&language_code(&raw.language)),
    }
}

/// The diagram's language code, lower case, `en` when none is given.
fn language_code(raw: &str) -> String {
    if raw.is_empty() {
        "en".into()
    } else {
        raw.to_ascii_lowercase()
    }
}

fn check_grid(ck: &mut Checker, raw: &RawDiagram) -> Grid {
    let g = &raw.grid;
    for (name, v) in [("cell_width", g.cell_width), ("cell_height", g.cell_height)] {
        if !(v.is_finite() && (40.0..=2000.0).contains(&v)) {
            ck.err(
                &[Seg::Field("grid"), Seg::Field(name)],
                format!("`{name}` is {v}, outside 40 to 2000"),
                Some("cells are sized in pixels at 100 % zoom; 200 × 150 is the default".into()),
            );
        }
    }
    Grid {
        cell_width: g.cell_width.clamp(40.0, 2000.0),
        cell_height: g.cell_height.clamp(40.0, 2000.0),
    }
}

fn check_stages(ck: &mut Checker, raw: &RawDiagram, axis: &Axis) -> Vec<Stage> {
    if raw.stages.is_empty() {
        ck.err(
            &[Seg::Field("stages")],
            "the diagram has no stages".into(),
            Some("add at least one `Stage(id: \"start\", at: 1, title: \"1 user\")`".into()),
        );
    }
    for (i, s) in raw.stages.iter().enumerate() {
        let path = |f| [Seg::Field("stages"), Seg::Index(i), Seg::Field(f)];
        check_id(ck, &path("id"), &s.id, "stage");
        if !s.at.is_finite() {
            ck.err(
                &path("at"),
                "a stage must start at an ordinary number".into(),
                None,
            );
        } else if i == 0 && s.at != axis.min {
            ck.err(
                &path("at"),
                format!(
                    "the first stage starts at {}, but the axis starts at {}",
                    s.at, axis.min
                ),
                Some(format!(
                    "write `at: {}` or set `axis: (min: {})`",
                    axis.min, s.at
                )),
            );
        } else if i > 0 && raw.stages[i - 1].at.is_finite() && s.at <= raw.stages[i - 1].at {
            ck.err(
                &path("at"),
                format!(
                    "stage `{}` starts at {}, not after the stage before it (`{}` at {})",
                    s.id,
                    s.at,
                    raw.stages[i - 1].id,
                    raw.stages[i - 1].at
                ),
                Some(
                    "list stages in increasing order of `at`; each must start later than the one \
                      before"
                        .into(),
                ),
            );
        } else if s.at > axis.max {
            ck.err(
                &path("at"),
                format!(
                    "stage `{}` starts at {}, past the end of the axis ({})",
                    s.id, s.at, axis.max
                ),
                Some("raise `axis.max`".into()),
            );
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
fn report_duplicate_stages(ck: &mut Checker, raw: &RawDiagram, ids: &[&str]) -> bool {
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
        ck.err(
            &[Seg::Field("stages"), Seg::Index(i), Seg::Field("id")],
            format!("stage id `{}` is used twice", ids[i]),
            Some(hint),
        );
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

fn check_id(ck: &mut Checker, path: &[Seg], id: &str, what: &str) {
    if id.trim().is_empty() {
        ck.err(
            path,
            format!("a {what} needs a non-empty id"),
            Some("ids are short names like \"web\"".into()),
        );
    }
}

struct StageRefs<'a> {
    ids: &'a [&'a str],
    index: &'a HashMap<&'a str, usize>,
}

impl StageRefs<'_> {
    fn resolve(&self, ck: &mut Checker, path: &[Seg], name: &str) -> Option<usize> {
        let found = self.index.get(name).copied();
        if found.is_none() {
            ck.err(
                path,
                format!("there is no stage `{name}`"),
                suggest(name, self.ids, "stage"),
            );
        }
        found
    }

    /// Resolve a map key naming a stage; errors point at the key.
    fn resolve_key(&self, ck: &mut Checker, path: &[Seg], name: &str) -> Option<usize> {
        let found = self.index.get(name).copied();
        if found.is_none() {
            ck.err_at_name(
                path,
                format!("there is no stage `{name}`"),
                suggest(name, self.ids, "stage"),
            );
        }
        found
    }

    /// A lifetime from optional `appears`/`retires` fields under `base`.
    fn lifetime(
        &self,
        ck: &mut Checker,
        base: &[Seg],
        appears: Option<&str>,
        retires: Option<&str>,
    ) -> Lifetime {
        let at = |f| {
            let mut p = base.to_vec();
            p.push(Seg::Field(f));
            p
        };
        let a = appears
            .and_then(|n| self.resolve(ck, &at("appears"), n))
            .unwrap_or(0);
        let r = retires.and_then(|n| self.resolve(ck, &at("retires"), n));
        if let Some(r) = r
            && r <= a
        {
            ck.err(
                &at("retires"),
                format!(
                    "it retires at stage `{}` but only appears at `{}`",
                    self.ids[r], self.ids[a]
                ),
                Some(
                    "`retires` names the first stage it is gone; it must come after `appears`"
                        .into(),
                ),
            );
            return Lifetime {
                appears: a,
                retires: None,
            };
        }
        Lifetime {
            appears: a,
            retires: r,
        }
    }
}

#[expect(
    clippy::too_many_lines,
    reason = "every field of every component in turn (split with builder diagnostics, #18)"
)]
fn check_components(
    ck: &mut Checker,
    raw: &RawDiagram,
    refs: &StageRefs,
    groups: &[Group],
) -> Vec<Component> {
    let group_ids: Vec<&str> = groups.iter().map(|g| g.id.as_str()).collect();
    let group_index: HashMap<&str, usize> =
        group_ids.iter().enumerate().map(|(i, g)| (*g, i)).collect();
    let stage_count = refs.ids.len().max(1);
    let mut seen: HashMap<&str, usize> = HashMap::new();
    let mut out = Vec::with_capacity(raw.components.len());
    for (i, c) in raw.components.iter().enumerate() {
        let base = [Seg::Field("components"), Seg::Index(i)];
        let field = |f| [base[0], base[1], Seg::Field(f)];
        check_id(ck, &field("id"), &c.id, "component");
        if seen.insert(c.id.as_str(), i).is_some() {
            ck.err(
                &field("id"),
                format!("component id `{}` is used twice", c.id),
                Some("give each component its own id".into()),
            );
        } else if group_index.contains_key(c.id.as_str()) {
            ck.err(
                &field("id"),
                format!("`{}` is already the id of a group", c.id),
                Some("components and groups need different ids".into()),
            );
        }
        let life = refs.lifetime(ck, &base, c.appears.as_deref(), c.retires.as_deref());
        let resolve_group = |ck: &mut Checker, path: &[Seg], name: &str| -> Option<usize> {
            if name.is_empty() {
                return None;
            }
            let found = group_index.get(name).copied();
            if found.is_none() {
                ck.err(
                    path,
                    format!("there is no group `{name}`"),
                    suggest(name, &group_ids, "group"),
                );
            }
            found
        };
        let first_group = c
            .group
            .as_deref()
            .and_then(|g| resolve_group(ck, &field("group"), g));
        check_cell(ck, &field("cell"), c.cell);

        // Per-stage changes, resolved to stage indices.
        let mut moves: HashMap<usize, (f32, f32)> = HashMap::new();
        for (key, cell) in &c.moves {
            let path = [base[0], base[1], Seg::Field("moves"), Seg::Key(key)];
            if let Some(s) = refs.resolve_key(ck, &path, key) {
                check_cell(ck, &path, *cell);
                check_in_life(ck, &path, life, s, refs, "moves", "component");
                moves.insert(s, *cell);
            }
        }
        let mut regroup: HashMap<usize, Option<usize>> = HashMap::new();
        for (key, g) in &c.regroup {
            let path = [base[0], base[1], Seg::Field("regroup"), Seg::Key(key)];
            if let Some(s) = refs.resolve_key(ck, &path, key) {
                check_in_life(ck, &path, life, s, refs, "regroup", "component");
                regroup.insert(s, resolve_group(ck, &path, g));
            }
        }
        let mut relabel: HashMap<usize, &str> = HashMap::new();
        for (key, l) in &c.relabel {
            let path = [base[0], base[1], Seg::Field("relabel"), Seg::Key(key)];
            if let Some(s) = refs.resolve_key(ck, &path, key) {
                check_in_life(ck, &path, life, s, refs, "relabel", "component");
                relabel.insert(s, l.as_str());
            }
        }
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
        let mut at = Vec::with_capacity(stage_count);
        for s in 0..stage_count {
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
        // Its group must exist whenever it is inside it.
        if let Some((s, g)) = (0..stage_count)
            .filter(|s| life.contains(*s))
            .find_map(|s| {
                at[s]
                    .group
                    .filter(|g| !groups[*g].life.contains(s))
                    .map(|g| (s, g))
            })
        {
            let path = match regroup
                .iter()
                .filter(|(k, _)| **k <= s)
                .max_by_key(|(k, _)| **k)
            {
                Some((k, _)) => vec![
                    base[0],
                    base[1],
                    Seg::Field("regroup"),
                    Seg::Key(refs.ids[*k]),
                ],
                None => field("group").to_vec(),
            };
            ck.err(
                &path,
                format!(
                    "component `{}` is in group `{}` at stage `{}`, but that group is not present \
                     then",
                    c.id, groups[g].id, refs.ids[s]
                ),
                Some(
                    "change the group's `appears`/`retires`, or move the component with \
                      `regroup`"
                        .into(),
                ),
            );
        }
        let share = match c.share {
            None => 1.0,
            Some(s) if s.is_finite() && s > 0.0 && s <= 1e6 => s,
            Some(s) => {
                ck.err(
                    &[Seg::Field("components"), Seg::Index(i), Seg::Field("share")],
                    format!("the flow share of `{}` is {s}, not a positive number", c.id),
                    Some("write a weight above 0, e.g. `share: 2` for twice an even part".into()),
                );
                1.0
            }
        };
        let legend = c
            .legend
            .clone()
            .or_else(|| raw.legend.get(&c.kind).cloned())
            .filter(|l| !l.trim().is_empty())
            .unwrap_or_else(|| c.kind.display_name().to_owned());
        out.push(Component {
            id: c.id.clone(),
            kind: c.kind,
            legend,
            icon_path: c.icon.clone(),
            icon: None,
            notes: c.notes.clone(),
            cost: c.cost.clone(),
            share,
            life,
            at,
        });
    }
    out
}

fn check_cell(ck: &mut Checker, path: &[Seg], cell: (f32, f32)) {
    let ok = |v: f32| v.is_finite() && v.abs() <= MAX_CELL;
    if !ok(cell.0) || !ok(cell.1) {
        ck.err(
            path,
            format!("cell ({}, {}) is off the map", cell.0, cell.1),
            Some(format!(
                "columns and rows go from -{MAX_CELL} to {MAX_CELL}"
            )),
        );
    }
}

fn check_in_life(
    ck: &mut Checker,
    path: &[Seg],
    life: Lifetime,
    stage: usize,
    refs: &StageRefs,
    what: &str,
    owner: &str,
) {
    if !life.contains(stage) {
        ck.err_at_name(
            path,
            format!(
                "`{what}` names stage `{}`, when this {owner} is not present",
                refs.ids[stage]
            ),
            Some("use a stage between its `appears` and `retires`".into()),
        );
    }
}

/// Two components present at the same stage must not share a cell (closer than one cell apart).
fn check_overlaps(ck: &mut Checker, components: &[Component], stage_ids: &[&str]) {
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
        ck.err(
            &[Seg::Field("components"), Seg::Index(i), Seg::Field("id")],
            format!(
                "`{}` and `{}` sit in the same cell ({}, {}) at stage `{}`",
                components[i].id, components[j].id, x, y, stage_ids[s]
            ),
            Some(
                "move one of them with `cell` or `moves`; components need a whole cell each".into(),
            ),
        );
    }
}

fn check_links(
    ck: &mut Checker,
    raw: &RawDiagram,
    refs: &StageRefs,
    components: &[Component],
    groups: &[Group],
) -> Vec<Link> {
    let ids: Vec<&str> = components.iter().map(|c| c.id.as_str()).collect();
    let index: HashMap<&str, usize> = ids.iter().enumerate().map(|(i, c)| (*c, i)).collect();
    let mut out: Vec<Link> = Vec::with_capacity(raw.links.len());
    let mut seen: HashMap<(usize, usize), Vec<(usize, Lifetime)>> = HashMap::new();
    for (i, l) in raw.links.iter().enumerate() {
        let base = [Seg::Field("links"), Seg::Index(i)];
        let end = |ck: &mut Checker, f: &'static str, name: &str| -> Option<usize> {
            let found = index.get(name).copied();
            if found.is_none() {
                let hint = if groups.iter().any(|g| g.id == name) {
                    Some(format!("`{name}` is a group; links connect components"))
                } else {
                    suggest(name, &ids, "component")
                };
                ck.err(
                    &[base[0], base[1], Seg::Field(f)],
                    format!("there is no component `{name}`"),
                    hint,
                );
            }
            found
        };
        let (Some(from), Some(to)) = (end(ck, "from", &l.from), end(ck, "to", &l.to)) else {
            // Still resolve stage names so typos there are reported too.
            refs.lifetime(ck, &base, l.appears.as_deref(), l.retires.as_deref());
            continue;
        };
        if from == to {
            ck.err(
                &[base[0], base[1], Seg::Field("to")],
                format!("link from `{}` to itself", l.from),
                Some("a link joins two different components".into()),
            );
            continue;
        }
        if let Some(life) = link_life(ck, &base, l, refs, &components[from], &components[to]) {
            let dup = seen.entry((from, to)).or_default();
            if let Some((first, _)) = dup
                .iter()
                .find(|(_, other)| overlaps(*other, life, refs.ids.len()))
            {
                ck.err(
                    &[base[0], base[1], Seg::Field("from")],
                    format!(
                        "link `{}` → `{}` is listed twice (also link {})",
                        l.from,
                        l.to,
                        first + 1
                    ),
                    Some(
                        "keep one; use `appears`/`retires` if the two are for different stages"
                            .into(),
                    ),
                );
            }
            dup.push((i, life));
            out.push(Link {
                from,
                to,
                label: l.label.clone(),
                style: l.style,
                life,
            });
        }
    }
    out
}

fn overlaps(a: Lifetime, b: Lifetime, stages: usize) -> bool {
    (0..stages).any(|s| a.contains(s) && b.contains(s))
}

/// A link lives while both ends do, unless it says otherwise; it may never outlive either end.
fn link_life(
    ck: &mut Checker,
    base: &[Seg],
    l: &RawLink,
    refs: &StageRefs,
    a: &Component,
    b: &Component,
) -> Option<Lifetime> {
    let explicit = refs.lifetime(ck, base, l.appears.as_deref(), l.retires.as_deref());
    let min_opt = |x: Option<usize>, y: Option<usize>| match (x, y) {
        (Some(x), Some(y)) => Some(x.min(y)),
        (x, None) => x,
        (None, y) => y,
    };
    let life = Lifetime {
        appears: if l.appears.is_some() {
            explicit.appears
        } else {
            a.life.appears.max(b.life.appears)
        },
        retires: if l.retires.is_some() {
            explicit.retires
        } else {
            min_opt(a.life.retires, b.life.retires)
        },
    };
    let stages = refs.ids.len();
    let alive: Vec<usize> = (0..stages).filter(|s| life.contains(*s)).collect();
    if alive.is_empty() {
        ck.err(
            &[base[0], base[1], Seg::Field("from")],
            format!(
                "`{}` and `{}` are never present at the same stage, so this link never shows",
                a.id, b.id
            ),
            Some("check both components' `appears` and `retires`".into()),
        );
        return None;
    }
    if let Some(s) = alive
        .iter()
        .copied()
        .find(|s| !a.life.contains(*s) || !b.life.contains(*s))
    {
        let missing = if a.life.contains(s) { &b.id } else { &a.id };
        let field = if s < a.life.appears.max(b.life.appears) {
            "appears"
        } else {
            "retires"
        };
        ck.err(
            &[base[0], base[1], Seg::Field(field)],
            format!(
                "this link is shown at stage `{}`, but `{missing}` is not present then",
                refs.ids[s]
            ),
            Some(
                "leave out the link's `appears`/`retires` to follow its components, or change them"
                    .into(),
            ),
        );
        return None;
    }
    Some(life)
}
