import Foundation
import GraphEmulator
import JSON
import Outputs
import Runner
import Synchronization
import TemsyncTesting
import Testing

/// `run --dry-run`: fetch and map as usual, write nothing, commit nothing, and show what each output would receive.
@Suite struct DryRunTests {
    /// Collects what `stdout` outputs write.
    final class CapturedOutput: ByteSink {
        private let bytes = Mutex<[UInt8]>([])
        func write(_ data: [UInt8]) async throws { bytes.withLock { $0 += data } }
        var text: String { bytes.withLock { String(decoding: $0, as: UTF8.self) } }
    }

    @Test func writesNothingCommitsNothingAndShowsSamples() async throws {
        try await RunHarness.with(alerts: 90) { harness in
            try harness.writeJob(
                "everything",
                """
                sources:
                  alerts: { filter: { updated_since: \(RunHarness.since) }, page_size: 30 }
                mapping:
                  emit: alerts
                  fields: { id: alert.id, severity: alert.severity, title: alert.title }
                outputs:
                  - { type: file, path: \(harness.folder.file("out/alerts.jsonl")) }
                  - { type: file, path: \(harness.folder.file("out/alerts.csv")) }
                  - { type: edl, dir: \(harness.folder.file("out/edl")) }
                  - { type: stix, path: \(harness.folder.file("out/bundle.json")) }
                  - { type: stdout }
                  - { type: http, url: "\(harness.emulator.sinkURL(name: "dry"))" }
                """)
            let stdout = CapturedOutput()
            let report = try await harness.run(dryRun: true, standardOutput: stdout)
            let job = try #require(report.jobs.first)
            #expect(job.status == .succeeded)
            #expect(job.dryRun)
            #expect(job.fetched == 90)
            #expect(job.emitted == 90)
            #expect(job.checkpointCommitted == false)
            #expect(job.sources.first?.committedWatermark == nil)

            // Nothing written: no output file or folder, no state, no request to the receiver, nothing on stdout.
            #expect(harness.files() == ["everything.yaml"])
            #expect(!FileManager.default.fileExists(atPath: harness.stateDirectory))
            #expect(await harness.emulator.sink.delivery(named: "dry").requests == 0)
            #expect(stdout.text.isEmpty)

            let outputs = Dictionary(uniqueKeysWithValues: job.outputs.map { ($0.name, $0) })
            #expect(job.outputs.map(\.name) == ["file-1", "file-2", "edl", "stix", "stdout", "http"])
            #expect(outputs["file-1"]?.delivered == 90)
            let jsonSample = try #require(outputs["file-1"]?.sample)
            #expect(jsonSample.count == 3)
            for line in jsonSample {
                let record = try JSON(parsing: Array(line.utf8))
                #expect(record.objectValue?.keys == ["id", "severity", "title"])
            }
            #expect(outputs["stdout"]?.sample == jsonSample)
            #expect(outputs["http"]?.sample == jsonSample)
            #expect(outputs["file-2"]?.sample.first == "id,severity,title")
            #expect(outputs["file-2"]?.sample.count == 4)
            #expect(outputs["edl"]?.sample.count == 3)
            #expect(outputs["edl"]?.sample.allSatisfy { $0.contains(".txt: ") } == true)
            #expect(outputs["stix"]?.sample.allSatisfy { $0.hasPrefix("indicator--") } == true)

            let samples = RunSummary.samples(report)
            #expect(
                samples.hasPrefix("# everything → file-1 (file): first 3 of 90\n" + jsonSample.joined(separator: "\n")))
            #expect(RunSummary.text(report).contains("  output file-1 (file): would receive 90\n"))
            #expect(RunSummary.text(report).contains("job everything: succeeded (dry run) in "))

            // The real run afterwards starts from scratch: the dry run moved nothing.
            let real = try await harness.run(standardOutput: stdout)
            #expect(real.jobs.first?.fetched == 90)
            #expect(harness.lines("out/alerts.jsonl").count == 90)
            #expect(stdout.text.split(separator: "\n").count == 90)
        }
    }
}
