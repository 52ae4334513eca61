import JSON

/// What kind of the organisation's own thing an asset is.
public enum AssetKind: String, Sendable, Hashable, CaseIterable, Codable {
    /// A device (`deviceEvidence`, a logon session's `host`, `ioTDeviceEvidence`).
    case device
    /// A user account (`userEvidence`, a logon session's `account`, a process's user with a UPN or Entra id).
    case user
    /// A mailbox (`mailboxEvidence`, `mailboxConfigurationEvidence`, a message's recipient).
    case mailbox
    /// A cloud or OAuth application, or an AI agent (`cloudApplicationEvidence`, `oauthApplicationEvidence`,
    /// `aiAgentEvidence`).
    case application
    /// A service principal (`servicePrincipalEvidence`).
    case servicePrincipal = "service_principal"
    /// A cloud resource (`azureResourceEvidence`, `amazonResourceEvidence`, `googleCloudResourceEvidence`,
    /// `blobContainerEvidence`, `kubernetesClusterEvidence`).
    case cloudResource = "cloud_resource"
}

/// One of the organisation's assets named by an alert's evidence, before merging.
struct AssetFinding: Sendable {
    var kind: AssetKind
    /// What identifies it (lowercased where Graph's ids are case-insensitive): device id, Entra object id, UPN, …
    var key: String
    var name: String?
    /// Descriptive properties, as Graph sent them, in a fixed order per kind.
    var attributes: [(String, JSON)]
    var evidenceType: EvidenceKind
    var roles: EvidenceRoles
    var verdict: EvidenceVerdict
}
