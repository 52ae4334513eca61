import ArgumentParser
import AsyncHTTPClient
import Foundation
import GraphEmulator
import JSON
import NIOCore

#if canImport(Glibc)
import Glibc
#endif

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
    @Flag(help: "Also time the generator alone, without HTTP (writing every alert's JSON in-process).")
    var offline = false

    func run() async throws {
        if offline { measureGenerator() }
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
                    pages += 1
                    if parse {
                        let body = try await response.body.collect(upTo: 512 << 20)
                        bytes += body.readableBytes
                        let value = try JSON(parsing: Array(buffer: body))
                        served += value["value"]?.arrayValue?.count ?? 0
                        url = value["@odata.nextLink"]?.stringValue
                    } else {
                        // Streamed: count alerts chunk by chunk (a marker may straddle two chunks), read the
                        // nextLink from the start of the page.
                        var scanner = PageScanner()
                        for try await chunk in response.body {
                            bytes += chunk.readableBytes
                            chunk.withUnsafeReadableBytes { scanner.feed($0) }
                        }
                        served += scanner.alerts
                        url = scanner.nextLink
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

    /// Writes every alert of the data set in-process and reports the rate (one core: this loop is sequential).
    func measureGenerator() {
        let options = GeneratorOptions(
            seed: seed, alertCount: limit > 0 ? limit : alerts, end: Date(timeIntervalSince1970: 1_780_000_000))
        let data = GeneratedDataSet(options)
        let cpuBefore = ProcessMemory.cpuSeconds()
        let start = ContinuousClock.now
        var bytes = 0
        for index in 0..<data.alertCount { bytes += data.alertBytes(index).count }
        let wall = Self.seconds(ContinuousClock.now - start)
        let cpu = ProcessMemory.cpuSeconds() - cpuBefore
        print(
            "generator alone: \(data.alertCount) alerts in \(String(format: "%.2f", wall)) s, \(Int(Double(data.alertCount) / cpu)) "
                + "alerts per CPU-second, \(bytes / max(1, data.alertCount)) bytes per alert")
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

/// Counts alerts in a page as it streams in and keeps its `@odata.nextLink` (written before `value`).
struct PageScanner {
    static let marker = Array("{\"@odata.type\":\"#microsoft.graph.security.alert\"".utf8)
    static let nextLinkKey = Array("\"@odata.nextLink\":\"".utf8)

    private(set) var alerts = 0
    private var head: [UInt8] = []
    private var carry: [UInt8] = []

    var nextLink: String? {
        let key = Self.nextLinkKey
        guard let start = (0...max(0, head.count - key.count)).first(where: { head[$0...].starts(with: key) }),
            head.count >= start + key.count
        else { return nil }
        let valueStart = start + key.count
        guard let end = head[valueStart...].firstIndex(of: UInt8(ascii: "\"")) else { return nil }
        return String(decoding: head[valueStart..<end], as: UTF8.self)
    }

    mutating func feed(_ chunk: UnsafeRawBufferPointer) {
        if head.count < 4096 { head.append(contentsOf: chunk.prefix(4096 - head.count)) }
        let marker = Self.marker
        let bytes = carry + chunk.prefix(marker.count - 1)
        alerts += Self.count(marker, in: bytes[...], limit: carry.count)
        chunk.withMemoryRebound(to: UInt8.self) { buffer in
            alerts += Self.count(marker, in: buffer[...], limit: buffer.count)
        }
        carry = Array(chunk.suffix(marker.count - 1))
    }

    /// Occurrences of `marker` starting before `limit` (memchr and memcmp: the client must cost little next to the server).
    static func count<C: RandomAccessCollection<UInt8>>(_ marker: [UInt8], in bytes: C, limit: Int) -> Int
    where C.Index == Int {
        let result = bytes.withContiguousStorageIfAvailable { buffer -> Int in
            var count = 0
            var offset = 0
            let end = min(limit, buffer.count - marker.count + 1)
            guard let base = buffer.baseAddress, end > 0 else { return 0 }
            while offset < end {
                guard let found = memchr(base + offset, Int32(marker[0]), end - offset) else { break }
                let position = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                if memcmp(base + position, marker, marker.count) == 0 {
                    count += 1
                    offset = position + marker.count
                } else {
                    offset = position + 1
                }
            }
            return count
        }
        return result ?? count(marker, in: Array(bytes), limit: limit)
    }
}
