import Foundation
import NIOCore

/// Routes one request: counts it, applies the faults in force, checks the token, the permissions and the budget,
/// then lets the identity or Graph handler answer.
struct EmulatorHandler: Sendable {
    let services: EmulatorServices

    /// The route of a path (for counting, faults and the journal) and the tenant of a token request.
    static func route(of request: EmulatorRequest) -> (EmulatorRoute, tenant: String?, resource: SecurityAPI.Resource?)
    {
        if let resource = SecurityAPI.resource(path: request.path) { return (resource.route, nil, resource) }
        let segments = request.path.split(separator: "/", omittingEmptySubsequences: true)
        if segments.count == 4, segments[1] == "oauth2", segments[2] == "v2.0", segments[3] == "token" {
            return (.token, FormEncoding.percentDecode(segments[0]), nil)
        }
        return (.other, nil, nil)
    }

    func respond(to request: EmulatorRequest) async -> (EmulatorResponse, route: EmulatorRoute, faults: [FaultAction]) {
        let (route, tenant, resource) = Self.route(of: request)
        let actions = await services.faults.arrival(route)
        var response = await answer(request, route: route, tenant: tenant, resource: resource, actions: actions)
        if let delay = actions.compactMap({ action -> Duration? in
            if case .delay(let duration) = action { return duration }
            return nil
        }).first {
            response.delay = delay
        }
        if actions.contains(.malformedBody), response.status == 200 {
            var half = response.body.getSlice(at: 0, length: max(1, response.body.readableBytes / 2)) ?? ByteBuffer()
            half.writeString("\u{0}<!-- upstream reset -->")
            response.body = half
        }
        if actions.contains(.cutMidBody) { response.delivery = .cutAfter(bytes: response.body.readableBytes / 2) }
        if actions.contains(.dropConnection) { response.delivery = .dropConnection }
        if route != .token { GraphResponse.addStandardHeaders(to: &response, request: request) }
        return (response, route, actions)
    }

    private func answer(
        _ request: EmulatorRequest, route: EmulatorRoute, tenant: String?, resource: SecurityAPI.Resource?,
        actions: [FaultAction]
    ) async -> EmulatorResponse {
        for action in actions {
            switch action {
            case .throttle(let retryAfter):
                var response =
                    route == .token
                    ? TokenEndpoint.entraError(.throttled, request: request, loginRoot: services.address.loginRoot)
                    : GraphResponse.throttled(request: request)
                if let retryAfter { response.setHeader("Retry-After", retryAfter.headerValue) }
                return response
            case .serverError(let status, let retryAfter):
                var response =
                    route == .token
                    ? TokenEndpoint.entraError(
                        EntraError(
                            code: 90033, error: "temporarily_unavailable", message: EntraError.transient.message,
                            status: status),
                        request: request, loginRoot: services.address.loginRoot)
                    : GraphResponse.error(
                        status, code: Self.graphCode(status), message: Self.graphMessage(status), request: request)
                if let retryAfter { response.setHeader("Retry-After", retryAfter.headerValue) }
                return response
            default: continue
            }
        }
        if route == .token, let tenant {
            return await TokenEndpoint(services: services).respond(to: request, tenant: tenant)
        }
        if let name = WebhookSink.name(ofPath: request.path), request.method == "POST" || request.method == "PUT" {
            await services.sink.receive(
                name: name, bytes: request.body.count, idempotencyKey: request.header("Idempotency-Key"))
            return EmulatorResponse.json(200, ["accepted": true], contentType: "application/json")
        }
        guard let resource else {
            if request.path.split(separator: "/").first?.lowercased() == "v1.0" {
                let segment = request.path.split(separator: "/").last.map(String.init) ?? ""
                return GraphResponse.error(
                    400, code: "BadRequest", message: "Resource not found for the segment '\(segment)'.",
                    request: request)
            }
            return EmulatorResponse(
                status: 404, headers: [("Content-Type", "text/plain; charset=utf-8")], body: Array("Not Found".utf8))
        }
        guard request.method == "GET" else {
            return GraphResponse.error(
                405, code: "BadRequest", message: "The emulator serves GET only; '\(request.method)' is not supported.",
                request: request)
        }
        if let refusal = await authorize(request, resource: resource) { return refusal }
        let origin = actions.lazy.compactMap { action -> String? in
            if case .nextLinkOrigin(let origin) = action { return origin }
            return nil
        }.first
        return await SecurityAPI(services: services).respond(
            to: request, resource: resource, omitNextLink: actions.contains(.omitNextLink), nextLinkOrigin: origin)
    }

    /// 401 for a missing, malformed, foreign or expired token; 403 for a missing permission; 429 when the app's
    /// budget is spent.
    private func authorize(_ request: EmulatorRequest, resource: SecurityAPI.Resource) async -> EmulatorResponse? {
        guard let header = request.header("Authorization"), header.lowercased().hasPrefix("bearer "),
            case let token = header.dropFirst(7).trimmingCharacters(in: .whitespaces), !token.isEmpty
        else { return unauthorized(request, "Access token is empty.") }
        let now = services.configuration.clock.now()
        switch services.issuer.validate(token, now: now, audiences: services.acceptedAudiences) {
        case .failure(.malformed): return unauthorized(request, "CompactToken parsing failed with error code: 80049217")
        case .failure(.badSignature): return unauthorized(request, "Access token validation failure.")
        case .failure(.wrongAudience):
            return unauthorized(request, "Access token validation failure. Invalid audience.")
        case .failure(.expired): return unauthorized(request, "Lifetime validation failed, the token is expired.")
        case .success(let claims):
            if await services.faults.isRevoked(claims.serial) {
                return unauthorized(request, "Lifetime validation failed, the token is expired.")
            }
            let expands = request.queryItems.contains { $0.name.lowercased() == "$expand" && $0.value == "alerts" }
            for group in SecurityAPI.requiredRoles(resource, expandsAlerts: expands)
            where !group.contains(where: claims.roles.contains) {
                return GraphResponse.error(
                    403, code: "Forbidden",
                    message: "Missing application roles. API required roles: \(group.joined(separator: ", ")). "
                        + "Application roles: \(claims.roles.joined(separator: ", ")).",
                    request: request)
            }
            if let wait = await services.faults.spend(app: claims.tenantID + "/" + claims.appID, now: now) {
                var response = GraphResponse.throttled(request: request)
                response.setHeader("Retry-After", RetryAfter.seconds(wait).headerValue)
                return response
            }
            return nil
        }
    }

    private func unauthorized(_ request: EmulatorRequest, _ message: String) -> EmulatorResponse {
        var response = GraphResponse.error(401, code: "InvalidAuthenticationToken", message: message, request: request)
        response.setHeader(
            "WWW-Authenticate",
            #"Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000""#
        )
        return response
    }

    static func graphCode(_ status: Int) -> String {
        switch status {
        case 500: "InternalServerError"
        case 502: "BadGateway"
        case 503: "ServiceUnavailable"
        case 504: "GatewayTimeout"
        case 509: "BandwidthLimitExceeded"
        default: "UnknownError"
        }
    }

    static func graphMessage(_ status: Int) -> String {
        switch status {
        case 503: "The service is temporarily unavailable for maintenance or is overloaded. Retry after a delay."
        case 504: "The server, while acting as a proxy, did not receive a timely response from the upstream server."
        default: "An internal server error occurred. Retry the request."
        }
    }
}
