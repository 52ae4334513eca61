import JSON

extension ConnectReport {
    /// The document `temsync connect --format json` prints (keys sorted when written with `sortedKeys`):
    ///
    /// `{"status": "passed"|"failed", "connections": [{"name", "kind", "jobs", "location", "cloud", "endpoints":
    /// {"login", "graph", "token_url"}, "tenant_id", "client_id", "client_secret", "proxy", "ca_file",
    /// "needed_permissions", "granted_roles", "status", "checks": [{"name", "status", "latency_ms", "message", "fix",
    /// "details"}]}]}`. Secrets appear as their references (`env NAME`, `file PATH`), never as values.
    public var json: JSON {
        [
            "status": .string(passed ? "passed" : "failed"),
            "connections": .array(connections.map(Self.json)),
        ]
    }

    static func json(_ result: ConnectionResult) -> JSON {
        let target = result.target
        let connection = target.connection
        let proxy: JSON =
            connection.proxy.map { proxy in
                [
                    "url": .string(proxy.url),
                    "username": proxy.username.map(JSON.string) ?? .null,
                    "password": proxy.password.map { .string($0.description) } ?? .null,
                    "no_proxy": .array(proxy.noProxy.map(JSON.string)),
                ]
            } ?? .null
        return [
            "name": connection.name.map(JSON.string) ?? .null,
            "kind": .string(target.kind.rawValue),
            "jobs": .array(target.jobs.map(JSON.string)),
            "location": .string(connection.location.description),
            "cloud": .string(connection.cloud.rawValue),
            "endpoints": [
                "login": .string(connection.endpoints.login),
                "graph": .string(connection.endpoints.graph),
                "token_url": .string(connection.endpoints.tokenURL(tenant: connection.tenantID)),
            ],
            "tenant_id": .string(connection.tenantID),
            "client_id": .string(connection.clientID),
            "client_secret": .string(connection.clientSecret.description),
            "proxy": proxy,
            "ca_file": connection.caFile.map(JSON.string) ?? .null,
            "needed_permissions": .array(target.neededPermissions.map { .string($0.rawValue) }),
            "granted_roles": result.grantedRoles.map { .array($0.map(JSON.string)) } ?? .null,
            "status": .string(result.passed ? "passed" : "failed"),
            "checks": .array(result.checks.map(json)),
        ]
    }

    static func json(_ check: CheckResult) -> JSON {
        [
            "name": .string(check.name.rawValue),
            "status": .string(check.status.rawValue),
            "latency_ms": check.latencyMilliseconds.map(JSON.int) ?? .null,
            "message": .string(check.message),
            "fix": check.fix.map(JSON.string) ?? .null,
            "details": .array(check.details.map(JSON.string)),
        ]
    }
}
