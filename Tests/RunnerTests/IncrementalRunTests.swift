import Foundation
import GraphEmulator
import GraphSecurity
import JSON
import Runner
import Testing

/// A job's outputs hold what the emulator's store holds; later runs fetch only what changed since the checkpoint.
@Suite struct IncrementalRunTests {
    /// Every alert, once, as Graph sent it, into a JSON Lines file.
    static func alertsJob(
        _ harness: RunHarness, pageSize: Int = 40, filter: String = "", checkpoint: String = ""
    )
        -> String
    {
        """
        sources:
          alerts:
            filter: { updated_since: \(RunHarness.since)\(filter) }
            page_size: \(pageSize)
        outputs:
          - { type: file, path: \(harness.folder.file("out/alerts.jsonl")) }
        \(checkpoint)
        """
    }

    @Test func deliversEveryAlertAsTheStoreHoldsIt() async throws {
        try await RunHarness.with(alerts: 150) { harness in
            try harness.writeJob("archive", Self.alertsJob(harness))
            let report = try await harness.run()

            let job = try #require(report.jobs.first)
            #expect(job.status == .succeeded)
            #expect(job.reason == nil)
            let store = await harness.storeAlerts()
            let delivered = try harness.records("out/alerts.jsonl")
            #expect(delivered.count == 150)
            #expect(Set(delivered.compactMap { $0["id"]?.stringValue }) == Set(store.keys))
            for alert in delivered {
                let id = try #require(alert["id"]?.stringValue)
                #expect(alert == store[id], "alert \(id) differs from the store's")
            }
            #expect(job.fetched == 150)
            #expect(job.emitted == 150)
            #expect(job.sources.map(\.pages) == [4])
            #expect(job.outputs.map(\.delivered) == [150])
            #expect(job.checkpointCommitted)

            // The checkpoint: the newest lastUpdateDateTime and every id delivered at exactly that instant.
            let newest = try #require(store.values.compactMap(Self.updated).max())
            let atNewest = store.filter { Self.updated($0.value) == newest }.keys.sorted()
            let checkpoint = try JSON(parsing: Array(try #require(harness.checkpoint(job: "archive")).utf8))
            #expect(checkpoint["watermark"]?["time"]?.stringValue == newest.description)
            #expect(checkpoint["watermark"]?["ids_at_time"] == .array(atNewest.map(JSON.string)))
            #expect(job.sources.first?.committedWatermark == newest.description)
            #expect(harness.files(under: "out") == ["alerts.jsonl"])
        }
    }

    @Test func aSecondRunFetchesOnlyTheAlertsUpdatedInBetween() async throws {
        try await RunHarness.with(alerts: 120) { harness in
            try harness.writeJob("archive", Self.alertsJob(harness))
            _ = try await harness.run()
            let ids = await harness.emulator.store.alertIDs()
            let changed = [ids[3], ids[50], ids[77], ids[119]]
            for id in changed {
                try await harness.emulator.store.updateAlert(id: id) { $0["status"] = "resolved" }
            }
            await harness.emulator.journal.removeAll()

            let report = try await harness.run()
            #expect(report.jobs.map(\.status) == [.succeeded])
            let delivered = try harness.records("out/alerts.jsonl")
            #expect(delivered.compactMap { $0["id"]?.stringValue }.sorted() == changed.sorted())
            for alert in delivered {
                #expect(alert["status"] == "resolved")
                #expect(alert == (await harness.emulator.store.alert(id: alert["id"]!.stringValue!)))
            }
            #expect(report.jobs.first?.fetched == 4)
            // One page: the query starts at the checkpoint's watermark (ge, ties kept), not at updated_since.
            let requests = await harness.emulator.journal.entries(for: .alerts)
            #expect(requests.count == 1)
            #expect(requests.first?.query?.contains("lastUpdateDateTime%20ge%202026-") == true)

            // Nothing changed: a third run delivers nothing and leaves an empty file (the run's records).
            let third = try await harness.run()
            #expect(third.jobs.first?.fetched == 0)
            #expect(third.jobs.first?.checkpointCommitted == false)
            #expect(harness.lines("out/alerts.jsonl").isEmpty)
        }
    }

    /// Records sharing one `lastUpdateDateTime` across page boundaries and across runs: none lost, none repeated.
    @Test(arguments: [false, true])
    func recordsSharingAnInstantAreNeitherLostNorRepeated(omitNextLink: Bool) async throws {
        let faults = omitNextLink ? [FaultRule(.alerts, action: .omitNextLink)] : []
        try await RunHarness.with(alerts: 60, faults: faults) { harness in
            let ids = await harness.emulator.store.alertIDs()
            let instant = "2026-02-01T10:00:00.1234567Z"
            let tied = Array(ids[10..<21])  // 11 alerts at one instant: across pages of 4
            for id in tied {
                try await harness.emulator.store.updateAlert(id: id) { $0["lastUpdateDateTime"] = .string(instant) }
            }
            try harness.writeJob("archive", Self.alertsJob(harness, pageSize: 4))
            let first = try await harness.run()
            #expect(first.jobs.map(\.status) == [.succeeded])
            let firstIDs = try harness.records("out/alerts.jsonl").compactMap { $0["id"]?.stringValue }
            #expect(firstIDs.count == 60)
            #expect(Set(firstIDs) == Set(ids))
            let checkpoint = try JSON(parsing: Array(try #require(harness.checkpoint(job: "archive")).utf8))
            #expect(checkpoint["watermark"]?["time"] == .string(instant))
            #expect(checkpoint["watermark"]?["ids_at_time"] == .array(tied.sorted().map(JSON.string)))

            // More alerts arrive at the same instant (and one just after): exactly those come next.
            let late = [ids[0], ids[40], ids[59]]
            for id in late {
                try await harness.emulator.store.updateAlert(id: id) { $0["lastUpdateDateTime"] = .string(instant) }
            }
            try await harness.emulator.store.updateAlert(id: ids[30]) {
                $0["lastUpdateDateTime"] = "2026-02-01T10:00:00.1234568Z"
            }
            let second = try await harness.run()
            #expect(second.jobs.map(\.status) == [.succeeded])
            let secondIDs = try harness.records("out/alerts.jsonl").compactMap { $0["id"]?.stringValue }
            #expect(secondIDs.sorted() == (late + [ids[30]]).sorted())
        }
    }

    @Test func aChangedFilterStartsAgainFromUpdatedSinceWithAWarning() async throws {
        try await RunHarness.with(alerts: 80) { harness in
            try harness.writeJob("archive", Self.alertsJob(harness, filter: ", severity: [high, medium]"))
            _ = try await harness.run()
            let committed = try JSON(parsing: Array(try #require(harness.checkpoint(job: "archive")).utf8))
            let committedAt = try #require(committed["committed_at"]?.stringValue)

            let path = try harness.writeJob("archive", Self.alertsJob(harness, filter: ", severity: high"))
            let compilation = harness.compile()
            let warning = try #require(compilation.diagnostics.first)
            #expect(compilation.diagnostics.count == 1)
            #expect(warning.severity == .warning)
            #expect(
                warning.message
                    == "the alerts filter changed since the checkpoint of \(committedAt); this run starts again from "
                    + "updated_since \(RunHarness.since) (\(RunHarness.since))")
            #expect(warning.location?.file == path)
            let source = try #require(compilation.plans.first?.sources.first)
            #expect(source.start == nil)
            #expect(
                source.startReason
                    == "updated_since \(RunHarness.since) (\(RunHarness.since)); the checkpoint was for another filter")

            let report = try await harness.run()
            let high = await harness.storeAlerts().values.filter { $0["severity"] == "high" }
            #expect(report.jobs.first?.fetched == high.count)
            #expect(harness.lines("out/alerts.jsonl").count == high.count)
        }
    }

    /// `look_back` re-reads before the watermark, so an update stamped a little in the past is still seen.
    @Test func lookBackSeesAnUpdateStampedBeforeTheWatermark() async throws {
        try await RunHarness.with(alerts: 50) { harness in
            let ids = await harness.emulator.store.alertIDs()
            try await harness.emulator.store.updateAlert(id: ids[0]) {
                $0["lastUpdateDateTime"] = "2026-02-01T10:00:00Z"
            }
            try harness.writeJob("plain", Self.alertsJob(harness).replacingOccurrences(of: "out/", with: "plain/"))
            try harness.writeJob(
                "looking",
                Self.alertsJob(harness, checkpoint: "checkpoint: { look_back: 10m }")
                    .replacingOccurrences(of: "out/", with: "looking/"))
            _ = try await harness.run()
            // A late update: Graph stamps it 5 minutes before what the first run saw last.
            try await harness.emulator.store.updateAlert(id: ids[1]) {
                $0["lastUpdateDateTime"] = "2026-02-01T09:55:00Z"
                $0["status"] = "resolved"
            }
            let report = try await harness.run()
            #expect(report.jobs.map(\.status) == [.succeeded, .succeeded])
            #expect(harness.lines("plain/alerts.jsonl").isEmpty)
            let reread = try harness.records("looking/alerts.jsonl").compactMap { $0["id"]?.stringValue }
            #expect(reread.sorted() == [ids[0], ids[1]].sorted())
            let plan = try #require(harness.compile().plans.first { $0.job == "looking" })
            #expect(plan.sources.first?.startReason == "checkpoint 2026-02-01T10:00:00Z minus look_back 10m")
        }
    }

    /// A run that finds nothing new inside the look-back window must not move the checkpoint back by the window.
    @Test func aQuietRunWithLookBackKeepsTheCheckpoint() async throws {
        try await RunHarness.with(alerts: 50) { harness in
            let ids = await harness.emulator.store.alertIDs()
            try await harness.emulator.store.updateAlert(id: ids[0]) {
                $0["lastUpdateDateTime"] = "2026-02-01T10:00:00Z"
            }
            try harness.writeJob(
                "looking",
                Self.alertsJob(
                    harness, filter: ", status: [new, inProgress]", checkpoint: "checkpoint: { look_back: 10m }"))
            _ = try await harness.run()
            let before = try JSON(parsing: Array(try #require(harness.checkpoint(job: "looking")).utf8))
            #expect(before["watermark"]?["time"] == "2026-02-01T10:00:00Z")
            // The only alert in the window is resolved: nothing matches the filter there any more.
            try await harness.emulator.store.updateAlert(id: ids[0]) {
                $0["status"] = "resolved"
                $0["lastUpdateDateTime"] = "2026-02-01T10:01:00Z"
            }
            for _ in 0..<2 {
                let report = try await harness.run()
                #expect(report.jobs.map(\.status) == [.succeeded])
                #expect(report.jobs.first?.fetched == 0)
                #expect(report.jobs.first?.checkpointCommitted == false)
            }
            let after = try JSON(parsing: Array(try #require(harness.checkpoint(job: "looking")).utf8))
            #expect(after["watermark"] == before["watermark"])
        }
    }

    static func updated(_ alert: JSON) -> ODataTimestamp? {
        alert["lastUpdateDateTime"]?.stringValue.flatMap(ODataTimestamp.init)
    }
}
