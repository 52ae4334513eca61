import Foundation
import JSON
import Mapping
import Runner
import TemsyncTesting
import Testing

/// A job that writes alerts as they are sends Graph's own text of each alert, and parses only what it reads (its
/// `where` conditions, the record id, the evidence for EDL/STIX outputs): what it delivers is what a job that parses
/// every alert (one with a CSV output, which flattens the parsed alert) delivers.
@Suite struct RawRecordTests {
    static func job(_ harness: RunHarness, name: String, csv: Bool) -> String {
        """
        sources:
          alerts:
            filter: { updated_since: \(RunHarness.since) }
            page_size: 40
        mapping:
          where:
            - { path: alert.severity, in: [high, medium] }
            - { path: alert.evidence, exists: true }
        outputs:
          - { type: file, path: \(harness.folder.file("out/\(name).jsonl")) }
          - { type: edl, dir: \(harness.folder.file("out/\(name)-edl")) }
        \(csv ? "  - { type: file, path: \(harness.folder.file("out/\(name).csv")) }" : "")
        """
    }

    @Test func deliversWhatAJobParsingEverythingDelivers() async throws {
        try await RunHarness.with(alerts: 160) { harness in
            try harness.writeJob("raw", Self.job(harness, name: "raw", csv: false))
            try harness.writeJob("parsed", Self.job(harness, name: "parsed", csv: true))
            let compilation = harness.compile()
            let plans = Dictionary(uniqueKeysWithValues: compilation.plans.map { ($0.job, $0) })
            #expect(plans["raw"]?.mapping.program.rawAlertProjection(includeIndicators: true) != nil)
            let report = try await harness.run()
            #expect(report.jobs.map(\.status) == [.succeeded, .succeeded])

            let store = await harness.storeAlerts()
            let wanted = store.values.filter { alert in
                ["high", "medium"].contains(alert["severity"]?.stringValue ?? "") && alert["evidence"] != nil
            }
            let raw = try harness.records("out/raw.jsonl")
            #expect(raw.count == wanted.count)
            #expect(raw.count > 20)
            #expect(raw == (try harness.records("out/parsed.jsonl")))
            for alert in raw {
                let id = try #require(alert["id"]?.stringValue)
                #expect(alert == store[id], "alert \(id) differs from the store's")
            }
            let lists = harness.files(under: "out/raw-edl").filter { $0.hasSuffix(".txt") }
            #expect(!lists.isEmpty)
            #expect(lists == harness.files(under: "out/parsed-edl").filter { $0.hasSuffix(".txt") })
            for list in lists {
                #expect(harness.lines("out/raw-edl/\(list)") == harness.lines("out/parsed-edl/\(list)"), "\(list)")
            }
            #expect(!harness.lines("out/raw-edl/ipv4.txt").isEmpty)
        }
    }

    @Test func onlyJobsWritingAlertsAsTheyAreTakeTheirText() async throws {
        try await RunHarness.with(alerts: 1) { harness in
            let output = "outputs:\n  - { type: stdout }"
            try harness.writeJob("whole", "sources: { alerts: {} }\n\(output)")
            try harness.writeJob(
                "read", "sources: { alerts: {} }\nmapping:\n  where:\n    - { path: alert, exists: true }\n\(output)")
            try harness.writeJob(
                "shaped", "sources: { alerts: {} }\nmapping:\n  fields:\n    title: alert.title\n\(output)")
            try harness.writeJob("indicators", "sources: { alerts: {} }\nmapping: { emit: indicators }\n\(output)")
            let compilation = harness.compile()
            #expect(!compilation.hasErrors)
            let programs = Dictionary(uniqueKeysWithValues: compilation.plans.map { ($0.job, $0.mapping.program) })
            let whole = try #require(programs["whole"]?.rawAlertProjection(includeIndicators: false))
            #expect(!whole.keepsEverything)
            #expect(programs["read"]?.rawAlertProjection(includeIndicators: false)?.keepsEverything == true)
            #expect(programs["shaped"]?.rawAlertProjection(includeIndicators: false) == nil)
            #expect(programs["indicators"]?.rawAlertProjection(includeIndicators: true) == nil)
        }
    }
}
