import Foundation
import GraphSecurity
import JSON

extension ConnectionCheck {
    /// The application ID of Microsoft Graph: the `aud` of v2.0 tokens for Graph.
    static let graphApplicationID = "00000003-0000-0000-c000-000000000000"

    /// Reads the token's claims — without verifying its signature: this is a diagnosis, not an authorization
    /// decision — and compares them with the connection and with what its jobs need.
    func checkClaims(_ token: AccessToken) -> (CheckResult, TokenFacts?) {
        let started = ContinuousClock.now
        let claims: JSONObject
        do {
            claims = try token.claims()
        } catch {
            let result = CheckResult(
                name: .claims, status: .failed, latency: ContinuousClock.now - started,
                message: "the token's claims cannot be read: \(error)",
                fix: "check endpoints.login: the identity platform issues JWT access tokens for Microsoft Graph")
            return (result, nil)
        }
        let roles = (claims["roles"]?.arrayValue ?? []).compactMap(\.stringValue).sorted()
        let tid = claims["tid"]?.stringValue
        let appID = claims["appid"]?.stringValue ?? claims["azp"]?.stringValue
        let audience = claims["aud"]?.stringValue
        let expires = claims["exp"]?.intValue.map { Date(timeIntervalSince1970: TimeInterval($0)) }
        let appName = claims["app_displayname"]?.stringValue

        var problems: [String] = []
        var fixes: [String] = []
        var details: [String] = []
        let comparesTenant = UUID(uuidString: connection.tenantID) != nil
        if comparesTenant {
            if tid?.lowercased() != connection.tenantID.lowercased() {
                problems.append("the token names tenant '\(tid ?? "none")', not tenant_id '\(connection.tenantID)'")
                fixes.append("check tenant_id (the Directory (tenant) ID on the app's Overview page)")
            }
        } else {
            details.append("tid is not compared: tenant_id '\(connection.tenantID)' is a domain name")
        }
        if appID?.lowercased() != connection.clientID.lowercased() {
            problems.append("the token names app '\(appID ?? "none")', not client_id '\(connection.clientID)'")
            fixes.append("check client_id (the Application (client) ID on the app's Overview page)")
        }
        let graph = connection.endpoints.graph
        let audiences = [graph, graph + "/", Self.graphApplicationID]
        if !(audience.map(audiences.contains) ?? false) {
            problems.append("the token is for '\(audience ?? "none")', not Microsoft Graph at '\(graph)'")
            fixes.append("check cloud and the endpoints override: the token must be for the Graph root requests go to")
        }
        if let expires, expires <= options.now() {
            problems.append("the token expired at \(expires.formatted(.iso8601)) as this machine's clock reads it")
            fixes.append("check this machine's clock")
        }

        let missing = target.neededPermissions.filter { !$0.isGranted(by: roles) }
        if !missing.isEmpty {
            let names = missing.map(\.rawValue).joined(separator: " and ")
            let plural = missing.count == 1 ? "" : "s"
            let carried = roles.joined(separator: ", ")
            problems.append(
                roles.isEmpty
                    ? "the token carries no application permission (no roles claim); needed: \(names)"
                    : "the token lacks the application permission\(plural) \(names) (it carries \(carried))")
            fixes.append(
                ApplicationPermission.grantSteps(missing, app: appLabel(appName), tenantID: connection.tenantID))
        }
        for permission in target.neededPermissions
        where !roles.contains(permission.rawValue) && roles.contains(permission.readWrite) {
            details.append(
                "note: \(permission.readWrite) grants more than temsync needs: \(permission.rawValue) is enough")
        }
        let shownExpiry = expires.map { $0.formatted(.iso8601) } ?? "none"
        let shownRoles = roles.isEmpty ? "none" : roles.joined(separator: ", ")
        details.append(
            "claims: tid \(tid ?? "none"), appid \(appID ?? "none"), aud \(audience ?? "none"), exp \(shownExpiry), "
                + "roles \(shownRoles)")
        if !missing.isEmpty { details += ApplicationPermission.grantNotes }

        let latency = ContinuousClock.now - started
        guard problems.isEmpty else {
            let result = CheckResult(
                name: .claims, status: .failed, latency: latency, message: problems.joined(separator: "; "),
                fix: fixes.joined(separator: "; "), details: details)
            return (result, TokenFacts(roles: roles, appName: appName))
        }
        let granted = target.neededPermissions.map(\.rawValue).joined(separator: " and ")
        let matched = comparesTenant ? "tenant, app and audience match" : "app and audience match"
        let message = "the token grants \(granted); \(matched)"
        let result = CheckResult(name: .claims, status: .passed, latency: latency, message: message, details: details)
        return (result, TokenFacts(roles: roles, appName: appName))
    }

    /// What the access check and the report use from the claims.
    struct TokenFacts {
        var roles: [String]
        /// `app_displayname`, when the token has it.
        var appName: String?
    }

    /// `'temsync demo' (9d2f…)` or `the app '9d2f…'`: how the portal steps name the app.
    func appLabel(_ appName: String?) -> String {
        appName.map { "'\($0)' (\(connection.clientID))" } ?? "the app '\(connection.clientID)'"
    }
}
