import Foundation
import GraphEmulator
import JSON
import JobSpec
import Runner
import TemsyncTesting
import Testing

/// `connect --format json`: the document automation reads, exactly; and `--emulator`.
@Suite struct ConnectJSONTests {
    typealias H = ConnectHarness

    /// Latencies set to 0 (when measured) and strings normalised like the text.
    static func normalize(_ json: JSON, _ outcome: H.Outcome) -> JSON {
        switch json {
        case .object(let object):
            var result = JSONObject()
            for (key, value) in object {
                result[key] = key == "latency_ms" && !value.isNull ? .int(0) : normalize(value, outcome)
            }
            return .object(result)
        case .array(let values): return .array(values.map { normalize($0, outcome) })
        case .string(let text): return .string(H.normalize(text, port: outcome.port, folder: outcome.folder))
        default: return json
        }
    }

    @Test func theDocumentHasAStableShape() async throws {
        let documents = [
            // A named connection no job uses: both permissions are checked.
            H.namedConnection("contoso-prod"),
            H.job("missing-secret", connection: H.inlineConnection(secret: "{ env: UNSET_SECRET }")),
        ].joined(separator: "\n---\n")
        let outcome = try await H.connect(documents, environment: ["M365_CLIENT_SECRET": H.secret])
        let expected = """
            {
              "connections": [
                {
                  "ca_file": null,
                  "checks": [
                    {
                      "details": [],
                      "fix": null,
                      "latency_ms": 0,
                      "message": "client secret (env M365_CLIENT_SECRET) resolves",
                      "name": "secrets",
                      "status": "passed"
                    },
                    {
                      "details": [],
                      "fix": null,
                      "latency_ms": 0,
                      "message": "token issued for app '\(H.clientID)' in tenant '\(H.tenantID)' (valid for 59 min)",
                      "name": "token",
                      "status": "passed"
                    },
                    {
                      "details": [
                        "claims: tid \(H.tenantID), appid \(H.clientID), aud http://127.0.0.1:PORT, exp 2026-01-31T00:59:59Z, roles SecurityAlert.Read.All, SecurityIncident.Read.All"
                      ],
                      "fix": null,
                      "latency_ms": 0,
                      "message": "the token grants SecurityAlert.Read.All and SecurityIncident.Read.All; tenant, app and audience match",
                      "name": "claims",
                      "status": "passed"
                    },
                    {
                      "details": [
                        "GET /security/alerts_v2?$top=1: 200 in N ms, request-id ID",
                        "GET /security/incidents?$top=1: 200 in N ms, request-id ID"
                      ],
                      "fix": null,
                      "latency_ms": 0,
                      "message": "GET /security/alerts_v2?$top=1 → 200 (1 alert); GET /security/incidents?$top=1 → 200 (1 incident)",
                      "name": "access",
                      "status": "passed"
                    }
                  ],
                  "client_id": "\(H.clientID)",
                  "client_secret": "env M365_CLIENT_SECRET",
                  "cloud": "global",
                  "endpoints": {
                    "graph": "http://127.0.0.1:PORT",
                    "login": "http://127.0.0.1:PORT",
                    "token_url": "http://127.0.0.1:PORT/\(H.tenantID)/oauth2/v2.0/token"
                  },
                  "granted_roles": [
                    "SecurityAlert.Read.All",
                    "SecurityIncident.Read.All"
                  ],
                  "jobs": [],
                  "kind": "named",
                  "location": "FOLDER/jobs.yaml:1:1",
                  "name": "contoso-prod",
                  "needed_permissions": [
                    "SecurityAlert.Read.All",
                    "SecurityIncident.Read.All"
                  ],
                  "proxy": null,
                  "status": "passed",
                  "tenant_id": "\(H.tenantID)"
                },
                {
                  "ca_file": null,
                  "checks": [
                    {
                      "details": [
                        "the client secret is referenced at FOLDER/jobs.yaml:13:128"
                      ],
                      "fix": "set the environment variable 'UNSET_SECRET' to the client secret's Value (not its Secret ID) where temsync runs",
                      "latency_ms": 0,
                      "message": "client secret (env UNSET_SECRET): environment variable 'UNSET_SECRET' is not set",
                      "name": "secrets",
                      "status": "failed"
                    },
                    {
                      "details": [],
                      "fix": null,
                      "latency_ms": null,
                      "message": "skipped: a secret does not resolve",
                      "name": "token",
                      "status": "skipped"
                    },
                    {
                      "details": [],
                      "fix": null,
                      "latency_ms": null,
                      "message": "skipped: no token",
                      "name": "claims",
                      "status": "skipped"
                    },
                    {
                      "details": [],
                      "fix": null,
                      "latency_ms": null,
                      "message": "skipped: no token",
                      "name": "access",
                      "status": "skipped"
                    }
                  ],
                  "client_id": "\(H.clientID)",
                  "client_secret": "env UNSET_SECRET",
                  "cloud": "global",
                  "endpoints": {
                    "graph": "http://127.0.0.1:PORT",
                    "login": "http://127.0.0.1:PORT",
                    "token_url": "http://127.0.0.1:PORT/\(H.tenantID)/oauth2/v2.0/token"
                  },
                  "granted_roles": null,
                  "jobs": [
                    "missing-secret"
                  ],
                  "kind": "inline",
                  "location": "FOLDER/jobs.yaml:13:13",
                  "name": null,
                  "needed_permissions": [
                    "SecurityAlert.Read.All"
                  ],
                  "proxy": null,
                  "status": "failed",
                  "tenant_id": "\(H.tenantID)"
                }
              ],
              "status": "failed"
            }
            """
        let written = Self.normalize(outcome.json, outcome).encodedString(
            options: .init(sortedKeys: true, prettyPrinted: true))
        #expect(written == expected)
        outcome.expectNoSecrets()
    }

    @Test func theEmulatorStandsInForEveryConnection() async throws {
        // The secret is not set and the proxy does not exist: --emulator sets both aside.
        let documents = """
            version: 1
            kind: connection
            name: contoso-prod
            tenant_id: 11111111-2222-3333-4444-555555555555
            client_id: 66666666-7777-8888-9999-000000000000
            client_secret: { env: CONTOSO_CLIENT_SECRET }
            proxy: { url: http://proxy.contoso.internal:3128 }
            ---
            \(H.job("alerts-job"))
            """
        let compilation = JobCompiler.compile(JobLoader().load(texts: [("jobs.yaml", documents)]))
        let (targets, _) = ConnectSelection.targets(compilation)
        let logs = LogCapture()
        let (report, notes) = try await EmulatorSession.connect(targets) { pointed, notes in
            (
                await ConnectReport.check(pointed, options: ConnectOptions(environment: [:], logger: logs.logger())),
                notes
            )
        }
        #expect(report.passed)
        #expect(notes.lines.count == 2)
        #expect(notes.lines.last == "connection 'contoso-prod': proxy and tls settings set aside for the emulator")
        let connection = try #require(report.connections.first)
        #expect(connection.target.connection.tenantID == DemoTenant.tenantID)
        #expect(connection.grantedRoles == [GraphRole.securityAlertReadAll, GraphRole.securityIncidentReadAll])
        #expect(
            connection.checks.first?.message == "client secret (the built-in emulator's demo secret) resolves")
        #expect(!report.text.contains("eyJ") && !logs.text.contains("eyJ"))
    }
}
