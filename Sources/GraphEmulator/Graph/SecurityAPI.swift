import Foundation
import JSON
import NIOCore

/// `/v1.0/security/alerts_v2` and `/v1.0/security/incidents` (with `/{id}` and `/{id}/alerts`), after the
/// bearer token was accepted.
struct SecurityAPI: Sendable {
    let services: EmulatorServices

    enum Resource: Sendable, Hashable {
        case alerts
        case alert(String)
        case incidents
        case incident(String)
        case incidentAlerts(String)

        var route: EmulatorRoute {
            switch self {
            case .alerts: .alerts
            case .alert: .alert
            case .incidents: .incidents
            case .incident: .incident
            case .incidentAlerts: .incidentAlerts
            }
        }
    }

    /// Recognises a Graph path (segments compared ignoring case, as Graph does: its own docs write `alerts_V2`).
    static func resource(path: String) -> Resource? {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true).map {
            FormEncoding.percentDecode($0)
        }
        guard segments.count >= 3, segments[0].lowercased() == "v1.0", segments[1].lowercased() == "security" else {
            return nil
        }
        let collection = segments[2].lowercased()
        switch (collection, segments.count) {
        case ("alerts_v2", 3): return .alerts
        case ("alerts_v2", 4): return .alert(segments[3])
        case ("incidents", 3): return .incidents
        case ("incidents", 4): return .incident(segments[3])
        case ("incidents", 5) where segments[4].lowercased() == "alerts": return .incidentAlerts(segments[3])
        default: return nil
        }
    }

    /// The permissions a resource needs (any one of each group); `$expand=alerts` also needs an alert permission.
    static func requiredRoles(_ resource: Resource, expandsAlerts: Bool) -> [[String]] {
        let alerts = [GraphRole.securityAlertReadAll, GraphRole.securityAlertReadWriteAll]
        let incidents = [GraphRole.securityIncidentReadAll, GraphRole.securityIncidentReadWriteAll]
        switch resource {
        case .alerts, .alert: return [alerts]
        case .incidents, .incident: return expandsAlerts ? [incidents, alerts] : [incidents]
        case .incidentAlerts: return [incidents, alerts]
        }
    }

    func respond(
        to request: EmulatorRequest, resource: Resource, omitNextLink: Bool, nextLinkOrigin: String? = nil
    ) async -> EmulatorResponse {
        let includeUnknown = Self.includesUnknownMembers(request.header("Prefer"))
        do {
            switch resource {
            case .alerts:
                return try await list(
                    request, entitySet: .alerts, includeUnknown: includeUnknown, omitNextLink: omitNextLink,
                    origin: nextLinkOrigin)
            case .incidents:
                return try await list(
                    request, entitySet: .incidents, includeUnknown: includeUnknown, omitNextLink: omitNextLink,
                    origin: nextLinkOrigin)
            case .alert(let id):
                try Self.refuseOptions(request, allowing: [])
                guard let body = await services.store.alertBody(id: id) else { return notFound(request) }
                return single(body, context: "security/alerts_v2/$entity", request, includeUnknown)
            case .incident(let id):
                let expand = try Self.expandOption(request)
                guard let body = await services.store.incidentBody(id: id, expand: expand) else {
                    return notFound(request)
                }
                let context = expand ? "security/incidents(alerts())/$entity" : "security/incidents/$entity"
                return single(body, context: context, request, includeUnknown)
            case .incidentAlerts(let id):
                try Self.refuseOptions(request, allowing: [])
                guard let bodies = await services.store.alertsOfIncident(id: id) else { return notFound(request) }
                return page(
                    bodies, context: "security/incidents('\(id)')/alerts", count: nil, nextLink: nil,
                    includeUnknown: includeUnknown, root: root(of: request))
            }
        } catch {
            return GraphResponse.error(400, code: "BadRequest", message: error.message, request: request)
        }
    }

    static func includesUnknownMembers(_ prefer: String?) -> Bool {
        guard let prefer else { return false }
        return prefer.split(separator: ",").contains {
            $0.trimmingCharacters(in: .whitespaces).lowercased() == "include-unknown-enum-members"
        }
    }

    private static func refuseOptions(_ request: EmulatorRequest, allowing allowed: Set<String>) throws(ODataError) {
        for item in request.queryItems where item.name.hasPrefix("$") && !allowed.contains(item.name.lowercased()) {
            throw .badRequest("Query option '\(item.name)' is not supported for this resource.")
        }
    }

    private static func expandOption(_ request: EmulatorRequest) throws(ODataError) -> Bool {
        try refuseOptions(request, allowing: ["$expand"])
        guard let value = request.queryItems.first(where: { $0.name.lowercased() == "$expand" })?.value else {
            return false
        }
        guard value == "alerts" else {
            throw .badRequest("Could not find a property named '\(value)' on type 'microsoft.graph.security.incident'.")
        }
        return true
    }

    private func list(
        _ request: EmulatorRequest, entitySet: EntitySet, includeUnknown: Bool, omitNextLink: Bool, origin: String?
    )
        async throws(ODataError) -> EmulatorResponse
    {
        let limits = services.configuration.limits
        let items = request.queryItems
        let fingerprint = SkipToken.fingerprint(path: request.path, items: items)
        let options = try ListOptions(
            items: items, entitySet: entitySet,
            defaultTop: entitySet == .alerts ? limits.alertsDefaultPageSize : limits.incidentsDefaultPageSize,
            maxTop: entitySet == .alerts ? limits.alertsMaxPageSize : limits.incidentsMaxPageSize,
            maxSkip: limits.maxSkip, fingerprint: fingerprint)
        let pageRequest = PageRequest(
            filter: options.filter, order: options.order, top: options.top, skip: options.skip,
            cursor: options.skipToken, count: options.count)
        let (bodies, result) =
            entitySet == .alerts
            ? await services.store.alertPage(pageRequest)
            : await services.store.incidentPage(pageRequest, expand: options.expandAlerts)
        var nextLink: String?
        if result.hasMore, !omitNextLink, let last = result.last {
            nextLink = Self.nextLink(
                root: origin ?? root(of: request), path: request.path, query: request.query,
                token: SkipToken.encode(last, fingerprint: fingerprint))
        }
        let context =
            entitySet == .alerts
            ? "security/alerts_v2" : options.expandAlerts ? "security/incidents(alerts())" : "security/incidents"
        return page(
            bodies, context: context, count: result.total, nextLink: nextLink, includeUnknown: includeUnknown,
            root: root(of: request))
    }

    /// The request's own URL with every option kept as sent, except `$skip` and an older `$skiptoken`, plus the
    /// new `$skiptoken`.
    static func nextLink(root: String, path: String, query: String?, token: String) -> String {
        var kept = (query ?? "").split(separator: "&").filter { item in
            let name = FormEncoding.percentDecode(item.split(separator: "=", maxSplits: 1).first ?? "").lowercased()
            return name != "$skip" && name != "$skiptoken"
        }.map(String.init)
        kept.append("$skiptoken=" + token)
        return root + path + "?" + kept.joined(separator: "&")
    }

    private func page(
        _ bodies: [RecordBody], context: String, count: Int?, nextLink: String?, includeUnknown: Bool, root: String
    ) -> EmulatorResponse {
        let renderer = RecordRenderer(generator: services.store.generator)
        var writer = JSONStreamWriter(capacity: 2048 + bodies.count * 7168)
        writer.beginObject()
        writer.key("@odata.context")
        writer.string(root + "/v1.0/$metadata#" + context)
        if let count {
            writer.key("@odata.count")
            writer.int(count)
        }
        if let nextLink {
            writer.key("@odata.nextLink")
            writer.string(nextLink)
        }
        writer.key("value")
        writer.beginArray()
        for body in bodies { renderer.write(body, to: &writer, includeUnknown: includeUnknown) }
        writer.endArray()
        writer.endObject()
        return EmulatorResponse(
            status: 200, headers: [("Content-Type", GraphResponse.jsonContentType)], buffer: writer.byteBuffer)
    }

    private func single(
        _ body: RecordBody, context: String, _ request: EmulatorRequest, _ includeUnknown: Bool
    )
        -> EmulatorResponse
    {
        let rendered = RecordRenderer(generator: services.store.generator).render(body, includeUnknown: includeUnknown)
        // `@odata.context` first, then the record's own members.
        var bytes = Array("{\"@odata.context\":".utf8)
        JSON.string(root(of: request) + "/v1.0/$metadata#" + context).write(to: &bytes)
        if rendered.count > 2 { bytes.append(UInt8(ascii: ",")) }
        bytes.append(contentsOf: rendered.dropFirst())
        return EmulatorResponse(status: 200, headers: [("Content-Type", GraphResponse.jsonContentType)], body: bytes)
    }

    /// The root the client addressed: the emulator's scheme with the request's `Host` when it names the emulator
    /// (`localhost:PORT` or `127.0.0.1:PORT`), so links stay on the origin the client called, as Graph's do.
    func root(of request: EmulatorRequest) -> String {
        guard let host = request.header("Host") else { return services.address.graphRoot }
        let candidate = services.address.scheme + "://" + host
        return services.address.graphRootAliases.contains(candidate) ? candidate : services.address.graphRoot
    }

    private func notFound(_ request: EmulatorRequest) -> EmulatorResponse {
        GraphResponse.error(404, code: "NotFound", message: "The requested resource does not exist.", request: request)
    }
}
