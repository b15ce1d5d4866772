//! Our own component icons (SVG files in `assets/icons/`), embedded, and rasterised on the CPU.

use crate::model::{ComponentKind, GroupKind};

macro_rules! icon_table {
    ($($name:literal),* $(,)?) => {
        /// Every bundled icon: (file stem, SVG text).
        pub const ICONS: &[(&str, &str)] = &[
            $(($name, include_str!(concat!("../../assets/icons/", $name, ".svg"))),)*
        ];
    };
}

icon_table!(
    "users",
    "api-gateway",
    "client",
    "route53",
    "elastic-ip",
    "elb",
    "cloudfront",
    "ec2",
    "lambda",
    "lambda-edge",
    "auto-scaling",
    "eks",
    "database",
    "rds",
    "aurora",
    "dynamodb",
    "elasticache",
    "s3",
    "sqs",
    "sns",
    "cloudwatch",
    "systems-manager",
    "cicd",
    "kinesis",
    "firehose",
    "athena",
    "emr",
    "opensearch",
    "sagemaker",
    "service",
    "ecr",
    "ecs",
    "fargate",
    "eks-node-group",
    "ebs",
    "efs",
    "backup",
    "alb",
    "nlb",
    "nat-gateway",
    "internet-gateway",
    "global-accelerator",
    "vpc-endpoint",
    "transit-gateway",
    "direct-connect",
    "waf",
    "shield",
    "acm",
    "iam",
    "cognito",
    "secrets-manager",
    "kms",
    "redshift",
    "glue",
    "msk",
    "eventbridge",
    "step-functions",
    "ses",
    "managed-prometheus",
    "managed-grafana",
    "x-ray",
    "cloudtrail",
    "organizations",
    "browser",
    "mobile-app",
    "server",
    "container",
    "pod",
    "kubernetes-service",
    "load-balancer",
    "api",
    "dns",
    "cdn",
    "firewall",
    "identity-provider",
    "cache",
    "relational-database",
    "document-database",
    "object-storage",
    "file-storage",
    "queue",
    "event-stream",
    "search-index",
    "data-warehouse",
    "monitoring",
    "logging",
    "ml-model",
    "external-system",
);

/// Stem of the icon used when a kind has none of its own.
pub const FALLBACK_ICON: &str = "service";

/// The SVG text of a kind's icon, falling back to the generic service icon.
pub fn icon_svg(kind: ComponentKind) -> &'static str {
    svg_by_name(kind.icon_name())
        .or_else(|| svg_by_name(FALLBACK_ICON))
        .unwrap_or("")
}

/// The SVG text of an icon by file stem.
pub fn svg_by_name(name: &str) -> Option<&'static str> {
    ICONS.iter().find(|(n, _)| *n == name).map(|(_, s)| *s)
}

/// The inside of an icon's `<svg>` element (for inlining into a bigger SVG), with its ids
/// already unique per icon.
pub fn icon_body(kind: ComponentKind) -> &'static str {
    svg_body(icon_svg(kind))
}

/// The corner badge of a group kind (a white pictogram drawn on the group's colour), if the
/// kind has one (see `scene::style::group_has_badge`).
pub fn group_badge_svg(kind: GroupKind) -> Option<&'static str> {
    Some(match kind {
        GroupKind::Cloud => include_str!("../../assets/icons/group-cloud.svg"),
        GroupKind::Region => include_str!("../../assets/icons/group-region.svg"),
        GroupKind::Vpc => include_str!("../../assets/icons/group-vpc.svg"),
        GroupKind::Subnet => include_str!("../../assets/icons/group-subnet.svg"),
        GroupKind::AutoScalingGroup => include_str!("../../assets/icons/group-asg.svg"),
        GroupKind::PublicSubnet => include_str!("../../assets/icons/group-public-subnet.svg"),
        GroupKind::PrivateSubnet => include_str!("../../assets/icons/group-private-subnet.svg"),
        GroupKind::Account => include_str!("../../assets/icons/group-account.svg"),
        GroupKind::DataCenter => include_str!("../../assets/icons/group-data-center.svg"),
        GroupKind::KubernetesCluster => {
            include_str!("../../assets/icons/group-kubernetes-cluster.svg")
        }
        GroupKind::NodeGroup => include_str!("../../assets/icons/group-node-group.svg"),
        GroupKind::AvailabilityZone
        | GroupKind::SecurityGroup
        | GroupKind::Namespace
        | GroupKind::Generic => return None,
    })
}

/// Short name of a group kind's badge (SVG symbol ids, texture names).
pub fn group_badge_name(kind: GroupKind) -> &'static str {
    match kind {
        GroupKind::Cloud => "cloud",
        GroupKind::Region => "region",
        GroupKind::Vpc => "vpc",
        GroupKind::Subnet => "subnet",
        GroupKind::AutoScalingGroup => "asg",
        GroupKind::PublicSubnet => "public-subnet",
        GroupKind::PrivateSubnet => "private-subnet",
        GroupKind::SecurityGroup => "security-group",
        GroupKind::Account => "account",
        GroupKind::DataCenter => "data-center",
        GroupKind::KubernetesCluster => "kubernetes-cluster",
        GroupKind::Namespace => "namespace",
        GroupKind::NodeGroup => "node-group",
        GroupKind::AvailabilityZone => "az",
        GroupKind::Generic => "generic",
    }
}

pub use crate::model::icon::svg_body;

/// Rasterise a group kind's badge pictogram (white on transparent) to `px`×`px`.
pub fn rasterize_badge(kind: GroupKind, px: u32) -> Option<Vec<u8>> {
    rasterize_svg(group_badge_svg(kind)?, px)
}

/// Rasterise a kind's icon to `px`×`px` premultiplied RGBA; `None` if the SVG does not parse.
pub fn rasterize(kind: ComponentKind, px: u32) -> Option<Vec<u8>> {
    rasterize_svg(icon_svg(kind), px)
}

/// A component's icon or a group's badge drawn `size` pixels wide with its top-left corner at
/// `(dx, dy)` (each under one pixel) in a small transparent pixmap just big enough: what a
/// vector renderer would put on those pixels, for the raster export to copy 1:1.
pub fn rasterize_placed(
    svg: &'static str,
    size: f32,
    dx: f32,
    dy: f32,
) -> Option<resvg::tiny_skia::Pixmap> {
    rasterize_tree_placed(&*parsed(svg)?, size, dx, dy)
}

/// [`rasterize_placed`] for an icon already parsed (a custom icon, 64×64 like ours).
pub fn rasterize_tree_placed(
    tree: &resvg::usvg::Tree,
    size: f32,
    dx: f32,
    dy: f32,
) -> Option<resvg::tiny_skia::Pixmap> {
    let side = (size + dx.max(dy)).ceil().max(1.0) as u32 + 1;
    let mut pixmap = resvg::tiny_skia::Pixmap::new(side, side)?;
    let s = size / tree.size().width().max(1.0);
    resvg::render(
        tree,
        resvg::tiny_skia::Transform::from_row(s, 0.0, 0.0, s, dx, dy),
        &mut pixmap.as_mut(),
    );
    Some(pixmap)
}

/// The icon `svg` parsed, once per process (an icon is drawn at many sizes and positions).
fn parsed(svg: &'static str) -> Option<std::sync::Arc<resvg::usvg::Tree>> {
    type Trees = std::collections::HashMap<usize, Option<std::sync::Arc<resvg::usvg::Tree>>>;
    static TREES: std::sync::LazyLock<std::sync::Mutex<Trees>> =
        std::sync::LazyLock::new(Default::default);
    let parse = || {
        resvg::usvg::Tree::from_str(svg, &resvg::usvg::Options::default())
            .ok()
            .map(std::sync::Arc::new)
    };
    match TREES.lock() {
        Ok(mut trees) => trees
            .entry(svg.as_ptr() as usize)
            .or_insert_with(parse)
            .clone(),
        Err(_) => parse(),
    }
}

/// Rasterise a square SVG to `px`×`px` premultiplied RGBA.
fn rasterize_svg(svg: &str, px: u32) -> Option<Vec<u8>> {
    let tree = resvg::usvg::Tree::from_str(svg, &resvg::usvg::Options::default()).ok()?;
    rasterize_tree(&tree, px)
}

/// Rasterise a parsed square icon (a custom icon) to `px`×`px` premultiplied RGBA.
pub fn rasterize_tree(tree: &resvg::usvg::Tree, px: u32) -> Option<Vec<u8>> {
    let mut pixmap = resvg::tiny_skia::Pixmap::new(px, px)?;
    let s = px as f32 / tree.size().width().max(1.0);
    resvg::render(
        tree,
        resvg::tiny_skia::Transform::from_scale(s, s),
        &mut pixmap.as_mut(),
    );
    Some(pixmap.take())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_an_icon_that_parses() {
        for kind in ComponentKind::ALL {
            assert!(
                svg_by_name(kind.icon_name()).is_some(),
                "{kind:?} has no icon file"
            );
            let pixels =
                rasterize(*kind, 32).unwrap_or_else(|| panic!("{kind:?} icon does not parse"));
            assert_eq!(pixels.len(), 32 * 32 * 4);
            let opaque = pixels.chunks(4).filter(|p| p[3] > 200).count();
            assert!(opaque > 32 * 32 / 2, "{kind:?} icon is mostly empty");
            // The white pictogram must be there, not just the coloured square.
            let white = pixels
                .chunks(4)
                .filter(|p| p[0] > 230 && p[1] > 230 && p[2] > 230)
                .count();
            assert!(white > 20, "{kind:?} icon has no pictogram");
        }
    }

    #[test]
    fn exactly_the_group_kinds_with_a_badge_have_one_that_parses() {
        for kind in GroupKind::ALL {
            let has = crate::scene::style::group_has_badge(*kind);
            assert_eq!(group_badge_svg(*kind).is_some(), has, "{kind:?}");
            if has {
                let pixels = rasterize_badge(*kind, 32).expect("badge parses");
                let white = pixels.chunks(4).filter(|p| p[3] > 200).count();
                assert!(white > 30, "{kind:?} badge is empty");
            }
        }
    }

    #[test]
    fn icon_body_strips_the_outer_element() {
        let body = icon_body(ComponentKind::Ec2);
        assert!(!body.contains("<svg") && !body.contains("</svg>") && body.contains("<rect"));
    }
}
