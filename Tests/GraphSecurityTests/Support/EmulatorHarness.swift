import Foundation
import GraphEmulator
import GraphSecurity
import Logging
import Synchronization
import TemsyncTesting
import Transport

/// Starts the Graph emulator on a free loopback port and points a `GraphClient` at it.
struct EmulatorHarness {
    static let tenantID = DemoTenant.tenantID
    static let clientID = DemoTenant.clientID
    static let secretID = "0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9"
    /// The client secret the tests use; the secret-hygiene test searches for it.
    static let secret = "Zx8Q~emulator.Secret-Value_4711"
    static let fixedEnd = Date(timeIntervalSince1970: 1_769_817_600)  // 2026-01-31T00:00:00Z

    static func app(
        roles: [String] = [GraphRole.securityAlertReadAll, GraphRole.securityIncidentReadAll],
        secretExpires: Date = .distantFuture, enabled: Bool = true
    ) -> RegisteredApp {
        RegisteredApp(
            tenantID: tenantID, tenantDomains: [DemoTenant.domain], clientID: clientID,
            secrets: [ClientSecret(id: secretID, value: secret, expires: secretExpires)], roles: roles,
            isEnabled: enabled)
    }

    static func configuration(
        alerts: Int = 120, apps: [RegisteredApp] = [app()], faults: [FaultRule] = [], tokenLifetime: Int = 3599,
        tls: TLSFiles? = nil
    ) -> EmulatorConfiguration {
        EmulatorConfiguration(
            tls: tls, apps: apps, tokenLifetime: tokenLifetime,
            dataSet: .generated(GeneratorOptions(seed: 7, alertCount: alerts, end: fixedEnd)), faults: faults)
    }

    /// A fast policy for tests: the virtual clock makes the waits free anyway.
    static let retry = RetryPolicy(maxAttempts: 4, initialDelay: .seconds(1), maxDelay: .seconds(8), jitter: .full)

    /// Records retry events (for counting and for the secret search).
    final class RetryLog: Sendable {
        private let events = Mutex<[String]>([])
        func record(_ event: RetryEvent) { events.withLock { $0.append("\(event.error)") } }
        var errors: [String] { events.withLock { $0 } }
    }

    struct Context {
        let emulator: GraphEmulator
        let client: GraphClient
        let time: VirtualTime
        let logs: LogCapture
        let retries: RetryLog
    }

    static func withClient<T: Sendable>(
        _ configuration: EmulatorConfiguration = configuration(), tenantID: String = tenantID,
        clientID: String = clientID, secret: String = secret,
        transport: TransportConfiguration = TransportConfiguration(),
        retry: RetryPolicy = retry, graphRoot: String? = nil, logs: LogCapture = LogCapture(),
        _ body: (Context) async throws -> T
    ) async throws -> T {
        try await GraphEmulator.withRunning(configuration) { emulator in
            let endpoints = try GraphEndpoints(login: emulator.graphRoot, graph: graphRoot ?? emulator.graphRoot)
            let connection = try GraphConnection(
                tenantID: tenantID, clientID: clientID, clientSecret: Secret(secret), endpoints: endpoints)
            let time = VirtualTime()
            let retries = RetryLog()
            return try await HTTPTransport.withTransport(transport) { http in
                let client = GraphClient(
                    connection: connection, transport: http, retry: retry, runtime: time.runtime,
                    logger: logs.logger(), onRetry: { retries.record($0) })
                return try await body(
                    Context(emulator: emulator, client: client, time: time, logs: logs, retries: retries))
            }
        }
    }
}

extension GraphPageSequence {
    /// Every page, collected (tests only: the product streams them).
    func collect() async throws -> [GraphPage] {
        var pages: [GraphPage] = []
        for try await page in self { pages.append(page) }
        return pages
    }
}
