import JSON

/// What a run did, job by job: the summary printed at the end and the `--report` file.
public struct RunReport: Sendable, Hashable {
    public enum Status: String, Sendable, Hashable, Codable {
        case succeeded
        case failed
        case interrupted
    }

    public struct OutputResult: Sendable, Hashable {
        public var name: String
        public var type: String
        /// Records (or, for EDL/STIX, indicators) the output accepted.
        public var delivered: Int
        public var status: Status
        public var retries: Int
        /// Files written (file, EDL and STIX outputs).
        public var files: [String]
        /// Dry run: what the output would have received (a few lines).
        public var sample: [String]

        public init(
            name: String, type: String, delivered: Int, status: Status, retries: Int = 0, files: [String] = [],
            sample: [String] = []
        ) {
            self.name = name
            self.type = type
            self.delivered = delivered
            self.status = status
            self.retries = retries
            self.files = files
            self.sample = sample
        }
    }

    public struct SourceResult: Sendable, Hashable {
        public var source: String
        public var fetched: Int
        public var pages: Int
        /// The watermark committed at the end of the run, `nil` when none was (failure, dry run, nothing new).
        public var committedWatermark: String?

        public init(source: String, fetched: Int, pages: Int, committedWatermark: String? = nil) {
            self.source = source
            self.fetched = fetched
            self.pages = pages
            self.committedWatermark = committedWatermark
        }
    }

    public struct JobResult: Sendable, Hashable {
        public var job: String
        public var status: Status
        public var sources: [SourceResult]
        public var emitted: Int
        public var outputs: [OutputResult]
        public var retries: Int
        public var durationSeconds: Double
        public var checkpointCommitted: Bool
        public var dryRun: Bool
        /// Why the job failed, for people; never contains a secret.
        public var reason: String?

        public init(
            job: String, status: Status, sources: [SourceResult] = [], emitted: Int = 0,
            outputs: [OutputResult] = [], retries: Int = 0, durationSeconds: Double = 0,
            checkpointCommitted: Bool = false, dryRun: Bool = false, reason: String? = nil
        ) {
            self.job = job
            self.status = status
            self.sources = sources
            self.emitted = emitted
            self.outputs = outputs
            self.retries = retries
            self.durationSeconds = durationSeconds
            self.checkpointCommitted = checkpointCommitted
            self.dryRun = dryRun
            self.reason = reason
        }

        public var fetched: Int { sources.reduce(0) { $0 + $1.fetched } }
    }

    public var jobs: [JobResult]
    public var startedAt: String
    public var durationSeconds: Double

    public init(jobs: [JobResult], startedAt: String, durationSeconds: Double) {
        self.jobs = jobs
        self.startedAt = startedAt
        self.durationSeconds = durationSeconds
    }

    /// Overall status: interrupted wins, then failed.
    public var status: Status {
        if jobs.contains(where: { $0.status == .interrupted }) { return .interrupted }
        if jobs.contains(where: { $0.status == .failed }) { return .failed }
        return .succeeded
    }
}

extension RunReport {
    /// The `--report` document: stable keys, sorted, snake_case.
    public var json: JSON {
        .object([
            "started_at": .string(startedAt),
            "duration_seconds": .double(Self.rounded(durationSeconds)),
            "status": .string(status.rawValue),
            "jobs": .array(jobs.map(\.json)),
        ])
    }

    static func rounded(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }
}

extension RunReport.JobResult {
    var json: JSON {
        var object: JSONObject = [
            "job": .string(job),
            "status": .string(status.rawValue),
            "dry_run": .bool(dryRun),
            "fetched": .int(fetched),
            "emitted": .int(emitted),
            "retries": .int(retries),
            "duration_seconds": .double(RunReport.rounded(durationSeconds)),
            "checkpoint_committed": .bool(checkpointCommitted),
            "sources": .array(
                sources.map {
                    [
                        "source": .string($0.source), "fetched": .int($0.fetched), "pages": .int($0.pages),
                        "committed_watermark": $0.committedWatermark.map(JSON.string) ?? .null,
                    ]
                }),
            "outputs": .array(
                outputs.map {
                    [
                        "name": .string($0.name), "type": .string($0.type), "delivered": .int($0.delivered),
                        "status": .string($0.status.rawValue), "retries": .int($0.retries),
                        "files": .array($0.files.map(JSON.string)),
                    ]
                }),
        ]
        object["reason"] = reason.map(JSON.string) ?? .null
        return .object(object)
    }
}
