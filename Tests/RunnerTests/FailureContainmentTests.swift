import Foundation
import GraphEmulator
import JSON
import Runner
import TemsyncTesting
import Testing

/// One job failing does not stop the others, and a failed job's checkpoint and files stay as they were.
@Suite struct FailureContainmentTests {
    static func job(_ harness: RunHarness, name: String, extraOutputs: String = "", retry: String = "") -> String {
        """
        sources:
          alerts:
            filter: { updated_since: \(RunHarness.since) }
            page_size: 25
        mapping: { emit: alerts }
        outputs:
          - { type: file, path: \(harness.folder.file("\(name)/alerts.jsonl")) }
          - { type: edl, dir: \(harness.folder.file("\(name)/edl")) }
        \(extraOutputs)
        retry: { max_attempts: 2, initial_delay: 10ms, max_delay: 20ms\(retry) }
        """
    }

    /// Every file under `name`, with its bytes.
    static func snapshot(_ harness: RunHarness, _ name: String) -> [String: Data] {
        var files: [String: Data] = [:]
        for path in harness.files(under: name) {
            files[path] = FileManager.default.contents(atPath: harness.folder.file("\(name)/\(path)"))
        }
        return files
    }

    @Test func aJobWhoseSecretDoesNotResolveFailsAloneAndKeepsItsCheckpoint() async throws {
        try await RunHarness.with(alerts: 60) { harness in
            try harness.writeJob("first", Self.job(harness, name: "first"))
            try harness.writeJob("second", secretVariable: "SECOND_SECRET", Self.job(harness, name: "second"))
            try harness.writeJob("third", Self.job(harness, name: "third"))
            var environment = harness.environment
            environment["SECOND_SECRET"] = harness.secret
            let first = try await harness.run(environment: environment)
            #expect(first.status == .succeeded)
            let checkpoint = try #require(harness.checkpoint(job: "second"))
            let files = Self.snapshot(harness, "second")
            #expect(files.keys.contains("alerts.jsonl"))

            let ids = await harness.emulator.store.alertIDs()
            try await harness.emulator.store.updateAlert(id: ids[5]) { $0["status"] = "resolved" }
            environment["SECOND_SECRET"] = nil
            let report = try await harness.run(environment: environment)
            #expect(report.jobs.map(\.job) == ["first", "second", "third"])
            #expect(report.jobs.map(\.status) == [.succeeded, .failed, .succeeded])
            #expect(report.status == .failed)
            let failed = report.jobs[1]
            #expect(failed.reason == "client secret: environment variable 'SECOND_SECRET' is not set")
            #expect(failed.checkpointCommitted == false)
            #expect(harness.checkpoint(job: "second") == checkpoint)
            #expect(Self.snapshot(harness, "second") == files)
            #expect(harness.lines("first/alerts.jsonl").count == 1)
            #expect(harness.lines("third/alerts.jsonl").count == 1)
            // The line without its duration, which depends on the machine's load.
            let summary = RunSummary.text(report).replacing(/failed in [0-9.]+s/, with: "failed in …")
            #expect(
                summary.contains(
                    "job second: failed in … — fetched 0, emitted 0, checkpoint unchanged\n"
                        + "  reason: client secret: environment variable 'SECOND_SECRET' is not set\n"))
        }
    }

    @Test func aWrongSecretFailsWithEntrasExplanationAndNeverTheValue() async throws {
        try await RunHarness.with(alerts: 20) { harness in
            try harness.writeJob("archive", Self.job(harness, name: "archive"))
            let wrong = "Wr0ng~" + String(harness.secret.reversed())
            let report = try await harness.run(environment: [RunHarness.secretVariable: wrong])
            let job = try #require(report.jobs.first)
            #expect(job.status == .failed)
            let reason = try #require(job.reason)
            #expect(reason.contains("AADSTS7000215"), "\(reason)")
            #expect(!reason.contains(wrong))
            #expect(!harness.logs.text.contains(wrong))
            #expect(harness.checkpoint(job: "archive") == nil)
            #expect(harness.files(under: "archive").isEmpty)
        }
    }

    /// An output that fails (refused connections, then a receiver answering 404): the job fails, its other
    /// outputs keep their previous files, its checkpoint stays, and the other jobs are not disturbed.
    @Test(arguments: ["refused", "404"])
    func anOutputThatFailsLeavesTheCheckpointAndTheOtherOutputsFiles(failure: String) async throws {
        try await RunHarness.with(alerts: 80) { harness in
            let sink = harness.emulator.sinkURL(name: "hook")
            func write(url: String) throws {
                try harness.writeJob(
                    "hooked",
                    Self.job(
                        harness, name: "hooked",
                        extraOutputs: "  - { type: http, url: \"\(url)\", batch_size: 10, timeout: 1s }"))
            }
            try write(url: sink)
            try harness.writeJob("bystander", Self.job(harness, name: "bystander"))
            let first = try await harness.run()
            #expect(first.status == .succeeded)
            #expect(await harness.emulator.sink.delivery(named: "hook").idempotencyKeys.count == 8)
            let checkpoint = try #require(harness.checkpoint(job: "hooked"))
            let files = Self.snapshot(harness, "hooked")
            #expect(files.keys.sorted().contains("edl/.temsync-edl-state.json"))

            let ids = await harness.emulator.store.alertIDs()
            for id in ids[0..<30] {
                try await harness.emulator.store.updateAlert(id: id) { $0["status"] = "resolved" }
            }
            let port = try FreePort.next()
            let url =
                failure == "refused" ? "http://127.0.0.1:\(port)/hook" : harness.emulator.graphRoot + "/nothing-here"
            try write(url: url)
            let report = try await harness.run()
            #expect(report.jobs.map(\.status) == [.succeeded, .failed])
            let failed = try #require(report.jobs.last)
            #expect(failed.checkpointCommitted == false)
            #expect(failed.outputs.map(\.status) == [.failed, .failed, .failed])
            let reason = try #require(failed.reason)
            if failure == "404" {
                #expect(reason == "output 'http': POST \(url) answered 404 Not Found: Not Found")
            } else {
                #expect(
                    reason.hasPrefix("output 'http': gave up after 2 attempts (no attempts were left): POST \(url) "))
                #expect(reason.contains("Connection refused"))
            }
            #expect(harness.checkpoint(job: "hooked") == checkpoint)
            #expect(Self.snapshot(harness, "hooked") == files)
            #expect(harness.lines("bystander/alerts.jsonl").count == 30)
        }
    }

    /// A file output whose folder cannot be made (a plain file stands where the folder should be).
    @Test func aFileOutputThatCannotWriteLeavesTheOtherFiles() async throws {
        try await RunHarness.with(alerts: 40) { harness in
            try harness.writeJob(
                "twofiles",
                Self.job(
                    harness, name: "twofiles",
                    extraOutputs: "  - { type: file, path: \(harness.folder.file("b/alerts.jsonl")) }"))
            #expect(try await harness.run().status == .succeeded)
            let checkpoint = try #require(harness.checkpoint(job: "twofiles"))
            let files = Self.snapshot(harness, "twofiles")
            try FileManager.default.removeItem(atPath: harness.folder.file("b"))
            _ = try harness.folder.write("not a folder\n", to: "b")
            let ids = await harness.emulator.store.alertIDs()
            try await harness.emulator.store.updateAlert(id: ids[0]) { $0["status"] = "resolved" }

            let report = try await harness.run()
            let job = try #require(report.jobs.first)
            #expect(job.status == .failed)
            #expect(job.reason?.hasPrefix("output 'file-2': ") == true, "\(job.reason ?? "")")
            #expect(harness.checkpoint(job: "twofiles") == checkpoint)
            #expect(Self.snapshot(harness, "twofiles") == files)
            #expect(harness.contents("b") == "not a folder\n")
        }
    }

    /// Graph failing for good after the first pages: nothing is delivered, nothing committed.
    @Test func aSourceThatFailsMidRunCommitsNothing() async throws {
        try await RunHarness.with(
            alerts: 100,
            faults: [FaultRule(.alerts, requests: .from(3), action: .serverError(status: 503, retryAfter: nil))]
        ) { harness in
            try harness.writeJob("archive", Self.job(harness, name: "archive"))
            let report = try await harness.run()
            let job = try #require(report.jobs.first)
            #expect(job.status == .failed)
            let reason = try #require(job.reason)
            #expect(
                reason.hasPrefix(
                    "gave up after 2 attempts (no attempts were left): Graph answered 503 (ServiceUnavailable) for '"
                        + harness.emulator.alertsURL + "?"))
            #expect(job.fetched == 50)
            #expect(harness.checkpoint(job: "archive") == nil)
            #expect(harness.files(under: "archive").isEmpty)
        }
    }
}
