import Foundation
import Mapping
import Testing

@testable import Outputs

#if canImport(Glibc)
import Glibc
#endif

@Suite struct AppendModeTests {
    static func marker(records: Int, at date: Date) -> String {
        let time = Timestamp.format(date)
        return #"{"temsync_run":{"job":"job-a","run_id":"run-\#(Int(date.timeIntervalSince1970))","#
            + #""started_at":"\#(time)","committed_at":"\#(time)","records":\#(records)}}"# + "\n"
    }

    static let lines = FileOutputTests.jsonLines.split(separator: "\n").map { $0 + "\n" }

    func appender(_ scratch: Scratch, at date: Date = Samples.start, marker: Bool = true) -> FileOutput {
        FileOutput(
            name: "log", options: .init(path: scratch.file("a.jsonl"), mode: .append, runMarker: marker),
            context: Samples.context(at: date))
    }

    @Test func appendsEachRunAfterARunMarker() async throws {
        let scratch = try Scratch()
        let second = Samples.start.addingTimeInterval(Samples.day)
        try await deliver(appender(scratch), [Array(Samples.records.prefix(2))])
        try await deliver(appender(scratch, at: second), [[Samples.records[2]]])
        let expected =
            Self.marker(records: 2, at: Samples.start) + Self.lines[0] + Self.lines[1]
            + Self.marker(records: 1, at: second) + Self.lines[2]
        #expect(try scratch.read("a.jsonl") == expected)
        #expect(try scratch.names() == ["a.jsonl"])
    }

    @Test func appendsNothingForARunWithoutRecords() async throws {
        let scratch = try Scratch()
        try scratch.write("a.jsonl", "earlier\n")
        try await deliver(appender(scratch), [])
        #expect(try scratch.read("a.jsonl") == "earlier\n")
        #expect(try scratch.names() == ["a.jsonl"])
    }

    @Test func appendsWithoutMarkersWhenAskedTo() async throws {
        let scratch = try Scratch()
        try await deliver(appender(scratch, marker: false), [Samples.records])
        #expect(try scratch.read("a.jsonl") == Self.lines.joined())
    }

    @Test func anAbortedRunAppendsNothing() async throws {
        let scratch = try Scratch()
        try scratch.write("a.jsonl", "earlier\n")
        let output = appender(scratch)
        try await output.open()
        try await output.write(Samples.records)
        try await output.prepare()
        await output.abort()
        #expect(try scratch.read("a.jsonl") == "earlier\n")
        #expect(try scratch.names() == ["a.jsonl"])
    }

    @Test func undoesTheHalfDoneAppendOfAKilledRun() async throws {
        let scratch = try Scratch()
        // What a run killed in the middle of its append leaves: the journal with the size before, and part of a line.
        try scratch.write("a.jsonl", "earlier\n{\"id\":\"half-writ")
        try scratch.write(".a.jsonl.temsync-append", "8\n")
        let recorder = LogRecorder()
        let output = FileOutput(
            name: "log", options: .init(path: scratch.file("a.jsonl"), mode: .append, runMarker: false),
            context: Samples.context(logger: recorder))
        try await output.open()
        #expect(try scratch.read("a.jsonl") == "earlier\n")
        try await output.write([Samples.records[0]])
        try await output.commit()
        #expect(try scratch.read("a.jsonl") == "earlier\n" + Self.lines[0])
        #expect(try scratch.names() == ["a.jsonl"])
        #expect(recorder.all.contains { $0.hasPrefix("warning undid the unfinished append of a stopped run") })
    }

    @Test func refusesToAppendWhileAnotherLiveRunIsAppending() async throws {
        let scratch = try Scratch()
        try scratch.write("a.jsonl", "earlier\n")
        try scratch.write(".a.jsonl.temsync-append", "8\n")
        let held = open(scratch.file(".a.jsonl.temsync-append"), O_RDWR)
        #expect(flock(held, LOCK_EX | LOCK_NB) == 0)
        defer { close(held) }
        let error = await #expect(throws: OutputError.self) { try await appender(scratch).open() }
        #expect(
            error?.description
                == "output 'log': another temsync run is appending to '\(scratch.file("a.jsonl"))' right now")
        #expect(try scratch.read("a.jsonl") == "earlier\n")
    }
}
