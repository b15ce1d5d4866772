//! The closed vocabularies of the format: component kinds, group kinds, link styles.
//!
//! Each enum spells its RON variant names exactly as authors write them (`kind: Ec2`).

use serde::{Deserialize, Serialize};

/// The AWS service category of a component kind; decides its colour on screen and in exports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Category {
    /// People and their devices.
    Clients,
    /// EC2, Lambda, Auto Scaling, EKS.
    Compute,
    /// RDS, Aurora, DynamoDB, ElastiCache, databases.
    Database,
    /// S3.
    Storage,
    /// Route 53, ELB, CloudFront, Elastic IP.
    Networking,
    /// CloudWatch, Systems Manager, CI/CD.
    Management,
    /// Kinesis, Athena, EMR, OpenSearch.
    Analytics,
    /// SQS, SNS.
    Integration,
    /// SageMaker.
    MachineLearning,
    /// Anything else.
    General,
}

impl Category {
    /// Every category, in the order the legend and `scaleview kinds` list them.
    pub const ALL: &'static [Category] = &[
        Category::Clients,
        Category::Compute,
        Category::Database,
        Category::Storage,
        Category::Networking,
        Category::Management,
        Category::Analytics,
        Category::Integration,
        Category::MachineLearning,
        Category::General,
    ];

    /// The category's name in words.
    pub fn name(self) -> &'static str {
        match self {
            Category::Clients => "Clients",
            Category::Compute => "Compute",
            Category::Database => "Database",
            Category::Storage => "Storage",
            Category::Networking => "Networking",
            Category::Management => "Management",
            Category::Analytics => "Analytics",
            Category::Integration => "Integration",
            Category::MachineLearning => "Machine learning",
            Category::General => "General",
        }
    }
}

macro_rules! component_kinds {
    ($( $variant:ident => $name:literal, $category:ident, $icon:literal; )*) => {
        /// What a component is; picks its icon, colour and default label.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum ComponentKind {
            $( #[doc = $name] $variant, )*
        }

        impl ComponentKind {
            /// Every kind the format accepts, in declaration order.
            pub const ALL: &'static [ComponentKind] = &[$(ComponentKind::$variant,)*];

            /// Human name, used as the default label and in the legend.
            pub fn display_name(self) -> &'static str {
                match self { $(ComponentKind::$variant => $name,)* }
            }

            /// Service category (colour family).
            pub fn category(self) -> Category {
                match self { $(ComponentKind::$variant => Category::$category,)* }
            }

            /// File stem of the icon in `assets/icons/`.
            pub fn icon_name(self) -> &'static str {
                match self { $(ComponentKind::$variant => $icon,)* }
            }

            /// The RON spelling (`Ec2`), for messages and the format reference.
            pub fn ron_name(self) -> &'static str {
                match self { $(ComponentKind::$variant => stringify!($variant),)* }
            }
        }
    };
}

component_kinds! {
    Users => "Users", Clients, "users";
    Client => "Client device", Clients, "client";
    Route53 => "Route 53", Networking, "route53";
    ElasticIp => "Elastic IP", Networking, "elastic-ip";
    Elb => "Elastic Load Balancer", Networking, "elb";
    CloudFront => "CloudFront", Networking, "cloudfront";
    ApiGateway => "API Gateway", Networking, "api-gateway";
    Ec2 => "EC2", Compute, "ec2";
    Lambda => "Lambda", Compute, "lambda";
    LambdaEdge => "Lambda@Edge", Compute, "lambda-edge";
    AutoScaling => "Auto Scaling", Compute, "auto-scaling";
    Eks => "EKS", Compute, "eks";
    Database => "Database", Database, "database";
    Rds => "RDS", Database, "rds";
    Aurora => "Aurora", Database, "aurora";
    DynamoDb => "DynamoDB", Database, "dynamodb";
    ElastiCache => "ElastiCache", Database, "elasticache";
    S3 => "S3", Storage, "s3";
    Sqs => "SQS", Integration, "sqs";
    Sns => "SNS", Integration, "sns";
    CloudWatch => "CloudWatch", Management, "cloudwatch";
    SystemsManager => "Systems Manager", Management, "systems-manager";
    CiCd => "CI/CD", Management, "cicd";
    Kinesis => "Kinesis", Analytics, "kinesis";
    Firehose => "Kinesis Data Firehose", Analytics, "firehose";
    Athena => "Athena", Analytics, "athena";
    Emr => "EMR", Analytics, "emr";
    OpenSearch => "OpenSearch", Analytics, "opensearch";
    SageMaker => "SageMaker", MachineLearning, "sagemaker";
    Service => "Service", General, "service";
}

/// What a container is; decides its outline style and corner label.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum GroupKind {
    /// The AWS Cloud boundary.
    Cloud,
    /// An AWS Region.
    Region,
    /// A Virtual Private Cloud.
    Vpc,
    /// An Availability Zone (dashed outline).
    AvailabilityZone,
    /// A public or private subnet.
    Subnet,
    /// An Auto Scaling group (dashed, orange).
    AutoScalingGroup,
    /// Any other grouping (a service, a tier).
    Generic,
}

impl GroupKind {
    /// The RON spelling (`AvailabilityZone`), for messages and `scaleview kinds`.
    pub fn ron_name(self) -> String {
        format!("{self:?}")
    }

    /// Every group kind the format accepts.
    pub const ALL: &'static [GroupKind] = &[
        GroupKind::Cloud,
        GroupKind::Region,
        GroupKind::Vpc,
        GroupKind::AvailabilityZone,
        GroupKind::Subnet,
        GroupKind::AutoScalingGroup,
        GroupKind::Generic,
    ];

    /// Human name shown when a group has no label.
    pub fn display_name(self) -> &'static str {
        match self {
            GroupKind::Cloud => "AWS Cloud",
            GroupKind::Region => "Region",
            GroupKind::Vpc => "VPC",
            GroupKind::AvailabilityZone => "Availability Zone",
            GroupKind::Subnet => "Subnet",
            GroupKind::AutoScalingGroup => "Auto Scaling group",
            GroupKind::Generic => "Group",
        }
    }
}

/// How a link is drawn: a request, a message through a queue, or data replication.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum LinkStyle {
    /// Synchronous request (solid line).
    #[default]
    Sync,
    /// Asynchronous message or event (dashed line).
    Async,
    /// Data replication (dotted line, both ends marked).
    Replication,
}

/// Names people write for a kind that has another name here, with what to say: `(alias in
/// lower case, kind to use, why)`. Consulted before spelling suggestions, so `Alb` does not
/// become "did you mean `Elb`?" by luck and `Nat` does not become `Sns`.
const ALIASES: &[(&str, &str, &str)] = &[
    (
        "alb",
        "Elb",
        "an Application Load Balancer is drawn as `Elb`",
    ),
    ("nlb", "Elb", "a Network Load Balancer is drawn as `Elb`"),
    (
        "applicationloadbalancer",
        "Elb",
        "load balancers are drawn as `Elb`",
    ),
    (
        "networkloadbalancer",
        "Elb",
        "load balancers are drawn as `Elb`",
    ),
    ("loadbalancer", "Elb", "load balancers are drawn as `Elb`"),
    ("lb", "Elb", "load balancers are drawn as `Elb`"),
    (
        "haproxy",
        "Elb",
        "a load balancer is drawn as `Elb`; set its label to say which",
    ),
    ("k8s", "Eks", "a Kubernetes cluster is drawn as `Eks`"),
    (
        "kubernetes",
        "Eks",
        "a Kubernetes cluster is drawn as `Eks`",
    ),
    (
        "postgres",
        "Rds",
        "a managed PostgreSQL is `Rds` (or `Aurora`); a self-run one is `Database`",
    ),
    (
        "postgresql",
        "Rds",
        "a managed PostgreSQL is `Rds` (or `Aurora`); a self-run one is `Database`",
    ),
    (
        "mysql",
        "Rds",
        "a managed MySQL is `Rds` (or `Aurora`); a self-run one is `Database`",
    ),
    ("redis", "ElastiCache", "a managed Redis is `ElastiCache`"),
    (
        "memcached",
        "ElastiCache",
        "a managed Memcached is `ElastiCache`",
    ),
    (
        "elasticsearch",
        "OpenSearch",
        "Elasticsearch on AWS is `OpenSearch`",
    ),
    (
        "kafka",
        "Kinesis",
        "a stream is drawn as `Kinesis` until a Kafka/MSK kind exists",
    ),
    (
        "msk",
        "Kinesis",
        "a stream is drawn as `Kinesis` until an MSK kind exists",
    ),
    (
        "nat",
        "Service",
        "there is no NAT gateway kind yet: use `Service` and label it",
    ),
    (
        "natgateway",
        "Service",
        "there is no NAT gateway kind yet: use `Service` and label it",
    ),
    (
        "ecs",
        "Service",
        "there is no ECS kind yet: use `Ec2` for instances or `Service`",
    ),
    (
        "fargate",
        "Service",
        "there is no Fargate kind yet: use `Service` and label it",
    ),
    ("dns", "Route53", "DNS is drawn as `Route53`"),
    ("cdn", "CloudFront", "a CDN is drawn as `CloudFront`"),
];

/// The other names people write for kinds, with the kind each maps to and why: `(alias in
/// lower case, kind to use, why)`.
pub fn aliases() -> &'static [(&'static str, &'static str, &'static str)] {
    ALIASES
}

/// The hint for a kind written under another name (`Alb`, `K8s`, `Postgres`…), if `found`
/// is such a name and its kind is among `expected`.
pub fn alias_hint(found: &str, expected: &[&str]) -> Option<String> {
    let key: String = found
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase();
    let (_, kind, why) = ALIASES.iter().find(|(alias, _, _)| *alias == key)?;
    expected
        .contains(kind)
        .then(|| format!("{why}: write `kind: {kind}`"))
}

#[cfg(test)]
mod alias_tests {
    use super::*;

    #[test]
    fn aliases_point_at_kinds_that_exist() {
        let names: Vec<&str> = ComponentKind::ALL.iter().map(|k| k.ron_name()).collect();
        for (alias, kind, _) in ALIASES {
            assert!(names.contains(kind), "{alias} points at unknown {kind}");
            assert!(alias_hint(alias, &names).is_some());
        }
        assert!(alias_hint("Alb", &names).is_some_and(|h| h.contains("`kind: Elb`")));
        assert!(alias_hint("K8s", &names).is_some_and(|h| h.contains("Eks")));
        assert_eq!(alias_hint("Ec3", &names), None);
    }
}
