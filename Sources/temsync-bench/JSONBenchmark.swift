import ArgumentParser
import Foundation
import GraphEmulator
import JSON

/// `temsync-bench json`: how fast Graph pages (generated alerts, `$top=1000`) parse into `JSON` values and write back.
struct JSONBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "json",
        abstract: "JSON parse and write throughput over generated alerts_v2 pages."
    )

    @Option(help: "Alerts generated (pages of 1000).") var alerts = 20_000
    @Option(help: "Times the whole set is parsed.") var rounds = 5

    func run() async throws {
        let data = GeneratedDataSet(
            GeneratorOptions(seed: 7, alertCount: alerts, end: Date(timeIntervalSince1970: 1_780_000_000)))
        var pages: [[UInt8]] = []
        var page: [UInt8] = Array(#"{"@odata.context":"x","value":["#.utf8)
        for index in 0..<alerts {
            if index % 1000 != 0 { page.append(UInt8(ascii: ",")) }
            page += data.alertBytes(index)
            if index % 1000 == 999 || index == alerts - 1 {
                page += Array("]}".utf8)
                pages.append(page)
                page = Array(#"{"@odata.context":"x","value":["#.utf8)
            }
        }
        let bytes = pages.reduce(0) { $0 + $1.count }
        print("input: \(alerts) alerts in \(pages.count) pages, \(bytes / 1_048_576) MiB")
        var parsed: [JSON] = []
        var best = Double.infinity
        for _ in 0..<rounds {
            let start = ContinuousClock.now
            parsed = try pages.map { try JSON(parsing: $0) }
            best = min(best, (ContinuousClock.now - start).seconds)
        }
        print(
            String(
                format: "parse: best %.3f s, %.0f alerts/s, %.0f MiB/s", best, Double(alerts) / best,
                Double(bytes) / 1_048_576 / best))
        var bestWrite = Double.infinity
        for _ in 0..<rounds {
            let start = ContinuousClock.now
            var total = 0
            for value in parsed { total += value.encoded().count }
            precondition(total > 0)
            bestWrite = min(bestWrite, (ContinuousClock.now - start).seconds)
        }
        print(
            String(
                format: "write: best %.3f s, %.0f alerts/s, %.0f MiB/s", bestWrite, Double(alerts) / bestWrite,
                Double(bytes) / 1_048_576 / bestWrite))
        // As the outputs write (`write(to:)` into a buffer they keep): the writer alone, without a fresh multi-MiB
        // array per page, whose first touch of every page costs a page fault when malloc serves it by mmap.
        var bestReused = Double.infinity
        var buffer: [UInt8] = []
        for _ in 0..<rounds {
            let start = ContinuousClock.now
            var total = 0
            for value in parsed {
                buffer.removeAll(keepingCapacity: true)
                value.write(to: &buffer)
                total += buffer.count
            }
            precondition(total > 0)
            bestReused = min(bestReused, (ContinuousClock.now - start).seconds)
        }
        print(
            String(
                format: "write into a reused buffer: best %.3f s, %.0f alerts/s, %.0f MiB/s", bestReused,
                Double(alerts) / bestReused, Double(bytes) / 1_048_576 / bestReused))
    }
}

extension Duration {
    fileprivate var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
