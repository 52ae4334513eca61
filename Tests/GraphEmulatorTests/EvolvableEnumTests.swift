import GraphEmulator
import JSON
import Testing

/// Members after `unknownFutureValue` reach only clients that send `Prefer: include-unknown-enum-members`.
@Suite struct EvolvableEnumTests {
    static let sentinelAlert: JSON = [
        "@odata.type": "#microsoft.graph.security.alert", "id": "sn-1", "incidentId": "77",
        "serviceSource": "microsoftSentinel", "detectionSource": "scheduledAlerts", "status": "new",
        "severity": "high",
        "evidence": [
            [
                "@odata.type": "#microsoft.graph.security.ipEvidence", "remediationStatus": "active",
                "ipAddress": "203.0.113.9",
            ]
        ],
    ]

    @Test func hidesNewerMembersUnlessAskedFor() async throws {
        try await GraphEmulator.withRunning(TestData.configuration(dataSet: .empty)) { emulator in
            try await emulator.store.addAlert(Self.sentinelAlert)
            try await emulator.store.addIncident(["id": "77", "status": "awaitingAction", "severity": "high"])
            try await TestHTTP.with { http in
                let token = try await http.token(emulator)
                let plain = try await http.get(emulator.alertsURL, token: token).json()["value"]![0]!
                #expect(plain["serviceSource"] == "unknownFutureValue")
                #expect(plain["detectionSource"] == "unknownFutureValue")
                #expect(plain["evidence"]?[0]?["remediationStatus"] == "unknownFutureValue")
                let opted = try await http.get(
                    emulator.alertsURL, token: token, headers: [("Prefer", "include-unknown-enum-members")]
                ).json()["value"]![0]!
                #expect(opted["serviceSource"] == "microsoftSentinel")
                #expect(opted["detectionSource"] == "scheduledAlerts")
                #expect(opted["evidence"]?[0]?["remediationStatus"] == "active")
                let incident = try await http.get(emulator.incidentsURL + "/77", token: token).json()
                #expect(incident["status"] == "unknownFutureValue")
                let optedIncident = try await http.get(
                    emulator.incidentsURL + "/77", token: token,
                    headers: [("Prefer", "return=minimal, include-unknown-enum-members")]
                ).json()
                #expect(optedIncident["status"] == "awaitingAction")
            }
        }
    }

    @Test func generatedAlertsUseNewerMembersToo() async throws {
        try await GraphEmulator.withRunning(TestData.configuration(alerts: 1000)) { emulator in
            try await TestHTTP.with { http in
                let token = try await http.token(emulator)
                let plain = try await http.get(emulator.alertsURL + "?$top=1000", token: token).json()["value"]!
                    .arrayValue!
                let opted = try await http.get(
                    emulator.alertsURL + "?$top=1000", token: token,
                    headers: [("Prefer", "include-unknown-enum-members")]
                ).json()["value"]!.arrayValue!
                let newer = Set(opted.compactMap { $0["serviceSource"]?.stringValue })
                #expect(newer.contains("microsoftSentinel"))
                #expect(newer.contains("microsoftDefenderForCloud"))
                let hidden: Set<String> = Set(plain.compactMap { $0["serviceSource"]?.stringValue })
                #expect(!hidden.contains("microsoftSentinel"))
                #expect(hidden.contains("unknownFutureValue"))
            }
        }
    }
}
