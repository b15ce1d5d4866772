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
