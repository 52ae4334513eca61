import Mapping
import Outputs

/// An output that records what happens to it and can be told to fail at a step.
actor ScriptedOutput: Output {
    enum Step: Sendable, Equatable { case open, write, prepare, commit }

    nonisolated let name: String
    nonisolated let target = "scripted"
    private let failAt: Step?
    private let failOnBatch: Int
    private(set) var events: [String] = []
    private(set) var batches: [[String]] = []

    init(name: String, failAt: Step? = nil, onBatch: Int = 1) {
        self.name = name
        self.failAt = failAt
        failOnBatch = onBatch
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    func open() async throws {
        events.append("open")
        if failAt == .open { throw Failure(description: "cannot open") }
    }

    func write(_ batch: [Record]) async throws {
        batches.append(batch.map(\.id))
        if failAt == .write && batches.count == failOnBatch { throw Failure(description: "disk full") }
    }

    func prepare() async throws {
        events.append("prepare")
        if failAt == .prepare { throw Failure(description: "cannot sync") }
    }

    func commit() async throws {
        events.append("commit")
        if failAt == .commit { throw Failure(description: "cannot rename") }
    }

    func abort() async {
        events.append("abort")
    }

    func report() async -> OutputReport {
        OutputReport(name: name, type: "scripted", target: target, records: batches.joined().count)
    }
}
