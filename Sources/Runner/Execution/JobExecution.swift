import AsyncHTTPClient
import Foundation
import GraphSecurity
import JSON
import Logging
import Mapping
import Outputs
import Transport

/// Runs one plan: resolves its secrets, reads its sources concurrently, maps pages as they arrive, delivers the
/// records to every output through bounded channels, and commits the checkpoints only once every output committed.
struct JobExecution {
    let plan: Plan
    let options: RunOptions
    /// The run's client for HTTP outputs.
    let httpClient: HTTPClient
    let runStartedAt: Date

    var logger: Logger {
        var logger = options.logger
        logger[metadataKey: "job.name"] = "\(plan.job)"
        return logger
    }

    func run() async -> RunReport.JobResult {
        let start = ContinuousClock.now
        let counters = JobCounters()
        options.onProgress(.jobStarted(job: plan.job))
        let held = OutputsHeld()
        var result = RunReport.JobResult(job: plan.job, status: .succeeded, dryRun: options.dryRun)
        do {
            let outcome = try await execute(counters: counters, held: held)
            result.checkpointCommitted = outcome.checkpointCommitted
            result.sources = sourceResults(counters, watermarks: outcome.committedWatermarks)
            result.outputs = outcome.reports.map(Self.outputResult)
        } catch {
            result.status = Task.isCancelled || error is CancellationError ? .interrupted : .failed
            result.reason = result.status == .interrupted ? "interrupted" : FailureText.describe(error)
            result.sources = sourceResults(counters, watermarks: [:])
            var outputs: [RunReport.OutputResult] = []
            for output in held.outputs {
                var report = Self.outputResult(await output.report())
                // Every output of an interrupted job was aborted because of the interruption, not a failure of its own.
                if report.status == .succeeded || result.status == .interrupted { report.status = result.status }
                outputs.append(report)
            }
            result.outputs = outputs
            if result.status == .interrupted {
                logger.warning("job interrupted")
            } else {
                logger.error("job failed", metadata: ["error": "\(result.reason ?? "")"])
            }
        }
        result.emitted = counters.emitted
        result.retries = counters.retries + result.outputs.reduce(0) { $0 + $1.retries }
        result.durationSeconds = (ContinuousClock.now - start).seconds
        options.onProgress(.jobFinished(result))
        return result
    }

    struct Outcome {
        var reports: [OutputReport]
        var checkpointCommitted: Bool
        var committedWatermarks: [String: Watermark]
    }

    func execute(counters: JobCounters, held: OutputsHeld) async throws -> Outcome {
        if let problem = plan.sources.compactMap(\.problem).first { throw RunFailure(problem) }
        let connection = try GraphConnection(
            tenantID: plan.connection.tenantID, clientID: plan.connection.clientID,
            clientSecret: try resolve(plan.connection.clientSecret, purpose: "client secret"),
            cloud: plan.connection.cloud, endpoints: plan.connection.endpoints)
        var proxy: ProxyConfiguration?
        if let spec = plan.connection.proxy {
            proxy = try ProxyConfiguration(
                url: spec.url, username: spec.username,
                password: try spec.password.map { try resolve($0, purpose: "proxy password") },
                noProxy: spec.noProxy)
        }
        let outputs = try makeOutputs()
        held.outputs = outputs
        let transport = TransportConfiguration(
            proxy: proxy, tls: TLSTrust(caFile: plan.connection.caFile), timeouts: plan.connection.timeouts)
        return try await HTTPTransport.withTransport(transport) { http in
            let client = GraphClient(
                connection: connection, transport: http, retry: plan.retry, runtime: options.retryRuntime,
                logger: logger, onRetry: { _ in counters.retry() })
            var watermarks: [String: Watermark] = [:]
            let fanOut = OutputFanOut(outputs: outputs, capacity: 4, logger: logger)
            let reports = try await fanOut.deliver { feed in
                watermarks = try await produce(client: client, feed: feed, counters: counters)
            }
            guard !options.dryRun, plan.checkpoint.enabled, let store = plan.checkpoint.store else {
                return Outcome(reports: reports, checkpointCommitted: false, committedWatermarks: [:])
            }
            let committedAt = RFC3339Text.now()
            let checkpoints = plan.sources.compactMap { source -> Checkpoint? in
                guard let reached = watermarks[source.source.rawValue] else { return nil }
                let watermark = Self.advance(source.checkpoint, to: reached)
                guard watermark != source.checkpoint else { return nil }  // nothing new: the file stays as it is
                return Checkpoint(
                    job: plan.job, source: source.source.rawValue, watermark: watermark,
                    fingerprint: source.fingerprint, committedAt: committedAt)
            }
            try store.commit(checkpoints, logger: logger)
            return Outcome(
                reports: reports, checkpointCommitted: !checkpoints.isEmpty,
                committedWatermarks: Dictionary(uniqueKeysWithValues: checkpoints.map { ($0.source, $0.watermark) }))
        }
    }

    /// The watermark to commit after a run that read up to `reached`: never behind the committed one. A look-back
    /// starts the read before the checkpoint, so a run that finds nothing newer reaches a point behind it; committing
    /// that would move the checkpoint back by the look-back on every quiet run. At the same instant, the ids delivered
    /// at it by either run are all delivered.
    static func advance(_ committed: Watermark?, to reached: Watermark) -> Watermark {
        guard let committed, reached.time <= committed.time else { return reached }
        guard reached.time == committed.time else { return committed }
        return Watermark(time: committed.time, idsAtTime: committed.idsAtTime.union(reached.idsAtTime))
    }

    /// Records per batch for the indicator and asset records made after the last page. Each such record carries its
    /// merged context (up to `max_ids` alert and incident ids, as text in its fields and again in its indicator), and
    /// the fan-out holds a few batches per output: at 1,000 per batch, those batches were a quarter of the run's
    /// peak memory. Outputs that send in larger units (`http`'s `batch_size`) gather their own.
    static let finishBatchSize = 100

    /// Reads every source (concurrently) into one page channel and maps it in this task; returns each source's
    /// watermark after its last page.
    func produce(client: GraphClient, feed: OutputFeed, counters: JobCounters) async throws -> [String: Watermark] {
        let pages = BoundedChannel<(GraphSource, GraphPage)>(capacity: 4)
        let readsIndicators = plan.outputs.contains(where: Self.readsIndicatorsOnly)
        // Alerts written as they are go out as Graph's own text, and are parsed only for what the job reads of them
        // (a CSV output flattens the parsed alert, so it needs all of it).
        let rawAlerts =
            plan.outputs.contains(where: Self.flattensFields)
            ? nil : plan.mapping.program.rawAlertProjection(includeIndicators: readsIndicators)
        var maker = RecordMaker(
            program: plan.mapping.program, includeIndicators: readsIndicators,
            deduplicates: plan.mapping.program.emit == .alerts && plan.sources.count > 1,
            includeFields: !plan.outputs.allSatisfy(Self.readsIndicatorsOnly))
        let job = plan.job
        let onProgress = options.onProgress
        return try await withThrowingTaskGroup(of: [String: Watermark].self) { group in
            group.addTask {
                do {
                    let watermarks = try await withThrowingTaskGroup(of: (String, Watermark?).self) { fetchers in
                        for source in plan.sources {
                            fetchers.addTask {
                                var watermark: Watermark?
                                let program = plan.mapping.program
                                let raw = source.source == .alerts ? rawAlerts : nil
                                let sequence = client.pages(
                                    of: source.query, from: source.start, concurrency: plan.concurrency,
                                    records: raw
                                        ?? (source.source == .alerts
                                            ? program.alertProjection : program.incidentProjection),
                                    alerts: program.alertProjection, rawRecords: raw != nil)
                                for try await page in sequence {
                                    let total = counters.page(
                                        source: source.source.rawValue, records: page.records.count)
                                    onProgress(.fetched(job: job, records: total))
                                    if let pageWatermark = page.watermark { watermark = pageWatermark }
                                    try await pages.send((source.source, page))
                                }
                                return (source.source.rawValue, watermark)
                            }
                        }
                        var watermarks: [String: Watermark] = [:]
                        for try await (source, watermark) in fetchers {
                            if let watermark { watermarks[source] = watermark }
                        }
                        return watermarks
                    }
                    pages.finish()
                    return watermarks
                } catch {
                    pages.fail(error)
                    throw error
                }
            }
            for try await (source, page) in pages {
                let records = maker.records(from: page, source: source)
                if !records.isEmpty {
                    counters.emitted(records.count)
                    try await feed.send(records)
                }
            }
            for batch in maker.finish(batchSize: Self.finishBatchSize) {
                counters.emitted(batch.count)
                try await feed.send(batch)
            }
            return try await group.next() ?? [:]
        }
    }

    /// Whether the output reads a record's indicators and nothing else of it (EDL, STIX).
    static func readsIndicatorsOnly(_ output: OutputPlan) -> Bool {
        output.type == "edl" || output.type == "stix"
    }

    /// Whether the output reads a record's parsed `fields` member by member (CSV columns) rather than its text.
    static func flattensFields(_ output: OutputPlan) -> Bool {
        if case .file(let file) = output.spec.kind { return file.format == .csv }
        return false
    }

    func makeOutputs() throws -> [any Output] {
        let context = OutputContext(jobName: plan.job, runStartedAt: runStartedAt, logger: logger)
        let environment = OutputEnvironment(
            httpClient: httpClient, standardOutput: options.standardOutput, retryRuntime: options.retryRuntime)
        let columns = plan.mapping.spec.fields?.entries.map(\.name.value) ?? []
        return try plan.outputs.map { output in
            let definition = try OutputTranslation.definition(output.spec, columns: columns, retry: plan.retry) {
                reference in try resolve(.reference(reference), purpose: "output '\(output.name)' header")
            }
            if options.dryRun { return definition.makePreview(limit: options.sampleLimit) }
            return try definition.makeOutput(context: context, environment: environment)
        }
    }

    func resolve(_ source: SecretSource, purpose: String) throws -> Secret {
        do {
            return try source.resolve(environment: options.environment)
        } catch {
            throw RunFailure("\(purpose): \(error)")
        }
    }

    func sourceResults(_ counters: JobCounters, watermarks: [String: Watermark]) -> [RunReport.SourceResult] {
        plan.sources.map { source in
            let name = source.source.rawValue
            return RunReport.SourceResult(
                source: name, fetched: counters.fetched(source: name), pages: counters.pages(source: name),
                committedWatermark: watermarks[name].map { $0.time.description })
        }
    }

    static func outputResult(_ report: OutputReport) -> RunReport.OutputResult {
        // A preview delivers nothing: what it would receive is the records it counted.
        RunReport.OutputResult(
            name: report.name, type: report.type,
            delivered: report.status == .previewed ? report.records : report.delivered,
            status: report.status == .aborted ? .failed : .succeeded, retries: report.retries,
            files: report.files, sample: report.sample)
    }
}

/// The outputs a job made, so their counts can be reported when the job fails (used by the job's own task only).
final class OutputsHeld {
    var outputs: [any Output] = []
}

/// A job failure with a message of its own (no underlying error type to describe).
struct RunFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
