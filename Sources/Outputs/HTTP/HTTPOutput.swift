import AsyncHTTPClient
import Foundation
import JSON
import Logging
import Mapping
import NIOCore
import NIOHTTP1
import Transport

/// `type: http`: records sent as JSON arrays of their fields, `batch_size` per request, with an `Idempotency-Key`
/// per batch, optional gzip, and the job's retry policy.
///
/// Batches are sent as soon as they are full (the last, partial one in `prepare`), one request at a time, in order.
/// A receiver cannot be asked to forget, so `abort` stops sending but does not take back batches already accepted;
/// the run's checkpoint does not move, the next run sends those records again, and a batch with the same records
/// and content carries the same idempotency key.
public actor HTTPOutput: Output {
    public nonisolated let name: String
    public nonisolated let target: String
    private let options: HTTPOutputOptions
    private let context: OutputContext
    private let client: HTTPClient
    private let runtime: RetryRuntime
    private var pending: [Record] = []
    private var counters: OutputReport
    private var opened = false
    private var prepared = false

    /// Bytes of an error answer kept for the message.
    static let errorBodyLimit = 16 * 1024

    /// - Parameters:
    ///   - client: the run's shared client (its owner shuts it down).
    ///   - runtime: the retry loop's clock and randomness (a fake in tests).
    public init(
        name: String, options: HTTPOutputOptions, context: OutputContext, client: HTTPClient,
        runtime: RetryRuntime = .live
    ) {
        self.name = name
        self.options = options
        self.context = context
        self.client = client
        self.runtime = runtime
        target = OutputDefinition(name: name, configuration: .http(options)).target
        counters = OutputReport(name: name, type: "http", target: target)
    }

    public func open() async throws {
        guard !opened else { throw OutputError(.usage, output: name, "open called twice") }
        if let problem = options.problems.first { throw OutputError(.configuration, output: name, problem) }
        for header in options.headers where header.value.reveal().contains(where: { $0 == "\r" || $0 == "\n" }) {
            throw OutputError(
                .configuration, output: name, "the value of header '\(header.name)' must not contain a line break")
        }
        opened = true
    }

    public func write(_ batch: [Record]) async throws {
        guard opened, !prepared else { throw OutputError(.usage, output: name, "write called outside open…prepare") }
        counters.records += batch.count
        pending.append(contentsOf: batch)
        while pending.count >= options.batchSize {
            let chunk = Array(pending.prefix(options.batchSize))
            pending.removeFirst(options.batchSize)
            try await send(chunk)
        }
    }

    public func prepare() async throws {
        guard opened, !prepared else { return }
        if !pending.isEmpty {
            let chunk = pending
            pending = []
            try await send(chunk)
        }
        prepared = true
    }

    public func commit() async throws {
        try await prepare()
        if counters.status == .open { counters.status = .committed }
    }

    public func abort() async {
        pending = []
        if counters.status == .open { counters.status = .aborted }
        if counters.batches > 0 {
            logger.info(
                "aborted after some batches were delivered; the next run sends them again with the same keys",
                metadata: ["http.batches": "\(counters.batches)"])
        }
    }

    public func report() async -> OutputReport { counters }

    // MARK: Sending

    private func send(_ records: [Record]) async throws {
        var body: [UInt8] = [UInt8(ascii: "[")]
        for (offset, record) in records.enumerated() {
            if offset > 0 { body.append(UInt8(ascii: ",")) }
            record.writeJSON(to: &body)
        }
        body.append(UInt8(ascii: "]"))
        let key = IdempotencyKey.make(job: context.jobName, recordIDs: records.map(\.id), body: body)
        var payload = body
        if options.gzip {
            do {
                payload = try Gzip.compress(body)
            } catch {
                throw OutputError(.http, output: name, "cannot compress a batch: \(error)")
            }
        }
        var request = HTTPClientRequest(url: options.url)
        request.method = options.method == .post ? .POST : .PUT
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "User-Agent", value: "temsync")
        request.headers.add(name: "Idempotency-Key", value: key)
        if options.gzip { request.headers.add(name: "Content-Encoding", value: "gzip") }
        for header in options.headers { request.headers.add(name: header.name, value: header.value.reveal()) }
        request.body = .bytes(ByteBuffer(bytes: payload))

        var logger = self.logger
        logger[metadataKey: "http.idempotency_key"] = "\(key)"
        let attempt = Attempt(
            client: client, request: request, timeout: options.timeout, method: options.method.rawValue,
            url: Self.redacted(options.url), secrets: secretTexts, logger: logger)
        let outcome: Attempt.Outcome
        do {
            outcome = try await attempt.run(policy: options.retry, runtime: runtime)
        } catch let error as Attempt.Failed {
            counters.retries += error.retries
            throw OutputError(.http, output: name, error.message, status: error.status)
        }
        counters.retries += outcome.retries
        counters.batches += 1
        counters.delivered += records.count
        counters.bytes += payload.count
        logger.debug(
            "delivered a batch", metadata: ["http.records": "\(records.count)", "http.status": "\(outcome.status)"])
    }

    /// Every secret text a message must not show: each secret header's value, with and without its prefix.
    private var secretTexts: [String] {
        options.headers.flatMap { header -> [String] in
            guard case .secret(let secret, let prefix) = header.value else { return [] }
            return [prefix + secret.reveal(), secret.reveal()].filter { !$0.isEmpty }
        }
    }

    /// The URL as messages show it: no user info, no query, no fragment.
    static func redacted(_ url: String) -> String {
        guard var components = URLComponents(string: url) else { return "<invalid URL>" }
        components.user = nil
        components.password = nil
        components.query = nil
        components.fragment = nil
        return components.string ?? "<invalid URL>"
    }

    private var logger: Logger {
        var logger = context.logger
        logger[metadataKey: "output.name"] = "\(name)"
        return logger
    }
}
