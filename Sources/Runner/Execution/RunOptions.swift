import Foundation
import Logging
import Outputs
import Transport

/// How `run` executes plans.
public struct RunOptions: Sendable {
    /// Fetch and map as usual, write nothing, commit nothing; outputs show a sample instead.
    public var dryRun: Bool
    /// Records shown per output in a dry run.
    public var sampleLimit: Int
    /// Jobs run at once.
    public var maxJobs: Int
    /// The state folder (checkpoints).
    public var stateDirectory: String
    /// Where secret references are resolved.
    public var environment: [String: String]
    public var logger: Logger
    /// Called as jobs start, fetch pages and finish (for progress lines).
    public var onProgress: @Sendable (ProgressEvent) -> Void
    /// Where `stdout` outputs write.
    public var standardOutput: any ByteSink
    /// Time and randomness of retries (a fake in tests).
    public var retryRuntime: RetryRuntime

    public init(
        dryRun: Bool = false, sampleLimit: Int = 5, maxJobs: Int = 4, stateDirectory: String = ".temsync/state",
        environment: [String: String] = ProcessInfo.processInfo.environment,
        logger: Logger = Logger(label: "temsync"), onProgress: @escaping @Sendable (ProgressEvent) -> Void = { _ in },
        standardOutput: any ByteSink = StandardOutputSink.shared, retryRuntime: RetryRuntime = .live
    ) {
        self.dryRun = dryRun
        self.sampleLimit = max(0, sampleLimit)
        self.maxJobs = max(1, maxJobs)
        self.stateDirectory = stateDirectory
        self.environment = environment
        self.logger = logger
        self.onProgress = onProgress
        self.standardOutput = standardOutput
        self.retryRuntime = retryRuntime
    }
}

/// What a run reports as it goes.
public enum ProgressEvent: Sendable {
    case jobStarted(job: String)
    /// Records fetched so far by the job (all its sources).
    case fetched(job: String, records: Int)
    case jobFinished(RunReport.JobResult)
}
