import Foundation
import GraphEmulator
import JSON
import TemsyncTesting
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// SIGKILL at several points of a run, then a rerun: the outputs equal those of runs that were never interrupted —
/// nothing lost, no half-written file, no temporary file left behind.
@Suite struct CrashSafetyTests {
    /// Where the kill lands: the request the emulator holds back (the process waits for it) when it is killed.
    enum KillPoint: String, CaseIterable, Sendable, CustomTestStringConvertible {
        /// Before anything was fetched: the first token request.
        case token
        /// The records job, after two pages.
        case recordsAfterTwoPages
        /// The records job, every page fetched, its outputs preparing (files staged, the http batch in flight).
        case recordsPreparing
        /// The indicators job, after two pages (the records job committed).
        case indicatorsAfterTwoPages
        /// The indicators job preparing its lists and bundle.
        case indicatorsPreparing

        var testDescription: String { rawValue }

        /// The job the kill interrupts (with `--max-jobs 1` the records job runs first, the indicators job second).
        var killedJob: String {
            switch self {
            case .token, .recordsAfterTwoPages, .recordsPreparing: "records"
            case .indicatorsAfterTwoPages, .indicatorsPreparing: "indicators"
            }
        }

        /// The files of the killed job, under `out-crash/`.
        func owns(_ path: String) -> Bool {
            killedJob == "records" ? path.hasSuffix(".jsonl") : !path.hasSuffix(".jsonl")
        }

        /// The route and the request number (counted from the run's start) held back.
        func request(recordsPages: Int) -> (EmulatorRoute, Int) {
            switch self {
            case .token: (.token, 1)
            case .recordsAfterTwoPages: (.alerts, 3)
            case .recordsPreparing: (.other, 1)
            case .indicatorsAfterTwoPages: (.alerts, recordsPages + 3)
            case .indicatorsPreparing: (.other, 2)
            }
        }
    }

    /// Two jobs, run one after the other (`--max-jobs 1`): alert records (appended history, latest file, http batch)
    /// and indicators (EDL lists with age-out state, STIX bundle, http batch).
    static func writeJobs(_ workspace: EmulatedWorkspace, prefix: String) throws -> String {
        let connection = workspace.connection()
        let sink = workspace.emulator.sinkURL(name: prefix)
        let text = """
            version: 1
            name: \(prefix)-records
            \(connection)
            sources:
              alerts: { filter: { updated_since: \(EmulatedWorkspace.since) }, page_size: 40 }
            mapping:
              fields: { id: alert.id, updated: alert.lastUpdateDateTime, status: alert.status, title: alert.title }
            outputs:
              - { type: file, path: out-\(prefix)/history.jsonl, mode: append, run_marker: false }
              - { type: file, path: out-\(prefix)/latest.jsonl }
              - { type: http, url: "\(sink)", batch_size: 10000 }
            retry: { max_attempts: 3, initial_delay: 10ms, max_delay: 50ms }
            ---
            version: 1
            name: \(prefix)-indicators
            \(connection)
            sources:
              alerts: { filter: { updated_since: \(EmulatedWorkspace.since) }, page_size: 40 }
            mapping:
              emit: indicators
              fields: { value: indicator.value, type: indicator.type, severity: indicator.severity }
            outputs:
              - { type: edl, dir: out-\(prefix)/edl }
              - { type: stix, path: out-\(prefix)/bundle.json }
              - { type: http, url: "\(sink)", batch_size: 10000 }
            retry: { max_attempts: 3, initial_delay: 10ms, max_delay: 50ms }

            """
        return try workspace.folder.write(text, to: "\(prefix).yaml")
    }

    /// Every file under `name` except temporary ones, with its bytes.
    static func visibleFiles(_ workspace: EmulatedWorkspace, _ name: String) -> [String: Data] {
        var files: [String: Data] = [:]
        for path in workspace.files(under: name) where !isTemporary(path) {
            files[path] = FileManager.default.contents(atPath: workspace.folder.file("\(name)/\(path)"))
        }
        return files
    }

    /// The names outputs stage under (`.name.temsync-<hex>.tmp`, the append journal `.name.temsync-append`).
    static func isTemporary(_ path: String) -> Bool {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        return name.hasPrefix(".") && name.contains(".temsync-") && name != ".temsync-edl-state.json"
    }

    static func stixIDs(_ workspace: EmulatedWorkspace, _ prefix: String) throws -> Set<String> {
        let bundle = try JSON(parsing: try #require(workspace.contents("out-\(prefix)/bundle.json")))
        return Set((bundle["objects"]?.arrayValue ?? []).compactMap { $0["id"]?.stringValue })
    }

    @Test(arguments: KillPoint.allCases)
    func aKilledRunLosesNothingOnceRerun(killPoint: KillPoint) async throws {
        try await EmulatedWorkspace.with(alerts: 300) { workspace in
            let reference = try Self.writeJobs(workspace, prefix: "ref")
            let crashing = try Self.writeJobs(workspace, prefix: "crash")
            let arguments = ["--state-dir", "state", "--max-jobs", "1"]
            for run in 1...2 {
                if run == 2 {
                    // Between runs, alerts change: the second runs read only those.
                    let ids = await workspace.emulator.store.alertIDs()
                    for id in ids.prefix(150) {
                        try await workspace.emulator.store.updateAlert(id: id) { $0["status"] = "inProgress" }
                    }
                }
                let clean = try await workspace.temsync(["run", reference, "--report", "ref-report.json"] + arguments)
                #expect(clean.status == 0, "\(clean.stderr)")
                let report = try JSON(parsing: try #require(workspace.contents("ref-report.json")))
                let recordsPages = try #require(report["jobs"]?[0]?["sources"]?[0]?["pages"]?.intValue)

                // The crashing run: held at the kill point, killed, then run again.
                let before = Self.visibleFiles(workspace, "out-crash").filter { killPoint.owns($0.key) }
                let state = Self.visibleFiles(workspace, "state/crash-\(killPoint.killedJob)")
                let (route, number) = killPoint.request(recordsPages: recordsPages)
                await workspace.emulator.faults.removeAll()
                await workspace.emulator.faults.resetCounters()
                await workspace.emulator.faults.add(FaultRule(route, requests: [number], action: .delay(.seconds(20))))
                let running = try workspace.start(["run", crashing] + arguments)
                try await InterruptTests.waitForRequests(workspace, route, count: number)
                running.signal(SIGKILL)
                _ = await running.wait()
                #expect(running.wasSignalled)
                await workspace.emulator.faults.removeAll()
                // Killed before its commit: no file of that job half-written or replaced, its checkpoint where it was.
                let after = Self.visibleFiles(workspace, "out-crash").filter { killPoint.owns($0.key) }
                #expect(after == before, "run \(run): files of the killed job changed")
                #expect(Self.visibleFiles(workspace, "state/crash-\(killPoint.killedJob)") == state)
                if killPoint == .recordsAfterTwoPages || killPoint == .recordsPreparing {
                    // The kill left staged files behind (records were being written): the rerun must clear them.
                    #expect(!workspace.files(under: "out-crash").filter(Self.isTemporary).isEmpty)
                }

                let rerun = try await workspace.temsync(["run", crashing] + arguments)
                #expect(rerun.status == 0, "\(rerun.stderr)")
                #expect(workspace.files(under: "out-crash").filter(Self.isTemporary).isEmpty, "temporary files left")

                // Nothing lost: the same records (history may hold repeats: at-least-once), lists and indicators.
                let history = workspace.lines("out-crash/history.jsonl")
                let sameHistory = Set(history) == Set(workspace.lines("out-ref/history.jsonl"))
                #expect(sameHistory, "run \(run): the history differs")
                #expect(history.allSatisfy { (try? JSON(parsing: $0)) != nil }, "a partial line")
                if killPoint.killedJob == "records" {
                    // The rerun read what the killed run had read: the latest file is the clean run's.
                    let latest = workspace.lines("out-crash/latest.jsonl").sorted()
                    let sameLatest = latest == workspace.lines("out-ref/latest.jsonl").sorted()
                    #expect(sameLatest, "run \(run): the latest file differs")
                }
                let lists = workspace.files(under: "out-ref/edl").filter { $0.hasSuffix(".txt") }
                #expect(lists.count == 8)
                for list in lists {
                    let same = workspace.contents("out-crash/edl/\(list)") == workspace.contents("out-ref/edl/\(list)")
                    #expect(same, "run \(run): \(list) differs")
                }
                let indicators = try Self.stixIDs(workspace, "crash")
                #expect(indicators == (try Self.stixIDs(workspace, "ref")), "run \(run): the bundle differs")
                #expect(indicators.count > 10)
            }
            #expect(Set(workspace.lines("out-crash/history.jsonl")).count == 450)
        }
    }
}
