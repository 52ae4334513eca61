extension ConnectReport {
    /// Every connection's block, then the summary line.
    public var text: String {
        connections.map(Self.text).joined(separator: "\n") + "\n" + summary + "\n"
    }

    /// One connection: what it is, what it needs, then one line per check with its result and latency; a failed
    /// check is followed by its fix and details.
    ///
    /// ```
    /// connection 'contoso-prod': used by job alert-archive
    ///   tenant 4a7c9e12-…, client 9d2f4b6a-…, cloud global
    ///   login https://login.microsoftonline.com, graph https://graph.microsoft.com
    ///   needs SecurityAlert.Read.All
    ///   ✓ secrets     0 ms  client secret (env CONTOSO_CLIENT_SECRET) resolves
    ///   ✓ token     212 ms  token issued for app '9d2f4b6a-…' in tenant '4a7c9e12-…' (valid for 59 min)
    /// ```
    public static func text(_ result: ConnectionResult) -> String {
        let target = result.target
        let connection = target.connection
        var lines = [
            "\(target.title): \(target.usage)",
            "  tenant \(connection.tenantID), client \(connection.clientID), cloud \(connection.cloud.rawValue)",
            "  login \(connection.endpoints.login), graph \(connection.endpoints.graph)",
        ]
        if let proxy = connection.proxy {
            let user = proxy.username.map { " (user '\($0)')" } ?? ""
            let bypass = proxy.noProxy.isEmpty ? "" : ", no_proxy \(proxy.noProxy.joined(separator: ", "))"
            lines.append("  proxy \(proxy.url)\(user)\(bypass)")
        }
        if let caFile = connection.caFile { lines.append("  tls: system trust + ca_file \(caFile)") }
        lines.append("  needs \(target.neededPermissions.map(\.rawValue).joined(separator: ", "))")
        for check in result.checks {
            lines.append(line(check))
            guard check.status == .failed else {
                // A passed check shows only its advice (e.g. a broader permission than needed).
                lines += check.details.filter { $0.hasPrefix("note: ") }.map { "      \($0)" }
                continue
            }
            if let fix = check.fix { lines.append("      fix: \(fix)") }
            lines += check.details.map { "      \($0)" }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `  ✓ token     212 ms  message`: the result, the check's name, its latency, what it found.
    static func line(_ check: CheckResult) -> String {
        let symbol =
            switch check.status {
            case .passed: "✓"
            case .failed: "✗"
            case .skipped: "-"
            }
        let name = check.name.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0)
        let latency = check.latencyMilliseconds.map { "\($0) ms" } ?? ""
        let field = String(repeating: " ", count: max(0, 8 - latency.count)) + latency
        return "  \(symbol) \(name) \(field)  \(check.message)"
    }

    /// `2 connections checked: every check passed` or `…: 1 failed (connection 'x': claims, access)`.
    public var summary: String {
        let count = "\(connections.count) connection\(connections.count == 1 ? "" : "s") checked"
        if connections.isEmpty { return "no connection checked" }
        let failures = connections.filter { !$0.passed }
        if failures.isEmpty { return "\(count): every check passed" }
        let which = failures.map { failure in
            "\(failure.target.title): \(failure.failedChecks.map(\.rawValue).joined(separator: ", "))"
        }
        return "\(count): \(failures.count) failed (\(which.joined(separator: "; ")))"
    }
}
