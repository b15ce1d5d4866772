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
    /// SageMaker, ML models.
    MachineLearning,
    /// WAF, Shield, IAM, Cognito, KMS, firewalls, identity providers.
    Security,
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
        Category::Security,
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
            Category::Security => "Security and identity",
            Category::General => "General",
        }
    }
}

macro_rules! component_kinds {
    ($( $variant:ident => $name:literal, $category:ident, $icon:literal; )*) => {
        /// What a component is; picks its icon, colour and default label.
        #[derive(
            Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
        )]
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
    Ecr => "ECR", Compute, "ecr";
    Ecs => "ECS", Compute, "ecs";
    Fargate => "Fargate", Compute, "fargate";
    EksNodeGroup => "EKS node group", Compute, "eks-node-group";
    Ebs => "EBS", Storage, "ebs";
    Efs => "EFS", Storage, "efs";
    Backup => "AWS Backup", Storage, "backup";
    Alb => "Application Load Balancer", Networking, "alb";
    Nlb => "Network Load Balancer", Networking, "nlb";
    NatGateway => "NAT gateway", Networking, "nat-gateway";
    InternetGateway => "Internet gateway", Networking, "internet-gateway";
    GlobalAccelerator => "Global Accelerator", Networking, "global-accelerator";
    VpcEndpoint => "VPC endpoint", Networking, "vpc-endpoint";
    TransitGateway => "Transit Gateway", Networking, "transit-gateway";
    DirectConnect => "Direct Connect", Networking, "direct-connect";
    Waf => "AWS WAF", Security, "waf";
    Shield => "AWS Shield", Security, "shield";
    Acm => "Certificate Manager", Security, "acm";
    Iam => "IAM", Security, "iam";
    Cognito => "Cognito", Security, "cognito";
    SecretsManager => "Secrets Manager", Security, "secrets-manager";
    Kms => "KMS", Security, "kms";
    Redshift => "Redshift", Analytics, "redshift";
    Glue => "Glue", Analytics, "glue";
    Msk => "MSK (Kafka)", Analytics, "msk";
    EventBridge => "EventBridge", Integration, "eventbridge";
    StepFunctions => "Step Functions", Integration, "step-functions";
    Ses => "SES", Integration, "ses";
    ManagedPrometheus => "Managed Prometheus", Management, "managed-prometheus";
    ManagedGrafana => "Managed Grafana", Management, "managed-grafana";
    XRay => "X-Ray", Management, "x-ray";
    CloudTrail => "CloudTrail", Management, "cloudtrail";
    Organizations => "Organizations", Management, "organizations";
    // Generic kinds, for any cloud or on-premises: named for what they are, not a product.
    Browser => "Web browser", Clients, "browser";
    MobileApp => "Mobile app", Clients, "mobile-app";
    Server => "Server", Compute, "server";
    Container => "Container", Compute, "container";
    Pod => "Kubernetes pod", Compute, "pod";
    KubernetesService => "Kubernetes service", Networking, "kubernetes-service";
    LoadBalancer => "Load balancer", Networking, "load-balancer";
    Api => "API gateway", Networking, "api";
    Dns => "DNS", Networking, "dns";
    Cdn => "CDN", Networking, "cdn";
    Firewall => "Firewall", Security, "firewall";
    IdentityProvider => "Identity provider", Security, "identity-provider";
    Cache => "Cache", Database, "cache";
    RelationalDatabase => "Relational database", Database, "relational-database";
    DocumentDatabase => "Document database", Database, "document-database";
    ObjectStorage => "Object storage", Storage, "object-storage";
    FileStorage => "File storage", Storage, "file-storage";
    Queue => "Queue", Integration, "queue";
    EventStream => "Event stream", Analytics, "event-stream";
    SearchIndex => "Search index", Analytics, "search-index";
    DataWarehouse => "Data warehouse", Analytics, "data-warehouse";
    Monitoring => "Monitoring", Management, "monitoring";
    Logging => "Logging", Management, "logging";
    MlModel => "ML model", MachineLearning, "ml-model";
    ExternalSystem => "External system", General, "external-system";
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
    /// A public subnet (green, a globe-facing open padlock).
    PublicSubnet,
    /// A private subnet (teal, a closed padlock).
    PrivateSubnet,
    /// A security group (dashed, red).
    SecurityGroup,
    /// A cloud account (AWS account, GCP project, Azure subscription).
    Account,
    /// A data centre or on-premises site.
    #[serde(alias = "DataCentre", alias = "OnPremises")]
    DataCenter,
    /// A Kubernetes cluster.
    KubernetesCluster,
    /// A Kubernetes namespace (dashed).
    Namespace,
    /// A group of worker nodes (an EKS managed node group, a node pool).
    NodeGroup,
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
        GroupKind::PublicSubnet,
        GroupKind::PrivateSubnet,
        GroupKind::SecurityGroup,
        GroupKind::Account,
        GroupKind::DataCenter,
        GroupKind::KubernetesCluster,
        GroupKind::Namespace,
        GroupKind::NodeGroup,
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
            GroupKind::PublicSubnet => "Public subnet",
            GroupKind::PrivateSubnet => "Private subnet",
            GroupKind::SecurityGroup => "Security group",
            GroupKind::Account => "Account",
            GroupKind::DataCenter => "Data centre",
            GroupKind::KubernetesCluster => "Kubernetes cluster",
            GroupKind::Namespace => "Namespace",
            GroupKind::NodeGroup => "Node group",
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
