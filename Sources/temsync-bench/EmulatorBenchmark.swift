import ArgumentParser
import AsyncHTTPClient
import Foundation
import GraphEmulator
import JSON
import NIOCore

/// `temsync-bench emulator`: how fast the emulator serves alerts with `$top=1000` over loopback (one client
/// following every nextLink), and how much memory it holds with a large data set.
struct EmulatorBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "emulator",
        abstract: "Alerts served per second ($top=1000 over loopback) and the emulator's memory with N alerts."
    )

    @Option(help: "Alerts in the generated data set.") var alerts = 1_000_000
    @Option(help: "Page size asked for.") var top = 1000
    @Option(help: "Stop after this many alerts (0: all of them).") var limit = 0
    @Option(help: "Seed of the data set.") var seed: UInt64 = 1
    @Flag(help: "Also parse every page into JSON values on the client (client cost included in the figures).")
    var parse = false

    func run() async throws {
        let memoryBefore = ProcessMemory.current()
        let startClock = ContinuousClock.now
        let configuration = EmulatorConfiguration(
            apps: [DemoTenant.app(secret: "bench-secret")],
            dataSet: .generated(
                GeneratorOptions(seed: seed, alertCount: alerts, end: Date(timeIntervalSince1970: 1_780_000_000))),
            journal: JournalOptions(capacity: 0))
        try await GraphEmulator.withRunning(configuration) { emulator in
            let startup = ContinuousClock.now - startClock
            let memoryLoaded = ProcessMemory.current()
            print("data set:        \(alerts) alerts, \(await emulator.store.incidentCount) incidents (seed \(seed))")
            print("startup:         \(Self.seconds(startup)) s")
            print(
                "memory (RSS):    \(memoryLoaded.residentMiB) MiB after start (\(memoryBefore.residentMiB) MiB before; "
                    + "\(memoryLoaded.residentMiB - memoryBefore.residentMiB) MiB for the data set)")

            let client = HTTPClient(eventLoopGroupProvider: .singleton)
            do {
                let token = try await Self.token(client, emulator)
                let cpuBefore = ProcessMemory.cpuSeconds()
                let fetchStart = ContinuousClock.now
                var url: String? = emulator.alertsURL + "?$top=\(top)"
                var served = 0
                var bytes = 0
                var pages = 0
                while let next = url, limit == 0 || served < limit {
                    var request = HTTPClientRequest(url: next)
                    request.headers.add(name: "Authorization", value: "Bearer \(token)")
                    request.headers.add(name: "Prefer", value: "include-unknown-enum-members")
                    let response = try await client.execute(request, timeout: .seconds(120))
                    guard response.status == .ok else {
                        throw ValidationError("page \(pages + 1): HTTP \(response.status.code)")
                    }
                    let body = try await response.body.collect(upTo: 512 << 20)
                    let page = Array(buffer: body)
                    bytes += page.count
                    pages += 1
                    if parse {
                        let value = try JSON(parsing: page)
                        served += value["value"]?.arrayValue?.count ?? 0
                        url = value["@odata.nextLink"]?.stringValue
                    } else {
                        served += Self.count(Self.alertMarker, in: page)
                        url = Self.nextLink(in: page)
                    }
                }
                let elapsed = ContinuousClock.now - fetchStart
                let cpu = ProcessMemory.cpuSeconds() - cpuBefore
                let wall = Self.seconds(elapsed)
                print("fetched:         \(served) alerts in \(pages) pages, \(bytes / 1_048_576) MiB of JSON")
                print(
                    "elapsed:         \(String(format: "%.2f", wall)) s (client \(parse ? "parses every page" : "scans for the nextLink"))"
                )
                print(
                    "throughput:      \(Int(Double(served) / wall)) alerts/s, \(String(format: "%.1f", Double(bytes) / 1_048_576 / wall)) MiB/s"
                )
                print(
                    "cpu:             \(String(format: "%.2f", cpu)) s of CPU (server and client), \(Int(Double(served) / cpu)) alerts per CPU-second"
                )
                print("memory (peak):   \(ProcessMemory.current().peakMiB) MiB (VmHWM, whole process)")
                try await client.shutdown()
            } catch {
                try? await client.shutdown()
                throw error
            }
        }
    }

    static let alertMarker = Array("{\"@odata.type\":\"#microsoft.graph.security.alert\"".utf8)

    static func count(_ marker: [UInt8], in bytes: [UInt8]) -> Int {
        var count = 0
        var index = 0
        let first = marker[0]
        let end = bytes.count - marker.count
        while index <= end {
            if bytes[index] == first, bytes[index..<index + marker.count].elementsEqual(marker) {
                count += 1
                index += marker.count
            } else {
                index += 1
            }
        }
        return count
    }

    /// `@odata.nextLink` comes before `value`, so it is found near the start of the page.
    static func nextLink(in bytes: [UInt8]) -> String? {
        let key = Array("\"@odata.nextLink\":\"".utf8)
        let head = bytes.prefix(4096)
        guard let start = head.indices.first(where: { head[$0...].starts(with: key) }) else { return nil }
        let valueStart = start + key.count
        guard let end = head[valueStart...].firstIndex(of: UInt8(ascii: "\"")) else { return nil }
        return String(decoding: head[valueStart..<end], as: UTF8.self)
    }

    static func token(_ client: HTTPClient, _ emulator: GraphEmulator) async throws -> String {
        var request = HTTPClientRequest(url: emulator.tokenURL(tenant: DemoTenant.tenantID))
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        let scope = emulator.scope.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? emulator.scope
        request.body = .bytes(
            ByteBuffer(
                string:
                    "grant_type=client_credentials&client_id=\(DemoTenant.clientID)&client_secret=bench-secret&scope=\(scope)"
            ))
        let response = try await client.execute(request, timeout: .seconds(30))
        let body = try await response.body.collect(upTo: 1 << 20)
        guard let token = try JSON(parsing: Array(buffer: body))["access_token"]?.stringValue else {
            throw ValidationError("no token: HTTP \(response.status.code)")
        }
        return token
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}

/// Resident memory and CPU time of this process (Linux `/proc/self/status`, `getrusage`).
struct ProcessMemory {
    var residentMiB: Int
    var peakMiB: Int

    static func current() -> ProcessMemory {
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        func kilobytes(_ key: String) -> Int {
            guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix(key) }) else { return 0 }
            return Int(line.split(separator: " ").dropFirst().first ?? "0") ?? 0
        }
        return ProcessMemory(residentMiB: kilobytes("VmRSS:") / 1024, peakMiB: kilobytes("VmHWM:") / 1024)
    }

    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6 + Double(usage.ru_stime.tv_sec)
            + Double(usage.ru_stime.tv_usec) / 1e6
    }
}
