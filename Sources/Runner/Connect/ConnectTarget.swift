/// One connection `temsync connect` checks: a named connection, or an inline one (identical inline connections of
/// several jobs count once), with the jobs that use it and the permissions they need.
public struct ConnectTarget: Sendable {
    public enum Kind: String, Sendable, Hashable {
        case named
        case inline
    }

    public var kind: Kind
    public var connection: ConnectionPlan
    /// The (selected) jobs that use it, in load order; empty for a named connection no job uses.
    public var jobs: [String]
    /// The union over those jobs; both permissions for a connection no job uses.
    public var neededPermissions: [ApplicationPermission]

    public init(kind: Kind, connection: ConnectionPlan, jobs: [String], neededPermissions: [ApplicationPermission]) {
        self.kind = kind
        self.connection = connection
        self.jobs = jobs
        self.neededPermissions = neededPermissions
    }

    /// `connection 'contoso-prod'` or `inline connection of job 'firewall-indicators'`.
    public var title: String {
        switch kind {
        case .named: return "connection '\(connection.name ?? "")'"
        case .inline:
            let names = jobs.map { "'\($0)'" }.joined(separator: ", ")
            return "inline connection of job\(jobs.count == 1 ? "" : "s") \(names)"
        }
    }

    /// What a user reads after the title: which jobs use it.
    var usage: String {
        switch kind {
        case .named:
            return jobs.isEmpty
                ? "not used by any job: both permissions are checked"
                : "used by \(jobs.count == 1 ? "job" : "jobs") \(jobs.joined(separator: ", "))"
        case .inline:
            return "written at \(connection.location)"
        }
    }

    /// Two inline connections are the same when every setting is, wherever they are written.
    static func identity(of connection: ConnectionPlan) -> String {
        var parts = [
            connection.cloud.rawValue, connection.endpoints.login, connection.endpoints.graph,
            connection.tenantID.lowercased(), connection.clientID.lowercased(), connection.clientSecret.description,
            connection.caFile ?? "", "\(connection.timeouts.connect)", "\(connection.timeouts.request)",
        ]
        if let proxy = connection.proxy {
            parts += [
                proxy.url, proxy.username ?? "", proxy.password?.description ?? "",
                proxy.noProxy.joined(separator: ","),
            ]
        }
        return parts.joined(separator: "\u{1F}")
    }
}
