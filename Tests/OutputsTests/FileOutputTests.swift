import Foundation
import JSON
import Mapping
import Testing

@testable import Outputs

@Suite struct FileOutputTests {
    static let jsonLines = """
        {"id":"da-1","title":"Phish, \\"urgent\\"","severity":"high","score":90,"alert":{"service":"microsoftDefenderForOffice365","tags":["phish","mail"]}}
        {"id":"da-2","title":"=HYPERLINK(\\"http://x.example\\")","severity":"medium","score":-5,"alert":{"service":"microsoftDefenderForEndpoint","tags":[]}}
        {"id":"da-3","title":"@SUM(1)\\nsecond line","severity":"low","score":1.5,"alert":{"service":"microsoftDefenderForEndpoint","tags":["x"]},"extra":true}

        """

    @Test func writesJSONLines() async throws {
        let scratch = try Scratch()
        let output = FileOutput(
            name: "file", options: .init(path: scratch.file("out/records.jsonl")), context: Samples.context())
        try await deliver(output, records: Samples.records)
        #expect(try scratch.read("out/records.jsonl") == Self.jsonLines)
        #expect(try scratch.names("out") == ["records.jsonl"])
        let report = await output.report()
        #expect(report.status == .committed)
        #expect(report.records == 3)
        #expect(report.delivered == 3)
        #expect(report.bytes == Self.jsonLines.utf8.count)
        #expect(output.target == "file \(scratch.file("out/records.jsonl")) (jsonl, replace)")
    }

    @Test func writesOneJSONArray() async throws {
        let scratch = try Scratch()
        let output = FileOutput(name: "file", options: .init(path: scratch.file("a.json")), context: Samples.context())
        try await deliver(output, [Samples.records])
        let lines = Self.jsonLines.split(separator: "\n").joined(separator: ",\n")
        #expect(try scratch.read("a.json") == "[\n" + lines + "\n]\n")
        #expect(try JSON(parsing: scratch.read("a.json")).arrayValue?.count == 3)
    }

    @Test func writesAnEmptyArrayWhenThereAreNoRecords() async throws {
        let scratch = try Scratch()
        let output = FileOutput(name: "file", options: .init(path: scratch.file("a.json")), context: Samples.context())
        try await deliver(output, [])
        #expect(try scratch.read("a.json") == "[]\n")
    }

    @Test func writesCSVWithColumnsThatAppearLate() async throws {
        let scratch = try Scratch()
        let logs = LogRecorder()
        let output = FileOutput(
            name: "csv", options: .init(path: scratch.file("a.csv")), context: Samples.context(logger: logs))
        try await deliver(output, records: Samples.records)
        let expected =
            "id,title,severity,score,alert.service,alert.tags,extra\r\n"
            + "da-1,\"Phish, \"\"urgent\"\"\",high,90,microsoftDefenderForOffice365,phish;mail,\r\n"
            + "da-2,\"'=HYPERLINK(\"\"http://x.example\"\")\",medium,-5,microsoftDefenderForEndpoint,,\r\n"
            + "da-3,\"'@SUM(1)\nsecond line\",low,1.5,microsoftDefenderForEndpoint,x,true\r\n"
        #expect(try scratch.read("a.csv") == expected)
        #expect(try scratch.names() == ["a.csv"])
        // The rewrite with the late columns is this run's own file, not another process's.
        #expect(logs.all.filter { $0.hasPrefix("warning") || $0.hasPrefix("info") } == [])
    }

    @Test func writesCSVColumnsInTheGivenOrderFirst() async throws {
        let scratch = try Scratch()
        let options = FileOutputOptions(path: scratch.file("a.csv"), columns: ["severity", "id", "missing"])
        let output = FileOutput(name: "csv", options: options, context: Samples.context())
        try await deliver(output, [Array(Samples.records.prefix(1))])
        #expect(
            try scratch.read("a.csv")
                == "severity,id,missing,title,score,alert.service,alert.tags\r\n"
                + "high,da-1,,\"Phish, \"\"urgent\"\"\",90,microsoftDefenderForOffice365,phish;mail\r\n")
    }

    @Test func writesOnlyTheHeaderOfGivenColumnsWhenThereAreNoRecords() async throws {
        let scratch = try Scratch()
        let options = FileOutputOptions(path: scratch.file("a.csv"), columns: ["id", "title"])
        try await deliver(FileOutput(name: "csv", options: options, context: Samples.context()), [])
        #expect(try scratch.read("a.csv") == "id,title\r\n")
    }

    @Test func replacesThePreviousFileWholly() async throws {
        let scratch = try Scratch()
        try scratch.write("a.jsonl", "old line 1\nold line 2\nold line 3\nold line 4\n")
        let output = FileOutput(name: "file", options: .init(path: scratch.file("a.jsonl")), context: Samples.context())
        try await deliver(output, [Array(Samples.records.prefix(1))])
        #expect(try scratch.read("a.jsonl") == String(Self.jsonLines.split(separator: "\n")[0]) + "\n")
    }

    @Test func keepsThePermissionsOfTheFileItReplaces() async throws {
        let scratch = try Scratch()
        try scratch.write("a.jsonl", "old\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: scratch.file("a.jsonl"))
        try await deliver(
            FileOutput(name: "file", options: .init(path: scratch.file("a.jsonl")), context: Samples.context()),
            [Samples.records])
        let attributes = try FileManager.default.attributesOfItem(atPath: scratch.file("a.jsonl"))
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o640)
    }

    @Test func abortLeavesThePreviousFileAndNoTemporaryFile() async throws {
        let scratch = try Scratch()
        try scratch.write("a.jsonl", "previous\n")
        let output = FileOutput(name: "file", options: .init(path: scratch.file("a.jsonl")), context: Samples.context())
        try await output.open()
        try await output.write(Samples.records)
        #expect(try scratch.names().count == 2)
        try await output.prepare()
        await output.abort()
        #expect(try scratch.read("a.jsonl") == "previous\n")
        #expect(try scratch.names() == ["a.jsonl"])
        #expect(await output.report().status == .aborted)
    }

    @Test func refusesAppendForFormatsOtherThanJSONLines() async throws {
        let scratch = try Scratch()
        let options = FileOutputOptions(path: scratch.file("a.csv"), mode: .append)
        let output = FileOutput(name: "out", options: options, context: Samples.context())
        let error = await #expect(throws: OutputError.self) { try await output.open() }
        #expect(
            error?.description
                == "output 'out': mode 'append' works with format 'jsonl' only (a csv file cannot grow by appending)")
    }

    @Test func reportsAFolderThatCannotBeCreated() async throws {
        let scratch = try Scratch()
        try scratch.write("blocker", "a file where a folder should be\n")
        let path = scratch.file("blocker/a.jsonl")
        let output = FileOutput(name: "file", options: .init(path: path), context: Samples.context())
        let error = await #expect(throws: OutputError.self) { try await output.open() }
        #expect(
            error?.description
                == "output 'file': cannot create folder '\(scratch.file("blocker"))': a file of that name exists")
    }
}
