//! The catalogue: a diagram with every component kind and every group kind, generated from
//! the kinds themselves, and the reference page `docs/KINDS.md` that shows its picture.
//!
//! `scaleview kinds --catalogue` prints the diagram, so the picture in the docs is exported by
//! scaleview itself; a test checks that the page is current and that no kind is missing.

use std::fmt::Write as _;

use super::kinds::{Category, ComponentKind, GroupKind};

/// Kinds per row of a category's box.
const PER_ROW: usize = 6;

/// Group kinds shown per stage (three rows of three sample boxes).
const GROUPS_PER_STAGE: usize = 9;

/// A component kind that suits the inside of each group kind's sample box.
fn sample_member(kind: GroupKind) -> (ComponentKind, ComponentKind) {
    use ComponentKind as K;
    match kind {
        GroupKind::Cloud | GroupKind::Region => (K::S3, K::DynamoDb),
        GroupKind::Vpc | GroupKind::AvailabilityZone => (K::Ec2, K::Rds),
        GroupKind::Subnet | GroupKind::PrivateSubnet => (K::Ec2, K::Aurora),
        GroupKind::PublicSubnet => (K::NatGateway, K::Alb),
        GroupKind::AutoScalingGroup | GroupKind::NodeGroup => (K::Ec2, K::Ec2),
        GroupKind::SecurityGroup => (K::Ec2, K::Ec2),
        GroupKind::Account => (K::Organizations, K::Iam),
        GroupKind::DataCenter => (K::Server, K::RelationalDatabase),
        GroupKind::KubernetesCluster | GroupKind::Namespace => (K::Pod, K::KubernetesService),
        GroupKind::Generic => (K::Service, K::Queue),
    }
}

/// One stage of the catalogue: its id, title, and what it shows.
struct Page {
    id: String,
    title: String,
    groups: String,
    components: String,
}

/// `appears`/`retires` for something shown only on page `i` of `n`.
fn only_on(pages: &[String], i: usize) -> String {
    let retires = pages
        .get(i + 1)
        .map(|next| format!(", retires: {next:?}"))
        .unwrap_or_default();
    format!("appears: {:?}{retires}", pages[i])
}

/// The category pages: one box holding each category's kinds, labelled with their RON names.
fn category_pages() -> Vec<Page> {
    Category::ALL
        .iter()
        .filter_map(|c| {
            let kinds: Vec<&ComponentKind> = ComponentKind::ALL
                .iter()
                .filter(|k| k.category() == *c)
                .collect();
            let id = c.name().to_lowercase().replace(' ', "-");
            let mut components = String::new();
            for (i, k) in kinds.iter().enumerate() {
                let _ = writeln!(
                    components,
                    "        Component(id: {:?}, kind: {}, label: {:?}, group: {id:?}, \
                     cell: ({}, {}), LIFE),",
                    k.ron_name(),
                    k.ron_name(),
                    k.ron_name(),
                    i % PER_ROW,
                    i / PER_ROW
                );
            }
            (!kinds.is_empty()).then(|| Page {
                groups: format!(
                    "        Group(id: {id:?}, kind: Generic, label: {:?}, LIFE),\n",
                    c.name()
                ),
                id,
                title: c.name().to_owned(),
                components,
            })
        })
        .collect()
}

/// The group pages: a sample box of each group kind around two fitting components.
fn group_pages() -> Vec<Page> {
    GroupKind::ALL
        .chunks(GROUPS_PER_STAGE)
        .enumerate()
        .map(|(p, chunk)| {
            let mut groups = String::new();
            let mut components = String::new();
            for (i, g) in chunk.iter().enumerate() {
                let gid = g.ron_name();
                let _ = writeln!(
                    groups,
                    "        Group(id: {gid:?}, kind: {gid}, label: {gid:?}, LIFE),"
                );
                let (col, row) = ((i % 3) * 2, (i / 3) as f32 * 1.4);
                for (j, k) in [sample_member(*g).0, sample_member(*g).1]
                    .iter()
                    .enumerate()
                {
                    let _ = writeln!(
                        components,
                        "        Component(id: \"{gid}-{j}\", kind: {}, label: {:?}, \
                         group: {gid:?}, cell: ({}, {row}), LIFE),",
                        k.ron_name(),
                        k.display_name(),
                        col + j
                    );
                }
            }
            Page {
                id: format!("groups-{}", p + 1),
                title: format!("Group kinds ({})", p + 1),
                groups,
                components,
            }
        })
        .collect()
}

/// The catalogue diagram as RON text: a stage per category showing its kinds (in the order
/// `scaleview kinds` lists them, labelled with the name to write), then stages with a sample
/// box of each group kind.
pub fn catalogue_ron() -> String {
    let pages: Vec<Page> = category_pages().into_iter().chain(group_pages()).collect();
    let ids: Vec<String> = pages.iter().map(|p| p.id.clone()).collect();
    let (mut stages, mut groups, mut components) = (String::new(), String::new(), String::new());
    for (i, p) in pages.iter().enumerate() {
        let _ = writeln!(
            stages,
            "        Stage(id: {:?}, at: {}, title: {:?}),",
            p.id,
            i + 1,
            p.title
        );
        groups.push_str(&p.groups.replace("LIFE", &only_on(&ids, i)));
        components.push_str(&p.components.replace("LIFE", &only_on(&ids, i)));
    }
    format!(
        "// Every kind scaleview draws: generated by `scaleview kinds --catalogue`.\n\
         Diagram(\n    \
         title: \"Every kind scaleview draws\",\n    \
         description: \"One stage per category of component kinds, each labelled with the \
         name to write after `kind:`; then a sample box of each group kind.\",\n    \
         axis: Axis(label: \"page\", min: 1, max: {}, scale: Linear, format: Step),\n    \
         grid: Grid(cell_width: 230, cell_height: 150),\n    \
         stages: [\n{stages}    ],\n    \
         groups: [\n{groups}    ],\n    \
         components: [\n{components}    ],\n)\n",
        pages.len()
    )
}

/// The pictures of the catalogue's pages, as `scaleview export --all-stages --name-by id`
/// names them in `docs/kinds/`: (file name, page title).
pub fn catalogue_pictures() -> Vec<(String, String)> {
    category_pages()
        .into_iter()
        .chain(group_pages())
        .enumerate()
        .map(|(i, p)| (format!("{:02}-{}.png", i + 1, p.id), p.title))
        .collect()
}

/// `docs/KINDS.md`: per category, the picture of its catalogue page and each kind's RON name
/// and shown name; then the group kinds. Kept current by a test.
pub fn kinds_markdown() -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Every kind\n\n\
         <!-- Generated by `scaleview kinds --markdown > docs/KINDS.md`; do not edit. -->\n\n\
         Every component kind and group kind scaleview draws, in pictures exported by \
         scaleview itself from a generated diagram (`scaleview kinds --catalogue`; open it in \
         the app to page through the categories). Each icon is labelled with the name to \
         write after `kind:`; the tables give the name shown in the legend and as the default \
         label. Generic kinds (`LoadBalancer`, `Queue`, `RelationalDatabase`…) are named for \
         what they are, so an on-premises diagram never calls HAProxy \"Elastic Load \
         Balancer\"; set `legend:` on a component to name it yourself. The other names people \
         write (`K8s`, `Postgres`, `Nat`…) and the kind each maps to are listed by \
         `scaleview kinds`. See [FORMAT.md](FORMAT.md) for custom icons.\n\n\
         Regenerate the page and its pictures after adding a kind:\n\n\
         ```sh\n\
         scaleview kinds --catalogue > /tmp/kinds.ron\n\
         scaleview export /tmp/kinds.ron --all-stages --name-by id --out-dir docs/kinds \\\n    \
         --width 1280 --height 720 --no-highlight\n\
         scaleview kinds --markdown > docs/KINDS.md\n\
         ```"
    );
    let pictures = catalogue_pictures();
    let picture = |title: &str| {
        pictures
            .iter()
            .filter(|(_, t)| t == title || t.starts_with(&format!("{title} (")))
            .map(|(file, t)| format!("![{t}](kinds/{file})\n"))
            .collect::<String>()
    };
    for c in Category::ALL {
        let kinds: Vec<&ComponentKind> = ComponentKind::ALL
            .iter()
            .filter(|k| k.category() == *c)
            .collect();
        if kinds.is_empty() {
            continue;
        }
        let _ = writeln!(
            out,
            "\n## {}\n\n{}\n| `kind:` | Shown as |\n|---|---|",
            c.name(),
            picture(c.name())
        );
        for k in kinds {
            let _ = writeln!(out, "| `{}` | {} |", k.ron_name(), k.display_name());
        }
    }
    let _ = writeln!(
        out,
        "\n## Group kinds\n\n{}\n| `kind:` on a group | Shown as |\n|---|---|",
        picture("Group kinds")
    );
    for g in GroupKind::ALL {
        let _ = writeln!(out, "| `{}` | {} |", g.ron_name(), g.display_name());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_catalogue_parses_and_holds_every_kind() {
        let d = crate::model::parse(&catalogue_ron(), "catalogue.ron")
            .unwrap_or_else(|e| panic!("{}", e[0]));
        for k in ComponentKind::ALL {
            assert!(d.components.iter().any(|c| c.kind == *k), "{k:?} missing");
        }
        for g in GroupKind::ALL {
            assert!(d.groups.iter().any(|x| x.kind == *g), "{g:?} missing");
        }
    }
}
