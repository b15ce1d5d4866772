//! Links: both ends exist, are different, are present whenever the link is, and no link is
//! listed twice.

use std::collections::HashMap;

use super::super::diagram::{Component, Group, Lifetime, Link};
use super::super::format::{RawDiagram, RawLink};
use super::super::source_map::Seg;
use super::{Checker, Ids, StageRefs};

pub(super) fn check_links(
    ck: &mut Checker,
    raw: &RawDiagram,
    refs: &StageRefs,
    components: &[Component],
    groups: &[Group],
) -> Vec<Link> {
    let ids = Ids::new(
        "component",
        components.iter().map(|c| c.id.as_str()).collect(),
    );
    let mut out: Vec<Link> = Vec::with_capacity(raw.links.len());
    let mut seen: HashMap<(usize, usize), Vec<(usize, Lifetime)>> = HashMap::new();
    for (i, l) in raw.links.iter().enumerate() {
        let base = [Seg::Field("links"), Seg::Index(i)];
        let end = |ck: &mut Checker, f: &'static str, name: &str| -> Option<usize> {
            let path = [base[0], base[1], Seg::Field(f)];
            if ids.get(name).is_none() && groups.iter().any(|g| g.id == name) {
                ck.error(&path, format!("there is no component `{name}`"))
                    .hint(format!("`{name}` is a group; links connect components"));
                return None;
            }
            ids.resolve(ck, &path, name)
        };
        let (Some(from), Some(to)) = (end(ck, "from", &l.from), end(ck, "to", &l.to)) else {
            // Still resolve stage names so typos there are reported too.
            refs.lifetime(ck, &base, l.appears.as_deref(), l.retires.as_deref());
            continue;
        };
        if from == to {
            ck.error(
                &[base[0], base[1], Seg::Field("to")],
                format!("link from `{}` to itself", l.from),
            )
            .hint("a link joins two different components");
            continue;
        }
        if let Some(life) = link_life(ck, &base, l, refs, &components[from], &components[to]) {
            let dup = seen.entry((from, to)).or_default();
            if let Some((first, _)) = dup
                .iter()
                .find(|(_, other)| overlaps(*other, life, refs.ids.len()))
            {
                ck.error(
                    &[base[0], base[1], Seg::Field("from")],
                    format!(
                        "link `{}` → `{}` is listed twice (also link {})",
                        l.from,
                        l.to,
                        first + 1
                    ),
                )
                .hint("keep one; use `appears`/`retires` if the two are for different stages");
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
        ck.error(
            &[base[0], base[1], Seg::Field("from")],
            format!(
                "`{}` and `{}` are never present at the same stage, so this link never shows",
                a.id, b.id
            ),
        )
        .hint("check both components' `appears` and `retires`");
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
        ck.error(
            &[base[0], base[1], Seg::Field(field)],
            format!(
                "this link is shown at stage `{}`, but `{missing}` is not present then",
                refs.ids[s]
            ),
        )
        .hint("leave out the link's `appears`/`retires` to follow its components, or change them");
        return None;
    }
    Some(life)
}
