//! The RON file format v1 as serde types, exactly as authors write it.
//!
//! These types are only the syntax; `validate` turns them into a checked [`super::Diagram`].
//! Every field is documented in `docs/FORMAT.md`.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::kinds::{ComponentKind, GroupKind, LinkStyle};

/// The newest format version this build reads.
pub const FORMAT_VERSION: u32 = 1;

fn default_format() -> u32 {
    FORMAT_VERSION
}

/// A whole diagram file.
#[derive(Debug, Deserialize)]
#[serde(rename = "Diagram", deny_unknown_fields)]
pub struct RawDiagram {
    #[serde(default = "default_format")]
    pub format: u32,
    pub title: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub credit: String,
    #[serde(default)]
    pub language: String,
    #[serde(default)]
    pub flow: bool,
    #[serde(default)]
    pub axis: RawAxis,
    #[serde(default)]
    pub grid: RawGrid,
    pub stages: Vec<RawStage>,
    #[serde(default)]
    pub groups: Vec<RawGroup>,
    #[serde(default)]
    pub components: Vec<RawComponent>,
    #[serde(default)]
    pub links: Vec<RawLink>,
    #[serde(default)]
    pub legend: BTreeMap<ComponentKind, String>,
}

/// Linear or logarithmic slider scale.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
pub enum Scale {
    /// Equal slider distance per factor of ten (users: 1, 10, 100, …).
    #[default]
    Log,
    /// Equal slider distance per unit (steps, phases).
    Linear,
}

/// How axis values are printed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
pub enum AxisFormat {
    /// Numbers: ticks `1K`, `10M`; captions `12,345 users`.
    #[default]
    Number,
    /// Steps: ticks `1`, `2`; captions `step 3`.
    Step,
}

/// The quantity the slider controls.
#[derive(Debug, Deserialize)]
#[serde(rename = "Axis", deny_unknown_fields)]
pub struct RawAxis {
    #[serde(default = "default_axis_label")]
    pub label: String,
    #[serde(default = "default_axis_min")]
    pub min: f64,
    #[serde(default = "default_axis_max")]
    pub max: f64,
    #[serde(default)]
    pub scale: Scale,
    #[serde(default)]
    pub format: AxisFormat,
}

fn default_axis_label() -> String {
    "users".to_owned()
}
fn default_axis_min() -> f64 {
    1.0
}
fn default_axis_max() -> f64 {
    20_000_000.0
}

impl Default for RawAxis {
    fn default() -> Self {
        RawAxis {
            label: default_axis_label(),
            min: default_axis_min(),
            max: default_axis_max(),
            scale: Scale::Log,
            format: AxisFormat::Number,
        }
    }
}

/// Size of one layout cell in scene units (1 unit = 1 pixel at 100 % zoom).
#[derive(Debug, Deserialize)]
#[serde(rename = "Grid", deny_unknown_fields)]
pub struct RawGrid {
    #[serde(default = "default_cell_width")]
    pub cell_width: f32,
    #[serde(default = "default_cell_height")]
    pub cell_height: f32,
}

fn default_cell_width() -> f32 {
    200.0
}
fn default_cell_height() -> f32 {
    150.0
}

impl Default for RawGrid {
    fn default() -> Self {
        RawGrid {
            cell_width: default_cell_width(),
            cell_height: default_cell_height(),
        }
    }
}

/// One stage of the story: where on the axis it begins and what to say about it.
#[derive(Debug, Deserialize)]
#[serde(rename = "Stage", deny_unknown_fields)]
pub struct RawStage {
    pub id: String,
    pub at: f64,
    pub title: String,
    #[serde(default)]
    pub notes: String,
    #[serde(default)]
    pub metrics: Metrics,
}

/// A stage's numbers, `{"requests/s": "≈ 5,000", …}`, in the order the author wrote them.
#[derive(Debug, Default)]
pub struct Metrics(pub Vec<(String, String)>);

impl<'de> Deserialize<'de> for Metrics {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Ordered;
        impl<'de> serde::de::Visitor<'de> for Ordered {
            type Value = Metrics;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a map of names to values, e.g. {\"requests/s\": \"≈ 5,000\"}")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut m: A,
            ) -> Result<Metrics, A::Error> {
                let mut out = Vec::new();
                while let Some((k, v)) = m.next_entry::<String, String>()? {
                    out.push((k, v));
                }
                Ok(Metrics(out))
            }
        }
        d.deserialize_map(Ordered)
    }
}

/// A labelled container whose box is computed from its members.
#[derive(Debug, Deserialize)]
#[serde(rename = "Group", deny_unknown_fields)]
pub struct RawGroup {
    pub id: String,
    pub kind: GroupKind,
    #[serde(default)]
    pub label: String,
    #[serde(default)]
    pub notes: String,
    #[serde(default)]
    pub parent: Option<String>,
    #[serde(default)]
    pub reparent: BTreeMap<String, String>,
    #[serde(default)]
    pub appears: Option<String>,
    #[serde(default)]
    pub retires: Option<String>,
}

/// One box on the diagram.
#[derive(Debug, Deserialize)]
#[serde(rename = "Component", deny_unknown_fields)]
pub struct RawComponent {
    pub id: String,
    pub kind: ComponentKind,
    #[serde(default)]
    pub label: String,
    #[serde(default)]
    pub notes: String,
    #[serde(default)]
    pub group: Option<String>,
    #[serde(default)]
    pub appears: Option<String>,
    #[serde(default)]
    pub retires: Option<String>,
    pub cell: (f32, f32),
    #[serde(default)]
    pub moves: BTreeMap<String, (f32, f32)>,
    #[serde(default)]
    pub regroup: BTreeMap<String, String>,
    #[serde(default)]
    pub relabel: BTreeMap<String, String>,
    #[serde(default)]
    pub cost: String,
    #[serde(default)]
    pub share: Option<f32>,
    #[serde(default)]
    pub icon: Option<String>,
    #[serde(default)]
    pub legend: Option<String>,
}

/// An arrow between two components.
#[derive(Debug, Deserialize)]
#[serde(rename = "Link", deny_unknown_fields)]
pub struct RawLink {
    pub from: String,
    pub to: String,
    #[serde(default)]
    pub label: String,
    #[serde(default)]
    pub style: LinkStyle,
    #[serde(default)]
    pub appears: Option<String>,
    #[serde(default)]
    pub retires: Option<String>,
}
