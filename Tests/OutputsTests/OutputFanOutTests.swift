import Foundation
import Mapping
import Synchronization
import Testing

@testable import Outputs

@Suite struct OutputFanOutTests {
    static func batch(_ number: Int) -> [Record] {
        [Record(id: "b\(number)", kind: .alert, fields: ["n": .int(number)])]
    }

    @Test func everyOutputGetsEveryBatchThenCommits() async throws {
        let outputs = ["a", "b", "c"].map { ScriptedOutput(name: $0) }
        let reports = try await OutputFanOut(outputs: outputs, capacity: 2).deliver { feed in
            for number in 1...10 { try await feed.send(Self.batch(number)) }
        }
        #expect(reports.map(\.name) == ["a", "b", "c"])
        #expect(reports.map(\.records) == [10, 10, 10])
        for output in outputs {
            #expect(await output.batches == (1...10).map { ["b\($0)"] })
            #expect(await output.events == ["open", "prepare", "commit"])
        }
    }

    @Test func oneFailingOutputAbortsThemAll() async throws {
        let outputs = [ScriptedOutput(name: "a"), ScriptedOutput(name: "b", failAt: .write, onBatch: 3)]
        let error = await #expect(throws: OutputFailures.self) {
            _ = try await OutputFanOut(outputs: outputs, capacity: 1).deliver { feed in
                for number in 1...50 { try await feed.send(Self.batch(number)) }
            }
        }
        #expect(error?.description == "output 'b': disk full")
        #expect(await outputs[0].events == ["open", "abort"])
        #expect(await outputs[1].events == ["open", "abort"])
    }

    @Test func aFailingProducerAbortsEveryOutputAndItsErrorIsThrown() async throws {
        struct SourceFailed: Error {}
        let outputs = [ScriptedOutput(name: "a"), ScriptedOutput(name: "b")]
        await #expect(throws: SourceFailed.self) {
            _ = try await OutputFanOut(outputs: outputs).deliver { feed in
                try await feed.send(Self.batch(1))
                throw SourceFailed()
            }
        }
        for output in outputs { #expect(await output.events == ["open", "abort"]) }
    }

    @Test func nothingCommitsWhenOneOutputCannotPrepare() async throws {
        let outputs = [
            ScriptedOutput(name: "a"), ScriptedOutput(name: "b", failAt: .prepare), ScriptedOutput(name: "c"),
        ]
        let error = await #expect(throws: OutputFailures.self) {
            _ = try await OutputFanOut(outputs: outputs).deliver { feed in try await feed.send(Self.batch(1)) }
        }
        #expect(error?.description == "output 'b': cannot sync")
        for output in outputs { #expect(await output.events == ["open", "prepare", "abort"]) }
    }

    @Test func aFailedCommitAbortsTheOutputsNotYetCommittedAndSaysWhichWere() async throws {
        let logs = LogRecorder()
        let outputs = [
            ScriptedOutput(name: "a"), ScriptedOutput(name: "b", failAt: .commit), ScriptedOutput(name: "c"),
        ]
        let error = await #expect(throws: OutputFailures.self) {
            _ = try await OutputFanOut(outputs: outputs, logger: logs.logger).deliver { feed in
                try await feed.send(Self.batch(1))
            }
        }
        #expect(error?.description == "output 'b': cannot rename")
        #expect(await outputs[0].events == ["open", "prepare", "commit", "abort"])
        #expect(await outputs[2].events == ["open", "prepare", "abort"])
        #expect(
            logs.all.contains {
                $0.hasPrefix("warning an output failed to commit after others did") && $0.contains(#"["a"]"#)
            })
    }

    @Test func everyOpenFailureIsReported() async throws {
        let outputs = [
            ScriptedOutput(name: "a", failAt: .open), ScriptedOutput(name: "b"),
            ScriptedOutput(name: "c", failAt: .open),
        ]
        let error = await #expect(throws: OutputFailures.self) {
            _ = try await OutputFanOut(outputs: outputs).deliver { _ in }
        }
        #expect(error?.description == "output 'a': cannot open; output 'c': cannot open")
    }

    @Test func realFilesKeepTheirPreviousContentWhenAnotherOutputFails() async throws {
        let scratch = try Scratch()
        try scratch.write("a.jsonl", "previous\n")
        try FileManager.default.createDirectory(atPath: scratch.file("edl"), withIntermediateDirectories: true)
        try scratch.write("edl/ipv4.txt", "192.0.2.1\n")
        let outputs: [any Output] = [
            FileOutput(name: "file", options: .init(path: scratch.file("a.jsonl")), context: Samples.context()),
            EDLOutput(
                name: "edl", options: .init(directory: scratch.file("edl"), types: [.ipv4]), context: Samples.context()),
            STIXOutput(name: "stix", options: .init(path: scratch.file("b.json")), context: Samples.context()),
            ScriptedOutput(name: "remote", failAt: .prepare),
        ]
        await #expect(throws: OutputFailures.self) {
            _ = try await OutputFanOut(outputs: outputs).deliver { feed in try await feed.send(Samples.records) }
        }
        #expect(try scratch.read("a.jsonl") == "previous\n")
        #expect(try scratch.read("edl/ipv4.txt") == "192.0.2.1\n")
        #expect(try scratch.names() == ["a.jsonl", "edl"])
        #expect(try scratch.names("edl") == ["ipv4.txt"])
    }

    @Test func theSlowestOutputPacesTheProducer() async throws {
        let sent = Counter()
        let slow = LaggingOutput(name: "slow", sent: sent)
        _ = try await OutputFanOut(outputs: [ScriptedOutput(name: "fast"), slow], capacity: 2).deliver { feed in
            for number in 1...200 {
                sent.increment()
                try await feed.send(Self.batch(number))
            }
        }
        // In the slow output's hands: one batch; in its channel: two; in the producer's pending send: one.
        #expect(await slow.furthestAhead <= 1 + 2 + 1)
        #expect(await slow.written == 200)
    }

    @Test func cancellationAbortsEveryOutput() async throws {
        let scratch = try Scratch()
        try scratch.write("a.jsonl", "previous\n")
        let file = FileOutput(name: "file", options: .init(path: scratch.file("a.jsonl")), context: Samples.context())
        let task = Task {
            try await OutputFanOut(outputs: [file]).deliver { feed in
                while true { try await feed.send(Samples.records) }
            }
        }
        task.cancel()
        await #expect(throws: CancellationError.self) { _ = try await task.value }
        #expect(await file.report().status == .aborted)
        #expect(try scratch.names() == ["a.jsonl"])
        #expect(try scratch.read("a.jsonl") == "previous\n")
    }
}

final class Counter: Sendable {
    private let value = Atomic<Int>(0)
    func increment() { value.add(1, ordering: .sequentiallyConsistent) }
    var current: Int { value.load(ordering: .sequentiallyConsistent) }
}

/// Yields on every batch (a slow consumer) and measures how far the producer got ahead of it.
actor LaggingOutput: Output {
    nonisolated let name: String
    nonisolated let target = "lagging"
    let sent: Counter
    private(set) var written = 0
    private(set) var furthestAhead = 0

    init(name: String, sent: Counter) {
        self.name = name
        self.sent = sent
    }

    func open() async throws {}

    func write(_ batch: [Record]) async throws {
        for _ in 0..<5 { await Task.yield() }
        furthestAhead = max(furthestAhead, sent.current - written)
        written += 1
    }

    func prepare() async throws {}
    func commit() async throws {}
    func abort() async {}
    func report() async -> OutputReport { OutputReport(name: name, type: "lagging", target: target) }
}
