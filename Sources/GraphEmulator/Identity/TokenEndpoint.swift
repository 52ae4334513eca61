import Foundation
import JSON

/// `POST /{tenant}/oauth2/v2.0/token` with `grant_type=client_credentials` (GRAPH.md §9): the client secret in the
/// form body or as HTTP Basic credentials (RFC 6749 §2.3.1), `scope` = a resource's App ID URI + `/.default`.
struct TokenEndpoint: Sendable {
    let services: EmulatorServices

    func respond(to request: EmulatorRequest, tenant: String) async -> EmulatorResponse {
        switch await evaluate(request, tenant: tenant) {
        case .success(let token):
            let body: JSON = [
                "token_type": "Bearer",
                "expires_in": .int(services.configuration.tokenLifetime),
                "ext_expires_in": .int(services.configuration.tokenLifetime),
                "access_token": .string(token),
            ]
            return Self.finish(.json(200, body, contentType: "application/json; charset=utf-8"), request)
        case .failure(let error):
            return Self.entraError(error, request: request, loginRoot: services.address.loginRoot)
        }
    }

    static func entraError(_ error: EntraError, request: EmulatorRequest, loginRoot: String) -> EmulatorResponse {
        let body = error.body(
            traceID: request.requestID, correlationID: request.clientRequestID, at: request.received,
            loginRoot: loginRoot)
        return finish(.json(error.status, body, contentType: "application/json; charset=utf-8"), request)
    }

    private static func finish(_ response: EmulatorResponse, _ request: EmulatorRequest) -> EmulatorResponse {
        var response = response
        response.setHeader("Cache-Control", "no-store, no-cache")
        response.setHeader("Pragma", "no-cache")
        response.setHeader("x-ms-request-id", request.requestID)
        response.setHeader("x-ms-ests-server", "2.1.temsync-emulator")
        if request.clientSentRequestID { response.setHeader("client-request-id", request.clientRequestID) }
        return response
    }

    private func evaluate(_ request: EmulatorRequest, tenant: String) async -> Result<String, EntraError> {
        guard request.method == "POST" else { return .failure(.onlyPost) }
        guard Self.isWellFormedTenant(tenant) else { return .failure(.malformedTenant(tenant)) }
        let apps = services.configuration.apps
        let tenantApps = apps.filter { app in
            app.tenantID.caseInsensitiveCompare(tenant) == .orderedSame
                || app.tenantDomains.contains { $0.caseInsensitiveCompare(tenant) == .orderedSame }
        }
        guard !tenantApps.isEmpty else { return .failure(.invalidTenantName(tenant)) }

        let isForm =
            request.header("Content-Type")?.lowercased().hasPrefix("application/x-www-form-urlencoded") ?? false
        let form = isForm ? FormEncoding.decode(String(decoding: request.body, as: UTF8.self)) : []
        func parameter(_ name: String) -> String? { form.first { $0.name == name }?.value }

        guard let grantType = parameter("grant_type"), !grantType.isEmpty else {
            return .failure(.missingParameter("grant_type"))
        }
        guard grantType == "client_credentials" else { return .failure(.unsupportedGrantType(grantType)) }

        var clientID = parameter("client_id")
        var secret = parameter("client_secret")
        if let basic = Self.basicCredentials(request.header("Authorization")) {
            clientID = clientID ?? basic.user
            secret = secret ?? basic.password
        }
        guard let clientID, !clientID.isEmpty else { return .failure(.missingParameter("client_id")) }
        guard let app = tenantApps.first(where: { $0.clientID.caseInsensitiveCompare(clientID) == .orderedSame })
        else { return .failure(.unknownApplication(clientID, tenant: tenant)) }
        guard app.isEnabled else { return .failure(.disabledApplication(app.clientID, name: app.displayName)) }
        guard let secret, !secret.isEmpty else { return .failure(.missingCredential) }
        guard let matching = app.secrets.first(where: { $0.value == secret }) else {
            return .failure(.invalidSecret(app.clientID))
        }
        let now = services.configuration.clock.now()
        guard matching.expires > now else { return .failure(.expiredSecret(app.clientID)) }

        guard let scope = parameter("scope"), !scope.isEmpty else { return .failure(.missingParameter("scope")) }
        guard scope.hasSuffix("/.default"), !scope.contains(" ") else { return .failure(.invalidScope(scope)) }
        let resource = String(scope.dropLast("/.default".count))
        guard services.acceptedAudiences.contains(resource) else { return .failure(.invalidScope(scope)) }

        let issuedAt = Int(now.timeIntervalSince1970)
        let serial = await services.faults.nextTokenSerial()
        let token = services.issuer.issue(
            AccessTokenIssuer.Claims(
                tenantID: app.tenantID, appID: app.clientID, appDisplayName: app.displayName, roles: app.roles,
                audience: resource, issuedAt: issuedAt, expires: issuedAt + services.configuration.tokenLifetime,
                serial: serial))
        return .success(token)
    }

    /// A GUID, or a DNS name (letters, digits, hyphens and at least one dot).
    static func isWellFormedTenant(_ tenant: String) -> Bool {
        if UUID(uuidString: tenant) != nil { return true }
        let labels = tenant.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2 else { return false }
        return labels.allSatisfy { label in
            !label.isEmpty && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        }
    }

    /// `Authorization: Basic base64(urlencode(client_id):urlencode(client_secret))` (RFC 6749 §2.3.1).
    static func basicCredentials(_ header: String?) -> (user: String, password: String)? {
        guard let header, header.lowercased().hasPrefix("basic "),
            let decoded = Data(base64Encoded: String(header.dropFirst(6)).trimmingCharacters(in: .whitespaces))
        else { return nil }
        let text = String(decoding: decoded, as: UTF8.self)
        guard let colon = text.firstIndex(of: ":") else { return nil }
        return (
            FormEncoding.percentDecode(text[..<colon]),
            FormEncoding.percentDecode(text[text.index(after: colon)...])
        )
    }
}
