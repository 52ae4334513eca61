import Foundation
import GraphEmulator
import GraphSecurity
import JobSpec
import Logging
import Transport

/// `temsync run --emulator`: the built-in Graph emulator, started in this process, with every selected job pointed
/// at it — its hosts, its demo tenant and app, and an in-process secret — so the example jobs run on a machine with
/// no tenant. HTTP outputs deliver to the emulator's demo receiver. Proxy and CA settings are set aside.
///
/// The generated data keeps its shape from run to run (its seed and end time are kept in the state folder), and
/// each later run first updates a few alerts, as a live tenant would, so an incremental run has something to fetch.
public struct EmulatorSession: Sendable {
    public var alertCount: Int
    public var seed: UInt64
    /// Alerts updated before each run after the first.
    public var updatesPerRun: Int
    public var stateDirectory: String

    public init(alertCount: Int = 500, seed: UInt64 = 1, updatesPerRun: Int = 20, stateDirectory: String) {
        self.alertCount = alertCount
        self.seed = seed
        self.updatesPerRun = updatesPerRun
        self.stateDirectory = stateDirectory
    }

    /// What the session did before the jobs ran, for the user.
    public struct Notes: Sendable {
        public var lines: [String]
    }

    /// Starts the emulator, rewrites the plans, runs `body`, stops the emulator.
    public func run<T: Sendable>(
        _ plans: [Plan], logger: Logger, _ body: ([Plan], Notes) async throws -> T
    ) async throws -> T {
        var state = try loadState()
        let secret = Secret(Self.randomSecret())
        let configuration = EmulatorConfiguration.demo(
            secret: secret.reveal(), alertCount: state.alerts, seed: state.seed, end: state.end)
        return try await GraphEmulator.withRunning(configuration) { emulator in
            var lines = [
                "emulator: \(emulator.graphRoot) serving \(state.alerts) generated alerts (seed \(state.seed)), "
                    + "tenant \(DemoTenant.tenantID)"
            ]
            if state.runs > 0 {
                let updated = try await updateSomeAlerts(emulator, run: state.runs)
                lines.append("emulator: \(updated) alerts updated since the previous run (simulated activity)")
            }
            state.runs += 1
            try saveState(state)
            let rewritten = plans.map { pointed($0, at: emulator, secret: secret, notes: &lines) }
            return try await body(rewritten, Notes(lines: lines))
        }
    }

    func pointed(_ plan: Plan, at emulator: GraphEmulator, secret: Secret, notes: inout [String]) -> Plan {
        var plan = plan
        if plan.connection.proxy != nil || plan.connection.caFile != nil {
            notes.append("job '\(plan.job)': proxy and tls settings set aside for the emulator")
        }
        plan.connection = Self.pointed(plan.connection, at: emulator, secret: secret)
        let endpoints = plan.connection.endpoints
        for index in plan.sources.indices {
            plan.sources[index].firstURL = plan.sources[index].query.url(
                apiBase: endpoints.apiBase, updatedFrom: plan.sources[index].start?.time)
        }
        for index in plan.outputs.indices {
            guard case .http(var http) = plan.outputs[index].spec.kind else { continue }
            let sink = emulator.sinkURL(name: "\(plan.job)/\(plan.outputs[index].name)")
            notes.append(
                "job '\(plan.job)': output '\(plan.outputs[index].name)' delivers to the emulator's demo receiver \(sink)"
            )
            http.url.value = sink
            http.headers = http.headers.map { header in
                guard case .secret(let reference) = header.value else { return header }
                var demo = header
                demo.value = .text((reference.prefix ?? "") + "temsync-emulator-demo")
                return demo
            }
            plan.outputs[index].spec.kind = .http(http)
            plan.outputs[index].secretHeaders = []
            plan.outputs[index].target = "http POST \(sink) (the emulator's demo receiver)"
        }
        return plan
    }

    /// A connection pointed at the emulator: its hosts (standing in for the cloud's), its demo tenant and app, the
    /// in-process secret; no proxy, no extra trust.
    static func pointed(_ connection: ConnectionPlan, at emulator: GraphEmulator, secret: Secret) -> ConnectionPlan {
        var connection = connection
        // The emulator's roots are loopback http URLs, which GraphEndpoints accepts.
        connection.endpoints = try! GraphEndpoints(login: emulator.loginRoot, graph: emulator.graphRoot)
        connection.endpointsStandInForCloud = true
        connection.cloud = .global
        connection.tenantID = DemoTenant.tenantID
        connection.clientID = DemoTenant.clientID
        connection.clientSecret = .value(secret, label: "the built-in emulator's demo secret")
        connection.proxy = nil
        connection.caFile = nil
        return connection
    }

    func updateSomeAlerts(_ emulator: GraphEmulator, run: Int) async throws -> Int {
        let ids = await emulator.store.alertIDs()
        guard !ids.isEmpty else { return 0 }
        let count = min(updatesPerRun, ids.count)
        for offset in 0..<count {
            let id = ids[(run * 7919 + offset * 104_729) % ids.count]
            _ = try await emulator.store.updateAlert(id: id) { alert in
                alert["status"] = "inProgress"
            }
        }
        return count
    }

    // MARK: state

    struct State: Codable {
        var seed: UInt64
        var alerts: Int
        var end: Date
        var runs: Int
    }

    var statePath: String { (stateDirectory as NSString).appendingPathComponent(".emulator.json") }

    func loadState() throws -> State {
        if let data = FileManager.default.contents(atPath: statePath),
            let state = try? JSONDecoder().decode(State.self, from: data),
            state.seed == seed, state.alerts == alertCount
        {
            return state
        }
        return State(seed: seed, alerts: alertCount, end: Date(), runs: 0)
    }

    func saveState(_ state: State) throws {
        try FileManager.default.createDirectory(atPath: stateDirectory, withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        try encoder.encode(state).write(to: URL(fileURLWithPath: statePath), options: .atomic)
    }

    static func randomSecret() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(generator.next(upperBound: UInt8(36)), radix: 36) }.joined()
    }
}
