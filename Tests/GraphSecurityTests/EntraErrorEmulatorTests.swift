import Foundation
import GraphEmulator
import TemsyncTesting
import Testing
import Transport

@testable import GraphSecurity

/// Every token error the emulator's identity platform sends, explained as the operator reads it.
@Suite struct EntraErrorEmulatorTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var apps: [RegisteredApp] = [EmulatorHarness.app()]
        var tenantID = EmulatorHarness.tenantID
        var clientID = EmulatorHarness.clientID
        var secret = EmulatorHarness.secret
        var otherGraphRoot = false
        var code: String
        var expected: String
        var testDescription: String { name }
    }

    static let tenant = EmulatorHarness.tenantID
    static let client = EmulatorHarness.clientID

    static let cases: [Case] = [
        Case(
            name: "wrong secret", secret: "not-the-secret", code: "AADSTS7000215 (invalid_client)",
            expected: "the client secret is not valid; use the secret's Value (shown once, when the secret was created "
                + "under Certificates & secrets), not its Secret ID, and check that client_secret refers to a current "
                + "secret of app '\(client)'"),
        Case(
            name: "secret ID instead of its value", secret: EmulatorHarness.secretID,
            code: "AADSTS7000215 (invalid_client)",
            expected: "the client secret is not valid; use the secret's Value (shown once, when the secret was created "
                + "under Certificates & secrets), not its Secret ID, and check that client_secret refers to a current "
                + "secret of app '\(client)'"),
        Case(
            name: "expired secret", apps: [EmulatorHarness.app(secretExpires: Date(timeIntervalSince1970: 0))],
            code: "AADSTS7000222 (invalid_client)",
            expected: "the client secret of app '\(client)' has expired; create a new client secret under "
                + "Certificates & secrets and update the value client_secret refers to"),
        Case(
            name: "empty secret", secret: "", code: "AADSTS7000218 (invalid_client)",
            expected: "the token request lacked a required parameter; check that client_secret resolves to a "
                + "non-empty value"),
        Case(
            name: "unknown application", clientID: "00000000-1111-2222-3333-444444444444",
            code: "AADSTS700016 (unauthorized_client)",
            expected: "application '00000000-1111-2222-3333-444444444444' was not found in tenant '\(tenant)'; check "
                + "client_id (the Application (client) ID on the app's Overview page) and tenant_id (the Directory "
                + "(tenant) ID); the app must be registered in, or consented to by, this tenant"),
        Case(
            name: "disabled application", apps: [EmulatorHarness.app(enabled: false)],
            code: "AADSTS7000112 (unauthorized_client)",
            expected: "application '\(client)' is disabled in tenant '\(tenant)'; enable it (Enterprise applications → "
                + "the app → Properties → Enabled for users to sign-in)"),
        Case(
            name: "unknown tenant", tenantID: "fabrikam.onmicrosoft.com", code: "AADSTS90002 (invalid_request)",
            expected: "tenant 'fabrikam.onmicrosoft.com' was not found in cloud 'global'; check tenant_id and the "
                + "endpoints override"),
        Case(
            name: "invalid scope", otherGraphRoot: true, code: "AADSTS70011 (invalid_scope)",
            expected: "the scope 'http://127.0.0.2:PORT/.default' was refused; the scope must be the cloud's Graph "
                + "root + /.default; check cloud and the endpoints override"),
    ]

    @Test(arguments: cases)
    func explainsTheError(_ entry: Case) async throws {
        let configuration = EmulatorHarness.configuration(apps: entry.apps)
        try await GraphEmulator.withRunning(configuration) { emulator in
            let graph = entry.otherGraphRoot ? "http://127.0.0.2:\(emulator.port)" : emulator.graphRoot
            let connection = try GraphConnection(
                tenantID: entry.tenantID, clientID: entry.clientID, clientSecret: Secret(entry.secret),
                endpoints: GraphEndpoints(login: emulator.graphRoot, graph: graph))
            let logs = LogCapture()
            let time = VirtualTime()
            try await HTTPTransport.withTransport(TransportConfiguration()) { http in
                let client = GraphClient(
                    connection: connection, transport: http, retry: EmulatorHarness.retry, runtime: time.runtime,
                    logger: logs.logger())
                do {
                    _ = try await client.acquireToken()
                    Issue.record("the token request should have failed")
                } catch let error as EntraError {
                    let traceID = try #require(error.traceID)
                    let correlationID = try #require(error.correlationID)
                    let expected = entry.expected.replacingOccurrences(of: "PORT", with: "\(emulator.port)")
                    #expect(
                        error.description
                            == "token request failed: \(entry.code): \(expected) [trace ID \(traceID), correlation ID "
                            + "\(correlationID)]")
                    #expect(error.httpStatus == 400)
                    #expect(error.serverMessage?.hasPrefix(error.primaryCode ?? "-") == true)
                    // Only the first line of error_description: Entra ends it with "\r\n" (one Character in Swift).
                    #expect(error.serverMessage?.contains("Trace ID") == false)
                    #expect(error.errorURI?.hasSuffix("error?code=\(error.errorCodes.first ?? 0)") == true)
                    if !entry.secret.isEmpty {
                        #expect(!error.description.contains(entry.secret))
                        #expect(!(error.serverMessage ?? "").contains(entry.secret))
                    }
                    // The correlation id is the client-request-id temsync sent.
                    let sent = await emulator.journal.entries(for: .token).first?.clientRequestID
                    #expect(sent == correlationID)
                }
                #expect(time.sleeps.isEmpty)
                #expect(await emulator.journal.entries(for: .token).count == 1)
            }
        }
    }
}
