import ArgumentParser
import Foundation
import GraphEmulator
import GraphSecurity
import Logging
import Transport

/// `temsync-bench graph-client`: how fast the Graph client reads every alert of the emulator through its page
/// sequence (token, headers, body cap, JSON parsing, dedupe at the watermark), in nextLink or watermark mode.
struct GraphClientBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "graph-client",
        abstract: "Alerts per second read by GraphClient's page sequence from the emulator over loopback."
    )

    @Option(help: "Alerts in the generated data set.") var alerts = 200_000
    @Option(help: "Page size ($top).") var top = 1000
    @Flag(help: "Omit every @odata.nextLink, so the client pages by the lastUpdateDateTime watermark.")
    var watermark = false

    func run() async throws {
        let secret = "bench-secret"
        let configuration = EmulatorConfiguration(
            apps: [DemoTenant.app(secret: secret)],
            dataSet: .generated(
                GeneratorOptions(seed: 1, alertCount: alerts, end: Date(timeIntervalSince1970: 1_780_000_000))),
            faults: watermark ? [FaultRule(.alerts, requests: .all, action: .omitNextLink)] : [],
            journal: JournalOptions(capacity: 0))
        try await GraphEmulator.withRunning(configuration) { emulator in
            let connection = try GraphConnection(
                tenantID: DemoTenant.tenantID, clientID: DemoTenant.clientID, clientSecret: Secret(secret),
                endpoints: GraphEndpoints(login: emulator.graphRoot, graph: emulator.graphRoot))
            let logger = Logger(label: "bench", factory: { _ in SwiftLogNoOpLogHandler() })
            try await HTTPTransport.withTransport(TransportConfiguration()) { transport in
                let client = GraphClient(connection: connection, transport: transport, logger: logger)
                _ = try await client.acquireToken()
                let cpuBefore = ProcessMemory.cpuSeconds()
                let start = ContinuousClock.now
                var records = 0
                var received = 0
                var pages = 0
                var modes: Set<String> = []
                for try await page in client.pages(of: GraphQuery(source: .alerts, pageSize: top)) {
                    records += page.records.count
                    received += page.receivedCount
                    pages += 1
                    modes.insert(page.mode.rawValue)
                }
                let wall = (ContinuousClock.now - start).seconds
                let cpu = ProcessMemory.cpuSeconds() - cpuBefore
                print(
                    "data set:        \(alerts) alerts, $top=\(top), paging: \(modes.sorted().joined(separator: ", "))")
                print("read:            \(records) alerts (\(received) received) in \(pages) pages")
                print("elapsed:         \(String(format: "%.2f", wall)) s")
                print("throughput:      \(Int(Double(records) / wall)) alerts/s")
                print(
                    "cpu:             \(String(format: "%.2f", cpu)) s (emulator and client in one process), "
                        + "\(Int(Double(records) / cpu)) alerts per CPU-second")
                print("memory (peak):   \(ProcessMemory.current().peakMiB) MiB (VmHWM, whole process)")
            }
        }
    }
}
