/// The `@odata.type` of an evidence object (GRAPH.md §6), without the `#microsoft.graph.security.` prefix.
enum EvidenceKind: String, Sendable, CaseIterable {
    case activeDirectoryDomainEvidence, aiAgentEvidence, amazonResourceEvidence, analyzedMessageEvidence
    case azureResourceEvidence, blobContainerEvidence, blobEvidence, cloudApplicationEvidence
    case cloudLogonRequestEvidence, cloudLogonSessionEvidence, containerEvidence, containerImageEvidence
    case containerRegistryEvidence, deviceEvidence, dnsEvidence, fileEvidence, fileHashEvidence
    case gitHubOrganizationEvidence, gitHubRepoEvidence, gitHubUserEvidence, googleCloudResourceEvidence
    case hostLogonSessionEvidence, ioTDeviceEvidence, ipEvidence, kubernetesClusterEvidence
    case kubernetesControllerEvidence, kubernetesNamespaceEvidence, kubernetesPodEvidence, kubernetesSecretEvidence
    case kubernetesServiceAccountEvidence, kubernetesServiceEvidence, mailboxConfigurationEvidence, mailboxEvidence
    case mailClusterEvidence, malwareEvidence, networkConnectionEvidence, nicEvidence, oauthApplicationEvidence
    case processEvidence, registryKeyEvidence, registryValueEvidence, sasTokenEvidence, securityGroupEvidence
    case servicePrincipalEvidence, submissionMailEvidence, teamsMessageEvidence, urlEvidence, userEvidence

    private static let prefix = "#microsoft.graph.security."

    /// Exact spellings Graph uses, with and without the leading `#`, for a look-up without allocation.
    private static let exact: [String: EvidenceKind] = {
        var table: [String: EvidenceKind] = [:]
        for kind in allCases {
            table[prefix + kind.rawValue] = kind
            table["microsoft.graph.security." + kind.rawValue] = kind
            table[kind.rawValue] = kind
        }
        return table
    }()

    private static let folded: [String: EvidenceKind] = {
        var table: [String: EvidenceKind] = [:]
        for kind in allCases { table[kind.rawValue.lowercased()] = kind }
        return table
    }()

    /// The kind named by an `@odata.type` value; case and the namespace prefix are forgiven. `nil`: unknown type.
    init?(odataType: String) {
        if let kind = Self.exact[odataType] {
            self = kind
            return
        }
        let name = odataType.split(separator: ".").last.map { $0.lowercased() } ?? ""
        guard let kind = Self.folded[name.hasPrefix("#") ? String(name.dropFirst()) : name] else { return nil }
        self = kind
    }
}
