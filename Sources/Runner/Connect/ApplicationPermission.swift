import GraphSecurity

/// A Microsoft Graph application permission temsync needs (GRAPH.md §1), and how an administrator grants it.
public enum ApplicationPermission: String, Sendable, Hashable, CaseIterable, Comparable {
    /// `GET /security/alerts_v2` (and the alerts inside incidents: `$expand=alerts`, `/incidents/{id}/alerts`).
    case securityAlertReadAll = "SecurityAlert.Read.All"
    /// `GET /security/incidents`.
    case securityIncidentReadAll = "SecurityIncident.Read.All"

    /// The more privileged permission that includes this one.
    public var readWrite: String {
        switch self {
        case .securityAlertReadAll: "SecurityAlert.ReadWrite.All"
        case .securityIncidentReadAll: "SecurityIncident.ReadWrite.All"
        }
    }

    /// The collection whose one cheap request proves this permission end to end.
    public var source: GraphSource {
        switch self {
        case .securityAlertReadAll: .alerts
        case .securityIncidentReadAll: .incidents
        }
    }

    /// Whether a token's `roles` grant it (the Read.All role or the ReadWrite.All one).
    public func isGranted(by roles: [String]) -> Bool {
        roles.contains(rawValue) || roles.contains(readWrite)
    }

    public static func < (lhs: ApplicationPermission, rhs: ApplicationPermission) -> Bool {
        lhs.rawValue < rhs.rawValue
    }

    /// What the sources of the plans read needs: alerts → SecurityAlert.Read.All; incidents →
    /// SecurityIncident.Read.All, plus SecurityAlert.Read.All with `expand_alerts` (the alerts come along). Sorted.
    static func needed(by plans: [Plan]) -> [ApplicationPermission] {
        var needed: Set<ApplicationPermission> = []
        for source in plans.flatMap(\.sources) {
            switch source.source {
            case .alerts: needed.insert(.securityAlertReadAll)
            case .incidents:
                needed.insert(.securityIncidentReadAll)
                if source.query.expandAlerts { needed.insert(.securityAlertReadAll) }
            }
        }
        return needed.sorted()
    }

    /// The portal steps that add and consent `permissions` for an app (named by its display name when known).
    static func grantSteps(_ permissions: [ApplicationPermission], app: String, tenantID: String) -> String {
        let names = permissions.sorted().map(\.rawValue)
        let list = names.count == 1 ? names[0] : names.dropLast().joined(separator: ", ") + " and " + names.last!
        return "in the Microsoft Entra admin center: App registrations → \(app) → API permissions → Add a permission "
            + "→ Microsoft Graph → Application permissions → \(list) → Add permissions → Grant admin consent for "
            + "your organisation (tenant '\(tenantID)')"
    }

    /// What goes wrong most often after the portal steps, as notes under a missing permission.
    static let grantNotes = [
        "note: it must be an Application permission: a Delegated permission of the same name puts no role in an "
            + "app-only token",
        "note: a permission listed with the status 'Not granted for …' was added but still needs the admin consent",
        "note: a consent just granted can take a few minutes to reach new tokens; run temsync connect again then",
    ]
}
