import Foundation
import GraphEmulator
import JSON
import TemsyncTesting
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// SIGINT and SIGTERM during a run: fetching stops, outputs abort (files keep their previous content), no
/// checkpoint moves, and the process says so and exits 128 + the signal.
@Suite struct InterruptTests {
    /// Every file under `name`, with its bytes.
    static func snapshot(_ workspace: EmulatedWorkspace, _ name: String) -> [String: Data] {
        var files: [String: Data] = [:]
        for path in workspace.files(under: name) {
            files[path] = FileManager.default.contents(atPath: workspace.folder.file("\(name)/\(path)"))
        }
        return files
    }

    /// Waits until the emulator has received `count` requests on `route` (the child is then where the test wants it).
    static func waitForRequests(_ workspace: EmulatedWorkspace, _ route: EmulatorRoute, count: Int) async throws {
        let deadline = ContinuousClock.now + .seconds(60)
        while await workspace.emulator.faults.requestCount(route) < count {
            guard ContinuousClock.now < deadline else { throw ProcessFailure("no request \(count) on \(route)") }
            try await Task.sleep(for: .milliseconds(5))
        }
    }

    @Test(arguments: [SIGINT, SIGTERM])
    func aSignalAbortsTheOutputsAndCommitsNothing(signal: Int32) async throws {
        try await EmulatedWorkspace.with(alerts: 200) { workspace in
            try workspace.writeJob(
                "archive",
                """
                sources:
                  alerts: { filter: { updated_since: \(EmulatedWorkspace.since) }, page_size: 20 }
                outputs:
                  - { type: file, path: out/alerts.jsonl }
                  - { type: file, path: out/history.jsonl, mode: append }
                  - { type: edl, dir: out/edl }
                """)
            let first = try await workspace.temsync(["run", "archive.yaml", "--state-dir", "state"])
            #expect(first.status == 0)
            let outputs = Self.snapshot(workspace, "out")
            let state = Self.snapshot(workspace, "state")
            #expect(outputs.keys.contains("alerts.jsonl"))
            #expect(state.keys.sorted() == ["archive/alerts.json"])

            let ids = await workspace.emulator.store.alertIDs()
            for id in ids.prefix(120) {
                try await workspace.emulator.store.updateAlert(id: id) { $0["status"] = "resolved" }
            }
            // The third page of the next run answers only after a long while: the signal lands mid-run, after two
            // pages (37 new records: the first page repeats 3 records delivered at the checkpoint's instant).
            await workspace.emulator.faults.resetCounters()
            await workspace.emulator.faults.add(FaultRule(.alerts, requests: [3], action: .delay(.seconds(20))))
            let running = try workspace.start(["run", "archive.yaml", "--state-dir", "state"])
            try await Self.waitForRequests(workspace, .alerts, count: 3)
            running.signal(signal)
            let status = await running.wait()

            #expect(status == 128 + signal)
            let stderr = running.stderr
            #expect(
                stderr.contains("\ntemsync: interrupted: stopping fetches and aborting outputs; no checkpoint moves\n"))
            #expect(
                RunCommandTests.normalised(stderr).contains(
                    "job archive: interrupted in <t> — fetched 37, emitted 37, checkpoint unchanged\n  reason: interrupted\n"
                ))
            #expect(stderr.contains("  output file-1 (file): 0 delivered, interrupted\n"))
            #expect(stderr.hasSuffix("1 job: 0 succeeded, 1 interrupted (\(stderr.split(separator: "(").last ?? "")"))
            #expect(Self.snapshot(workspace, "out") == outputs, "previous files intact, no temporary file left")
            #expect(Self.snapshot(workspace, "state") == state, "no checkpoint committed")
        }
    }
}
