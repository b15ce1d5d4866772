//! The validated diagram: ids resolved to indices, defaults filled, every stage spelled out.
//!
//! Built only by `model::parse`, so everything downstream can trust it without checks.

use super::axis::Axis;
use super::kinds::{ComponentKind, GroupKind, LinkStyle};

/// A checked diagram, ready for the scene.
#[derive(Clone, Debug)]
pub struct Diagram {
    /// Shown in the window title and export caption.
    pub title: String,
    /// The language its text is written in (`en`, `ko`, …): numbers are written its way.
    pub language: String,
    /// Show request flow (dots along the links) when the diagram is opened.
    pub flow: bool,
    /// Longer text (the talk's caveat); shown in the notes panel.
    pub description: String,
    /// Source or credit line.
    pub credit: String,
    /// What the slider sweeps.
    pub axis: Axis,
    /// Layout cell size in scene units.
    pub grid: Grid,
    /// Stages in increasing order of `at`.
    pub stages: Vec<Stage>,
    /// Containers; `parent` indices always point at other groups, never in a cycle.
    pub groups: Vec<Group>,
    /// Boxes on the diagram.
    pub components: Vec<Component>,
    /// Arrows between components.
    pub links: Vec<Link>,
    /// Warnings found while reading the files it names (custom icons): the diagram is drawn,
    /// these are shown with the layout's warnings.
    pub notices: Vec<super::Diagnostic>,
}

/// Size of one layout cell in scene units.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Grid {
    /// Horizontal distance between cell centres.
    pub cell_width: f32,
    /// Vertical distance between cell centres.
    pub cell_height: f32,
}

/// One stage of the story.
#[derive(Clone, Debug)]
pub struct Stage {
    /// Numbers for this stage, in the author's order: (name, value as written).
    pub metrics: Vec<(String, String)>,
    /// The id used to refer to this stage in the file.
    pub id: String,
    /// Axis value where the stage begins.
    pub at: f64,
    /// Short title ("> 10,000 users").
    pub title: String,
    /// Narrative: why the architecture looks like this now.
    pub notes: String,
}

/// The stages during which something exists: from `appears` up to, not including, `retires`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Lifetime {
    /// Index of the first stage it is present in.
    pub appears: usize,
    /// Index of the first stage it is gone again, if it ever goes.
    pub retires: Option<usize>,
}

impl Lifetime {
    /// Whether it exists at stage `stage`.
    pub fn contains(&self, stage: usize) -> bool {
        stage >= self.appears && self.retires.is_none_or(|r| stage < r)
    }
}

/// A labelled container.
#[derive(Clone, Debug)]
pub struct Group {
    /// Id from the file.
    pub id: String,
    /// Region, VPC, AZ, …
    pub kind: GroupKind,
    /// Corner label (defaults to the kind's name).
    pub label: String,
    /// Why this container exists.
    pub notes: String,
    /// Enclosing group at every stage (`parent`, changed by `reparent`); never in a cycle.
    pub parents: Vec<Option<usize>>,
    /// When it exists (it is drawn only while it has members).
    pub life: Lifetime,
}

impl Group {
    /// Its enclosing group at `stage`.
    pub fn parent_at(&self, stage: usize) -> Option<usize> {
        self.parents.get(stage).copied().flatten()
    }

    /// Its enclosing groups at `stage`, innermost first, in `groups` (the diagram's).
    pub fn ancestors_at(&self, groups: &[Group], stage: usize) -> Vec<usize> {
        let mut out = Vec::new();
        let mut cur = self.parent_at(stage);
        while let Some(p) = cur {
            if out.contains(&p) || out.len() > groups.len() {
                break;
            }
            out.push(p);
            cur = groups.get(p).and_then(|g| g.parent_at(stage));
        }
        out
    }
}

/// A component as it is at one stage.
#[derive(Clone, Debug, PartialEq)]
pub struct ComponentAt {
    /// Grid cell (column, row); fractions allowed.
    pub cell: (f32, f32),
    /// Containing group at this stage.
    pub group: Option<usize>,
    /// Label at this stage (shared between the stages it does not change in).
    pub label: std::sync::Arc<str>,
}

/// One box on the diagram.
#[derive(Clone, Debug)]
pub struct Component {
    /// Id from the file; the scene matches components across stages by it.
    pub id: String,
    /// Which service this is.
    pub kind: ComponentKind,
    /// What the legend calls it: its own `legend`, else the diagram's name for its kind, else
    /// the kind's name.
    pub legend: String,
    /// The custom icon's path as written (`icon: "icons/haproxy.svg"`), if it has one.
    pub icon_path: Option<String>,
    /// The custom icon, once read from beside the diagram file (see `model::load_file`);
    /// `None` draws the kind's icon.
    pub icon: Option<std::sync::Arc<super::icon::CustomIcon>>,
    /// Why this component is here.
    pub notes: String,
    /// What it costs, as the author wrote it ("≈ $70/month"); empty when not given.
    pub cost: String,
    /// Its weight when request flow splits among the components one component calls
    /// (1 unless the file says otherwise; `share: 3` takes three times an even part).
    pub share: f32,
    /// When it exists.
    pub life: Lifetime,
    /// Its cell, group and label at every stage (entries outside `life` repeat the nearest).
    pub at: Vec<ComponentAt>,
}

impl Component {
    /// Its label at `stage`, or at the nearest stage it exists in when it does not exist then
    /// (panels can still name a selected component after it retired).
    pub fn label_at(&self, stage: usize) -> &str {
        let last_alive = self.life.retires.map_or(stage, |r| r.saturating_sub(1));
        let s = stage.clamp(self.life.appears, last_alive.max(self.life.appears));
        self.at.get(s).map_or("", |a| &*a.label)
    }
}

/// An arrow between two components.
#[derive(Clone, Debug)]
pub struct Link {
    /// Index of the source component.
    pub from: usize,
    /// Index of the target component.
    pub to: usize,
    /// Text placed beside the line.
    pub label: String,
    /// Sync, async or replication.
    pub style: LinkStyle,
    /// When it exists (always within both endpoints' lifetimes).
    pub life: Lifetime,
}

impl Diagram {
    /// Index of the stage in force at axis value `value` (the last stage starting at or below it).
    pub fn stage_at(&self, value: f64) -> usize {
        self.stages.iter().rposition(|s| s.at <= value).unwrap_or(0)
    }

    /// Index of the last stage.
    pub fn last_stage(&self) -> usize {
        self.stages.len().saturating_sub(1)
    }

    /// Components present at `stage`, in file order.
    pub fn components_at(&self, stage: usize) -> impl Iterator<Item = (usize, &Component)> {
        self.components
            .iter()
            .enumerate()
            .filter(move |(_, c)| c.life.contains(stage))
    }

    /// Find a component by id.
    pub fn component(&self, id: &str) -> Option<&Component> {
        self.components.iter().find(|c| c.id == id)
    }
}
