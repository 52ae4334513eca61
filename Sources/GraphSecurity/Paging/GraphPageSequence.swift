import JSON
import Logging
import Transport

/// The pages of one source, as an `AsyncSequence`: every record exactly once, across nextLink and watermark paging.
///
/// For incidents with `$expand=alerts`, a 5xx that outlasts the retries switches to reading incidents without the
/// expansion and fetching each incident's alerts (`/security/incidents/{id}/alerts`), as large tenants need.
public struct GraphPageSequence: AsyncSequence, Sendable {
    public typealias Element = GraphPage

    let client: GraphClient
    let query: GraphQuery
    let start: Watermark?
    let concurrency: Int
    /// What of a page body is parsed: every member of the page, of each record what the caller reads.
    let pageProjection: JSONProjection
    let alertPageProjection: JSONProjection
    /// Whether pages carry each record's text (`GraphPage.rawRecords`).
    let rawRecords: Bool

    /// The projection of a page whose records are read through `records`, plus what paging needs of each record.
    static func pageProjection(records: JSONProjection) -> JSONProjection {
        guard !records.keepsEverything else { return .everything }
        return JSONProjection.everything.reading(
            "value", through: records.keeping(["id", "lastUpdateDateTime", "createdDateTime"]))
    }

    public func makeAsyncIterator() -> Iterator {
        Iterator(
            client: client, concurrency: concurrency, pageProjection: pageProjection,
            alertPageProjection: alertPageProjection, rawRecords: rawRecords,
            cursor: PageCursor(
                query: query, apiBase: client.connection.endpoints.apiBase,
                graphOrigin: client.connection.endpoints.graphOrigin, start: start))
    }

    public struct Iterator: AsyncIteratorProtocol {
        let client: GraphClient
        let concurrency: Int
        let pageProjection: JSONProjection
        let alertPageProjection: JSONProjection
        let rawRecords: Bool
        var cursor: PageCursor
        /// The expanded query failed with 5xx: alerts are fetched per incident.
        var alertsPerIncident = false

        public mutating func next() async throws -> GraphPage? {
            guard let request = cursor.next else { return nil }
            let response: GraphResponse
            do {
                response = try await client.get(
                    request.url, projection: pageProjection, rawValues: rawRecords && !alertsPerIncident)
            } catch let error where cursor.expand && Self.isServerFailure(error) {
                client.logger.warning(
                    "incidents with $expand=alerts failed; reading incidents without it and their alerts one by one",
                    metadata: ["http.url": "\(request.url)", "error": "\(error)"])
                cursor.disableExpand()
                alertsPerIncident = true
                return try await next()
            }
            guard let values = response.json["value"]?.arrayValue else {
                throw GraphResponseError(
                    url: request.url, requestID: response.requestID, reason: "the body has no 'value' array")
            }
            let nextLink = response.json["@odata.nextLink"]?.stringValue
            let positions = try cursor.accept(records: values, nextLink: nextLink)
            var records = positions.map { values[$0] }
            let raw = response.rawValues.map { texts in positions.map { texts[$0] } }
            if alertsPerIncident {
                records = try await Self.attachAlerts(
                    to: records, client: client, concurrency: concurrency, projection: alertPageProjection)
            }
            client.logger.debug(
                "page read",
                metadata: [
                    "graph.source": "\(cursor.query.source.rawValue)", "graph.page": "\(cursor.pageNumber)",
                    "graph.paging_mode": "\(request.mode.rawValue)", "graph.records": "\(records.count)",
                    "graph.received": "\(values.count)", "graph.request_id": "\(response.requestID ?? "-")",
                ])
            return GraphPage(
                number: cursor.pageNumber, records: records, receivedCount: values.count, url: request.url,
                mode: request.mode, requestID: response.requestID, watermark: cursor.watermark, rawRecords: raw)
        }

        static func isServerFailure(_ error: any Error) -> Bool {
            if let error = error as? GraphError { return error.status >= 500 }
            if let error = error as? RetriesExhausted { return isServerFailure(error.lastError) }
            return false
        }

        /// Sets `alerts` on each incident from `GET /security/incidents/{id}/alerts` (all of its pages), at most
        /// `concurrency` incidents at a time; the incidents keep their order.
        static func attachAlerts(
            to incidents: [JSON], client: GraphClient, concurrency: Int, projection: JSONProjection
        ) async throws -> [JSON] {
            var result = incidents
            try await withThrowingTaskGroup(of: (Int, [JSON]).self) { group in
                var nextIndex = 0
                func startNext() {
                    while nextIndex < incidents.count {
                        let index = nextIndex
                        nextIndex += 1
                        guard let id = incidents[index]["id"]?.stringValue else { continue }
                        group.addTask {
                            (index, try await alerts(ofIncident: id, client: client, projection: projection))
                        }
                        return
                    }
                }
                for _ in 0..<concurrency { startNext() }
                while let (index, alerts) = try await group.next() {
                    result[index]["alerts"] = .array(alerts)
                    startNext()
                }
            }
            return result
        }

        static func alerts(
            ofIncident id: String, client: GraphClient, projection: JSONProjection
        ) async throws
            -> [JSON]
        {
            var alerts: [JSON] = []
            var url: String? =
                client.connection.endpoints.apiBase + "/security/incidents/" + GraphQuery.encode(id) + "/alerts"
            while let current = url {
                let response = try await client.get(current, projection: projection)
                alerts += response.json["value"]?.arrayValue ?? []
                url = response.json["@odata.nextLink"]?.stringValue
                if let next = url, GraphEndpoints.origin(of: next) != client.connection.endpoints.graphOrigin {
                    throw GraphPagingError(
                        url: current,
                        reason: "Graph's @odata.nextLink leads to '\(GraphEndpoints.origin(of: next) ?? next)'; "
                            + "the access token is not sent to another origin")
                }
            }
            return alerts
        }
    }
}
