/// Members of Microsoft Graph's security enums as documented (GRAPH.md §3–§6), members after the
/// `unknownFutureValue` sentinel included.
public enum GraphEnums {
    static let sentinel = "unknownFutureValue"
    static let sentinelReason =
        "'unknownFutureValue' is Graph's evolvable-enum sentinel, not a value; don't filter on it"

    public static let severity = ["unknown", "informational", "low", "medium", "high"]
    public static let alertStatus = ["unknown", "new", "inProgress", "resolved"]
    public static let incidentStatus = ["active", "resolved", "inProgress", "redirected", "awaitingAction"]
    public static let classification = ["unknown", "falsePositive", "truePositive", "informationalExpectedActivity"]
    public static let determination = [
        "unknown", "apt", "malware", "securityPersonnel", "securityTesting", "unwantedSoftware", "other",
        "multiStagedAttack", "compromisedAccount", "phishing", "maliciousUserActivity", "notMalicious",
        "notEnoughDataToValidate", "confirmedActivity", "lineOfBusinessApplication",
    ]
    public static let serviceSource = [
        "unknown", "microsoftDefenderForEndpoint", "microsoftDefenderForIdentity", "microsoftDefenderForCloudApps",
        "microsoftDefenderForOffice365", "microsoft365Defender", "azureAdIdentityProtection", "microsoftAppGovernance",
        "dataLossPrevention", "microsoftDefenderForCloud", "microsoftSentinel", "microsoftInsiderRiskManagement",
        "microsoftThreatIntelligence", "microsoftSecurityForAI",
    ]
    public static let evidenceVerdict = ["unknown", "suspicious", "malicious", "noThreatsFound"]
    public static let evidenceRole = [
        "unknown", "contextual", "scanned", "source", "destination", "created", "added", "compromised", "edited",
        "attacked", "attacker", "commandAndControl", "loaded", "suspicious", "policyViolator",
    ]

    /// Older names some documentation pages use for determination members.
    static let determinationRenames = [
        "compromisedUser": "compromisedAccount", "clean": "notMalicious", "insufficientData": "notEnoughDataToValidate",
        "confirmedUserActivity": "confirmedActivity",
    ]

    static func shape(_ members: [String], hints: [String: String] = [:]) -> EnumShape {
        EnumShape(members, refused: [sentinel: sentinelReason], hints: hints)
    }

    static var determinationShape: EnumShape {
        var hints: [String: String] = [:]
        for (old, new) in determinationRenames {
            hints[old] = "'\(old)' is an older name in Graph's documentation; the member Graph accepts is '\(new)'"
        }
        return shape(determination, hints: hints)
    }

    static var alertStatusShape: EnumShape {
        var hints: [String: String] = [:]
        for status in incidentStatus where !alertStatus.contains(status) {
            hints[status] =
                "'\(status)' is an incident status; alert statuses are: \(alertStatus.sorted().joined(separator: ", "))"
        }
        return shape(alertStatus, hints: hints)
    }

    static var incidentStatusShape: EnumShape {
        var hints: [String: String] = [:]
        for status in alertStatus where !incidentStatus.contains(status) {
            hints[status] =
                "'\(status)' is an alert status; incident statuses are: "
                + incidentStatus.sorted().joined(separator: ", ")
        }
        return shape(incidentStatus, hints: hints)
    }
}
