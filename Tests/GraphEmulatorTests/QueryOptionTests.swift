import GraphEmulator
import JSON
import Testing

/// Query options Graph's OData layer refuses, and `$expand=alerts`.
@Suite struct QueryOptionTests {
    struct Refusal: Sendable, CustomTestStringConvertible {
        var query: String
        var message: String
        var testDescription: String { query }
    }

    static let refusals: [Refusal] = [
        Refusal(
            query: "$top=abc",
            message: "Invalid value 'abc' for $top query option found. The $top query option requires a non-negative "
                + "integer value."),
        Refusal(
            query: "$skip=-1",
            message: "Invalid value '-1' for $skip query option found. The $skip query option requires a non-negative "
                + "integer value."),
        Refusal(
            query: "$top=5&$top=6",
            message: "Query option '$top' was specified more than once, but it must be specified at most once."),
        Refusal(query: "$count=yes", message: "'yes' is not a valid count option."),
        Refusal(query: "$select=id", message: "Query option '$select' is not supported by the emulator."),
        Refusal(query: "$levels=2", message: "The query parameter '$levels' is not supported."),
        Refusal(
            query: "$expand=evidence",
            message: "Property 'evidence' on type 'microsoft.graph.security.alert' is not a navigation property or "
                + "complex property. Only navigation properties can be expanded."),
        Refusal(
            query: "$orderby=lastUpdateDateTime%20asc,createdDateTime%20asc",
            message: "Invalid $orderby: the emulator orders by one date property "
                + "('lastUpdateDateTime asc,createdDateTime asc')."),
    ]

    @Test(arguments: refusals) func refusesOnAlerts(_ refusal: Refusal) async throws {
        try await GraphEmulator.withRunning(TestData.configuration(alerts: 3)) { emulator in
            try await TestHTTP.with { http in
                let token = try await http.token(emulator)
                let exchange = try await http.get(emulator.alertsURL + "?" + refusal.query, token: token)
                #expect(exchange.status == 400)
                #expect(try exchange.json()["error"]?["message"] == .string(refusal.message))
            }
        }
    }

    @Test func expandsIncidentsWithTheirAlerts() async throws {
        try await GraphEmulator.withRunning(TestData.configuration(alerts: 120)) { emulator in
            try await TestHTTP.with { http in
                let token = try await http.token(emulator)
                let page = try await http.get(emulator.incidentsURL + "?$expand=alerts&$top=20", token: token).json()
                let incidents = try #require(page["value"]?.arrayValue)
                #expect(incidents.count == 20)
                for incident in incidents {
                    let alerts = try #require(incident["alerts"]?.arrayValue)
                    #expect(!alerts.isEmpty)
                    #expect(alerts.allSatisfy { $0["incidentId"] == incident["id"] })
                    let id = try #require(incident["id"]?.stringValue)
                    let ofIncident = try await http.get(emulator.incidentsURL + "/\(id)/alerts", token: token).json()
                    #expect(ofIncident["value"]?.arrayValue?.map { $0["id"] } == alerts.map { $0["id"] })
                }
                let plain = try await http.get(emulator.incidentsURL + "?$top=1", token: token).json()
                #expect(plain["value"]?[0]?["alerts"] == nil)
            }
        }
    }

    @Test func expandingAlertsNeedsTheAlertPermission() async throws {
        let incidentsOnly = RegisteredApp(
            tenantID: DemoTenant.tenantID, clientID: "6b6b6b6b-1111-4222-8333-944444444444",
            secrets: [ClientSecret(value: "incidents-only")], roles: [GraphRole.securityIncidentReadAll])
        try await GraphEmulator.withRunning(TestData.configuration(alerts: 5, apps: [incidentsOnly])) { emulator in
            try await TestHTTP.with { http in
                let exchange = try await http.requestToken(
                    emulator, clientID: incidentsOnly.clientID, secret: "incidents-only")
                let token = try #require(try exchange.json()["access_token"]?.stringValue)
                let plain = try await http.get(emulator.incidentsURL, token: token)
                #expect(plain.status == 200)
                let expanded = try await http.get(emulator.incidentsURL + "?$expand=alerts", token: token)
                #expect(expanded.status == 403)
                #expect(
                    try expanded.json()["error"]?["message"]
                        == "Missing application roles. API required roles: SecurityAlert.Read.All, SecurityAlert.ReadWrite.All. Application roles: SecurityIncident.Read.All."
                )
                let alerts = try await http.get(emulator.alertsURL, token: token)
                #expect(alerts.status == 403)
            }
        }
    }
}
