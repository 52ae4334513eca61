import Foundation
import Mapping
import Testing

@testable import Outputs

#if canImport(Glibc)
import Glibc
#endif

/// A run killed with SIGKILL while its outputs hold staged data: the test re-runs its own test binary as a child
/// that stages a file, an EDL folder and a STIX bundle, then kills it.
@Suite struct KilledRunTests {
    static let childVariable = "TEMSYNC_OUTPUTS_CRASH_CHILD"
    static let readyLine = "TEMSYNC-CRASH-CHILD-READY"

    static func outputs(in folder: String, at date: Date) -> [any Output] {
        let context = Samples.context(at: date)
        return [
            FileOutput(name: "file", options: .init(path: folder + "/a.jsonl"), context: context),
            EDLOutput(name: "edl", options: .init(directory: folder + "/edl", types: [.ipv4]), context: context),
            STIXOutput(name: "stix", options: .init(path: folder + "/b.json"), context: context),
        ]
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/proc/self/exe")))
    func aKilledRunLeavesThePreviousFilesAndTheNextRunRemovesItsLeftovers() async throws {
        let scratch = try Scratch()
        // A first, complete run.
        _ = try await OutputFanOut(outputs: Self.outputs(in: scratch.path, at: Samples.start)).deliver { feed in
            try await feed.send([Samples.records[0]])
        }
        let before = try ["a.jsonl", "b.json", "edl/ipv4.txt", "edl/.temsync-edl-state.json"].map(scratch.read)

        // A second run, killed after every output staged (and fsynced) its data.
        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/proc/self/exe")
        child.arguments = ["--testing-library", "swift-testing", "--filter", "crashChildStagesEveryOutput"]
        child.environment = ProcessInfo.processInfo.environment.merging([Self.childVariable: scratch.path]) { $1 }
        let output = Pipe()
        child.standardOutput = output
        child.standardError = FileHandle.nullDevice
        try child.run()
        var seen = ""
        while !seen.contains(Self.readyLine) {
            let data = output.fileHandleForReading.availableData
            if data.isEmpty { break }
            seen += String(decoding: data, as: UTF8.self)
        }
        #expect(seen.contains(Self.readyLine))
        kill(child.processIdentifier, SIGKILL)
        child.waitUntilExit()
        #expect(child.terminationReason == .uncaughtSignal)

        let leftovers =
            try scratch.names().filter { $0.hasSuffix(".tmp") } + scratch.names("edl").filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.count == 4)
        #expect(try ["a.jsonl", "b.json", "edl/ipv4.txt", "edl/.temsync-edl-state.json"].map(scratch.read) == before)

        // The next run removes the leftovers and commits.
        _ = try await OutputFanOut(outputs: Self.outputs(in: scratch.path, at: Samples.start)).deliver { feed in
            try await feed.send(Samples.records)
        }
        #expect(try scratch.names() == ["a.jsonl", "b.json", "edl"])
        #expect(try scratch.names("edl") == [".temsync-edl-state.json", "ipv4.txt"])
        #expect(try scratch.read("edl/ipv4.txt") == "198.51.100.20\n203.0.113.7\n")
        #expect(try scratch.read("a.jsonl") == FileOutputTests.jsonLines)
    }

    /// The child's part: runs only when the parent test starts this binary with the variable set.
    @Test(.enabled(if: ProcessInfo.processInfo.environment[childVariable] != nil))
    func crashChildStagesEveryOutputThenWaitsToBeKilled() async throws {
        let folder = try #require(ProcessInfo.processInfo.environment[Self.childVariable])
        let outputs = Self.outputs(in: folder, at: Samples.start.addingTimeInterval(Samples.day))
        for output in outputs {
            try await output.open()
            try await output.write(Samples.records)
            try await output.prepare()
        }
        FileHandle.standardOutput.write(Data((Self.readyLine + "\n").utf8))
        while true { pause() }
    }
}
