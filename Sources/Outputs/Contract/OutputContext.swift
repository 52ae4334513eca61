import Foundation
import Logging

/// What every output of a job's run shares: who is writing, when the run started, the clock, the logger.
public struct OutputContext: Sendable {
    /// The job's name (also the key for idempotency keys and the owner written into EDL state).
    public var jobName: String
    /// Unique per run (written into append-mode run markers).
    public var runID: String
    /// The run's start: EDL `last_seen`, STIX fall-back timestamps, append-mode run markers.
    public var runStartedAt: Date
    /// The wall clock, injectable for tests (EDL age-out, commit timestamps).
    public var now: @Sendable () -> Date
    public var logger: Logger

    public init(
        jobName: String, runID: String = UUID().uuidString.lowercased(), runStartedAt: Date? = nil,
        now: @escaping @Sendable () -> Date = { Date() }, logger: Logger = Logger(label: "temsync.outputs")
    ) {
        self.jobName = jobName
        self.runID = runID
        self.runStartedAt = runStartedAt ?? now()
        self.now = now
        self.logger = logger
    }
}
