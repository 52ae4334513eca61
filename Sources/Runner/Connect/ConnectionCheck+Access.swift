import GraphSecurity
import Transport

extension ConnectionCheck {
    /// One cheap request (`$top=1`) per API the jobs read, to prove access end to end.
    func checkAccess(_ client: GraphClient, facts: TokenFacts?) async -> CheckResult {
        let started = ContinuousClock.now
        var parts: [String] = []
        var fixes: [String] = []
        var details: [String] = []
        var failed = false
        var forbidden: [ApplicationPermission] = []
        for permission in target.neededPermissions {
            let path = permission.source.path + "?$top=1"
            let request = "GET \(path)"
            let requestStarted = ContinuousClock.now
            do {
                let response = try await client.get(path: path)
                let count = response.json["value"]?.arrayValue?.count ?? 0
                let noun = permission.source == .alerts ? "alert" : "incident"
                let found = count == 0 ? "no \(noun)s yet" : "\(count) \(noun)\(count == 1 ? "" : "s")"
                parts.append("\(request) → \(response.status) (\(found))")
                let milliseconds = (ContinuousClock.now - requestStarted).milliseconds
                details.append(
                    "\(request): \(response.status) in \(milliseconds) ms"
                        + (response.requestID.map { ", request-id \($0)" } ?? ""))
            } catch {
                failed = true
                let explained = explainAccessFailure(error, permission: permission, facts: facts)
                parts.append("\(request) → \(explained.message)")
                if isMissing(permission, error: error, facts: facts) {
                    forbidden.append(permission)
                } else if let fix = explained.fix, !fixes.contains(fix) {
                    fixes.append(fix)
                }
                details += explained.details.map { "\(request): \($0)" }
            }
        }
        if !forbidden.isEmpty {
            fixes.insert(
                ApplicationPermission.grantSteps(
                    forbidden, app: appLabel(facts?.appName), tenantID: connection.tenantID), at: 0)
        }
        let latency = ContinuousClock.now - started
        return CheckResult(
            name: .access, status: failed ? .failed : .passed, latency: latency, message: parts.joined(separator: "; "),
            fix: fixes.isEmpty ? nil : fixes.joined(separator: "; "), details: details)
    }

    func explainAccessFailure(_ error: any Error, permission: ApplicationPermission, facts: TokenFacts?) -> Explained {
        let (underlying, attempts) = Self.unwrapRetries(error)
        var explained: Explained
        switch underlying {
        case let graph as GraphError:
            var text = "\(graph.status)"
            if let code = graph.code { text += " \(code)" }
            if let message = graph.message, !message.isEmpty { text += ": \(message)" }
            var ids = ["client-request-id \(graph.clientRequestID)"]
            if let requestID = graph.requestID { ids.insert("request-id \(requestID)", at: 0) }
            explained = Explained(message: text, fix: fix(graph, permission: permission, facts: facts))
            explained.details.append(ids.joined(separator: ", "))
        case is EntraError, is TokenResponseError, is TransportError:
            explained = explainTokenFailure(underlying)
        default:
            explained = Explained(message: Self.describe(underlying), fix: nil)
        }
        if let attempts { explained.details.insert(attempts, at: 0) }
        return explained
    }

    /// A 403 for a permission the token does not carry: the portal steps say what to grant.
    func isMissing(_ permission: ApplicationPermission, error: any Error, facts: TokenFacts?) -> Bool {
        let graph = Self.unwrapRetries(error).error as? GraphError
        guard graph?.status == 403 else { return false }
        return !(facts.map { permission.isGranted(by: $0.roles) } ?? false)
    }

    func fix(_ error: GraphError, permission: ApplicationPermission, facts: TokenFacts?) -> String? {
        switch error.status {
        case 403:
            if let roles = facts?.roles, permission.isGranted(by: roles) {
                return "Graph refused although the token carries \(permission.rawValue): check that Microsoft Defender "
                    + "XDR is set up for the tenant, and quote the request-id to Microsoft support"
            }
            return ApplicationPermission.grantSteps(
                [permission], app: appLabel(facts?.appName), tenantID: connection.tenantID)
        case 401:
            return error.hint
        case 429, 500...599:
            return "Graph is throttling or failing right now: try again in a few minutes; if it persists, quote the "
                + "request-id to Microsoft support"
        default:
            return nil
        }
    }
}
