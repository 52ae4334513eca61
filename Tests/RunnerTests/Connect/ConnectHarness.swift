import Foundation
import GraphEmulator
import JSON
import JobSpec
import Runner
import TemsyncTesting
import Testing

/// Runs `temsync connect`'s library path against the emulator on a free loopback port: job files written to a
/// temporary folder (with the emulator's hosts as `endpoints`), loaded, compiled, selected and checked.
enum ConnectHarness {
    static let tenantID = DemoTenant.tenantID
    static let clientID = DemoTenant.clientID
    static let secretID = "7c1e9a3b-5d2f-4e60-8a1b-c3d5e7f9a1b2"
    /// The client secret's value; every test searches the output for it.
    static let secret = "Qx7~connect.Secret-Value_0815"
    static let proxyPassword = "proxy-pass.0815"
    /// The emulator's "now": token `iat`/`exp` and secret expiry are read against it.
    static let now = Date(timeIntervalSince1970: 1_769_817_600)  // 2026-01-31T00:00:00Z

    static func app(
        clientID: String = clientID,
        roles: [String] = [GraphRole.securityAlertReadAll, GraphRole.securityIncidentReadAll],
        secretExpires: Date = .distantFuture, enabled: Bool = true
    ) -> RegisteredApp {
        RegisteredApp(
            tenantID: tenantID, tenantDomains: [DemoTenant.domain], clientID: clientID, displayName: "temsync connect",
            secrets: [ClientSecret(id: secretID, value: secret, expires: secretExpires)], roles: roles,
            isEnabled: enabled)
    }

    static func configuration(
        apps: [RegisteredApp], tls: TLSFiles? = nil, faults: [FaultRule] = []
    ) -> EmulatorConfiguration {
        var configuration = EmulatorConfiguration(
            tls: tls, apps: apps, dataSet: .generated(GeneratorOptions(seed: 3, alertCount: 6, end: now)),
            clock: EmulatorClock { now })
        configuration.faults = faults
        return configuration
    }

    /// What one `connect` produced, with everything a user or a log could see.
    struct Outcome {
        var report: ConnectReport
        var text: String
        var json: JSON
        var logs: String
        /// The access tokens the emulator received (from the requests' `Authorization` headers).
        var tokens: [String]
        var port: Int
        var folder: String

        /// The text with the volatile parts replaced: the port, the temporary folder, latencies, request ids and
        /// Entra's timestamps.
        var normalizedText: String { ConnectHarness.normalize(text, port: port, folder: folder) }

        /// Neither a secret nor a token appears in the text, the JSON or the logs.
        func expectNoSecrets(
            _ extra: [String] = [], sourceLocation: Testing.SourceLocation = #_sourceLocation
        ) {
            let everything = text + json.encodedString() + logs
            for value in [ConnectHarness.secret, ConnectHarness.proxyPassword] + extra + tokens {
                #expect(!everything.contains(value), "a secret or token leaked", sourceLocation: sourceLocation)
            }
            #expect(!everything.contains("eyJ"), "something JWT-shaped was printed", sourceLocation: sourceLocation)
        }
    }

    /// Writes `documents` (the placeholders `LOGIN`, `GRAPH` and `FOLDER` are replaced) as one file, then checks.
    static func connect(
        _ documents: String, apps: [RegisteredApp] = [app()], environment: [String: String] = [:],
        files: [String: String] = [:], selection: [String] = [], connection: String? = nil,
        standIn: Bool = false, tls: TLSFiles? = nil, faults: [FaultRule] = [],
        sleeps: SleepRecorder = SleepRecorder(), clock: @escaping @Sendable () -> Date = { now }
    ) async throws -> Outcome {
        let folder = try TemporaryDirectory(prefix: "temsync-connect")
        defer { folder.remove() }
        for (name, content) in files { _ = try folder.write(content, to: name) }
        return try await GraphEmulator.withRunning(configuration(apps: apps, tls: tls, faults: faults)) { emulator in
            let text = documents.replacingOccurrences(of: "LOGIN", with: emulator.loginRoot)
                .replacingOccurrences(of: "GRAPH", with: emulator.graphRoot)
                .replacingOccurrences(of: "FOLDER", with: folder.path)
            let path = try folder.write(text, to: "jobs.yaml")
            let compilation = JobCompiler.compile(
                JobLoader().load(paths: [path]), options: CompileOptions(now: now, selection: selection))
            #expect(!compilation.hasErrors, "\(compilation.diagnostics)")
            var (targets, problems) = ConnectSelection.targets(
                compilation, selection: selection, connection: connection)
            #expect(problems.isEmpty, "\(problems)")
            if standIn {
                for index in targets.indices { targets[index].connection.endpointsStandInForCloud = true }
            }
            let logs = LogCapture()
            let options = ConnectOptions(
                environment: environment, logger: logs.logger(),
                retryRuntime: EmulatedWorkspace.instantRetries(sleeps), now: clock)
            let report = await ConnectReport.check(targets, options: options)
            let tokens = await emulator.journal.entries.compactMap { entry in
                entry.header("Authorization").flatMap { $0.hasPrefix("Bearer ") ? String($0.dropFirst(7)) : nil }
            }
            return Outcome(
                report: report, text: report.text, json: report.json, logs: logs.text, tokens: tokens,
                port: emulator.port, folder: folder.path)
        }
    }

    static func normalize(_ text: String, port: Int, folder: String) -> String {
        var result = text.replacingOccurrences(of: ":\(port)", with: ":PORT")
            .replacingOccurrences(of: folder, with: "FOLDER")
        let patterns: [(String, String)] = [
            (#"(?m)^(  [✓✗] [a-z ]{7}) +\d+ ms"#, "$1     N ms"),
            (#"in \d+ ms"#, "in N ms"),
            (#"(request-id|trace ID|correlation ID) [0-9a-f-]{36}"#, "$1 ID"),
            (#"timestamp \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ"#, "timestamp T"),
        ]
        for (pattern, template) in patterns {
            let expression = try! NSRegularExpression(pattern: pattern)
            result = expression.stringByReplacingMatches(
                in: result, range: NSRange(result.startIndex..., in: result), withTemplate: template)
        }
        return result
    }

    // MARK: job files

    /// A named connection to the emulator.
    static func namedConnection(
        _ name: String = "contoso-prod", tenant: String = tenantID, client: String = clientID,
        secret: String = "{ env: M365_CLIENT_SECRET }", cloud: String = "global", extra: String = ""
    ) -> String {
        """
        version: 1
        kind: connection
        name: \(name)
        tenant_id: \(tenant)
        client_id: \(client)
        client_secret: \(secret)
        cloud: \(cloud)
        endpoints: { login: LOGIN, graph: GRAPH }
        \(extra)
        """
    }

    /// A job reading `sources` (YAML flow mapping) through `connection` (a name, or an inline mapping).
    static func job(_ name: String, connection: String = "contoso-prod", sources: String = "{ alerts: {} }") -> String {
        """
        version: 1
        name: \(name)
        connection: \(connection)
        sources: \(sources)
        outputs: [{ type: stdout }]
        """
    }

    /// An inline connection mapping (flow style) to the emulator.
    static func inlineConnection(secret: String, extra: String = "") -> String {
        "{ tenant_id: \(tenantID), client_id: \(clientID), client_secret: \(secret), "
            + "endpoints: { login: LOGIN, graph: GRAPH }\(extra) }"
    }
}
