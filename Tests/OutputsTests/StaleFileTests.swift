import Foundation
import Mapping
import Testing

@testable import Outputs

@Suite struct StaleFileTests {
    @Test func removesTheTemporaryFilesAKilledRunLeftBehind() async throws {
        let scratch = try Scratch()
        try scratch.write("a.jsonl", "previous\n")
        try scratch.write(".a.jsonl.temsync-0123456789ab.tmp", "{\"half\":")
        // Names that only look alike stay.
        try scratch.write(".a.jsonl.temsync-xyz.tmp", "not ours\n")
        try scratch.write(".b.jsonl.temsync-0123456789ab.tmp", "another target's\n")
        let recorder = LogRecorder()
        let output = FileOutput(
            name: "file", options: .init(path: scratch.file("a.jsonl")), context: Samples.context(logger: recorder))
        try await output.open()
        #expect(!FileManager.default.fileExists(atPath: scratch.file(".a.jsonl.temsync-0123456789ab.tmp")))
        #expect(try scratch.read("a.jsonl") == "previous\n")
        await output.abort()
        #expect(try scratch.names() == [".a.jsonl.temsync-xyz.tmp", ".b.jsonl.temsync-0123456789ab.tmp", "a.jsonl"])
        #expect(
            recorder.all.contains {
                $0.hasPrefix("info removed a temporary file a stopped run left behind")
                    && $0.contains(".a.jsonl.temsync-0123456789ab.tmp")
            })
    }

    @Test func leavesTheTemporaryFileOfALiveWriterAlone() async throws {
        let scratch = try Scratch()
        let path = scratch.file("a.jsonl")
        let first = FileOutput(name: "first", options: .init(path: path), context: Samples.context())
        let second = FileOutput(name: "second", options: .init(path: path), context: Samples.context())
        try await first.open()
        try await first.write([Samples.records[0]])
        try await second.open()
        #expect(try scratch.names().count == 2)
        try await second.write([Samples.records[1]])
        try await first.commit()
        try await second.commit()
        #expect(try scratch.names() == ["a.jsonl"])
        #expect(try scratch.read("a.jsonl") == String(FileOutputTests.jsonLines.split(separator: "\n")[1]) + "\n")
    }

    @Test func removesStaleListsAndStateOfAnEDLFolder() async throws {
        let scratch = try Scratch()
        try FileManager.default.createDirectory(atPath: scratch.file("edl"), withIntermediateDirectories: true)
        try scratch.write("edl/.ipv4.txt.temsync-aaaaaaaaaaaa.tmp", "203.0.")
        try scratch.write("edl/..temsync-edl-state.json.temsync-bbbbbbbbbbbb.tmp", "{")
        let options = EDLOptions(directory: scratch.file("edl"), types: [.ipv4])
        let output = EDLOutput(name: "edl", options: options, context: Samples.context())
        try await output.open()
        #expect(try scratch.names("edl") == [])
        await output.abort()
    }

    @Test func removesAStaleTemporaryFileOfTheSTIXBundle() async throws {
        let scratch = try Scratch()
        try scratch.write(".b.json.temsync-cccccccccccc.tmp", "{\"type\":")
        let output = STIXOutput(name: "stix", options: .init(path: scratch.file("b.json")), context: Samples.context())
        try await output.open()
        #expect(try scratch.names() == [])
        await output.abort()
    }
}
