import Foundation

/// The `@odata.type` of an evidence object (GRAPH.md §6), without the `#microsoft.graph.security.` prefix.
///
/// Raw values are small integers (bit positions in an indicator's evidence-type set); `name` is Graph's name.
enum EvidenceKind: Int, Sendable, CaseIterable {
    case activeDirectoryDomainEvidence, aiAgentEvidence, amazonResourceEvidence, analyzedMessageEvidence
    case azureResourceEvidence, blobContainerEvidence, blobEvidence, cloudApplicationEvidence
    case cloudLogonRequestEvidence, cloudLogonSessionEvidence, containerEvidence, containerImageEvidence
    case containerRegistryEvidence, deviceEvidence, dnsEvidence, fileEvidence
    case fileHashEvidence, gitHubOrganizationEvidence, gitHubRepoEvidence, gitHubUserEvidence
    case googleCloudResourceEvidence, hostLogonSessionEvidence, ioTDeviceEvidence, ipEvidence
    case kubernetesClusterEvidence, kubernetesControllerEvidence, kubernetesNamespaceEvidence, kubernetesPodEvidence
    case kubernetesSecretEvidence, kubernetesServiceAccountEvidence, kubernetesServiceEvidence,
        mailboxConfigurationEvidence
    case mailboxEvidence, mailClusterEvidence, malwareEvidence, networkConnectionEvidence
    case nicEvidence, oauthApplicationEvidence, processEvidence, registryKeyEvidence
    case registryValueEvidence, sasTokenEvidence, securityGroupEvidence, servicePrincipalEvidence
    case submissionMailEvidence, teamsMessageEvidence, urlEvidence, userEvidence

    /// Graph's names, in case order.
    static let names: [String] = [
        "activeDirectoryDomainEvidence", "aiAgentEvidence", "amazonResourceEvidence", "analyzedMessageEvidence",
        "azureResourceEvidence", "blobContainerEvidence", "blobEvidence", "cloudApplicationEvidence",
        "cloudLogonRequestEvidence", "cloudLogonSessionEvidence", "containerEvidence", "containerImageEvidence",
        "containerRegistryEvidence", "deviceEvidence", "dnsEvidence", "fileEvidence", "fileHashEvidence",
        "gitHubOrganizationEvidence", "gitHubRepoEvidence", "gitHubUserEvidence", "googleCloudResourceEvidence",
        "hostLogonSessionEvidence", "ioTDeviceEvidence", "ipEvidence", "kubernetesClusterEvidence",
        "kubernetesControllerEvidence", "kubernetesNamespaceEvidence", "kubernetesPodEvidence",
        "kubernetesSecretEvidence", "kubernetesServiceAccountEvidence", "kubernetesServiceEvidence",
        "mailboxConfigurationEvidence", "mailboxEvidence", "mailClusterEvidence", "malwareEvidence",
        "networkConnectionEvidence", "nicEvidence", "oauthApplicationEvidence", "processEvidence",
        "registryKeyEvidence", "registryValueEvidence", "sasTokenEvidence", "securityGroupEvidence",
        "servicePrincipalEvidence", "submissionMailEvidence", "teamsMessageEvidence", "urlEvidence", "userEvidence",
    ]

    var name: String { Self.names[rawValue] }

    private static let prefix = "#microsoft.graph.security."

    /// Exact spellings Graph uses, with and without the leading `#`, for a look-up without allocation.
    private static let exact: [String: EvidenceKind] = {
        var table: [String: EvidenceKind] = [:]
        for kind in allCases {
            table[prefix + kind.name] = kind
            table["microsoft.graph.security." + kind.name] = kind
            table[kind.name] = kind
        }
        return table
    }()

    private static let folded: [String: EvidenceKind] = {
        var table: [String: EvidenceKind] = [:]
        for kind in allCases { table[kind.name.lowercased()] = kind }
        return table
    }()

    /// The kind named by an `@odata.type` value; case and the namespace prefix are forgiven. `nil`: unknown type.
    init?(odataType: String) {
        if let kind = Self.prefixed(odataType) {
            self = kind
            return
        }
        if let kind = Self.exact[odataType] {
            self = kind
            return
        }
        let name = odataType.split(separator: ".").last.map { $0.lowercased() } ?? ""
        guard let kind = Self.folded[name.hasPrefix("#") ? String(name.dropFirst()) : name] else { return nil }
        self = kind
    }

    private static let prefixBytes = Array(prefix.utf8)

    /// Graph's names as bytes, by length: the few of one length are compared directly, without hashing.
    private static let namesByLength: [[(bytes: [UInt8], kind: EvidenceKind)]] = {
        var table = [[(bytes: [UInt8], kind: EvidenceKind)]](repeating: [], count: 64)
        for kind in allCases { table[kind.name.utf8.count].append((Array(kind.name.utf8), kind)) }
        return table
    }()

    /// The kind of `#microsoft.graph.security.<name>` spelled exactly as Graph does (what Graph always sends), or
    /// `nil` for any other spelling.
    private static func prefixed(_ odataType: String) -> EvidenceKind? {
        let found = odataType.utf8.withContiguousStorageIfAvailable { bytes -> EvidenceKind? in
            let prefixLength = prefixBytes.count
            let nameLength = bytes.count - prefixLength
            guard nameLength > 0, nameLength < namesByLength.count else { return nil }
            let matchesPrefix = prefixBytes.withUnsafeBufferPointer { prefix in
                memcmp(bytes.baseAddress!, prefix.baseAddress!, prefixLength) == 0
            }
            guard matchesPrefix else { return nil }
            for candidate in namesByLength[nameLength] {
                let equal = candidate.bytes.withUnsafeBufferPointer { name in
                    memcmp(bytes.baseAddress! + prefixLength, name.baseAddress!, nameLength) == 0
                }
                if equal { return candidate.kind }
            }
            return nil
        }
        return found ?? nil
    }
}
