/// The two collections temsync reads.
public enum GraphSource: String, Sendable, Hashable, CaseIterable, Codable {
    /// `GET /v1.0/security/alerts_v2`
    case alerts
    /// `GET /v1.0/security/incidents`
    case incidents

    /// The path below the API base (`/v1.0`).
    public var path: String {
        switch self {
        case .alerts: "/security/alerts_v2"
        case .incidents: "/security/incidents"
        }
    }

    /// `$top` when the job gives no `page_size` (docs/JOBS.md).
    public var defaultPageSize: Int {
        switch self {
        case .alerts: 1000
        case .incidents: 50
        }
    }

    /// The application permission Graph requires.
    public var requiredPermission: String {
        switch self {
        case .alerts: "SecurityAlert.Read.All"
        case .incidents: "SecurityIncident.Read.All"
        }
    }
}
