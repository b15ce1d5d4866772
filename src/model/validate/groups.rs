//! Groups: ids, kinds and labels, lifetimes, and the parent each has at every stage
//! (`parent`, then `reparent`), with no group ever inside itself.

use std::collections::{HashMap, HashSet};

use super::super::diagram::Group;
use super::super::format::RawDiagram;
use super::super::source_map::Seg;
use super::{Checker, Ids, StageRefs, check_id, check_in_life};

/// Check every group and resolve its parent at every stage.
pub(super) fn check_groups(ck: &mut Checker, raw: &RawDiagram, refs: &StageRefs) -> Vec<Group> {
    let ids = Ids::new("group", raw.groups.iter().map(|g| g.id.as_str()).collect());
    for (i, g) in raw.groups.iter().enumerate() {
        let path = [Seg::Field("groups"), Seg::Index(i), Seg::Field("id")];
        check_id(ck, &path, &g.id, "group");
        if ids.get(&g.id) != Some(i) {
            ck.error(&path, format!("group id `{}` is used twice", g.id))
                .hint("give each group its own id");
        }
    }
    let stages = refs.ids.len();
    let mut groups: Vec<Group> = Vec::with_capacity(raw.groups.len());
    for (i, g) in raw.groups.iter().enumerate() {
        let base = [Seg::Field("groups"), Seg::Index(i)];
        // `""` is no parent; a group cannot be its own.
        let resolve = |ck: &mut Checker, path: &[Seg], name: &str| -> Option<usize> {
            if name.is_empty() {
                return None;
            }
            let found = ids.resolve(ck, path, name);
            if found == Some(i) {
                ck.error(path, format!("group `{name}` cannot be inside itself"))
                    .hint("name another group, or `\"\"` for none");
                return None;
            }
            found
        };
        let first = g
            .parent
            .as_deref()
            .and_then(|p| resolve(ck, &[base[0], base[1], Seg::Field("parent")], p));
        let life = refs.lifetime(ck, &base, g.appears.as_deref(), g.retires.as_deref());
        // `reparent` changes the parent from a stage on; stages before keep the one before.
        let mut changes: HashMap<usize, Option<usize>> = HashMap::new();
        for (key, p) in &g.reparent {
            let path = [base[0], base[1], Seg::Field("reparent"), Seg::Key(key)];
            if let Some(s) = refs.resolve_key(ck, &path, key) {
                check_in_life(ck, &path, life, s, refs, "reparent", "group");
                changes.insert(s, resolve(ck, &path, p));
            }
        }
        let mut parents = Vec::with_capacity(stages);
        let mut cur = first;
        for s in 0..stages {
            if let Some(p) = changes.get(&s) {
                cur = *p;
            }
            parents.push(cur);
        }
        let label = if g.label.trim().is_empty() {
            g.kind.display_name().to_owned()
        } else {
            g.label.clone()
        };
        groups.push(Group {
            id: g.id.clone(),
            kind: g.kind,
            label,
            notes: g.notes.clone(),
            parents,
            life,
        });
    }
    report_cycles(ck, raw, refs, &mut groups);
    groups
}

/// Groups inside each other in a circle at some stage: reported once per circle (at the
/// `parent` or `reparent` entry that closes it), and cut so later steps can still run.
fn report_cycles(ck: &mut Checker, raw: &RawDiagram, refs: &StageRefs, groups: &mut [Group]) {
    let mut reported: HashSet<usize> = HashSet::new();
    for s in 0..refs.ids.len() {
        for start in 0..groups.len() {
            let mut seen = vec![start];
            let mut cur = groups[start].parent_at(s);
            while let Some(p) = cur {
                if p == start {
                    if seen.iter().all(|g| !reported.contains(g)) {
                        let names: Vec<&str> =
                            seen.iter().map(|&g| groups[g].id.as_str()).collect();
                        let path = circle_path(raw, refs, &seen, s);
                        ck.error(
                            &path,
                            format!(
                                "groups contain each other in a circle: {} → {}{}",
                                names.join(" → "),
                                groups[start].id,
                                if refs.ids.len() > 1 {
                                    format!(" (at stage `{}`)", refs.ids[s])
                                } else {
                                    String::new()
                                }
                            ),
                        )
                        .hint(
                            "a group cannot be inside itself; remove one `parent` or \
                                 `reparent`",
                        );
                        reported.extend(seen.iter().copied());
                    }
                    break;
                }
                if seen.contains(&p) || seen.len() > groups.len() {
                    break;
                }
                seen.push(p);
                cur = groups[p].parent_at(s);
            }
        }
    }
    for g in &reported {
        groups[*g].parents.iter_mut().for_each(|p| *p = None);
    }
}

/// Where to report a circle of groups found at stage `s`: the `reparent` entry of one of its
/// members that changes the parent at exactly that stage (what closed the circle), else the
/// first member's `parent`.
fn circle_path<'a>(
    raw: &'a RawDiagram,
    refs: &StageRefs,
    members: &[usize],
    s: usize,
) -> Vec<Seg<'a>> {
    let closing = members.iter().find_map(|&m| {
        raw.groups[m]
            .reparent
            .keys()
            .find(|k| refs.names.get(k) == Some(s))
            .map(|k| (m, k))
    });
    match closing {
        Some((m, k)) => vec![
            Seg::Field("groups"),
            Seg::Index(m),
            Seg::Field("reparent"),
            Seg::Key(k),
        ],
        None => vec![
            Seg::Field("groups"),
            Seg::Index(members[0]),
            Seg::Field("parent"),
        ],
    }
}
