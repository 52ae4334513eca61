import Mapping

/// What the producer uses to hand batches to every output of the job.
public struct OutputFeed: Sendable {
    let channels: [BoundedChannel<[Record]>]

    /// Sends `batch` to every output, suspending while an output's channel is full.
    /// - Throws: when an output failed (the delivery is over) or the task was cancelled.
    public func send(_ batch: [Record]) async throws {
        try Task.checkCancellation()
        guard !batch.isEmpty else { return }
        for channel in channels { try await channel.send(batch) }
    }
}

/// The feed was closed because an output stopped (its own error is reported instead) or the producer failed.
struct OutputStopped: Error, CustomStringConvertible {
    var output: String?
    var description: String {
        output.map { "output '\($0)' stopped; no more records are accepted" } ?? "the delivery was stopped"
    }
}
