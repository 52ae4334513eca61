import Foundation
import GraphEmulator
import JSON
import TemsyncTesting
import Testing

/// `temsync run` as a user runs it: the built binary against an emulator started by the test (the secret in the
/// child's environment), checked by its stdout, stderr, exit status and the files it leaves.
@Suite struct RunCommandTests {
    static func archiveJob(_ workspace: EmulatedWorkspace, name: String = "archive", extra: String = "") -> String {
        """
        sources:
          alerts: { filter: { updated_since: \(EmulatedWorkspace.since) }, page_size: 40 }
        outputs:
          - { type: file, path: out/\(name).jsonl }
        \(extra)
        """
    }

    /// Durations vary from run to run: `0.12s` → `<t>`.
    static func normalised(_ text: String) -> String {
        text.replacing(/\d+\.\d+s/, with: "<t>")
    }

    @Test func runsTheJobsThenOnlyWhatChanged() async throws {
        try await EmulatedWorkspace.with(alerts: 150) { workspace in
            try workspace.writeJob("archive", Self.archiveJob(workspace))
            let first = try await workspace.temsync(["run", "archive.yaml", "--state-dir", "state"])
            #expect(first.status == 0)
            #expect(first.stdout == "")
            #expect(
                Self.normalised(first.stderr) == """
                    job archive: started
                    job archive: succeeded, fetched 150, emitted 150
                    job archive: succeeded in <t> — fetched 150, emitted 150, checkpoint committed
                      output file (file): 150 delivered
                    1 job: 1 succeeded (<t>)

                    """)
            let store = await workspace.storeAlerts()
            let delivered = try workspace.records("out/archive.jsonl")
            #expect(delivered.count == 150)
            for alert in delivered {
                #expect(alert == store[alert["id"]?.stringValue ?? ""])
            }
            #expect(workspace.files(under: "state") == ["archive/alerts.json"])

            let ids = await workspace.emulator.store.alertIDs()
            let changed = [ids[7], ids[70], ids[140]]
            for id in changed {
                try await workspace.emulator.store.updateAlert(id: id) { $0["assignedTo"] = "analyst@contoso.com" }
            }
            let second = try await workspace.temsync(["run", "--state-dir", "state", "archive.yaml"])
            #expect(second.status == 0)
            #expect(Self.normalised(second.stderr).contains("fetched 3, emitted 3, checkpoint committed\n"))
            let updated = try workspace.records("out/archive.jsonl")
            #expect(updated.compactMap { $0["id"]?.stringValue }.sorted() == changed.sorted())
            #expect(updated.allSatisfy { $0["assignedTo"] == "analyst@contoso.com" })

            let third = try await workspace.temsync(["run", "--state-dir", "state", "archive.yaml"])
            #expect(third.status == 0)
            #expect(
                Self.normalised(third.stderr).contains(
                    "job archive: succeeded in <t> — fetched 0, emitted 0, checkpoint unchanged (nothing new)\n"))
        }
    }

    @Test func theReportFileHasEveryJobsOutcome() async throws {
        try await EmulatedWorkspace.with(alerts: 60) { workspace in
            try workspace.writeJob("archive", Self.archiveJob(workspace))
            try workspace.writeJob(
                "broken", secretVariable: "UNSET_SECRET_VARIABLE", Self.archiveJob(workspace, name: "broken"))
            let result = try await workspace.temsync([
                "run", ".", "--state-dir", "state", "--report", "out/report.json",
            ])
            #expect(result.status == 1)
            let report = try JSON(parsing: try #require(workspace.contents("out/report.json")))
            #expect(report.objectValue?.keys.sorted() == ["duration_seconds", "jobs", "started_at", "status"])
            #expect(report["status"] == "failed")
            #expect(report["started_at"]?.stringValue?.hasSuffix("Z") == true)
            let jobs = try #require(report["jobs"]?.arrayValue)
            #expect(jobs.map { $0["job"] } == ["archive", "broken"])
            #expect(
                jobs[0].objectValue?.keys.sorted() == [
                    "checkpoint_committed", "dry_run", "duration_seconds", "emitted", "fetched", "job", "outputs",
                    "reason", "retries", "sources", "status",
                ])
            #expect(jobs[0]["status"] == "succeeded")
            #expect(jobs[0]["fetched"] == 60)
            #expect(jobs[0]["emitted"] == 60)
            #expect(jobs[0]["checkpoint_committed"] == true)
            #expect(jobs[0]["dry_run"] == false)
            #expect(jobs[0]["reason"] == .null)
            #expect(
                jobs[0]["sources"] == [
                    [
                        "source": "alerts", "fetched": 60, "pages": 2,
                        "committed_watermark": jobs[0]["sources"]?[0]?["committed_watermark"] ?? .null,
                    ]
                ])
            #expect(jobs[0]["sources"]?[0]?["committed_watermark"]?.stringValue?.hasPrefix("2026-01-") == true)
            #expect(
                jobs[0]["outputs"] == [
                    [
                        "name": "file", "type": "file", "delivered": 60, "status": "succeeded", "retries": 0,
                        "files": ["out/archive.jsonl"],
                    ]
                ])
            #expect(jobs[1]["status"] == "failed")
            #expect(jobs[1]["reason"] == "client secret: environment variable 'UNSET_SECRET_VARIABLE' is not set")
            #expect(jobs[1]["checkpoint_committed"] == false)
            #expect(jobs[1]["outputs"] == [])
            #expect(
                Self.normalised(result.stderr).contains(
                    """
                    job broken: failed in <t> — fetched 0, emitted 0, checkpoint unchanged
                      reason: client secret: environment variable 'UNSET_SECRET_VARIABLE' is not set
                    2 jobs: 1 succeeded, 1 failed (<t>)

                    """))
            #expect(workspace.files(under: "state") == ["archive/alerts.json"])
        }
    }

    @Test func invalidJobFilesExitTwoAndRunNothing() async throws {
        try await EmulatedWorkspace.with(alerts: 10) { workspace in
            try workspace.writeJob("archive", Self.archiveJob(workspace, extra: "concurrency: 99"))
            let result = try await workspace.temsync(["run", "archive.yaml", "--state-dir", "state"])
            #expect(result.status == 2)
            #expect(result.stdout == "")
            #expect(result.stderr.hasSuffix("temsync: 1 error in the job files; nothing was run\n"))
            #expect(result.stderr.hasPrefix("archive.yaml:12:14: error: "))
            #expect(await workspace.emulator.journal.entries.isEmpty)
            #expect(workspace.files() == ["archive.yaml"])
        }
    }

    @Test func jsonLogLinesAreAllJSON() async throws {
        try await EmulatedWorkspace.with(alerts: 50) { workspace in
            try workspace.writeJob("archive", Self.archiveJob(workspace))
            try workspace.writeJob(
                "broken", secretVariable: "UNSET_SECRET_VARIABLE", Self.archiveJob(workspace, name: "broken"))
            let result = try await workspace.temsync([
                "run", ".", "--state-dir", "state", "--log-format", "json", "--log-level", "trace",
            ])
            #expect(result.status == 1)
            let lines = result.stderr.split(separator: "\n").map(String.init)
            #expect(lines.count > 10)
            var messages: [String] = []
            for line in lines {
                let object = try JSON(parsing: line)
                #expect(Array(object.objectValue?.keys.prefix(4) ?? []) == ["timestamp", "level", "message", "logger"])
                messages.append(object["message"]?.stringValue ?? "")
            }
            #expect(messages.filter { $0 == "job started" }.count == 2)
            #expect(messages.filter { $0 == "job summary" }.count == 2)
            #expect(messages.last == "run finished")
            let last = try JSON(parsing: try #require(lines.last))
            #expect(last["run.status"] == "failed")
            #expect(last["run.succeeded"] == 1)
            #expect(last["run.failed"] == 1)
            #expect(!result.stderr.contains(workspace.secret))
        }
    }

    @Test func quietPrintsNothingUnlessSomethingFailed() async throws {
        try await EmulatedWorkspace.with(alerts: 30) { workspace in
            try workspace.writeJob("archive", Self.archiveJob(workspace))
            let quiet = try await workspace.temsync(["run", "archive.yaml", "--state-dir", "state", "--quiet"])
            #expect(quiet.status == 0)
            #expect(quiet.stdout == "")
            #expect(quiet.stderr == "")
            #expect(workspace.lines("out/archive.jsonl").count == 30)

            let failing = try await workspace.temsync(
                ["run", "archive.yaml", "--state-dir", "state", "-q"],
                environment: [EmulatedWorkspace.secretVariable: "Wr0ng~value-for-this-test"])
            #expect(failing.status == 1)
            #expect(failing.stdout == "")
            #expect(
                Self.normalised(failing.stderr).contains(
                    "job archive: failed in <t> — fetched 0, emitted 0, checkpoint unchanged\n  reason: token request "
                        + "failed: AADSTS7000215 (invalid_client): the client secret is not valid;"))
            #expect(!failing.stderr.contains("job archive: started"))
            #expect(!failing.stderr.contains("Wr0ng~value-for-this-test"))
        }
    }

    @Test func aDryRunPrintsSamplesAndWritesNothing() async throws {
        try await EmulatedWorkspace.with(alerts: 30) { workspace in
            try workspace.writeJob("archive", Self.archiveJob(workspace))
            let result = try await workspace.temsync([
                "run", "archive.yaml", "--state-dir", "state", "--dry-run", "--limit", "2",
            ])
            #expect(result.status == 0)
            let lines = result.stdout.split(separator: "\n").map(String.init)
            #expect(lines.count == 3)
            #expect(lines.first == "# archive → file (file): first 2 of 30")
            let store = await workspace.storeAlerts()
            for line in lines.dropFirst() {
                let alert = try JSON(parsing: line)
                #expect(alert == store[alert["id"]?.stringValue ?? ""])
            }
            #expect(
                Self.normalised(result.stderr).contains(
                    "job archive: succeeded (dry run) in <t> — fetched 30, emitted 30\n  output file (file): would receive 30\n"
                ))
            #expect(workspace.files() == ["archive.yaml"])
        }
    }

    /// `run --emulator`: the example jobs of `jobs/` on a machine with no tenant, twice (the second run incremental).
    @Test func theExampleJobsRunAgainstTheBuiltInEmulator() async throws {
        let folder = try TemporaryDirectory(prefix: "temsync-demo")
        defer { folder.remove() }
        let jobs = TemsyncProcess.repository.appendingPathComponent("jobs").path
        let arguments = ["run", "--emulator", jobs, "--emulator-alerts", "300", "--state-dir", "state"]
        let first = try await RunningTemsync.run(arguments, in: folder.path)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.hasPrefix("emulator: http://127.0.0.1:"))
        #expect(first.stderr.contains(" serving 300 generated alerts (seed 1), tenant \(DemoTenant.tenantID)\n"))
        #expect(normalisedLastLine(first.stderr) == "4 jobs: 4 succeeded (<t>)")
        let written = try FileManager.default.subpathsOfDirectory(atPath: folder.file("out")).sorted()
        for file in [
            "alert-archive.csv", "alert-archive.jsonl", "edl/ipv4.txt", "firewall-indicators.stix.json",
            "high-severity-incidents.jsonl",
        ] {
            #expect(written.contains(file), "\(file)")
        }
        #expect(try String(contentsOfFile: folder.file("out/alert-archive.jsonl"), encoding: .utf8).count > 1000)

        let second = try await RunningTemsync.run(arguments, in: folder.path)
        #expect(second.status == 0)
        #expect(second.stderr.contains("emulator: 20 alerts updated since the previous run (simulated activity)\n"))
        #expect(second.stderr.contains("job alert-archive: succeeded, fetched 20, emitted 20\n"))
    }

    func normalisedLastLine(_ text: String) -> String {
        Self.normalised(String(text.split(separator: "\n").last ?? ""))
    }

    @Test func helpDocumentsTheExitStatuses() throws {
        let run = try TemsyncProcess.run(["run", "--help"])
        #expect(run.status == 0)
        #expect(
            run.stdout.contains(
                """
                Exit status:
                  0   every job succeeded
                  1   at least one job failed
                  2   the job files are invalid (nothing was run)
                  64  the command line is wrong
                  130 interrupted by SIGINT (143: SIGTERM)
                """))
        let plan = try TemsyncProcess.run(["plan", "--help"])
        #expect(
            plan.stdout.contains(
                """
                Exit status:
                  0  every selected job could run
                  1  a job could not run now (a secret does not resolve, a checkpoint is
                     unreadable)
                  2  the job files are invalid
                  64 the command line is wrong
                """))
    }
}
