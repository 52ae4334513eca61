import Foundation
import GraphEmulator
import JSON
import Testing

/// Tests change records while the emulator runs, as incremental syncs need.
@Suite struct StoreTests {
    @Test func anUpdateMovesLastUpdateDateTimeAndTheIncidentFollows() async throws {
        let clock = ManualClock(TestData.end.addingTimeInterval(3600))
        try await GraphEmulator.withRunning(TestData.configuration(alerts: 50, clock: .manual(clock))) { emulator in
            try await TestHTTP.with { http in
                let token = try await http.token(emulator)
                let id = try #require(await emulator.store.alertIDs().first)
                let before = try #require(await emulator.store.alert(id: id))
                let updated = try await emulator.store.updateAlert(id: id) { alert in
                    alert["status"] = "resolved"
                    alert["classification"] = "falsePositive"
                }
                #expect(updated["lastUpdateDateTime"] == .string(GraphTimestamp(clock.now).description))
                #expect(before["lastUpdateDateTime"] != updated["lastUpdateDateTime"])

                let filter = "lastUpdateDateTime%20ge%20" + GraphTimestamp(clock.now).description
                let changed = try await http.get(emulator.alertsURL + "?$filter=" + filter, token: token).json()
                #expect(changed["value"]?.arrayValue?.map { $0["id"]?.stringValue } == [id])
                #expect(changed["value"]?[0]?["status"] == "resolved")
                let incidents = try await http.get(emulator.incidentsURL + "?$filter=" + filter, token: token).json()
                #expect(
                    incidents["value"]?.arrayValue?.map { $0["id"]?.stringValue } == [before["incidentId"]?.stringValue]
                )

                // A second update in the same instant still moves forward.
                let again = try await emulator.store.updateAlert(id: id) { $0["assignedTo"] = "analyst@contoso.com" }
                let first = try #require(GraphTimestamp(parsing: updated["lastUpdateDateTime"]!.stringValue!))
                let second = try #require(GraphTimestamp(parsing: again["lastUpdateDateTime"]!.stringValue!))
                #expect(second > first)
            }
        }
    }

    @Test func anUpdateMayPinLastUpdateDateTime() async throws {
        try await GraphEmulator.withRunning(TestData.configuration(alerts: 10)) { emulator in
            let ids = await emulator.store.alertIDs()
            for id in ids.prefix(3) {
                try await emulator.store.updateAlert(id: id) { $0["lastUpdateDateTime"] = "2026-06-01T00:00:00Z" }
            }
            try await TestHTTP.with { http in
                let token = try await http.token(emulator)
                let page = try await http.get(
                    emulator.alertsURL + "?$filter=lastUpdateDateTime%20eq%202026-06-01T00:00:00Z", token: token
                ).json()
                #expect(Set(page["value"]!.arrayValue!.map { $0["id"]!.stringValue! }) == Set(ids.prefix(3)))
            }
        }
    }

    @Test func addedRecordsAreServedAndJoinTheirIncident() async throws {
        try await GraphEmulator.withRunning(TestData.configuration(dataSet: .empty)) { emulator in
            try await emulator.store.addIncident([
                "@odata.type": "#microsoft.graph.security.incident", "id": "42", "status": "active",
            ])
            try await emulator.store.addAlert(["id": "a-1", "incidentId": "42", "title": "first", "severity": "low"])
            try await emulator.store.addAlert(["id": "a-2", "incidentId": "42", "title": "second", "severity": "high"])
            await #expect(throws: StoreError.duplicate(kind: "alert", id: "a-1")) {
                try await emulator.store.addAlert(["id": "a-1"])
            }
            await #expect(throws: StoreError.notFound(kind: "alert", id: "nope")) {
                try await emulator.store.updateAlert(id: "nope") { _ in }
            }
            try await TestHTTP.with { http in
                let token = try await http.token(emulator)
                let expanded = try await http.get(emulator.incidentsURL + "/42?$expand=alerts", token: token).json()
                #expect(expanded["alerts"]?.arrayValue?.map { $0["id"]?.stringValue } == ["a-1", "a-2"])
                let high = try await http.get(emulator.alertsURL + "?$filter=severity%20eq%20'high'", token: token)
                    .json()
                #expect(high["value"]?.arrayValue?.map { $0["id"]?.stringValue } == ["a-2"])
                #expect(high["value"]?[0]?["createdDateTime"]?.stringValue != nil)
            }
        }
    }
}
