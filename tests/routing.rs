//! Property tests of the router and layout on diagrams nobody tuned: a seeded generator writes
//! random valid diagrams (nested groups, reparented groups, moves, regroups, long and multi-line labels,
//! fractional cells, 2–40 components, many links per component, both directions between some
//! pairs) and every settled stage must keep the promises a slide makes:
//!
//! - no route passes through a component other than its two ends (icon or label);
//! - no two unrelated routes share a stretch of line (links that share a component may bundle;
//!   the two directions between one pair may not), unless `check` warns that one of them could
//!   not be drawn clear;
//! - every route is orthogonal (no diagonal) and ends in a visible stem;
//! - every link label is nearer its own route than any other route, unless `check` warns that
//!   it has no room;
//! - sibling groups do not overlap and no component sits in a group's box it is not in, unless
//!   `check` warns.
//!
//! `SCALEVIEW_ROUTING_CASES=5000 cargo test --release --test routing` runs more cases.

use scaleview::lint::{Finding, lint_layouts};
use scaleview::model::{self, Diagram, Item};
use scaleview::scene::route::{MIN_STEM, label_box, polyline, segment_hits_rect};
use scaleview::scene::style::{GROUP_LABEL_BAND, group_label_inset};
use scaleview::scene::{Point, Rect, Scene, StageLayout, label_centre, layout_stage};

/// A small deterministic generator (xorshift64*), so every failure can be replayed by seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

const WORDS: &[&str] = &[
    "Web",
    "API",
    "gateway",
    "orders",
    "cache",
    "Redis",
    "search",
    "payments",
    "queue",
    "worker",
    "analytics",
    "primary",
    "replica",
    "frontend",
    "auth",
    "service",
    "images",
    "thumbnails",
    "recommendations",
    "inventory",
    "Elasticsearch",
    "notifications",
    "stream",
    "ingest",
];

const KINDS: &[&str] = &[
    "Ec2",
    "Rds",
    "Elb",
    "S3",
    "Lambda",
    "DynamoDb",
    "ElastiCache",
    "Sqs",
    "Users",
    "Service",
    "CloudFront",
    "Route53",
];

fn label(rng: &mut Rng) -> String {
    let most = if rng.chance(20) { 7 } else { 3 };
    let n = 1 + rng.below(most);
    let mut words = Vec::new();
    for _ in 0..n {
        words.push(WORDS[rng.below(WORDS.len())]);
    }
    if rng.chance(5) {
        words.insert(1, "\\n");
    }
    words.join(" ").replace(" \\n ", "\\n")
}

/// One random valid diagram as RON text.
#[expect(
    clippy::too_many_lines,
    reason = "a diagram generator written top to bottom as the file it writes"
)]
fn random_diagram(seed: u64) -> String {
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let stages = 1 + rng.below(4);
    let n = 2 + rng.below(39);
    let cols = 2 + rng.below(3 + n / 3);
    let rows = 1 + rng.below(2 + n / 4);
    let mut out = String::from("Diagram(title: \"random\",\n");
    let (cw, ch) = (150 + rng.below(80), 110 + rng.below(60));
    out.push_str(&format!(
        "grid: Grid(cell_width: {cw}, cell_height: {ch}),\n"
    ));
    out.push_str("stages: [");
    for s in 0..stages {
        out.push_str(&format!(
            "Stage(id: \"s{s}\", at: {}, title: \"stage {s}\"),",
            10usize.pow(s as u32)
        ));
    }
    out.push_str("],\ngroups: [");
    let groups = rng.below(5);
    // Each group covers a region of the grid (inside its parent's), as a real VPC or zone
    // does; components in a region mostly belong to its innermost group.
    let mut regions: Vec<(usize, usize, usize, usize)> = Vec::new(); // col0, col1, row0, row1
    let mut depth: Vec<usize> = Vec::new();
    for g in 0..groups {
        let kind = [
            "Vpc",
            "AvailabilityZone",
            "Subnet",
            "AutoScalingGroup",
            "Generic",
        ][rng.below(5)];
        let parent = (g > 0 && rng.chance(50)).then(|| rng.below(g));
        let (c0, c1, r0, r1) = parent.map_or((0, cols - 1, 0, rows - 1), |p| regions[p]);
        let a = c0 + rng.below(c1 - c0 + 1);
        let b = a + rng.below(c1 - a + 1);
        let r = r0 + rng.below(r1 - r0 + 1);
        let t = r + rng.below(r1 - r + 1);
        regions.push((a, b, r, t));
        depth.push(parent.map_or(0, |p| depth[p] + 1));
        let mut parent = match parent {
            Some(p) => format!(", parent: \"g{p}\""),
            None => String::new(),
        };
        // Sometimes the group moves under another (earlier, so never in a circle) group
        // from a later stage on, as a node group moves into a zone.
        if g > 0 && stages > 1 && rng.chance(25) {
            let s = 1 + rng.below(stages - 1);
            parent.push_str(&format!(
                ", reparent: {{ \"s{s}\": \"g{}\" }}",
                rng.below(g)
            ));
        }
        out.push_str(&format!(
            "Group(id: \"g{g}\", kind: {kind}, label: \"{}\"{parent}),",
            label(&mut rng)
        ));
    }
    out.push_str("],\ncomponents: [\n");
    // Cells taken per stage, so no two components share one.
    let mut taken: Vec<Vec<(i32, i32)>> = vec![Vec::new(); stages];
    let mut alive: Vec<(usize, usize)> = Vec::new(); // (appears, retires)
    let half = |rng: &mut Rng, v: usize| {
        if rng.chance(10) {
            format!("{v}.5")
        } else {
            v.to_string()
        }
    };
    for c in 0..n {
        let appears = if rng.chance(30) { rng.below(stages) } else { 0 };
        let retires = if rng.chance(15) && appears + 1 < stages {
            Some(appears + 1 + rng.below(stages - appears - 1))
        } else {
            None
        };
        let end = retires.unwrap_or(stages);
        let mut cells = Vec::new();
        let mut cell = None;
        for (s, here) in taken.iter_mut().enumerate().take(end).skip(appears) {
            let keep = cell.filter(|c| !here.contains(c) && !rng.chance(15));
            let chosen = keep.or_else(|| {
                (0..50)
                    .map(|_| (rng.below(cols) as i32, rng.below(rows) as i32))
                    .find(|c| !here.contains(c))
            });
            let Some(chosen) = chosen else {
                break;
            };
            here.push(chosen);
            cells.push((s, chosen));
            cell = Some(chosen);
        }
        if cells.len() < end - appears {
            for (s, c) in &cells {
                taken[*s].retain(|x| x != c);
            }
            alive.push((usize::MAX, 0));
            continue;
        }
        let first = cells[0].1;
        // Fractional cells only where the whole cell to the right is free in every stage.
        let frac_ok = cells
            .iter()
            .all(|(s, c)| !taken[*s].contains(&(c.0 + 1, c.1)));
        let x = if frac_ok {
            half(&mut rng, first.0 as usize)
        } else {
            first.0.to_string()
        };
        if x.ends_with(".5") {
            // Half a cell to the right: the next cell is partly covered wherever it stays.
            for (s, c) in cells.iter().take_while(|(_, c)| *c == first) {
                taken[*s].push((c.0 + 1, c.1));
            }
        }
        let mut moves = Vec::new();
        for w in cells.windows(2) {
            if w[0].1 != w[1].1 {
                moves.push(format!("\"s{}\": ({}, {})", w[1].0, w[1].1.0, w[1].1.1));
            }
        }
        let home = (0..groups)
            .filter(|g| {
                let (c0, c1, r0, r1) = regions[*g];
                (c0..=c1).contains(&(first.0 as usize)) && (r0..=r1).contains(&(first.1 as usize))
            })
            .max_by_key(|g| depth[*g]);
        let group = match home {
            Some(g) if rng.chance(85) => format!(", group: \"g{g}\""),
            _ if groups > 0 && rng.chance(5) => format!(", group: \"g{}\"", rng.below(groups)),
            _ => String::new(),
        };
        let regroup = if groups > 0 && stages > appears + 1 && rng.chance(15) {
            let s = appears + 1 + rng.below(stages - appears - 1);
            if s < end {
                format!(", regroup: {{\"s{s}\": \"g{}\"}}", rng.below(groups))
            } else {
                String::new()
            }
        } else {
            String::new()
        };
        out.push_str(&format!(
            "Component(id: \"c{c}\", kind: {}, label: \"{}\", cell: ({x}, {}){group}{regroup}, appears: \"s{appears}\"{}, moves: {{{}}}),\n",
            KINDS[rng.below(KINDS.len())],
            label(&mut rng),
            first.1,
            retires.map(|r| format!(", retires: \"s{r}\"")).unwrap_or_default(),
            moves.join(", ")
        ));
        alive.push((appears, end));
    }
    out.push_str("],\nlinks: [\n");
    let live: Vec<usize> = (0..alive.len())
        .filter(|c| alive[*c].0 != usize::MAX)
        .collect();
    let links = live.len() * (1 + rng.below(3)) / 2;
    let mut pairs = Vec::new();
    for _ in 0..links {
        let (a, b) = (live[rng.below(live.len())], live[rng.below(live.len())]);
        if a == b || pairs.contains(&(a, b)) {
            continue;
        }
        // Both alive at some stage: links live while both ends do.
        if alive[a].0.max(alive[b].0) >= alive[a].1.min(alive[b].1) {
            continue;
        }
        pairs.push((a, b));
        let style = ["Sync", "Async", "Replication"][rng.below(3)];
        let text = if rng.chance(40) {
            format!(", label: \"{}\"", WORDS[rng.below(WORDS.len())])
        } else {
            String::new()
        };
        out.push_str(&format!(
            "Link(from: \"c{a}\", to: \"c{b}\", style: {style}{text}),\n"
        ));
        if rng.chance(15) && !pairs.contains(&(b, a)) {
            pairs.push((b, a));
            out.push_str(&format!(
                "Link(from: \"c{b}\", to: \"c{a}\", style: {style}, label: \"back\"),\n"
            ));
        }
    }
    out.push_str("],\n)\n");
    out
}

fn axis(p: Point, q: Point) -> Option<(bool, f32, f32, f32)> {
    if (p.y - q.y).abs() < 0.5 {
        Some((true, p.y, p.x.min(q.x), p.x.max(q.x)))
    } else if (p.x - q.x).abs() < 0.5 {
        Some((false, p.x, p.y.min(q.y), p.y.max(q.y)))
    } else {
        None
    }
}

/// Links sharing a component may bundle, except the two directions of one pair.
fn related(a: (usize, usize), b: (usize, usize)) -> bool {
    let same_pair = (a.0 == b.0 && a.1 == b.1) || (a.0 == b.1 && a.1 == b.0);
    !same_pair && (a.0 == b.0 || a.0 == b.1 || a.1 == b.0 || a.1 == b.1)
}

/// Every broken promise in the settled layout `l` of `stage`. A label with no room beside its
/// own line, or groups that the author's cells make overlap, are allowed only when `check`
/// warns about them (`findings`); `flagged` counts those.
#[expect(
    clippy::too_many_lines,
    reason = "every routing promise checked in one pass over a stage"
)]
fn violations(
    d: &Diagram,
    stage: usize,
    l: &StageLayout,
    findings: &[Finding],
    flagged: &mut (usize, usize, usize, usize),
) -> Vec<String> {
    let warned = |item: Item, what: &str| {
        findings
            .iter()
            .any(|f| f.item == item && f.message.contains(what))
    };
    let edges: Vec<(usize, Vec<Point>)> = l
        .routes
        .iter()
        .map(|(i, r)| (i, polyline(&r.route)))
        .collect();
    let id = |i: usize| l.routes.get(&i).map_or("?".into(), |r| r.id.to_string());
    let ends = |i: usize| (d.links[i].from, d.links[i].to);
    let mut out = Vec::new();
    for (i, pts) in &edges {
        let (from, to) = ends(*i);
        if pts.windows(2).any(|w| axis(w[0], w[1]).is_none()) {
            out.push(format!("{} has a diagonal: {pts:?}", id(*i)));
        }
        if let [.., p, q] = pts.as_slice()
            && p.distance(*q) < MIN_STEM - 0.5
        {
            out.push(format!(
                "{}: arrow without a stem ({:.1})",
                id(*i),
                p.distance(*q)
            ));
        }
        for n in l
            .components
            .values()
            .filter(|n| n.index != from && n.index != to)
        {
            let inner = n.rect.expand_by(-1.0);
            if pts
                .windows(2)
                .any(|w| segment_hits_rect(w[0], w[1], &inner))
            {
                out.push(format!("{} runs through {}", id(*i), n.id));
            }
        }
    }
    for (k, (i, e)) in edges.iter().enumerate() {
        for (j, f) in edges[k + 1..]
            .iter()
            .filter(|(j, _)| !related(ends(*i), ends(*j)))
        {
            for a in e.windows(2).filter_map(|w| axis(w[0], w[1])) {
                for b in f.windows(2).filter_map(|w| axis(w[0], w[1])) {
                    let overlap = a.3.min(b.3) - a.2.max(b.2);
                    if a.0 == b.0 && (a.1 - b.1).abs() < 3.0 && overlap > 12.0 {
                        let unclear = |k: usize| warned(Item::Link(k), "could not be drawn clear");
                        if unclear(*i) || unclear(*j) {
                            flagged.3 += 1;
                            continue;
                        }
                        out.push(format!(
                            "{} and {} share {overlap:.0} units",
                            id(*i),
                            id(*j)
                        ));
                    }
                }
            }
        }
    }
    for (i, pts) in &edges {
        let Some(r) = l.routes.get(i).filter(|r| !r.label.is_empty()) else {
            continue;
        };
        let b = label_box(r.label_pos, r.label_size);
        let dist = |p: &[Point]| {
            p.windows(2)
                .map(|s| b.distance_to_segment(s[0], s[1]))
                .fold(f32::INFINITY, f32::min)
        };
        let own = dist(pts);
        if !r.label_fits && warned(Item::Link(*i), "no room") {
            flagged.0 += 1;
            continue;
        }
        for (j, other) in edges.iter().filter(|(j, _)| j != i) {
            if dist(other) <= own {
                out.push(format!(
                    "label of {} is as near to {} ({:.0}) as to its own line ({own:.0})",
                    id(*i),
                    id(*j),
                    dist(other)
                ));
            }
        }
    }
    out.extend(grown_label_violations(l, &edges));
    out.extend(overflowing_group_label_violations(d, l, &edges));
    // Groups: siblings never overlap and nobody sits in a box they are not in, unless `check`
    // says so.
    for g in l.groups.values() {
        for h in l.groups.values().filter(|h| h.index > g.index) {
            let siblings = d.groups[g.index].parent_at(stage) == d.groups[h.index].parent_at(stage);
            if siblings && g.rect.intersects(&h.rect) {
                if warned(Item::Group(h.index), "overlap") {
                    flagged.1 += 1;
                } else {
                    out.push(format!("groups {} and {} overlap unannounced", g.id, h.id));
                }
            }
        }
        for n in l.components.values() {
            let mut cur = d.components[n.index].at[stage].group;
            let mut member = false;
            while let Some(x) = cur {
                member |= x == g.index;
                cur = d.groups[x].parent_at(stage);
            }
            if !member && g.rect.expand_by(-1.0).intersects(&n.rect) {
                if warned(Item::Component(n.index), "inside the box") {
                    flagged.2 += 1;
                } else {
                    out.push(format!("{} sits in group {} unannounced", n.id, g.id));
                }
            }
        }
    }
    out
}

/// A label grown into its room (see `style::link_text_boost`) reaches no component's icon,
/// no line and no other grown label.
fn grown_label_violations(l: &StageLayout, edges: &[(usize, Vec<Point>)]) -> Vec<String> {
    let grown: Vec<(usize, Rect)> = l
        .routes
        .iter()
        .filter(|(_, r)| !r.label.is_empty() && r.label_room > 1.0 + 1e-3)
        .map(|(i, r)| {
            let (w, h) = r.label_size;
            let c = label_centre(r.label_pos, r.label_away, r.label_size, r.label_room);
            (
                i,
                Rect::from_center_size(c, w * r.label_room + 4.0, h * r.label_room + 4.0),
            )
        })
        .collect();
    let id = |i: usize| l.routes.get(&i).map_or("?".into(), |r| r.id.to_string());
    let mut out = Vec::new();
    for (k, (i, b)) in grown.iter().enumerate() {
        let room = l.routes.get(i).map_or(0.0, |r| r.label_room);
        if let Some(n) = l.components.values().find(|n| n.icon.intersects(b)) {
            out.push(format!(
                "{}'s grown label ({room:.2}) covers {}",
                id(*i),
                n.id
            ));
        }
        for (j, pts) in edges {
            if pts
                .windows(2)
                .any(|s| b.distance_to_segment(s[0], s[1]) <= 0.0)
            {
                out.push(format!(
                    "{}'s grown label ({room:.2}) covers line {}",
                    id(*i),
                    id(*j)
                ));
            }
        }
        for (j, c) in &grown[k + 1..] {
            if b.intersects(c) {
                out.push(format!(
                    "{}'s and {}'s grown labels overlap",
                    id(*i),
                    id(*j)
                ));
            }
        }
    }
    out
}

/// A group's corner label grown past its box's border (over free space) reaches no
/// component's icon and no line.
fn overflowing_group_label_violations(
    d: &Diagram,
    l: &StageLayout,
    edges: &[(usize, Vec<Point>)],
) -> Vec<String> {
    let mut out = Vec::new();
    for g in l.groups.values() {
        let x0 = g.rect.min.x + group_label_inset(d.groups[g.index].kind);
        let label = Rect::from_min_max(
            Point::new(x0, g.rect.min.y + 2.0),
            Point::new(
                x0 + g.label_width * g.label_room,
                g.rect.min.y + GROUP_LABEL_BAND,
            ),
        );
        if label.max.x <= g.rect.max.x {
            continue;
        }
        if let Some(n) = l.components.values().find(|n| n.icon.intersects(&label)) {
            out.push(format!(
                "{}'s overflowing group label covers {}",
                g.id, n.id
            ));
        }
        for (i, pts) in edges {
            if pts
                .windows(2)
                .any(|s| label.distance_to_segment(s[0], s[1]) <= 0.0)
            {
                let id = l.routes.get(i).map_or("?".into(), |r| r.id.to_string());
                out.push(format!(
                    "{}'s overflowing group label covers line {id}",
                    g.id
                ));
            }
        }
    }
    out
}

fn cases() -> u64 {
    std::env::var("SCALEVIEW_ROUTING_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200)
}

#[test]
fn random_diagrams_keep_every_routing_promise() {
    let mut valid = 0;
    let mut flagged = (0, 0, 0, 0);
    let mut failures = Vec::new();
    let total = cases();
    for seed in 0..total {
        let src = random_diagram(seed);
        let d = match model::parse(&src, "random.ron") {
            Ok(d) => d,
            Err(e) => panic!("seed {seed} generated an invalid diagram: {}\n{src}", e[0]),
        };
        valid += 1;
        let layouts: Vec<StageLayout> = (0..d.stages.len()).map(|s| layout_stage(&d, s)).collect();
        let findings = lint_layouts(&d, &layouts);
        for (s, l) in layouts.iter().enumerate() {
            for v in violations(&d, s, l, &findings, &mut flagged) {
                failures.push(format!("seed {seed} stage {s}: {v}"));
            }
        }
    }
    assert_eq!(valid, total);
    println!(
        "announced by `check`: {} labels without room, {} overlapping sibling groups, {} \
         components inside a group they are not in, {} shared stretches of links not drawn clear",
        flagged.0, flagged.1, flagged.2, flagged.3
    );
    let count = |what: &str| failures.iter().filter(|f| f.contains(what)).count();
    assert!(
        failures.is_empty(),
        "{} broken promises ({} through a component, {} shared stretches, {} diagonals, {} \
         without a stem, {} labels nearer another line, {} group problems not announced, {} \
         grown labels touching something), first ones:\n{}",
        failures.len(),
        count("runs through"),
        count(" share "),
        count("diagonal"),
        count("stem"),
        count("label of"),
        count("unannounced"),
        count("grown label") + count("overflowing group label"),
        failures
            .iter()
            .take(25)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn the_generator_makes_varied_diagrams() {
    // Guard against a generator that degenerates into trivial cases.
    let mut comps = Vec::new();
    let mut both_ways = 0;
    let mut moves = 0;
    for seed in 0..100 {
        let d = model::parse(&random_diagram(seed), "random.ron").expect("valid");
        comps.push(d.components.len());
        both_ways += usize::from(
            d.links
                .iter()
                .any(|l| d.links.iter().any(|m| m.from == l.to && m.to == l.from)),
        );
        moves += usize::from(
            d.components
                .iter()
                .any(|c| c.at.windows(2).any(|w| w[0].cell != w[1].cell)),
        );
    }
    assert!(comps.iter().any(|c| *c <= 5) && comps.iter().any(|c| *c >= 30));
    assert!(both_ways >= 10, "{both_ways}");
    assert!(moves >= 10, "{moves}");
}

/// `SCALEVIEW_SEED=8 cargo test --test routing show_one -- --ignored --nocapture` prints a
/// case: its RON, and every route and label of every stage.
#[test]
#[ignore]
fn show_one() {
    let seed: u64 = std::env::var("SCALEVIEW_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let src = random_diagram(seed);
    println!("{src}");
    let d = model::parse(&src, "random.ron").expect("valid");
    for s in 0..d.stages.len() {
        let scene = Scene::settled(&d, s);
        for e in &scene.links {
            println!(
                "stage {s} {} {:?} label {:?} at {:?} clean {}",
                e.id, e.points, e.label, e.label_pos, e.clean
            );
        }
        for n in &scene.components {
            println!("stage {s} node {} {:?}", n.id, n.rect);
        }
    }
}

#[test]
fn routes_of_different_lengths_blend_continuously() {
    use scaleview::scene::route::lerp_route;
    let mut checked = 0;
    for seed in 0..60 {
        let d = model::parse(&random_diagram(seed), "random.ron").expect("valid");
        let layouts: Vec<StageLayout> = (0..d.stages.len()).map(|s| layout_stage(&d, s)).collect();
        for w in layouts.windows(2) {
            for (i, a) in w[0].routes.iter() {
                let Some(b) = w[1].routes.get(&i) else {
                    continue;
                };
                if a.route.len() == b.route.len() {
                    continue;
                }
                checked += 1;
                assert_eq!(
                    polyline(&lerp_route(&a.route, &b.route, 0.0)),
                    polyline(&a.route)
                );
                assert_eq!(
                    polyline(&lerp_route(&a.route, &b.route, 1.0)),
                    polyline(&b.route)
                );
                // Every point moves in a straight line at constant speed: no step jumps.
                let far = lerp_route(&a.route, &b.route, 0.0)
                    .iter()
                    .zip(&lerp_route(&a.route, &b.route, 1.0))
                    .map(|(p, q)| p.distance(*q))
                    .fold(0.0, f32::max);
                let mut prev = lerp_route(&a.route, &b.route, 0.0);
                for k in 1..=50 {
                    let next = lerp_route(&a.route, &b.route, k as f32 / 50.0);
                    assert_eq!(
                        next.len(),
                        prev.len(),
                        "the point count is fixed for a blend"
                    );
                    let step = prev
                        .iter()
                        .zip(&next)
                        .map(|(p, q)| p.distance(*q))
                        .fold(0.0, f32::max);
                    assert!(
                        step <= far / 50.0 + 1e-2,
                        "seed {seed} link {i}: jump of {step}"
                    );
                    prev = next;
                }
            }
        }
    }
    assert!(
        checked >= 20,
        "only {checked} blends of routes with different point counts"
    );
}

#[test]
fn a_fresh_on_premises_diagram_draws_only_true_paths() {
    let path =
        std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/onprem-shop.ron");
    let d = model::load_file(&path).expect("valid");
    let layouts: Vec<StageLayout> = (0..d.stages.len()).map(|s| layout_stage(&d, s)).collect();
    let findings = lint_layouts(&d, &layouts);
    let mut flagged = (0, 0, 0, 0);
    for (s, l) in layouts.iter().enumerate() {
        let broken = violations(&d, s, l, &findings, &mut flagged);
        assert!(broken.is_empty(), "stage {s}: {broken:?}");
        // The case that started it: web1a -> PostgreSQL with web1b in the same row.
        let id = |i: &str| d.components.iter().position(|c| c.id == i).expect("id");
        let link = d
            .links
            .iter()
            .position(|k| k.from == id("web1a") && k.to == id("db"))
            .expect("link");
        if let (Some(r), Some(web1b)) = (l.routes.get(&link), l.components.get(&id("web1b"))) {
            let pts = polyline(&r.route);
            assert!(
                !pts.windows(2)
                    .any(|w| segment_hits_rect(w[0], w[1], &web1b.rect)),
                "stage {s}: web1a -> db through web1b: {pts:?}"
            );
        }
    }
}
