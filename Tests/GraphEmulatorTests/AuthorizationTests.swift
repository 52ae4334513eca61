import Foundation
import GraphEmulator
import JSON
import Testing

/// 401 for missing, malformed and expired tokens; 403 when the app lacks the permission — with Graph's bodies.
@Suite struct AuthorizationTests {
    static func expectUnauthorized(_ exchange: Exchange, _ message: String) throws {
        #expect(exchange.status == 401)
        let error = try exchange.json()["error"]
        #expect(error?["code"] == "InvalidAuthenticationToken")
        #expect(error?["message"] == .string(message))
        #expect(exchange.header("WWW-Authenticate")?.hasPrefix("Bearer realm=\"\"") == true)
        #expect(error?["innerError"]?["request-id"] == .string(exchange.header("request-id") ?? "-"))
    }

    @Test func refusesMissingAndMalformedTokens() async throws {
        try await GraphEmulator.withRunning(TestData.configuration(alerts: 3)) { emulator in
            try await TestHTTP.with { http in
                try Self.expectUnauthorized(try await http.send(.GET, emulator.alertsURL), "Access token is empty.")
                try Self.expectUnauthorized(
                    try await http.get(emulator.alertsURL, token: "not-a-jwt"),
                    "CompactToken parsing failed with error code: 80049217")
                let token = try await http.token(emulator)
                let tampered = String(token.dropLast(3)) + "abc"
                try Self.expectUnauthorized(
                    try await http.get(emulator.alertsURL, token: tampered), "Access token validation failure.")
            }
        }
    }

    @Test func refusesAnExpiredToken() async throws {
        let clock = ManualClock(Date(timeIntervalSince1970: 1_780_000_000))
        try await GraphEmulator.withRunning(TestData.configuration(alerts: 3, clock: .manual(clock), tokenLifetime: 60))
        {
            emulator in
            try await TestHTTP.with { http in
                let token = try await http.token(emulator)
                let status1 = try await http.get(emulator.alertsURL, token: token).status
                #expect(status1 == 200)
                clock.advance(by: 61)
                try Self.expectUnauthorized(
                    try await http.get(emulator.alertsURL, token: token),
                    "Lifetime validation failed, the token is expired.")
            }
        }
    }

    @Test func forbidsWhatTheAppWasNotGranted() async throws {
        let alertsOnly = RegisteredApp(
            tenantID: DemoTenant.tenantID, clientID: "5a5a5a5a-1111-4222-8333-944444444444",
            secrets: [ClientSecret(value: "alerts-only-secret")], roles: [GraphRole.securityAlertReadAll])
        try await GraphEmulator.withRunning(TestData.configuration(alerts: 3, apps: [alertsOnly])) { emulator in
            try await TestHTTP.with { http in
                let exchange = try await http.requestToken(
                    emulator, clientID: alertsOnly.clientID, secret: "alerts-only-secret")
                let token = try #require(try exchange.json()["access_token"]?.stringValue)
                let status2 = try await http.get(emulator.alertsURL, token: token).status
                #expect(status2 == 200)
                for url in [
                    emulator.incidentsURL, emulator.incidentsURL + "/3000000",
                    emulator.incidentsURL + "/3000000/alerts",
                ] {
                    let forbidden = try await http.get(url, token: token)
                    #expect(forbidden.status == 403)
                    let error = try forbidden.json()["error"]
                    #expect(error?["code"] == "Forbidden")
                    let expected =
                        "Missing application roles. API required roles: SecurityIncident.Read.All, "
                        + "SecurityIncident.ReadWrite.All. Application roles: SecurityAlert.Read.All."
                    #expect(error?["message"] == .string(expected))
                }
            }
        }
    }

    @Test func anAppWithoutPermissionsGetsATokenWithoutRolesAndA403() async throws {
        let bare = RegisteredApp(
            tenantID: DemoTenant.tenantID, clientID: "6b6b6b6b-1111-4222-8333-944444444444",
            secrets: [ClientSecret(value: "no-roles-secret")], roles: [])
        try await GraphEmulator.withRunning(TestData.configuration(alerts: 3, apps: [bare])) { emulator in
            try await TestHTTP.with { http in
                let exchange = try await http.requestToken(emulator, clientID: bare.clientID, secret: "no-roles-secret")
                let token = try #require(try exchange.json()["access_token"]?.stringValue)
                let payload = String(token.split(separator: ".")[1])
                var base64 = payload.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
                while base64.count % 4 != 0 { base64 += "=" }
                let claims = try JSON(parsing: Array(try #require(Data(base64Encoded: base64))))
                // As Entra does: no `roles` claim at all, rather than an empty one.
                #expect(claims["roles"] == nil)
                #expect(claims["appid"] == .string(bare.clientID))
                let forbidden = try await http.get(emulator.alertsURL, token: token)
                #expect(forbidden.status == 403)
                #expect(try forbidden.json()["error"]?["code"] == "Forbidden")
            }
        }
    }

    @Test func answersUnknownRecordsAndSegments() async throws {
        try await GraphEmulator.withRunning(TestData.configuration(alerts: 3)) { emulator in
            try await TestHTTP.with { http in
                let token = try await http.token(emulator)
                let missing = try await http.get(emulator.alertsURL + "/da000_1", token: token)
                #expect(missing.status == 404)
                #expect(try missing.json()["error"]?["code"] == "NotFound")
                let segment = try await http.get(emulator.graphRoot + "/v1.0/security/alertz", token: token)
                #expect(segment.status == 400)
                #expect(try segment.json()["error"]?["message"] == "Resource not found for the segment 'alertz'.")
                let echoed = try await http.get(
                    emulator.alertsURL + "?$top=1", token: token,
                    headers: [("client-request-id", "c0ffee00-0000-4000-8000-000000000000")])
                #expect(echoed.header("client-request-id") == "c0ffee00-0000-4000-8000-000000000000")
                #expect(echoed.header("x-ms-ags-diagnostic") != nil)
            }
        }
    }
}
