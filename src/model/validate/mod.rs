//! From the raw file to a checked [`Diagram`], reporting every problem at once.

use std::collections::HashMap;

use super::diagnostic::{Diagnostic, closest};
use super::diagram::{Diagram, Lifetime};
use super::format::{FORMAT_VERSION, RawDiagram};
use super::source_map::{Seg, SourceMap};

mod components;
mod groups;
mod links;
mod stages;
use components::{check_components, check_overlaps};
use groups::check_groups;
use links::check_links;
use stages::{check_axis, check_grid, check_stages, language_code, report_duplicate_stages};

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

    /// Report an error at the value `path` leads to; add a hint with `.hint(…)`.
    fn error(&mut self, path: &[Seg], message: impl Into<String>) -> &mut Diagnostic {
        let pos = self.map().locate(path);
        self.push(pos, message.into())
    }

    /// Report an error at the name of the field or map key `path` leads to (for a map key:
    /// the key itself, not its value).
    fn error_at_name(&mut self, path: &[Seg], message: impl Into<String>) -> &mut Diagnostic {
        let pos = self.map().locate_name(path);
        self.push(pos, message.into())
    }

    fn push(&mut self, pos: super::Pos, message: String) -> &mut Diagnostic {
        self.diags.push(Diagnostic::new(self.file, pos, message));
        let last = self.diags.len() - 1;
        &mut self.diags[last]
    }
}

/// The names of one kind of thing (stages, groups, components) and where each is, to turn a
/// name written in the file into an index — or into an error with a suggestion.
struct Ids<'a> {
    /// `stage`, `group`, `component`: for messages.
    what: &'static str,
    names: Vec<&'a str>,
    index: HashMap<&'a str, usize>,
}

impl<'a> Ids<'a> {
    /// The ids of `names`, in order (a name used twice keeps its first place).
    fn new(what: &'static str, names: Vec<&'a str>) -> Ids<'a> {
        let mut index = HashMap::with_capacity(names.len());
        for (i, n) in names.iter().enumerate() {
            index.entry(*n).or_insert(i);
        }
        Ids { what, names, index }
    }

    /// Where `name` is, if it exists.
    fn get(&self, name: &str) -> Option<usize> {
        self.index.get(name).copied()
    }

    /// Where `name` is; an error at `path` with the nearest names when it does not exist.
    fn resolve(&self, ck: &mut Checker, path: &[Seg], name: &str) -> Option<usize> {
        self.resolve_with(ck, path, name, false)
    }

    /// [`Ids::resolve`] for a name written as a map key: the error points at the key.
    fn resolve_key(&self, ck: &mut Checker, path: &[Seg], name: &str) -> Option<usize> {
        self.resolve_with(ck, path, name, true)
    }

    fn resolve_with(&self, ck: &mut Checker, path: &[Seg], name: &str, key: bool) -> Option<usize> {
        let found = self.get(name);
        if found.is_none() {
            let message = format!("there is no {} `{name}`", self.what);
            let d = if key {
                ck.error_at_name(path, message)
            } else {
                ck.error(path, message)
            };
            d.hint(suggest(name, &self.names, self.what));
        }
        found
    }
}

/// The hint for an unknown name: the nearest known one, else the known ones.
fn suggest(found: &str, known: &[&str], what: &str) -> String {
    if let Some(best) = closest(found, known.iter().copied()) {
        return format!("did you mean `{best}`?");
    }
    if known.is_empty() {
        return format!("no {what} is defined yet");
    }
    let mut list: Vec<&str> = known.iter().take(12).copied().collect();
    list.sort_unstable();
    let more = if known.len() > 12 { ", …" } else { "" };
    format!("known {what}s: {}{more}", list.join(", "))
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
        ck.error(
            &[Seg::Field("format")],
            format!("format version {} is not supported", raw.format),
        )
        .hint(format!(
            "this scaleview reads format {FORMAT_VERSION}; write `format: {FORMAT_VERSION}`"
        ));
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
    let refs = StageRefs {
        ids: &stage_ids,
        names: Ids::new("stage", stage_ids.clone()),
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

fn check_id(ck: &mut Checker, path: &[Seg], id: &str, what: &str) {
    if id.trim().is_empty() {
        ck.error(path, format!("a {what} needs a non-empty id"))
            .hint("ids are short names like \"web\"");
    }
}

/// The stages, for the groups, components and links that name them.
struct StageRefs<'a> {
    /// Stage ids in order.
    ids: &'a [&'a str],
    names: Ids<'a>,
}

impl StageRefs<'_> {
    /// The stage called `name`; an error at `path` when there is none.
    fn resolve(&self, ck: &mut Checker, path: &[Seg], name: &str) -> Option<usize> {
        self.names.resolve(ck, path, name)
    }

    /// The stage a map key names; the error points at the key.
    fn resolve_key(&self, ck: &mut Checker, path: &[Seg], name: &str) -> Option<usize> {
        self.names.resolve_key(ck, path, name)
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
            ck.error(
                &at("retires"),
                format!(
                    "it retires at stage `{}` but only appears at `{}`",
                    self.ids[r], self.ids[a]
                ),
            )
            .hint("`retires` names the first stage it is gone; it must come after `appears`");
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
        ck.error_at_name(
            path,
            format!(
                "`{what}` names stage `{}`, when this {owner} is not present",
                refs.ids[stage]
            ),
        )
        .hint("use a stage between its `appears` and `retires`");
    }
}
