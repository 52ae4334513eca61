import ArgumentParser
import Diagnostics
import Foundation
import JSON
import Mapping

/// Alerts mapped per second with indicator extraction, on one core, over generated alerts with evidence.
struct MappingBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mapping",
        abstract: "Alerts mapped per second (with indicator extraction), one core.")

    @Option(help: "Alerts to generate.") var alerts = 200_000
    @Option(help: "Distinct values per indicator pool (repeats across alerts are merged).") var pool = 20_000
    @Option(help: "Seed of the generator.") var seed: UInt64 = 42
    @Option(help: "Timed passes per scenario; the best is reported.") var passes = 3
    @Option(
        help:
            "Run only this scenario: parse, alerts, warm, shaped, indicators, parse-indicators, projected-indicators (default: all)."
    )
    var only: String?

    func run() throws {
        var generator = AlertGenerator(seed: seed, poolSize: pool)
        let values = (0..<alerts).map { generator.alert($0) }
        let bytes = values.map { $0.encoded() }
        let totalBytes = bytes.reduce(0) { $0 + $1.count }
        print("alerts: \(alerts), average size \(totalBytes / max(1, alerts)) bytes, pool \(pool)")

        report("parse JSON (for scale)", alerts: alerts) {
            var count = 0
            for data in bytes { if case .object = try? JSON(parsing: data) { count += 1 } }
            return count
        }

        let plain = try compile(MappingRules())
        report("emit alerts, default shape + indicators", alerts: alerts) {
            var count = 0
            for alert in values { count += plain.record(forAlert: alert)?.indicators.count ?? 0 }
            return count
        }

        // In a run, each page is mapped just after it is parsed, while its alerts are still in the CPU's caches.
        // Here every alert is parsed, then mapped at once; only the mapping is timed.
        if only == nil || only == "warm" {
            var best = Double.infinity
            var count = 0
            for _ in 0..<max(1, passes) {
                var mapping: Duration = .zero
                count = 0
                for data in bytes {
                    guard let alert = try? JSON(parsing: data) else { continue }
                    let start = ContinuousClock.now
                    count += plain.record(forAlert: alert)?.indicators.count ?? 0
                    mapping += ContinuousClock.now - start
                }
                best = min(best, Double(mapping.components.seconds) + Double(mapping.components.attoseconds) / 1e18)
            }
            print(
                "emit alerts, default + indicators, just parsed".padding(
                    toLength: 50, withPad: " ", startingAt: 0)
                    + String(format: "%9.0f alerts/s wall", Double(alerts) / best)
                    + "  (\(String(format: "%.3f", best)) s mapping, result \(count))")
        }

        let shaped = try compile(Self.shapedRules)
        report("emit alerts, 9 mapped fields + where + indicators", alerts: alerts) {
            var count = 0
            for alert in values where shaped.record(forAlert: alert) != nil { count += 1 }
            return count
        }

        let indicators = try compile(MappingRules(emit: Located(.indicators, at: Self.here)))
        var distinct = 0
        var recordsCPU = Double.infinity
        report("emit indicators (collect + records)", alerts: alerts) {
            var set = indicators.makeIndicatorSet()
            for alert in values { indicators.collect(alert: alert, into: &set) }
            let start = Self.threadCPUSeconds()
            let records = indicators.records(from: set)
            recordsCPU = min(recordsCPU, Self.threadCPUSeconds() - start)
            distinct = records.count
            return records.count
        }
        if distinct > 0 {
            print(
                "  distinct indicators: \(distinct); of the CPU time, \(String(format: "%.3f", recordsCPU)) s making "
                    + "their records (\(String(format: "%.0f", Double(distinct) / recordsCPU)) records/s)")
        }

        // The two lines an indicator job's mapping stage is: parse Graph's pages (of 1,000 alerts, as a job reads them)
        // and collect; whole, then with the projection the job parses with (`alertProjection`).
        let pages = stride(from: 0, to: bytes.count, by: 1000).map { first in
            var page = Array(#"{"value":["#.utf8)
            for index in first..<min(first + 1000, bytes.count) {
                if index > first { page.append(UInt8(ascii: ",")) }
                page += bytes[index]
            }
            return page + Array("]}".utf8)
        }
        let projections = [
            ("parse + emit indicators", JSONProjection.everything),
            (
                "parse (projected) + emit indicators",
                JSONProjection.everything.reading("value", through: indicators.alertProjection)
            ),
        ]
        for (name, projection) in projections {
            let options = JSONParseOptions(projection: projection)
            report(name, alerts: alerts) {
                var set = indicators.makeIndicatorSet()
                for page in pages {
                    guard let parsed = try? JSON(parsing: page, options: options) else { continue }
                    for alert in parsed["value"]?.arrayValue ?? [] { indicators.collect(alert: alert, into: &set) }
                }
                return indicators.records(from: set).count
            }
        }
        print("peak resident memory: \(Self.peakResidentMegabytes()) MiB (includes the generated alerts)")
    }

    /// Runs `body` `passes` times and prints the best rate by thread CPU time (what one core does, even when other
    /// processes share the machine) and by wall-clock time.
    func report(_ name: String, alerts: Int, _ body: () throws -> Int) rethrows {
        let scenario = ["parse", "alerts", "shaped", "indicators", "parse-indicators", "projected-indicators"][
            Self.scenarioNames.firstIndex(of: name)!]
        if let only, only != scenario { return }
        var bestCPU = Double.infinity
        var bestWall = Double.infinity
        var result = 0
        for _ in 0..<max(1, passes) {
            let cpuStart = Self.threadCPUSeconds()
            let start = ContinuousClock.now
            result = try body()
            let elapsed = ContinuousClock.now - start
            bestCPU = min(bestCPU, Self.threadCPUSeconds() - cpuStart)
            bestWall = min(bestWall, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        }
        print(
            name.padding(toLength: 50, withPad: " ", startingAt: 0)
                + String(
                    format: "%9.0f alerts/s CPU %9.0f alerts/s wall", Double(alerts) / bestCPU,
                    Double(alerts) / bestWall)
                + "  (\(String(format: "%.3f", bestCPU)) s CPU, result \(result))")
    }

    static func threadCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    func compile(_ rules: MappingRules) throws -> MappingProgram {
        try MappingProgram.compile(rules, job: JobInfo(name: "bench"))
    }

    static let scenarioNames = [
        "parse JSON (for scale)", "emit alerts, default shape + indicators",
        "emit alerts, 9 mapped fields + where + indicators", "emit indicators (collect + records)",
        "parse + emit indicators", "parse (projected) + emit indicators",
    ]

    static let here = SourceLocation(file: "bench.yaml", line: 1, column: 1)

    static func text(_ value: String) -> Located<String> { Located(value, at: here) }

    static var shapedRules: MappingRules {
        func path(_ name: String, _ path: String, transforms: [TransformRule] = []) -> FieldRule.Member {
            FieldRule.Member(name: text(name), rule: FieldRule(at: here, path: text(path), transforms: transforms))
        }
        let severityMap = ["informational": 0, "low": 30, "medium": 60, "high": 90].map {
            FieldRule.MapEntry(from: text($0.key), to: .int($0.value))
        }
        return MappingRules(
            conditions: [
                ConditionRule(
                    at: here, path: text("alert.severity"),
                    tests: [(Located(.in, at: here), Located(["low", "medium", "high"], at: here))])
            ],
            fields: [
                path("id", "alert.id"),
                FieldRule.Member(
                    name: text("title"), rule: FieldRule(at: here, template: text("{{alert.title}} ({{alert.id}})"))),
                FieldRule.Member(
                    name: text("severity"),
                    rule: FieldRule(
                        at: here, path: text("alert.severity"), map: Located(severityMap, at: here),
                        defaultValue: Located(0, at: here))),
                path("source", "alert.serviceSource", transforms: [TransformRule(name: text("lowercase"))]),
                path(
                    "created", "alert.createdDateTime",
                    transforms: [TransformRule(name: text("date"), argument: Located("unix_milliseconds", at: here))]),
                path(
                    "techniques", "alert.mitreTechniques",
                    transforms: [TransformRule(name: text("join"), argument: Located("|", at: here))]),
                path(
                    "hashes", "alert.evidence[*].fileDetails.sha256", transforms: [TransformRule(name: text("unique"))]),
                path("evidence_count", "alert.evidence", transforms: [TransformRule(name: text("count"))]),
                FieldRule.Member(
                    name: text("vendor"),
                    rule: FieldRule(at: here, constant: Located("microsoft_365_defender", at: here))),
            ])
    }

    static func peakResidentMegabytes() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let kilobytes = line.split(separator: " ").compactMap { Int($0) }.first ?? 0
            return kilobytes / 1024
        }
        return 0
    }
}
