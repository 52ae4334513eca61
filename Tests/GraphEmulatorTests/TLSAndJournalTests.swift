import AsyncHTTPClient
import Foundation
import GraphEmulator
import JSON
import Testing

@Suite struct TLSAndJournalTests {
    static func temporaryFolder() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("emulator-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder.path
    }

    @Test func servesHTTPSToAClientThatTrustsTheThrowawayCA() async throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let authority = try TestCertificateAuthority.issue(into: folder)
        let permissions =
            try FileManager.default.attributesOfItem(atPath: authority.serverKeyPath)[.posixPermissions] as? Int
        #expect(permissions == 0o600)
        var configuration = TestData.configuration(alerts: 5)
        configuration.tls = authority.serverFiles
        try await GraphEmulator.withRunning(configuration) { emulator in
            #expect(emulator.graphRoot.hasPrefix("https://127.0.0.1:"))
            try await TestHTTP.with(trusting: authority.caCertificatePath) { http in
                let token = try await http.token(emulator)
                let page = try await http.get(emulator.alertsURL, token: token).json()
                #expect(page["value"]?.arrayValue?.count == 5)
                // Links stay on the origin the client called.
                let byName = emulator.alertsURL.replacingOccurrences(of: "127.0.0.1", with: "localhost")
                let named = try await http.get(byName + "?$top=2", token: token).json()
                #expect(named["@odata.nextLink"]?.stringValue?.hasPrefix(byName + "?$top=2&$skiptoken=") == true)
                #expect(named["@odata.context"]?.stringValue?.hasPrefix("https://localhost:") == true)
            }
            _ = try await TestHTTP.with { http in
                await #expect(throws: (any Error).self) {
                    try await http.requestToken(emulator, secret: TestData.secret)
                }
            }
        }
    }

    @Test func recordsRequestsAndShowsWhereTheSecretTravelled() async throws {
        try await GraphEmulator.withRunning(TestData.configuration(alerts: 5)) { emulator in
            try await TestHTTP.with { http in
                let token = try await http.token(emulator)
                _ = try await http.get(
                    emulator.alertsURL + "?$top=2", token: token,
                    headers: [("client-request-id", "11111111-2222-4333-8444-555555555555")])
                let entries = await emulator.journal.entries
                #expect(entries.map(\.route) == [.token, .alerts])
                #expect(entries.map(\.sequence) == [1, 2])
                #expect(entries[0].method == "POST")
                #expect(entries[0].bodyText.contains("grant_type=client_credentials"))
                #expect(entries[1].url == emulator.alertsURL + "?$top=2")
                #expect(entries[1].clientRequestID == "11111111-2222-4333-8444-555555555555")
                #expect(entries[1].header("Authorization") == "Bearer \(token)")
                let revealing = await emulator.journal.entries(revealing: TestData.secret)
                #expect(revealing.map(\.route) == [.token])
            }
        }
    }

    @Test func canKeepSecretsOutOfTheJournal() async throws {
        var configuration = TestData.configuration(alerts: 1)
        configuration.journal = JournalOptions(capacity: 10, keepsSecrets: false)
        try await GraphEmulator.withRunning(configuration) { emulator in
            try await TestHTTP.with { http in
                _ = try await http.token(emulator)
                let entry = try #require(await emulator.journal.entries.first)
                #expect(entry.bodyText.contains("client_secret=<redacted>"))
                #expect(await emulator.journal.entries(revealing: TestData.secret).isEmpty)
            }
        }
    }
}

@Suite struct StartupTests {
    @Test func reportsAPortThatIsTaken() async throws {
        try await GraphEmulator.withRunning(TestData.configuration(alerts: 1)) { first in
            var configuration = TestData.configuration(alerts: 1)
            configuration.port = first.port
            await #expect(throws: (any Error).self) {
                try await GraphEmulator.withRunning(configuration) { _ in }
            }
        }
    }
}
