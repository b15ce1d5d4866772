//! Colour themes shared by the screen painter and the SVG/PNG export.

use serde::{Deserialize, Serialize};

use crate::model::{Category, GroupKind, LinkStyle};

/// An sRGB colour with straight (not premultiplied) alpha.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rgba(pub u8, pub u8, pub u8, pub u8);

impl Rgba {
    /// Opaque colour from a `0xRRGGBB` literal.
    pub const fn hex(rgb: u32) -> Rgba {
        Rgba((rgb >> 16) as u8, (rgb >> 8) as u8, rgb as u8, 255)
    }

    /// Same colour with its alpha multiplied by `f` (0..=1).
    pub fn faded(self, f: f32) -> Rgba {
        Rgba(
            self.0,
            self.1,
            self.2,
            (f32::from(self.3) * f.clamp(0.0, 1.0)).round() as u8,
        )
    }

    /// `#rrggbb` for SVG.
    pub fn to_hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    /// Alpha as 0..=1 for SVG opacity attributes.
    pub fn alpha(self) -> f32 {
        f32::from(self.3) / 255.0
    }
}

/// Which built-in theme (also the `--theme` values of the command line).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "gui", derive(clap::ValueEnum))]
pub enum ThemeName {
    /// White canvas, AWS-diagram colours.
    #[default]
    Light,
    /// Dark canvas for dim rooms.
    Dark,
    /// Black on white with heavy lines, for washed-out projectors.
    Projector,
}

impl ThemeName {
    /// All themes, in menu order.
    pub const ALL: [ThemeName; 3] = [ThemeName::Light, ThemeName::Dark, ThemeName::Projector];

    /// Name in menus and on the command line.
    pub fn label(self) -> &'static str {
        match self {
            ThemeName::Light => "light",
            ThemeName::Dark => "dark",
            ThemeName::Projector => "projector",
        }
    }

    /// The colours.
    pub fn theme(self) -> Theme {
        match self {
            ThemeName::Light => Theme::light(),
            ThemeName::Dark => Theme::dark(),
            ThemeName::Projector => Theme::projector(),
        }
    }
}

/// How a container's border is drawn.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct GroupStyle {
    /// Border colour.
    pub stroke: Rgba,
    /// Fill colour (often transparent).
    pub fill: Rgba,
    /// Label colour.
    pub label: Rgba,
    /// Dashed instead of solid.
    pub dashed: bool,
    /// Border width in scene units.
    pub width: f32,
}

/// Every colour and line weight the renderers use.
#[derive(Clone, Debug, PartialEq)]
pub struct Theme {
    /// Which theme this is.
    pub name: ThemeName,
    /// Canvas background.
    pub background: Rgba,
    /// Component labels and captions.
    pub text: Rgba,
    /// Secondary text (link labels, axis).
    pub text_muted: Rgba,
    /// Link colour.
    pub edge: Rgba,
    /// Link width in scene units.
    pub edge_width: f32,
    /// Highlight of components new in this stage.
    pub new_glow: Rgba,
    /// Hover/selection accent.
    pub accent: Rgba,
    /// Whether this is a dark theme (for egui's widget visuals).
    pub dark: bool,
}

impl Theme {
    /// White canvas, AWS diagram conventions.
    pub fn light() -> Theme {
        Theme {
            name: ThemeName::Light,
            background: Rgba::hex(0xFFFFFF),
            text: Rgba::hex(0x16191F),
            text_muted: Rgba::hex(0x545B64),
            edge: Rgba::hex(0x545B64),
            edge_width: 2.0,
            new_glow: Rgba::hex(0xFFB000),
            accent: Rgba::hex(0x0972D3),
            dark: false,
        }
    }

    /// Dark canvas.
    pub fn dark() -> Theme {
        Theme {
            name: ThemeName::Dark,
            background: Rgba::hex(0x161D26),
            text: Rgba::hex(0xF2F3F3),
            text_muted: Rgba::hex(0xAAB7C4),
            edge: Rgba::hex(0x9BA7B6),
            edge_width: 2.0,
            new_glow: Rgba::hex(0xFFC940),
            accent: Rgba::hex(0x5FB3FF),
            dark: true,
        }
    }

    /// Maximum contrast: black text and thick lines on white.
    pub fn projector() -> Theme {
        Theme {
            name: ThemeName::Projector,
            background: Rgba::hex(0xFFFFFF),
            text: Rgba::hex(0x000000),
            text_muted: Rgba::hex(0x1A1A1A),
            edge: Rgba::hex(0x000000),
            edge_width: 3.0,
            new_glow: Rgba::hex(0xFF8A00),
            accent: Rgba::hex(0x0050C8),
            dark: false,
        }
    }

    /// Border style of a container kind (AWS conventions: Region dashed teal, VPC solid
    /// purple, AZ dashed blue, Auto Scaling group dashed orange).
    pub fn group(&self, kind: GroupKind) -> GroupStyle {
        let (light, dark_c, dashed) = match kind {
            GroupKind::Cloud => (0x232F3E, 0xD5DBDB, false),
            GroupKind::Region => (0x00A4A6, 0x2FD1D3, true),
            GroupKind::Vpc => (0x8C4FFF, 0xB388FF, false),
            GroupKind::AvailabilityZone => (0x147EBA, 0x5FB3FF, true),
            GroupKind::Subnet => (0x7AA116, 0x9BD12E, false),
            GroupKind::AutoScalingGroup => (0xED7100, 0xFF9A40, true),
            GroupKind::PublicSubnet => (0x7AA116, 0x9BD12E, false),
            GroupKind::PrivateSubnet => (0x00A4A6, 0x2FD1D3, false),
            GroupKind::SecurityGroup => (0xDD344C, 0xFF6B7F, true),
            GroupKind::Account => (0xE7157B, 0xFF5FA8, false),
            GroupKind::DataCenter => (0x5A6B7D, 0xAAB7C4, false),
            GroupKind::KubernetesCluster => (0x326CE5, 0x7FA6FF, false),
            GroupKind::Namespace => (0x326CE5, 0x7FA6FF, true),
            GroupKind::NodeGroup => (0xD05C17, 0xFF9A40, true),
            GroupKind::Generic => (0x7D8998, 0xAAB7C4, true),
        };
        let stroke = match self.name {
            ThemeName::Dark => Rgba::hex(dark_c),
            _ => Rgba::hex(light),
        };
        let fill_alpha = match (self.name, kind) {
            (ThemeName::Projector, _) => 0.0,
            (_, GroupKind::Subnet | GroupKind::PublicSubnet | GroupKind::PrivateSubnet) => 0.10,
            (_, GroupKind::Vpc) => 0.03,
            _ => 0.0,
        };
        GroupStyle {
            stroke,
            fill: stroke.faded(fill_alpha),
            label: if self.name == ThemeName::Projector {
                Rgba::hex(0x000000)
            } else {
                stroke
            },
            dashed,
            width: if self.name == ThemeName::Projector {
                3.0
            } else {
                2.0
            },
        }
    }

    /// Dash pattern of a link style in scene units (`None` = solid).
    pub fn dash(&self, style: LinkStyle) -> Option<(f32, f32)> {
        match style {
            LinkStyle::Sync => None,
            LinkStyle::Async => Some((10.0, 7.0)),
            LinkStyle::Replication => Some((3.0, 5.0)),
        }
    }

    /// The category colour (legend swatches).
    pub fn category(&self, c: Category) -> Rgba {
        Rgba::hex(match c {
            Category::Clients => 0x4A5B72,
            Category::Compute => 0xED7100,
            Category::Database => 0x3B48CC,
            Category::Storage => 0x7AA116,
            Category::Networking => 0x8C4FFF,
            Category::Management => 0xE7157B,
            Category::Analytics => 0x693CC5,
            Category::Integration => 0xD6246E,
            Category::MachineLearning => 0x01A88D,
            Category::Security => 0xDD344C,
            Category::General => 0x7D8998,
        })
    }
}
