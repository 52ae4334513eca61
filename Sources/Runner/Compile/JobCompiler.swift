import Diagnostics
import Foundation
import GraphSecurity
import JobSpec
import Mapping
import Outputs
import Transport

/// What compiling needs besides the job files.
public struct CompileOptions: Sendable {
    /// "Now", for relative time bounds (`updated_since: 7d`); fixed by `plan --now` for diffable output.
    public var now: Date
    /// The state folder to read checkpoints from; `nil` reads none (`validate` needs no state).
    public var stateDirectory: String?
    /// Jobs to compile (`--select`); empty: all.
    public var selection: [String]

    public init(now: Date = Date(), stateDirectory: String? = nil, selection: [String] = []) {
        self.now = now
        self.stateDirectory = stateDirectory
        self.selection = selection
    }
}

/// The plans of every selected job that compiled, and every diagnostic (the loader's too).
public struct Compilation: Sendable {
    public var plans: [Plan]
    public var diagnostics: [Diagnostic]
    /// The loaded files' texts, for source excerpts.
    public var sources: [String: String]
    public var jobSet: JobSet

    public var hasErrors: Bool { diagnostics.hasErrors }
}

/// JobSpec → Plan: compiles the mapping, builds each source's query and first URL, reads checkpoints, translates
/// outputs and policies. Touches no network and reads no secret.
public enum JobCompiler {
    public static func compile(_ set: JobSet, options: CompileOptions = CompileOptions()) -> Compilation {
        var diagnostics = set.diagnostics
        var jobs = set.jobs
        if !options.selection.isEmpty {
            let known = set.jobs.map(\.name.value)
            for name in options.selection where !known.contains(name) {
                diagnostics.append(
                    .error(
                        "no job named '\(name)' in the files loaded" + Suggestion.didYouMean(name, among: known),
                        at: nil))
            }
            jobs = jobs.filter { options.selection.contains($0.name.value) }
        }
        var plans: [Plan] = []
        for job in jobs {
            guard let connection = set.connection(for: job) else { continue }
            var compiler = SingleJobCompiler(job: job, connection: connection, options: options)
            if let plan = compiler.compile() { plans.append(plan) }
            diagnostics += compiler.diagnostics
        }
        // A named connection is compiled with each job that uses it: report its problems once.
        var seen: Set<Diagnostic> = []
        diagnostics = diagnostics.filter { seen.insert($0).inserted }
        return Compilation(
            plans: plans, diagnostics: diagnostics.sortedByLocation(), sources: set.sources, jobSet: set)
    }
}

/// Compiles one job, collecting its diagnostics.
struct SingleJobCompiler {
    let job: JobSpec
    let connection: ConnectionSpec
    let options: CompileOptions
    var diagnostics: [Diagnostic] = []

    init(job: JobSpec, connection: ConnectionSpec, options: CompileOptions) {
        self.job = job
        self.connection = connection
        self.options = options
    }

    mutating func compile() -> Plan? {
        let connectionPlan = self.connectionPlan()
        let program = mappingProgram()
        let retry = RetryPolicy(
            maxAttempts: job.retry.maxAttempts, initialDelay: job.retry.initialDelay, maxDelay: job.retry.maxDelay,
            multiplier: job.retry.multiplier, jitter: job.retry.jitter == .none ? .none : .full,
            deadline: job.retry.deadline)
        let outputs = outputPlans(retry: retry)
        guard let connectionPlan, let program else { return nil }
        guard let sources = sourcePlans(apiBase: connectionPlan.endpoints.apiBase, emit: program.emit) else {
            return nil
        }
        guard !diagnostics.hasErrors else { return nil }
        return Plan(
            job: job.name.value, description: job.description?.value, location: job.location,
            connection: connectionPlan, sources: sources, mapping: MappingPlan(program: program, spec: job.mapping),
            outputs: outputs, retry: retry, concurrency: job.concurrency,
            checkpoint: CheckpointPlan(
                enabled: job.checkpoint.enabled, lookBack: job.checkpoint.lookBack,
                store: options.stateDirectory.map { CheckpointStore(directory: $0) },
                directory: options.stateDirectory.map { CheckpointStore(directory: $0).folder(job: job.name.value) }))
    }

    // MARK: connection

    mutating func connectionPlan() -> ConnectionPlan? {
        ConnectionCompiler.compile(connection, diagnostics: &diagnostics)
    }

    // MARK: mapping

    mutating func mappingProgram() -> MappingProgram? {
        do {
            let program = try MappingProgram.compile(
                MappingTranslation.rules(job.mapping),
                job: JobInfo(name: job.name.value, description: job.description?.value))
            diagnostics += program.warnings
            return program
        } catch {
            diagnostics += error.diagnostics
            return nil
        }
    }

    // MARK: sources

    mutating func sourcePlans(apiBase: String, emit: EmitMode) -> [SourcePlan]? {
        if emit == .incidents, let alerts = job.sources.alerts {
            diagnostics.append(
                .warning(
                    "the alerts source is not read with emit 'incidents' (records are incidents, with their alerts "
                        + "when expand_alerts is true)", at: alerts.location))
        }
        var plans: [SourcePlan] = []
        for spec in job.sources.all {
            if emit == .incidents, spec.kind == .alerts { continue }
            guard let plan = sourcePlan(spec, apiBase: apiBase) else { return nil }
            plans.append(plan)
        }
        return plans
    }

    mutating func sourcePlan(_ spec: SourceSpec, apiBase: String) -> SourcePlan? {
        let source: GraphSource = spec.kind == .alerts ? .alerts : .incidents
        let filter = spec.filter
        let now = options.now
        let timestamp = { (bound: Located<TimeBound>?) in bound.map { ODataTimestamp($0.value.resolved(now: now)) } }
        let query = GraphQuery(
            source: source,
            filter: SourceFilter(
                severity: filter.severity.map(\.value), status: filter.status.map(\.value),
                classification: filter.classification.map(\.value), determination: filter.determination.map(\.value),
                serviceSource: filter.serviceSource.map(\.value), assignedTo: filter.assignedTo.map(\.value),
                updatedSince: timestamp(filter.updatedSince), updatedBefore: timestamp(filter.updatedBefore),
                createdSince: timestamp(filter.createdSince), createdBefore: timestamp(filter.createdBefore)),
            pageSize: spec.pageSize, expandAlerts: spec.expandAlerts)
        let fingerprint = Self.fingerprint(spec)
        var start: Watermark?
        var committed: Watermark?
        var problem: String?
        var reason: String
        if let since = filter.updatedSince {
            reason = "updated_since \(since.value) (\(ODataTimestamp(since.value.resolved(now: options.now))))"
        } else {
            reason = "the beginning (no updated_since)"
        }
        if let directory = options.stateDirectory {
            if job.checkpoint.enabled {
                let store = CheckpointStore(directory: directory)
                do {
                    if let checkpoint = try store.load(job: job.name.value, source: spec.kind.rawValue) {
                        if checkpoint.fingerprint == fingerprint {
                            start = checkpoint.watermark
                            committed = checkpoint.watermark
                            reason = "checkpoint \(checkpoint.watermark.time)"
                            if !checkpoint.watermark.idsAtTime.isEmpty {
                                let count = checkpoint.watermark.idsAtTime.count
                                reason +=
                                    " (skipping \(count) record\(count == 1 ? "" : "s") delivered at that instant)"
                            }
                            if job.checkpoint.lookBack > .zero {
                                start = Watermark(time: checkpoint.watermark.time.subtracting(job.checkpoint.lookBack))
                                reason =
                                    "checkpoint \(checkpoint.watermark.time) minus look_back "
                                    + "\(DurationText.format(job.checkpoint.lookBack))"
                            }
                        } else {
                            diagnostics.append(
                                .warning(
                                    "the \(spec.kind.rawValue) filter changed since the checkpoint of "
                                        + "\(checkpoint.committedAt); this run starts again from \(reason)",
                                    at: spec.location))
                            reason += "; the checkpoint was for another filter"
                        }
                    } else {
                        reason += "; no checkpoint yet"
                    }
                } catch {
                    problem = error.description
                    reason = "an unreadable checkpoint"
                }
            } else {
                reason += "; checkpoints disabled"
            }
        }
        return SourcePlan(
            source: source, query: query, start: start, checkpoint: committed, startReason: reason,
            firstURL: query.url(apiBase: apiBase, updatedFrom: start?.time), fingerprint: fingerprint,
            problem: problem)
    }

    /// A stable fingerprint of what a source selects (not where it starts): the filter as written, minus
    /// `updated_since` (which only places the first run).
    static func fingerprint(_ spec: SourceSpec) -> String {
        let filter = spec.filter
        func list(_ name: String, _ values: [Located<String>]) -> String { "\(name)=\(values.map(\.value))" }
        let parts = [
            spec.kind.rawValue, list("severity", filter.severity), list("status", filter.status),
            list("classification", filter.classification), list("determination", filter.determination),
            list("service_source", filter.serviceSource), "assigned_to=\(filter.assignedTo.map(\.value))",
            "updated_before=\(filter.updatedBefore.map { "\($0.value)" } ?? "")",
            "created_since=\(filter.createdSince.map { "\($0.value)" } ?? "")",
            "created_before=\(filter.createdBefore.map { "\($0.value)" } ?? "")",
            "expand=\(spec.kind == .incidents && spec.expandAlerts)",
        ]
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in parts.joined(separator: "|").utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    // MARK: outputs

    mutating func outputPlans(retry: RetryPolicy) -> [OutputPlan] {
        let columns = job.mapping.fields?.entries.map(\.name.value) ?? []
        return job.outputs.map { spec in
            let definition = OutputTranslation.definition(spec, columns: columns, retry: retry) { _ in Secret("") }
            for problem in definition.problems {
                diagnostics.append(.error(problem, at: spec.location))
            }
            return OutputPlan(
                name: spec.name.value, type: spec.typeName, target: definition.target, spec: spec,
                secretHeaders: OutputTranslation.secretHeaders(spec))
        }
    }
}
