//! The other names people write for kinds (`K8s`, `Postgres`, `Nat`…) and the nearest kinds
//! to an unknown name: what the hint for an unknown kind says.

use super::kinds::ComponentKind;

/// Names people write for a kind that has another name here, with what to say: `(alias in
/// lower case, kind to use, why)`. Consulted before spelling suggestions, so `Alb` does not
/// become "did you mean `Elb`?" by luck and `Nat` does not become `Sns`.
const ALIASES: &[(&str, &str, &str)] = &[
    (
        "applicationloadbalancer",
        "Alb",
        "an Application Load Balancer is `Alb`",
    ),
    (
        "networkloadbalancer",
        "Nlb",
        "a Network Load Balancer is `Nlb`",
    ),
    (
        "lb",
        "LoadBalancer",
        "a load balancer outside AWS is `LoadBalancer`; on AWS `Alb`, `Nlb` or `Elb`",
    ),
    (
        "haproxy",
        "LoadBalancer",
        "HAProxy is a `LoadBalancer` (label it HAProxy)",
    ),
    (
        "nginx",
        "LoadBalancer",
        "nginx in front of servers is a `LoadBalancer`; serving pages it is a `Server`",
    ),
    (
        "envoy",
        "LoadBalancer",
        "an Envoy proxy is a `LoadBalancer`; as an API front door, `Api`",
    ),
    (
        "ingress",
        "Alb",
        "a Kubernetes ingress on AWS is usually an `Alb`; elsewhere a `LoadBalancer`",
    ),
    (
        "k8s",
        "Eks",
        "managed Kubernetes on AWS is `Eks`; the cluster's box is group kind `KubernetesCluster`",
    ),
    (
        "kubernetes",
        "Eks",
        "managed Kubernetes on AWS is `Eks`; the cluster's box is group kind `KubernetesCluster`",
    ),
    (
        "nodegroup",
        "EksNodeGroup",
        "an EKS node group is `EksNodeGroup` (a box around nodes: group kind `NodeGroup`)",
    ),
    (
        "deployment",
        "Pod",
        "a Kubernetes deployment is drawn as its `Pod`s",
    ),
    (
        "postgres",
        "RelationalDatabase",
        "PostgreSQL is a `RelationalDatabase`; managed on AWS it is `Rds` or `Aurora`",
    ),
    (
        "postgresql",
        "RelationalDatabase",
        "PostgreSQL is a `RelationalDatabase`; managed on AWS it is `Rds` or `Aurora`",
    ),
    (
        "mysql",
        "RelationalDatabase",
        "MySQL is a `RelationalDatabase`; managed on AWS it is `Rds` or `Aurora`",
    ),
    (
        "mariadb",
        "RelationalDatabase",
        "MariaDB is a `RelationalDatabase`; managed on AWS it is `Rds`",
    ),
    (
        "sql",
        "RelationalDatabase",
        "a SQL database is a `RelationalDatabase`; managed on AWS it is `Rds`",
    ),
    (
        "mongodb",
        "DocumentDatabase",
        "MongoDB is a `DocumentDatabase`",
    ),
    (
        "mongo",
        "DocumentDatabase",
        "MongoDB is a `DocumentDatabase`",
    ),
    (
        "documentdb",
        "DocumentDatabase",
        "Amazon DocumentDB is drawn as a `DocumentDatabase`",
    ),
    (
        "redis",
        "Cache",
        "Redis is a `Cache`; managed on AWS it is `ElastiCache`",
    ),
    (
        "memcached",
        "Cache",
        "Memcached is a `Cache`; managed on AWS it is `ElastiCache`",
    ),
    (
        "valkey",
        "Cache",
        "Valkey is a `Cache`; managed on AWS it is `ElastiCache`",
    ),
    (
        "elasticsearch",
        "SearchIndex",
        "Elasticsearch is a `SearchIndex`; on AWS it is `OpenSearch`",
    ),
    ("solr", "SearchIndex", "Solr is a `SearchIndex`"),
    (
        "kafka",
        "EventStream",
        "Kafka is an `EventStream`; managed on AWS it is `Msk`",
    ),
    ("rabbitmq", "Queue", "RabbitMQ is a `Queue`; on AWS, `Sqs`"),
    ("activemq", "Queue", "ActiveMQ is a `Queue`; on AWS, `Sqs`"),
    ("nat", "NatGateway", "a NAT gateway is `NatGateway`"),
    (
        "igw",
        "InternetGateway",
        "an Internet gateway is `InternetGateway`",
    ),
    (
        "tgw",
        "TransitGateway",
        "a Transit Gateway is `TransitGateway`",
    ),
    (
        "vm",
        "Server",
        "a virtual machine is a `Server`; on AWS, `Ec2`",
    ),
    (
        "virtualmachine",
        "Server",
        "a virtual machine is a `Server`; on AWS, `Ec2`",
    ),
    (
        "instance",
        "Ec2",
        "an EC2 instance is `Ec2`; a machine elsewhere is a `Server`",
    ),
    (
        "docker",
        "Container",
        "a Docker container is a `Container`; on AWS, `Ecs` or `Fargate`",
    ),
    (
        "prometheus",
        "Monitoring",
        "self-run Prometheus is `Monitoring`; on AWS, `ManagedPrometheus`",
    ),
    (
        "grafana",
        "Monitoring",
        "self-run Grafana is `Monitoring`; on AWS, `ManagedGrafana`",
    ),
    (
        "datadog",
        "Monitoring",
        "an external monitoring service is `Monitoring`",
    ),
    ("elk", "Logging", "a log pipeline (ELK, Loki) is `Logging`"),
    ("loki", "Logging", "a log pipeline (ELK, Loki) is `Logging`"),
    (
        "cloudflare",
        "Cdn",
        "Cloudflare in front of a site is a `Cdn`",
    ),
    ("akamai", "Cdn", "Akamai is a `Cdn`"),
    ("bind", "Dns", "a DNS server is `Dns`; on AWS, `Route53`"),
    ("okta", "IdentityProvider", "Okta is an `IdentityProvider`"),
    (
        "keycloak",
        "IdentityProvider",
        "Keycloak is an `IdentityProvider`",
    ),
    (
        "auth0",
        "IdentityProvider",
        "Auth0 is an `IdentityProvider`; on AWS, `Cognito`",
    ),
    (
        "sso",
        "IdentityProvider",
        "single sign-on is an `IdentityProvider`",
    ),
    (
        "minio",
        "ObjectStorage",
        "MinIO is `ObjectStorage`; on AWS, `S3`",
    ),
    (
        "gcs",
        "ObjectStorage",
        "a storage bucket is `ObjectStorage`; on AWS, `S3`",
    ),
    (
        "nfs",
        "FileStorage",
        "an NFS share is `FileStorage`; on AWS, `Efs`",
    ),
    (
        "snowflake",
        "DataWarehouse",
        "Snowflake is a `DataWarehouse`; on AWS, `Redshift`",
    ),
    (
        "bigquery",
        "DataWarehouse",
        "BigQuery is a `DataWarehouse`; on AWS, `Redshift`",
    ),
    (
        "secrets",
        "SecretsManager",
        "a secret store is `SecretsManager`",
    ),
    (
        "vault",
        "SecretsManager",
        "a secret store (Vault) is drawn as `SecretsManager`",
    ),
    ("certificate", "Acm", "TLS certificates are `Acm`"),
    (
        "certificatemanager",
        "Acm",
        "AWS Certificate Manager is `Acm`",
    ),
    (
        "eventbus",
        "EventBridge",
        "an event bus on AWS is `EventBridge`; elsewhere an `EventStream`",
    ),
    (
        "stepfunction",
        "StepFunctions",
        "AWS Step Functions is `StepFunctions`",
    ),
    ("email", "Ses", "e-mail sending on AWS is `Ses`"),
    ("smtp", "Ses", "e-mail sending on AWS is `Ses`"),
    ("ddos", "Shield", "DDoS protection on AWS is `Shield`"),
    ("web", "Browser", "a web client is a `Browser`"),
    ("mobile", "MobileApp", "a phone app is a `MobileApp`"),
    ("ios", "MobileApp", "a phone app is a `MobileApp`"),
    ("android", "MobileApp", "a phone app is a `MobileApp`"),
    (
        "thirdparty",
        "ExternalSystem",
        "someone else's system is an `ExternalSystem`",
    ),
    (
        "saas",
        "ExternalSystem",
        "someone else's system is an `ExternalSystem`",
    ),
    (
        "model",
        "MlModel",
        "a trained model is an `MlModel`; training on AWS is `SageMaker`",
    ),
    (
        "ai",
        "MlModel",
        "a trained model is an `MlModel`; training on AWS is `SageMaker`",
    ),
    ("llm", "MlModel", "a language model is an `MlModel`"),
    (
        "apigw",
        "ApiGateway",
        "Amazon API Gateway is `ApiGateway`; another API gateway is `Api`",
    ),
    ("kong", "Api", "Kong is an API gateway: `Api`"),
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

/// Other names people write for fields, by meaning: `(alias, field)`. Used only when the
/// field is one the value has (`from` is a field of a link, so it is never taken for a
/// component's `appears` there).
const FIELD_ALIASES: &[(&str, &str)] = &[
    ("from", "appears"),
    ("since", "appears"),
    ("start", "appears"),
    ("starts", "appears"),
    ("appear", "appears"),
    ("added", "appears"),
    ("until", "retires"),
    ("to", "retires"),
    ("end", "retires"),
    ("ends", "retires"),
    ("removed", "retires"),
    ("retire", "retires"),
    ("position", "cell"),
    ("pos", "cell"),
    ("at", "cell"),
    ("grid", "cell"),
    ("parent", "group"),
    ("in", "group"),
    ("group", "parent"),
    ("in", "parent"),
    ("name", "label"),
    ("title", "label"),
    ("text", "label"),
    ("name", "title"),
    ("description", "notes"),
    ("desc", "notes"),
    ("comment", "notes"),
    ("note", "notes"),
    ("type", "kind"),
    ("image", "icon"),
    ("logo", "icon"),
    ("price", "cost"),
    ("move", "moves"),
    ("position_at", "moves"),
    ("rename", "relabel"),
    ("regroups", "regroup"),
];

/// The field `found` means by another name (`from` → `appears` on a component), if that
/// field is among `expected`.
pub fn field_alias<'a>(found: &str, expected: &[&'a str]) -> Option<&'a str> {
    let key = found.to_ascii_lowercase();
    FIELD_ALIASES
        .iter()
        .filter(|(alias, _)| *alias == key)
        .find_map(|(_, field)| expected.iter().copied().find(|e| e == field))
}

/// Up to four of `expected` that `found` may have meant, best first: names a few letters
/// away (`Ecs` for `Esc`), then names that contain it or that it contains (`Gateway` →
/// `NatGateway`, `InternetGateway`…), also by shown name (`loadbalancer` → `LoadBalancer`).
pub fn closest_names<'a>(found: &str, expected: &[&'a str]) -> Vec<&'a str> {
    let key = squashed(found);
    let mut scored: Vec<(usize, &'a str)> = Vec::new();
    for &name in expected {
        let shown = ComponentKind::ALL
            .iter()
            .find(|k| k.ron_name() == name)
            .map_or_else(String::new, |k| squashed(k.display_name()));
        let candidate = squashed(name);
        let distance = crate::model::diagnostic::closest(&key, [candidate.as_str()])
            .map(|_| crate::model::diagnostic::edit_distance(&key, &candidate));
        let inside = key.len() >= 3
            && [candidate.as_str(), shown.as_str()]
                .iter()
                .any(|c| !c.is_empty() && (c.contains(&key) || key.contains(*c)));
        // A part of the name (`Gateway`) asks for every name holding it, not only the
        // shortest ones.
        if inside {
            scored.push((10 + candidate.len().abs_diff(key.len()), name));
        } else if let Some(d) = distance {
            scored.push((d, name));
        }
    }
    scored.sort_by_key(|(score, name)| (*score, *name));
    // A near spelling says it all: only the nearest ones, not every name as far away.
    if let Some(&(best, _)) = scored.first()
        && best < 10
    {
        scored.retain(|(score, _)| *score == best);
    }
    scored.into_iter().take(4).map(|(_, n)| n).collect()
}

/// Lower-case letters and digits only: `Load balancer` and `load-balancer` compare equal.
fn squashed(s: &str) -> String {
    s.chars()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_lowercase()
}

#[cfg(test)]
mod alias_tests {
    use super::*;

    #[test]
    fn aliases_point_at_kinds_that_exist() {
        let names: Vec<&str> = ComponentKind::ALL.iter().map(|k| k.ron_name()).collect();
        let lower: Vec<String> = names.iter().map(|n| n.to_ascii_lowercase()).collect();
        for (alias, kind, _) in ALIASES {
            assert!(names.contains(kind), "{alias} points at unknown {kind}");
            assert!(
                !lower.contains(&(*alias).to_owned()),
                "{alias} hides the kind itself"
            );
            assert!(alias_hint(alias, &names).is_some());
        }
        assert!(alias_hint("Nat", &names).is_some_and(|h| h.contains("`kind: NatGateway`")));
        assert!(alias_hint("K8s", &names).is_some_and(|h| h.contains("Eks")));
        assert!(alias_hint("Postgres", &names).is_some_and(|h| h.contains("Rds")));
        assert_eq!(alias_hint("Ec3", &names), None);
    }

    #[test]
    fn closest_names_by_spelling_and_by_part() {
        let names: Vec<&str> = ComponentKind::ALL.iter().map(|k| k.ron_name()).collect();
        assert_eq!(closest_names("Fargat", &names).first(), Some(&"Fargate"));
        assert!(closest_names("Esc", &names).contains(&"Ecs"));
        let gateways = closest_names("Gateway", &names);
        assert!(gateways.contains(&"NatGateway") && gateways.contains(&"ApiGateway"));
        assert_eq!(gateways.len(), 4);
        assert_eq!(
            closest_names("load-balancer", &names).first(),
            Some(&"LoadBalancer")
        );
        assert!(closest_names("Qqqqq", &names).is_empty());
    }
}
