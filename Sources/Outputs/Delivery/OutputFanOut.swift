import Logging
import Mapping
import Synchronization

/// Runs a job's outputs concurrently over bounded channels and settles them all-or-nothing.
///
/// `deliver` opens every output, gives the producer an `OutputFeed`, and runs one consumer task per output that
/// writes the batches it receives. Each output has its own channel of `capacity` batches; `feed.send` hands a batch
/// to every channel in turn and suspends while one is full, so the slowest output paces the producer and memory
/// stays bounded (outputs × capacity batches). When the producer returns, every output is prepared (concurrently),
/// then committed; the call returns the reports only after every output committed — the moment to commit the
/// job's checkpoint. If the producer throws, an output fails, or the task is cancelled, every output is aborted
/// and the error is thrown: `OutputFailures` when an output failed, else the producer's error (or cancellation).
public struct OutputFanOut: Sendable {
    public var outputs: [any Output]
    /// Batches buffered per output before `send` suspends.
    public var capacity: Int
    public var logger: Logger

    public init(outputs: [any Output], capacity: Int = 4, logger: Logger = Logger(label: "temsync.outputs")) {
        self.outputs = outputs
        self.capacity = max(1, capacity)
        self.logger = logger
    }

    public func deliver(_ produce: (OutputFeed) async throws -> Void) async throws -> [OutputReport] {
        var committed: [String] = []
        do {
            try await forEachOutput { try await $0.open() }
            try await stream(produce)
            try await forEachOutput { try await $0.prepare() }
            for output in outputs {
                try await Self.attributing(output) { try await output.commit() }
                committed.append(output.name)
            }
        } catch {
            for output in outputs { await output.abort() }
            if !committed.isEmpty {
                logger.warning(
                    "an output failed to commit after others did; they hold this run's data, the checkpoint stays",
                    metadata: ["outputs.committed": "\(committed)"])
            }
            logger.debug("aborted every output", metadata: ["error": "\(error)"])
            throw error
        }
        var reports: [OutputReport] = []
        for output in outputs { reports.append(await output.report()) }
        return reports
    }

    /// Runs `body` on every output concurrently; throws `OutputFailures` with every failure.
    private func forEachOutput(_ body: @escaping @Sendable (any Output) async throws -> Void) async throws {
        let failures = FailureList()
        await withTaskGroup(of: Void.self) { group in
            for output in outputs {
                group.addTask {
                    do {
                        try await body(output)
                    } catch {
                        failures.append(.init(output: output.name, error: error))
                    }
                }
            }
        }
        try OutputFailures.throwIfAny(failures.all, order: outputs.map(\.name))
    }

    private func stream(_ produce: (OutputFeed) async throws -> Void) async throws {
        let channels = outputs.map { _ in BoundedChannel<[Record]>(capacity: capacity) }
        let failures = FailureList()
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (output, channel) in zip(outputs, channels) {
                    group.addTask {
                        do {
                            for try await batch in channel { try await output.write(batch) }
                        } catch {
                            if !(error is OutputStopped) && !(error is CancellationError) {
                                failures.append(.init(output: output.name, error: error))
                            }
                            // Release the producer, which may be waiting for room in this channel.
                            channel.fail(OutputStopped(output: output.name))
                            throw error
                        }
                    }
                }
                do {
                    try await produce(OutputFeed(channels: channels))
                } catch {
                    for channel in channels { channel.fail(OutputStopped(output: nil)) }
                    throw error
                }
                for channel in channels { channel.finish() }
                try await group.waitForAll()
            }
        } catch {
            let failed = failures.all
            try OutputFailures.throwIfAny(failed, order: outputs.map(\.name))
            throw error
        }
    }

    private static func attributing(_ output: any Output, _ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch {
            throw OutputFailures(failures: [.init(output: output.name, error: error)])
        }
    }
}

/// Failures collected from concurrent tasks.
private final class FailureList: Sendable {
    private let failures = Mutex<[OutputFailures.Failure]>([])

    func append(_ failure: OutputFailures.Failure) {
        failures.withLock { $0.append(failure) }
    }

    var all: [OutputFailures.Failure] { failures.withLock { $0 } }
}
