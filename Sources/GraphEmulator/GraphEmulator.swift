import Foundation
import Logging

/// A running emulator of the Microsoft Graph security API and the Entra token endpoint, on loopback.
///
/// ```swift
/// try await GraphEmulator.withRunning(configuration) { emulator in
///     // emulator.tokenURL(tenant:), emulator.graphRoot, emulator.store, emulator.faults, emulator.journal
/// }
/// ```
/// The server lives exactly as long as the closure; `run` serves until the task is cancelled.
public struct GraphEmulator: Sendable {
    public let configuration: EmulatorConfiguration
    /// The records served; add and change them while it runs.
    public let store: SecurityStore
    /// The faults, request counters, budget and token revocation.
    public let faults: FaultPlan
    /// What it received.
    public let journal: RequestJournal
    /// The demo receiver for HTTP outputs (`/_temsync/sink/{name}`); not part of Graph.
    public let sink: WebhookSink
    let address: ServerAddress

    /// The bound port (the real one when the configuration asked for 0).
    public var port: Int { address.port }
    /// `http://127.0.0.1:PORT` or `https://…`: the identity platform's root (token URL: `/{tenant}/oauth2/v2.0/token`).
    public var loginRoot: String { address.loginRoot }
    /// The Graph root (`/v1.0/security/...` lives under it); the same server as `loginRoot`.
    public var graphRoot: String { address.graphRoot }
    /// The scope a client asks for: `graphRoot + "/.default"`.
    public var scope: String { graphRoot + "/.default" }

    public func tokenURL(tenant: String) -> String { "\(loginRoot)/\(tenant)/oauth2/v2.0/token" }

    public var alertsURL: String { graphRoot + "/v1.0/security/alerts_v2" }
    public var incidentsURL: String { graphRoot + "/v1.0/security/incidents" }

    /// The URL of the demo receiver named `name` (for HTTP outputs under `temsync run --emulator`).
    public func sinkURL(name: String) -> String { graphRoot + WebhookSink.pathPrefix + name }

    /// Starts an emulator, runs `body` with it, and stops it when `body` returns or throws.
    public static func withRunning<Result: Sendable>(
        _ configuration: EmulatorConfiguration = EmulatorConfiguration(),
        logger: Logger = Logger(label: "temsync.emulator", factory: { _ in SwiftLogNoOpLogHandler() }),
        _ body: (GraphEmulator) async throws -> Result
    ) async throws -> Result {
        let emulator = try await GraphEmulator(configuration: configuration)
        let server = try emulator.makeServer(logger: logger)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.run() }
            let bound = await server.bound.first { _ in true }
            guard bound != nil else {
                // The server ended before it was bound: its error (e.g. the port is taken) is the answer.
                try await group.waitForAll()
                throw EmulatorError.didNotStart
            }
            do {
                let result = try await body(emulator)
                group.cancelAll()
                try? await group.waitForAll()
                return result
            } catch {
                group.cancelAll()
                try? await group.waitForAll()
                throw error
            }
        }
    }

    /// Serves until the surrounding task is cancelled; `onStart` runs once the port is bound.
    public static func run(
        _ configuration: EmulatorConfiguration, logger: Logger,
        onStart: @escaping @Sendable (GraphEmulator) async -> Void
    ) async throws {
        let emulator = try await GraphEmulator(configuration: configuration)
        let server = try emulator.makeServer(logger: logger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.run() }
            let started = await server.bound.first(where: { _ in true }) != nil
            if started { await onStart(emulator) }
            try await group.waitForAll()
            if !started { throw EmulatorError.didNotStart }
        }
    }

    init(configuration: EmulatorConfiguration) async throws {
        self.configuration = configuration
        store = try await SecurityStore(dataSet: configuration.dataSet, clock: configuration.clock)
        faults = FaultPlan(rules: configuration.faults, budget: configuration.requestBudget)
        journal = RequestJournal(options: configuration.journal)
        sink = WebhookSink()
        address = ServerAddress(scheme: configuration.tls == nil ? "http" : "https", host: configuration.host)
    }
}

/// Why an emulator could not start.
public enum EmulatorError: Error, Sendable, CustomStringConvertible {
    case didNotStart
    case tls(String)

    public var description: String {
        switch self {
        case .didNotStart: "the emulator's server stopped before it was bound"
        case .tls(let reason): "cannot serve HTTPS: \(reason)"
        }
    }
}
