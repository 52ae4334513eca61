import GraphEmulator
import JSON
import Testing

@Suite struct AlertListingTests {
    @Test func listsAlertsWithContextAndNextLink() async throws {
        try await GraphEmulator.withRunning(TestData.configuration(alerts: 25)) { emulator in
            try await TestHTTP.with { http in
                let token = try await http.token(emulator)
                let exchange = try await http.get(emulator.alertsURL + "?$top=10", token: token)
                #expect(exchange.status == 200)
                let body = try exchange.json()
                #expect(body.objectValue?.keys == ["@odata.context", "@odata.nextLink", "value"])
                #expect(body["@odata.context"] == .string(emulator.graphRoot + "/v1.0/$metadata#security/alerts_v2"))
                #expect(body["value"]?.arrayValue?.count == 10)
                #expect(body["value"]?[0]?["@odata.type"] == "#microsoft.graph.security.alert")
                #expect(exchange.header("request-id") != nil)
                #expect(exchange.header("Content-Type")?.hasPrefix("application/json") == true)
            }
        }
    }
}
