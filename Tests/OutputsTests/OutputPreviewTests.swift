import Mapping
import Testing

@testable import Outputs

@Suite struct OutputPreviewTests {
    func sample(_ configuration: OutputDefinition.Configuration, limit: Int = 2) async throws -> OutputReport {
        let preview = OutputDefinition(name: "out", configuration: configuration).makePreview(limit: limit)
        try await deliver(preview, records: Samples.records)
        return await preview.report()
    }

    @Test func showsJSONLinesWithoutWritingAnything() async throws {
        let scratch = try Scratch()
        let report = try await sample(.file(.init(path: scratch.file("a.jsonl"))))
        #expect(report.status == .previewed)
        #expect(report.records == 3)
        #expect(report.sample == FileOutputTests.jsonLines.split(separator: "\n").prefix(2).map(String.init))
        #expect(try scratch.names() == [])
    }

    @Test func showsCSVRowsUnderTheirHeader() async throws {
        let report = try await sample(.file(.init(path: "a.csv")))
        #expect(
            report.sample == [
                "id,title,severity,score,alert.service,alert.tags",
                "da-1,\"Phish, \"\"urgent\"\"\",high,90,microsoftDefenderForOffice365,phish;mail",
                "da-2,\"'=HYPERLINK(\"\"http://x.example\"\")\",medium,-5,microsoftDefenderForEndpoint,",
            ])
    }

    @Test func showsListEntriesAndSTIXPatterns() async throws {
        let edl = try await sample(.edl(.init(directory: "edl")), limit: 1)
        #expect(edl.sample == ["domain.txt: evil.example"])
        let stix = try await sample(.stix(.init(path: "b.json")), limit: 1)
        let id = Samples.records[0].indicators[0].id
        #expect(stix.sample == ["indicator--\(id) [ipv4-addr:value = '203.0.113.7']"])
        #expect(stix.target == "stix b.json (STIX 2.1 bundle, identity 'temsync')")
    }

    @Test func namesOutputsByTypeAndNumbersRepeats() {
        #expect(
            OutputDefinition.defaultNames(forTypes: ["file", "edl", "file", "http", "file"])
                == ["file-1", "edl", "file-2", "http", "file-3"])
    }

    @Test func describesEachTarget() {
        let targets = [
            OutputDefinition(name: "o", configuration: .stdout).target,
            OutputDefinition(name: "o", configuration: .file(.init(path: "out/a.csv"))).target,
            OutputDefinition(
                name: "o", configuration: .edl(.init(directory: "out/edl", types: [.ipv4, .url], maxEntries: 5000))
            ).target,
            OutputDefinition(
                name: "o", configuration: .edl(.init(directory: "out/edl", layout: .combined, expireAfter: nil))
            )
            .target,
            OutputDefinition(name: "o", configuration: .http(.init(url: "https://tem.example/api", gzip: true))).target,
        ]
        #expect(
            targets == [
                "stdout (jsonl)",
                "file out/a.csv (csv, replace)",
                "edl out/edl (per_type; ipv4,url; max 5000 per file; expire after 30d)",
                "edl out/edl (combined; this run only)",
                "http POST https://tem.example/api (batches of 500, gzip)",
            ])
    }
}
