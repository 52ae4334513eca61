import Foundation
import GraphEmulator
import JSON
import Testing

@Suite struct TokenEndpointTests {
    @Test func issuesAJWTCarryingTheGrantedRoles() async throws {
        try await GraphEmulator.withRunning(TestData.configuration(alerts: 1)) { emulator in
            try await TestHTTP.with { http in
                let exchange = try await http.requestToken(emulator, secret: TestData.secret)
                #expect(exchange.status == 200)
                let body = try exchange.json()
                #expect(body.objectValue?.keys == ["token_type", "expires_in", "ext_expires_in", "access_token"])
                #expect(body["token_type"] == "Bearer")
                #expect(body["expires_in"] == 3599)
                let token = try #require(body["access_token"]?.stringValue)
                let parts = token.split(separator: ".")
                #expect(parts.count == 3)
                let claims = try JSON(parsing: try #require(Self.base64URL(parts[1])))
                #expect(claims["roles"] == ["SecurityAlert.Read.All", "SecurityIncident.Read.All"])
                #expect(claims["tid"] == .string(DemoTenant.tenantID))
                #expect(claims["appid"] == .string(DemoTenant.clientID))
                #expect(claims["aud"] == .string(emulator.graphRoot))
                #expect(claims["iss"] == .string("https://sts.windows.net/\(DemoTenant.tenantID)/"))
                let issuedAt = try #require(claims["iat"]?.intValue)
                #expect(claims["exp"]?.intValue == issuedAt + 3599)
                let header = try JSON(parsing: try #require(Self.base64URL(parts[0])))
                #expect(header["typ"] == "JWT")
                #expect(header["alg"] == "HS256")
            }
        }
    }

    @Test func acceptsHTTPBasicClientAuthenticationAndTheTenantDomain() async throws {
        try await GraphEmulator.withRunning(TestData.configuration(alerts: 1)) { emulator in
            try await TestHTTP.with { http in
                let credentials = Data(
                    "\(DemoTenant.clientID):\(TestHTTP.formEncode(TestData.secret))".utf8
                ).base64EncodedString()
                let exchange = try await http.send(
                    .POST, emulator.tokenURL(tenant: DemoTenant.domain),
                    headers: [
                        ("Content-Type", "application/x-www-form-urlencoded"),
                        ("Authorization", "Basic \(credentials)"),
                    ],
                    body: "grant_type=client_credentials&scope=\(TestHTTP.formEncode(emulator.scope))")
                #expect(exchange.status == 200)
                #expect(try exchange.json()["access_token"]?.stringValue != nil)
            }
        }
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var tenant = DemoTenant.tenantID
        var clientID = DemoTenant.clientID
        var secret: String? = TestData.secret
        var scope: String?
        var grantType = "client_credentials"
        var code: Int
        var error: String
        var message: String

        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "secret ID instead of value", secret: DemoTenant.secretID, code: 7_000_215, error: "invalid_client",
            message: "Invalid client secret provided. Ensure the secret being sent in the request is the client secret "
                + "value, not the client secret ID, for a secret added to app '\(DemoTenant.clientID)'."),
        Case(
            name: "expired secret", clientID: "0b7f3a2c-1111-4e5f-8a9b-0c1d2e3f4a5b", secret: "old-secret",
            code: 7_000_222, error: "invalid_client",
            message: "The provided client secret keys for app '0b7f3a2c-1111-4e5f-8a9b-0c1d2e3f4a5b' are expired. "
                + "Visit the Azure portal to create new keys for your app: https://aka.ms/NewClientSecret, or consider "
                + "using certificate credentials for added security: https://aka.ms/certCreds."),
        Case(
            name: "unknown app", clientID: "11111111-2222-3333-4444-555555555555", code: 700_016,
            error: "unauthorized_client",
            message: "Application with identifier '11111111-2222-3333-4444-555555555555' was not found in the "
                + "directory '\(DemoTenant.tenantID)'. This can happen if the application has not been installed by "
                + "the administrator of the tenant or consented to by any user in the tenant. You may have sent your "
                + "authentication request to the wrong tenant."),
        Case(
            name: "unknown tenant", tenant: "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee", code: 90002,
            error: "invalid_request",
            message: "Tenant 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee' not found. Check to make sure you have the "
                + "correct tenant ID and are signing into the correct cloud. Check with your subscription "
                + "administrator, this may happen if there are no active subscriptions for the tenant."),
        Case(
            name: "invalid scope", scope: "https://foo.microsoft.com/.default", code: 70011, error: "invalid_scope",
            message: "The provided value for the input parameter 'scope' is not valid. The scope "
                + "https://foo.microsoft.com/.default is not valid."),
        Case(
            name: "wrong grant type", grantType: "password", code: 70003, error: "unsupported_grant_type",
            message: "The app requested an unsupported grant type 'password'."),
        Case(
            name: "missing secret", secret: nil, code: 7_000_218, error: "invalid_client",
            message: "The request body must contain the following parameter: 'client_assertion' or 'client_secret'."),
        Case(
            name: "missing grant type", grantType: "", code: 900_144, error: "invalid_request",
            message: "The request body must contain the following parameter: 'grant_type'."),
        Case(
            name: "malformed tenant", tenant: "not_a_tenant", code: 900_023, error: "invalid_request",
            message:
                "Specified tenant identifier 'not_a_tenant' is neither a valid DNS name, nor a valid external domain."),
    ]

    @Test(arguments: cases) func refusesWithEntrasErrorBody(_ testCase: Case) async throws {
        let expiredApp = RegisteredApp(
            tenantID: DemoTenant.tenantID, clientID: "0b7f3a2c-1111-4e5f-8a9b-0c1d2e3f4a5b",
            secrets: [ClientSecret(value: "old-secret", expires: Date(timeIntervalSince1970: 1_600_000_000))])
        let configuration = TestData.configuration(
            alerts: 1, apps: [DemoTenant.app(secret: TestData.secret), expiredApp])
        try await GraphEmulator.withRunning(configuration) { emulator in
            try await TestHTTP.with { http in
                let exchange = try await http.requestToken(
                    emulator, tenant: testCase.tenant, clientID: testCase.clientID, secret: testCase.secret,
                    scope: testCase.scope, grantType: testCase.grantType,
                    extraHeaders: [("client-request-id", "5f0c5c4e-0000-4000-8000-000000000001")])
                #expect(exchange.status == 400)
                let body = try exchange.json()
                #expect(
                    body.objectValue?.keys == [
                        "error", "error_description", "error_codes", "timestamp", "trace_id", "correlation_id",
                        "error_uri",
                    ])
                #expect(body["error"] == .string(testCase.error))
                #expect(body["error_codes"] == [.int(testCase.code)])
                #expect(body["correlation_id"] == "5f0c5c4e-0000-4000-8000-000000000001")
                let trace = try #require(body["trace_id"]?.stringValue)
                let timestamp = try #require(body["timestamp"]?.stringValue)
                #expect(timestamp.count == 20 && timestamp.hasSuffix("Z") && timestamp.contains(" "))
                #expect(
                    body["error_description"]
                        == .string(
                            "AADSTS\(testCase.code): \(testCase.message)\r\nTrace ID: \(trace)\r\nCorrelation ID: "
                                + "5f0c5c4e-0000-4000-8000-000000000001\r\nTimestamp: \(timestamp)"))
                #expect(body["error_uri"] == .string("\(emulator.loginRoot)/error?code=\(testCase.code)"))
                #expect(exchange.header("x-ms-request-id") == trace)
            }
        }
    }

    @Test func refusesGET() async throws {
        try await GraphEmulator.withRunning(TestData.configuration(alerts: 1)) { emulator in
            try await TestHTTP.with { http in
                let exchange = try await http.send(.GET, emulator.tokenURL(tenant: DemoTenant.tenantID))
                #expect(exchange.status == 400)
                #expect(try exchange.json()["error_codes"] == [900_561])
            }
        }
    }

    static func base64URL(_ text: Substring) -> [UInt8]? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        return Data(base64Encoded: base64).map { Array($0) }
    }
}
