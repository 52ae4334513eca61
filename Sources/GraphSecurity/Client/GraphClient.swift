import Foundation
import JSON
import Logging
import NIOHTTP1
import Transport

/// The Microsoft Graph security client of one connection: acquires and caches the token, sends requests under the
/// retry policy, and reads sources page by page.
///
/// Every Graph request carries `Authorization`, `Prefer: include-unknown-enum-members`, a fresh `client-request-id`
/// and the transport's `User-Agent` (`temsync/<version>`); Graph's `request-id` is logged (`graph.request_id`) and kept
/// in every error. A 401 renews the token once, then fails.
public final class GraphClient: Sendable {
    public let connection: GraphConnection
    public let transport: HTTPTransport
    public let retry: RetryPolicy
    let runtime: RetryRuntime
    let logger: Logger
    let onRetry: @Sendable (RetryEvent) -> Void
    let tokens: TokenCache

    /// - Parameters:
    ///   - transport: the HTTP clients (proxy, TLS trust, timeouts); the caller owns and shuts it down.
    ///   - retry: the job's retry policy, for the token and every Graph request.
    ///   - runtime: clock and randomness of the retry loop (a fake in tests).
    ///   - onRetry: called before each retry wait (for run counters).
    public init(
        connection: GraphConnection, transport: HTTPTransport, retry: RetryPolicy = RetryPolicy(),
        runtime: RetryRuntime = .live, logger: Logger, onRetry: @escaping @Sendable (RetryEvent) -> Void = { _ in }
    ) {
        self.connection = connection
        self.transport = transport
        self.retry = retry
        self.runtime = runtime
        self.logger = logger
        self.onRetry = onRetry
        self.tokens = TokenCache(
            requester: TokenRequester(connection: connection, transport: transport, runtime: runtime),
            now: runtime.now)
    }

    /// A valid access token (cached, or requested under the retry policy). `temsync connect` reads its claims.
    ///
    /// - Throws: `EntraError` (explained), `TransportError`, `RetriesExhausted`, `CancellationError`.
    public func acquireToken() async throws -> AccessToken {
        try await withRetries(url: connection.endpoints.tokenURL(tenant: connection.tenantID)) { _ in
            try await self.tokens.token(logger: self.logger)
        }
    }

    /// How many token requests were sent so far.
    public var tokenRequestCount: Int {
        get async { await tokens.requestCount }
    }

    /// The first-page URL of a query (what `temsync plan` prints), from the checkpoint's watermark when given.
    public func firstPageURL(of query: GraphQuery, from start: Watermark? = nil) -> String {
        query.url(apiBase: connection.endpoints.apiBase, updatedFrom: start?.time)
    }

    /// The pages of a source, from `start` (a checkpoint's watermark) or from the filter's `updatedSince`.
    ///
    /// - Parameters:
    ///   - concurrency: how many per-incident alert requests run at once when `$expand=alerts` had to be given up (the
    ///     job's `concurrency`).
    ///   - records: what the caller reads of each record (the members paging itself needs are added); the rest of
    ///     each record is skipped while parsing.
    ///   - alerts: the same for the alerts read per incident when `$expand=alerts` had to be given up.
    public func pages(
        of query: GraphQuery, from start: Watermark? = nil, concurrency: Int = 4,
        records: JSONProjection = .everything, alerts: JSONProjection = .everything, rawRecords: Bool = false
    ) -> GraphPageSequence {
        GraphPageSequence(
            client: self, query: query, start: start, concurrency: max(1, concurrency),
            pageProjection: GraphPageSequence.pageProjection(records: records),
            alertPageProjection: GraphPageSequence.pageProjection(records: alerts), rawRecords: rawRecords)
    }

    /// `GET` a Graph URL (absolute, on the Graph root) and parse the JSON body, under the retry policy.
    ///
    /// - Throws: `GraphError` (a 4xx at once; 429/5xx after retries, wrapped in `RetriesExhausted`),
    ///   `GraphResponseError`, `EntraError`, `TransportError`, `RetriesExhausted`, `CancellationError`.
    ///
    /// - Parameters:
    ///   - projection: what of the body to keep (`everything` by default).
    ///   - rawValues: also take the text of each element of the body's `value` array (`GraphResponse.rawValues`).
    ///     When the body's shape does not allow that, the whole body is parsed instead and `rawValues` is `nil`.
    public func get(
        _ url: String, projection: JSONProjection = .everything, rawValues: Bool = false
    ) async throws -> GraphResponse {
        guard let origin = GraphEndpoints.origin(of: url), origin == connection.endpoints.graphOrigin else {
            throw GraphConfigurationError(
                "refusing to send the access token to '\(GraphEndpoints.origin(of: url) ?? url)': it is not the Graph "
                    + "root '\(connection.endpoints.graph)'")
        }
        return try await withRetries(url: url) { attempt in
            try await self.getOnce(url, attempt: attempt, projection: projection, rawValues: rawValues)
        }
    }

    /// `GET <api base><path>` (e.g. `/security/incidents/123/alerts`).
    public func get(path: String) async throws -> GraphResponse {
        try await get(connection.endpoints.apiBase + path)
    }

    func withRetries<T: Sendable>(url: String, _ operation: (Int) async throws -> T) async throws -> T {
        try await retry.execute(
            runtime: runtime,
            onRetry: { event in
                logger.warning(
                    "retrying after a failure",
                    metadata: [
                        "http.url": "\(url)", "retry.attempt": "\(event.failedAttempt)",
                        "retry.delay_ms": "\(event.delay.milliseconds)", "error": "\(event.error)",
                    ])
                onRetry(event)
            }, operation)
    }

    private func getOnce(
        _ url: String, attempt: Int, projection: JSONProjection, rawValues: Bool
    ) async throws -> GraphResponse {
        var renewed = false
        while true {
            let token = try await tokens.token(logger: logger)
            let clientRequestID = UUID().uuidString.lowercased()
            var headers = HTTPHeaders()
            headers.add(name: "Authorization", value: "Bearer \(token.value.reveal())")
            headers.add(name: "Accept", value: "application/json")
            headers.add(name: "Prefer", value: "include-unknown-enum-members")
            headers.add(name: "client-request-id", value: clientRequestID)
            let response = try await transport.send(TransportRequest(url: url, headers: headers), logger: logger)
            let requestID = response.header("request-id")
            logger.debug(
                "graph response",
                metadata: [
                    "http.url": "\(url)", "http.status": "\(response.status)",
                    "graph.request_id": "\(requestID ?? "-")", "graph.client_request_id": "\(clientRequestID)",
                    "graph.attempt": "\(attempt)",
                ])
            if response.status == 401 && !renewed {
                renewed = true
                await tokens.invalidate(token)
                logger.info(
                    "Graph refused the access token; renewing it once",
                    metadata: ["http.url": "\(url)", "graph.request_id": "\(requestID ?? "-")"])
                continue
            }
            guard response.isSuccess else {
                let body = try? JSON(parsing: response.body)
                let error = body?["error"]
                throw GraphError(
                    status: response.status, code: error?["code"]?.stringValue,
                    message: error?["message"]?.stringValue, url: url,
                    requestID: requestID ?? error?["innerError"]?["request-id"]?.stringValue,
                    clientRequestID: clientRequestID, retryAfter: RetryAfter.parse(response.header("Retry-After")))
            }
            var json: JSON
            var raw: [RawJSON]?
            do {
                json = try JSON(parsing: response.body, options: JSONParseOptions(projection: projection))
                if rawValues {
                    // Taken after the parse accepted the body: the texts are of valid JSON. Should they not line up
                    // with the parsed records, the records are parsed whole and go without their texts.
                    raw = RawJSON.elements(ofArrayMember: "value", in: response.body)
                    if raw?.count != json["value"]?.arrayValue?.count {
                        raw = nil
                        if !projection.keepsEverything { json = try JSON(parsing: response.body) }
                    }
                }
            } catch {
                throw GraphResponseError(url: url, requestID: requestID, reason: "\(error)")
            }
            return GraphResponse(status: response.status, json: json, url: url, requestID: requestID, rawValues: raw)
        }
    }
}

/// A successful Graph response.
public struct GraphResponse: Sendable {
    public var status: Int
    public var json: JSON
    public var url: String
    public var requestID: String?
    /// The text of each element of `value`, as Graph wrote it (without whitespace between tokens), when asked for.
    public var rawValues: [RawJSON]?
}
