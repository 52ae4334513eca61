import Foundation
import GraphEmulator
import JSON
import TemsyncTesting
import Testing
import Transport

@testable import GraphSecurity

/// Paging against the emulator: nextLink, watermark, checkpoints, incidents and their alerts.
@Suite struct PagingTests {
    @Test func followsNextLinksToTheEnd() async throws {
        try await EmulatorHarness.withClient { context in
            let pages = try await context.client.pages(of: GraphQuery(source: .alerts, pageSize: 25)).collect()
            let ids = pages.flatMap(\.records).map { $0["id"]!.stringValue! }
            #expect(ids.count == 120)
            #expect(Set(ids) == Set(await context.emulator.store.alertIDs()))
            #expect(pages.map(\.mode) == [.first, .nextLink, .nextLink, .nextLink, .nextLink])
            #expect(pages.allSatisfy { $0.requestID != nil })
        }
    }

    @Test func fallsBackToTheWatermarkWhenNextLinkIsOmitted() async throws {
        let faults = [FaultRule(.alerts, requests: .all, action: .omitNextLink)]
        try await EmulatorHarness.withClient(EmulatorHarness.configuration(alerts: 300, faults: faults)) { context in
            let pages = try await context.client.pages(of: GraphQuery(source: .alerts, pageSize: 20)).collect()
            let ids = pages.flatMap(\.records).map { $0["id"]!.stringValue! }
            #expect(ids.count == 300)
            #expect(Set(ids).count == 300)
            #expect(Set(ids) == Set(await context.emulator.store.alertIDs()))
            #expect(pages.dropFirst().allSatisfy { $0.mode == .watermark })
            // Records sharing the boundary instant were received again and dropped, never lost.
            #expect(pages.map(\.receivedCount).reduce(0, +) >= 300)
        }
    }

    /// With the records' texts, each page carries Graph's text of every record it yields (repeats at the watermark
    /// instant dropped from both), and the records hold only what the projection keeps.
    @Test func carriesEachRecordsTextBesideItsProjection() async throws {
        let faults = [FaultRule(.alerts, requests: [2, 4], action: .omitNextLink)]
        try await EmulatorHarness.withClient(EmulatorHarness.configuration(alerts: 200, faults: faults)) { context in
            let pages = try await context.client.pages(
                of: GraphQuery(source: .alerts, pageSize: 15), records: JSONProjection(keys: ["severity"]),
                rawRecords: true
            ).collect()
            #expect(pages.map(\.receivedCount).reduce(0, +) > 200, "the watermark pages received repeats")
            var seen = Set<String>()
            for page in pages {
                let raw = try #require(page.rawRecords)
                #expect(raw.count == page.records.count)
                for (record, text) in zip(page.records, raw) {
                    let id = try #require(record["id"]?.stringValue)
                    seen.insert(id)
                    let whole = try text.parsed()
                    #expect(whole == (await context.emulator.store.alert(id: id)), "alert \(id)")
                    #expect(!text.description.utf8.contains(0x0A))
                    let kept = try #require(record.objectValue).keys.sorted()
                    #expect(kept == ["createdDateTime", "id", "lastUpdateDateTime", "severity"])
                    #expect(record["severity"] == whole["severity"])
                }
            }
            #expect(seen == Set(await context.emulator.store.alertIDs()))
            let plain = try await context.client.pages(of: GraphQuery(source: .alerts, pageSize: 50)).collect()
            #expect(plain.allSatisfy { $0.rawRecords == nil })
        }
    }

    @Test func mixesBothModesWithoutLossOrRepeat() async throws {
        let faults = [FaultRule(.alerts, requests: [2, 5, 6], action: .omitNextLink)]
        try await EmulatorHarness.withClient(EmulatorHarness.configuration(alerts: 200, faults: faults)) { context in
            let pages = try await context.client.pages(of: GraphQuery(source: .alerts, pageSize: 15)).collect()
            let ids = pages.flatMap(\.records).map { $0["id"]!.stringValue! }
            #expect(ids.count == 200)
            #expect(Set(ids) == Set(await context.emulator.store.alertIDs()))
            #expect(Set(pages.map(\.mode)) == [.first, .nextLink, .watermark])
        }
    }

    @Test func aCheckpointReadsOnlyWhatChanged() async throws {
        try await EmulatorHarness.withClient { context in
            let query = GraphQuery(source: .alerts, pageSize: 40)
            let first = try await context.client.pages(of: query).collect()
            let watermark = try #require(first.last?.watermark)
            let ids = await context.emulator.store.alertIDs()
            for id in ids.prefix(3) {
                _ = try await context.emulator.store.updateAlert(id: id) { $0["status"] = "resolved" }
            }
            let second = try await context.client.pages(of: query, from: watermark).collect()
            let changed = second.flatMap(\.records).map { $0["id"]!.stringValue! }
            #expect(Set(changed) == Set(ids.prefix(3)))
            #expect(changed.count == 3)
            #expect(second.first?.url.contains("lastUpdateDateTime%20ge%20\(watermark.time)") == true)
            let third = try await context.client.pages(of: query, from: try #require(second.last?.watermark)).collect()
            #expect(third.flatMap(\.records).isEmpty)
        }
    }

    @Test func incidentsComeWithTheirAlerts() async throws {
        try await EmulatorHarness.withClient { context in
            let pages = try await context.client.pages(of: GraphQuery(source: .incidents, pageSize: 10)).collect()
            let incidents = pages.flatMap(\.records)
            #expect(incidents.count == (await context.emulator.store.incidentCount))
            #expect(incidents.allSatisfy { ($0["alerts"]?.arrayValue?.count ?? 0) > 0 })
            #expect(incidents.flatMap { $0["alerts"]!.arrayValue! }.count == 120)
            #expect(pages.first?.url.hasSuffix("$expand=alerts") == true)
        }
    }

    @Test func failingExpansionFallsBackToAlertsPerIncident() async throws {
        let faults = [
            FaultRule(.incidents, requests: .range(1...4), action: .serverError(status: 500, retryAfter: nil))
        ]
        try await EmulatorHarness.withClient(EmulatorHarness.configuration(faults: faults)) { context in
            let pages = try await context.client.pages(of: GraphQuery(source: .incidents, pageSize: 10)).collect()
            let incidents = pages.flatMap(\.records)
            #expect(incidents.count == (await context.emulator.store.incidentCount))
            let alertIDs = incidents.flatMap { $0["alerts"]?.arrayValue ?? [] }.compactMap { $0["id"]?.stringValue }
            #expect(Set(alertIDs) == Set(await context.emulator.store.alertIDs()))
            let requested = await context.emulator.journal.entries(for: .incidents).map(\.url)
            #expect(requested.last?.contains("expand") == false)
            #expect(await context.emulator.journal.entries(for: .incidentAlerts).count == incidents.count)
        }
    }

    @Test func filtersAreAcceptedAndApplied() async throws {
        try await EmulatorHarness.withClient { context in
            let since = ODataTimestamp("2026-01-20T00:00:00Z")!
            let filter = SourceFilter(
                severity: ["high", "medium"], status: ["new", "inProgress"], updatedSince: since)
            let records = try await context.client.pages(of: GraphQuery(source: .alerts, filter: filter)).collect()
                .flatMap(\.records)
            #expect(!records.isEmpty)
            for record in records {
                #expect(["high", "medium"].contains(record["severity"]?.stringValue ?? ""))
                #expect(["new", "inProgress"].contains(record["status"]?.stringValue ?? ""))
                #expect(ODataTimestamp(record["lastUpdateDateTime"]!.stringValue!)! >= since)
            }
        }
    }

    @Test func everyRequestCarriesTheHeadersGraphAsksFor() async throws {
        try await EmulatorHarness.withClient(EmulatorHarness.configuration(alerts: 400)) { context in
            let records = try await context.client.pages(of: GraphQuery(source: .alerts, pageSize: 200)).collect()
                .flatMap(\.records)
            let entries = await context.emulator.journal.entries(for: .alerts)
            // Two full pages; the second has no nextLink, so one watermark request makes sure nothing follows.
            #expect(entries.count == 3)
            #expect(entries.allSatisfy { $0.header("Prefer") == "include-unknown-enum-members" })
            #expect(entries.allSatisfy { $0.header("User-Agent") == "temsync/\(TemsyncVersion.current)" })
            #expect(entries.allSatisfy { $0.header("Accept") == "application/json" })
            let clientRequestIDs = entries.compactMap(\.clientRequestID)
            #expect(Set(clientRequestIDs).count == 3)
            // Members after unknownFutureValue arrive because of the Prefer header.
            #expect(records.contains { $0["serviceSource"]?.stringValue == "microsoftSentinel" })
            #expect(!records.contains { $0["serviceSource"]?.stringValue == "unknownFutureValue" })
            let logged = context.logs.entries(withMessage: "graph response")
            #expect(Set(logged.compactMap { $0.metadata["graph.request_id"] }) == Set(entries.map(\.requestID)))
            #expect(Set(logged.compactMap { $0.metadata["graph.client_request_id"] }) == Set(clientRequestIDs))
        }
    }

    @Test func anInstantSharedByMoreRecordsThanAPageIsReadWhole() async throws {
        let faults = [FaultRule(.alerts, requests: .all, action: .omitNextLink)]
        try await EmulatorHarness.withClient(EmulatorHarness.configuration(alerts: 40, faults: faults)) { context in
            let template = try #require(await context.emulator.store.alert(id: context.emulator.store.alertIDs()[0]))
            var added: [String] = []
            for index in 0..<35 {
                var alert = template
                alert["id"] = .string("crowd-\(index)")
                alert["incidentId"] = nil
                alert["lastUpdateDateTime"] = "2026-02-15T00:00:00Z"
                alert["createdDateTime"] = .string("2026-02-14T00:00:\(index < 10 ? "0" : "")\(index)Z")
                added.append(try await context.emulator.store.addAlert(alert))
            }
            let pages = try await context.client.pages(of: GraphQuery(source: .alerts, pageSize: 10)).collect()
            let ids = pages.flatMap(\.records).map { $0["id"]!.stringValue! }
            #expect(ids.count == 75)
            #expect(Set(ids) == Set(await context.emulator.store.alertIDs()))
            #expect(pages.contains { $0.url.contains("lastUpdateDateTime%20eq%202026-02-15T00:00:00Z") })
            #expect(pages.last?.watermark?.time == ODataTimestamp("2026-02-15T00:00:00Z"))
            #expect(pages.last?.watermark?.idsAtTime == Set(added))
        }
    }
}
