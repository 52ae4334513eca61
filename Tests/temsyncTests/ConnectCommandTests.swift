import Foundation
import GraphEmulator
import JSON
import TemsyncTesting
import Testing

/// `temsync connect` as a user runs it: the built binary, its standard output and error, its exit status.
@Suite struct ConnectCommandTests {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs the binary without blocking a thread of the test's executor (the emulator may be serving it meanwhile).
    static func run(_ arguments: [String], in directory: String) async throws -> Result {
        let out = directory + "/stdout.txt"
        let err = directory + "/stderr.txt"
        _ = FileManager.default.createFile(atPath: out, contents: nil)
        _ = FileManager.default.createFile(atPath: err, contents: nil)
        let process = Process()
        process.executableURL = try TemsyncProcess.binary
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: out))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: err))
        process.standardInput = FileHandle.nullDevice
        let status = try await withCheckedThrowingContinuation {
            (continuation: CheckedContinuation<Int32, any Error>) in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
        return Result(
            status: status, stdout: try String(contentsOfFile: out, encoding: .utf8),
            stderr: try String(contentsOfFile: err, encoding: .utf8))
    }

    /// Ports and latencies replaced.
    static func normalize(_ text: String, port: Int) -> String {
        let replaced = text.replacingOccurrences(of: ":\(port)", with: ":PORT")
        let expression = try! NSRegularExpression(pattern: #"(?m)^(  [✓✗] [a-z ]{7}) +\d+ ms"#)
        return expression.stringByReplacingMatches(
            in: replaced, range: NSRange(replaced.startIndex..., in: replaced), withTemplate: "$1     N ms")
    }

    static let job = """
        version: 1
        name: alerts-job
        connection: contoso-prod
        sources: { incidents: {} }
        outputs: [{ type: stdout }]
        """

    @Test func passesAgainstTheBuiltInEmulator() async throws {
        let folder = try TemporaryDirectory(prefix: "connect-cli")
        defer { folder.remove() }
        _ = try folder.write(
            """
            version: 1
            kind: connection
            name: contoso-prod
            tenant_id: 11111111-2222-3333-4444-555555555555
            client_id: 66666666-7777-8888-9999-000000000000
            client_secret: { env: TEMSYNC_TEST_UNSET_SECRET }
            ---
            \(Self.job)
            """, to: "jobs.yaml")
        let result = try await Self.run(["connect", "--emulator", "jobs.yaml"], in: folder.path)
        #expect(result.status == 0)
        let port = try #require(
            result.stderr.firstMatch(of: /127\.0\.0\.1:(\d+)/).flatMap { Int($0.output.1) })
        #expect(
            result.stderr == """
                emulator: http://127.0.0.1:\(port) standing in for Microsoft Graph and the identity platform, tenant \
                \(DemoTenant.tenantID), app \(DemoTenant.clientID)

                """)
        #expect(
            Self.normalize(result.stdout, port: port) == """
                connection 'contoso-prod': used by job alerts-job
                  tenant \(DemoTenant.tenantID), client \(DemoTenant.clientID), cloud global
                  login http://127.0.0.1:PORT, graph http://127.0.0.1:PORT
                  needs SecurityAlert.Read.All, SecurityIncident.Read.All
                  ✓ secrets     N ms  client secret (the built-in emulator's demo secret) resolves
                  ✓ token       N ms  token issued for app '\(DemoTenant.clientID)' in tenant '\(DemoTenant.tenantID)' (valid for 59 min)
                  ✓ claims      N ms  the token grants SecurityAlert.Read.All and SecurityIncident.Read.All; tenant, app and audience match
                  ✓ access      N ms  GET /security/alerts_v2?$top=1 → 200 (1 alert); GET /security/incidents?$top=1 → 200 (1 incident)

                1 connection checked: every check passed

                """)
        #expect(!result.stdout.contains("eyJ") && !result.stderr.contains("eyJ"))

        let json = try await Self.run(["connect", "--emulator", "--format", "json", "jobs.yaml"], in: folder.path)
        #expect(json.status == 0)
        let document = try JSON(parsing: Array(json.stdout.utf8))
        #expect(document["status"] == "passed")
        #expect(
            document["connections"]?[0]?["checks"]?.arrayValue?.compactMap { $0["status"]?.stringValue } == [
                "passed", "passed", "passed", "passed",
            ])
    }

    @Test func failsNamingTheMissingPermission() async throws {
        let folder = try TemporaryDirectory(prefix: "connect-cli")
        defer { folder.remove() }
        let secret = "Cli~connect.Secret-Value_4242"
        let secretFile = try folder.write(secret + "\n", to: "client-secret")
        let app = RegisteredApp(
            tenantID: DemoTenant.tenantID, clientID: DemoTenant.clientID, displayName: "temsync cli",
            secrets: [ClientSecret(value: secret)], roles: [GraphRole.securityAlertReadAll])
        let configuration = EmulatorConfiguration(
            apps: [app], dataSet: .generated(GeneratorOptions(seed: 2, alertCount: 4)))
        try await GraphEmulator.withRunning(configuration) { emulator in
            _ = try folder.write(
                """
                version: 1
                kind: connection
                name: contoso-prod
                tenant_id: \(DemoTenant.tenantID)
                client_id: \(DemoTenant.clientID)
                client_secret: { file: \(secretFile) }
                endpoints: { login: \(emulator.loginRoot), graph: \(emulator.graphRoot) }
                ---
                \(Self.job)
                """, to: "jobs.yaml")
            let result = try await Self.run(["connect", "jobs.yaml"], in: folder.path)
            #expect(result.status == 1)
            #expect(result.stderr == "")
            let steps =
                "in the Microsoft Entra admin center: App registrations → 'temsync cli' (\(DemoTenant.clientID)) → "
                + "API permissions → Add a permission → Microsoft Graph → Application permissions → "
                + "SecurityIncident.Read.All → Add permissions → Grant admin consent for your organisation (tenant "
                + "'\(DemoTenant.tenantID)')"
            let lines = Self.normalize(result.stdout, port: emulator.port).split(separator: "\n").map(String.init)
            #expect(
                Array(lines.prefix(8)) == [
                    "connection 'contoso-prod': used by job alerts-job",
                    "  tenant \(DemoTenant.tenantID), client \(DemoTenant.clientID), cloud global",
                    "  login http://127.0.0.1:PORT, graph http://127.0.0.1:PORT",
                    "  needs SecurityAlert.Read.All, SecurityIncident.Read.All",
                    "  ✓ secrets     N ms  client secret (file \(secretFile)) resolves",
                    "  ✓ token       N ms  token issued for app '\(DemoTenant.clientID)' in tenant "
                        + "'\(DemoTenant.tenantID)' (valid for 59 min)",
                    "  ✗ claims      N ms  the token lacks the application permission SecurityIncident.Read.All (it "
                        + "carries SecurityAlert.Read.All)",
                    "      fix: \(steps)",
                ])
            #expect(
                lines.contains(
                    "      note: a consent just granted can take a few minutes to reach new tokens; run temsync connect again then"
                ))
            #expect(
                lines.contains(
                    "  ✗ access      N ms  GET /security/alerts_v2?$top=1 → 200 (1 alert); GET /security/incidents?$top=1 → "
                        + "403 Forbidden: Missing application roles. API required roles: SecurityIncident.Read.All, "
                        + "SecurityIncident.ReadWrite.All. Application roles: SecurityAlert.Read.All."))
            #expect(lines.last == "1 connection checked: 1 failed (connection 'contoso-prod': claims, access)")
            let tokens = await emulator.journal.entries.compactMap { $0.header("Authorization") }
            #expect(tokens.count == 2)
            for leaked in [secret] + tokens.map({ String($0.dropFirst("Bearer ".count)) }) {
                #expect(!result.stdout.contains(leaked) && !result.stderr.contains(leaked))
            }
        }
    }

    @Test func anUnknownConnectionIsAnErrorWithASuggestion() async throws {
        let folder = try TemporaryDirectory(prefix: "connect-cli")
        defer { folder.remove() }
        _ = try folder.write(
            """
            version: 1
            kind: connection
            name: contoso-prod
            tenant_id: 11111111-2222-3333-4444-555555555555
            client_id: 66666666-7777-8888-9999-000000000000
            client_secret: { env: CONTOSO_CLIENT_SECRET }
            ---
            \(Self.job)
            """, to: "jobs.yaml")
        let result = try await Self.run(["connect", "--connection", "contoso-prd", "jobs.yaml"], in: folder.path)
        #expect(result.status == 2)
        #expect(result.stdout == "")
        #expect(
            result.stderr
                == "error: no connection named 'contoso-prd' in the files loaded; did you mean 'contoso-prod'?\n")
    }
}
