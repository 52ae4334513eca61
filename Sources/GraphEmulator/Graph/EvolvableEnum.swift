/// An evolvable enumeration of the security API (GRAPH.md §3–§6): members in declaration order, with the
/// `unknownFutureValue` sentinel. Members after the sentinel reach a client only when it sends
/// `Prefer: include-unknown-enum-members`; otherwise they are written as `unknownFutureValue`.
struct EvolvableEnum: Sendable {
    let name: String
    let members: [String]
    /// Index of `unknownFutureValue` (members after it need the Prefer header); `members.count` when absent.
    let sentinel: Int
    private let lowercased: [String]

    init(_ name: String, _ members: [String]) {
        self.name = name
        self.members = members
        sentinel = members.firstIndex(of: "unknownFutureValue") ?? members.count
        lowercased = members.map { $0.lowercased() }
    }

    /// The member's index, matching exactly (as OData matches enum literals).
    func code(exactly member: String) -> Int? { members.firstIndex(of: member) }

    /// The member's index, ignoring case (stored records may carry the documented PascalCase quirk).
    func code(ignoringCase member: String) -> Int? { lowercased.firstIndex(of: member.lowercased()) }

    /// What a client receives for `member`: itself, or `unknownFutureValue` when it lies after the sentinel and
    /// the client did not opt in.
    func wireValue(_ member: String, includeUnknown: Bool) -> String {
        guard !includeUnknown, let code = code(exactly: member) ?? code(ignoringCase: member), code > sentinel else {
            return member
        }
        return "unknownFutureValue"
    }

    func isAfterSentinel(_ member: String) -> Bool {
        guard let code = code(ignoringCase: member) else { return false }
        return code > sentinel
    }
}

/// The enumerations the emulator filters on, rewrites or generates.
enum SecurityEnums {
    static let alertStatus = EvolvableEnum(
        "microsoft.graph.security.alertStatus", ["unknown", "new", "inProgress", "resolved", "unknownFutureValue"])
    static let incidentStatus = EvolvableEnum(
        "microsoft.graph.security.incidentStatus",
        ["active", "resolved", "inProgress", "redirected", "unknownFutureValue", "awaitingAction"])
    static let severity = EvolvableEnum(
        "microsoft.graph.security.alertSeverity",
        ["unknown", "informational", "low", "medium", "high", "unknownFutureValue"])
    static let classification = EvolvableEnum(
        "microsoft.graph.security.alertClassification",
        ["unknown", "falsePositive", "truePositive", "informationalExpectedActivity", "unknownFutureValue"])
    static let determination = EvolvableEnum(
        "microsoft.graph.security.alertDetermination",
        [
            "unknown", "apt", "malware", "securityPersonnel", "securityTesting", "unwantedSoftware", "other",
            "multiStagedAttack", "compromisedAccount", "phishing", "maliciousUserActivity", "notMalicious",
            "notEnoughDataToValidate", "confirmedActivity", "lineOfBusinessApplication", "unknownFutureValue",
        ])
    /// The union of the rendered enum page and the OpenAPI schema (GRAPH.md §3).
    static let serviceSource = EvolvableEnum(
        "microsoft.graph.security.serviceSource",
        [
            "unknown", "microsoftDefenderForEndpoint", "microsoftDefenderForIdentity", "microsoftDefenderForCloudApps",
            "microsoftDefenderForOffice365", "microsoft365Defender", "azureAdIdentityProtection",
            "microsoftAppGovernance", "dataLossPrevention", "unknownFutureValue", "microsoftDefenderForCloud",
            "microsoftSentinel", "microsoftInsiderRiskManagement", "microsoftThreatIntelligence",
            "microsoftSecurityForAI",
        ])
    static let detectionSource = EvolvableEnum(
        "microsoft.graph.security.detectionSource",
        [
            "unknown", "microsoftDefenderForEndpoint", "antivirus", "smartScreen", "customTi",
            "microsoftDefenderForOffice365", "automatedInvestigation", "microsoftThreatExperts", "customDetection",
            "microsoftDefenderForIdentity", "cloudAppSecurity", "microsoft365Defender", "azureAdIdentityProtection",
            "manual", "microsoftDataLossPrevention", "appGovernancePolicy", "appGovernanceDetection",
            "unknownFutureValue", "microsoftDefenderForCloud", "microsoftDefenderForIoT",
            "microsoftDefenderForServers", "microsoftDefenderForStorage", "microsoftDefenderForDNS",
            "microsoftDefenderForDatabases", "microsoftDefenderForContainers", "microsoftDefenderForNetwork",
            "microsoftDefenderForAppService", "microsoftDefenderForKeyVault", "microsoftDefenderForResourceManager",
            "microsoftDefenderForApiManagement", "nrtAlerts", "scheduledAlerts",
            "microsoftDefenderThreatIntelligenceAnalytics", "builtInMl", "microsoftInsiderRiskManagement",
            "microsoftThreatIntelligence", "microsoftDefenderForAIServices", "securityCopilot", "microsoftSentinel",
        ])
    static let remediationStatus = EvolvableEnum(
        "microsoft.graph.security.evidenceRemediationStatus",
        [
            "none", "remediated", "prevented", "blocked", "notFound", "unknownFutureValue", "active",
            "pendingApproval", "declined", "unremediated", "running", "partiallyRemediated",
        ])
    static let investigationState = EvolvableEnum(
        "microsoft.graph.security.investigationState",
        [
            "unknown", "terminated", "successfullyRemediated", "benign", "failed", "partiallyRemediated", "running",
            "pendingApproval", "pendingResource", "queued", "innerFailure", "preexistingAlert", "unsupportedOs",
            "unsupportedAlertType", "suppressedAlert", "partiallyInvestigated", "terminatedByUser",
            "terminatedBySystem", "unknownFutureValue",
        ])
    static let evidenceRole = EvolvableEnum(
        "microsoft.graph.security.evidenceRole",
        [
            "unknown", "contextual", "scanned", "source", "destination", "created", "added", "compromised", "edited",
            "attacked", "attacker", "commandAndControl", "loaded", "suspicious", "policyViolator",
            "unknownFutureValue",
        ])
    static let verdict = EvolvableEnum(
        "microsoft.graph.security.evidenceVerdict",
        ["unknown", "suspicious", "malicious", "noThreatsFound", "unknownFutureValue"])
}
