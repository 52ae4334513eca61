import ArgumentParser
import Foundation
import JSON
import Mapping
import Outputs

#if canImport(Glibc)
import Glibc
#endif

/// `temsync-bench outputs`: records per second written by the file outputs (jsonl, csv, json), EDL and STIX, and
/// by the three main ones at once through `OutputFanOut`. Only the outputs' own work is timed (open, writes,
/// commit); making the records is not.
struct OutputsBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outputs",
        abstract: "Records/s written to jsonl, csv, json, edl and stix outputs, and to jsonl+csv+edl at once.")

    @Option(help: "Records per output.")
    var records = 1_000_000

    @Option(help: "Records per batch handed to the output.")
    var batchSize = 1000

    @Option(help: "What to measure: jsonl, csv, json, edl, stix, fanout (repeatable).")
    var target: [String] = ["jsonl", "csv", "edl", "fanout"]

    @Option(help: "Folder for the files (default: a new temporary folder, removed afterwards).")
    var directory: String?

    func run() async throws {
        let folder =
            directory
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("temsync-bench-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { if directory == nil { try? FileManager.default.removeItem(atPath: folder) } }
        print("outputs: \(records) records in batches of \(batchSize), folder \(folder)")
        for name in target {
            let context = OutputContext(jobName: "bench", runStartedAt: Date(timeIntervalSince1970: 1_769_846_400))
            let outputs: [any Output]
            switch name {
            case "jsonl":
                outputs = [FileOutput(name: name, options: .init(path: folder + "/r.jsonl"), context: context)]
            case "csv": outputs = [FileOutput(name: name, options: .init(path: folder + "/r.csv"), context: context)]
            case "json": outputs = [FileOutput(name: name, options: .init(path: folder + "/r.json"), context: context)]
            case "edl":
                outputs = [EDLOutput(name: name, options: .init(directory: folder + "/edl"), context: context)]
            case "stix":
                outputs = [STIXOutput(name: name, options: .init(path: folder + "/r.stix.json"), context: context)]
            case "fanout":
                outputs = [
                    FileOutput(name: "jsonl", options: .init(path: folder + "/f.jsonl"), context: context),
                    FileOutput(name: "csv", options: .init(path: folder + "/f.csv"), context: context),
                    EDLOutput(name: "edl", options: .init(directory: folder + "/fedl"), context: context),
                ]
            default:
                throw ValidationError("unknown target '\(name)' (jsonl, csv, json, edl, stix, fanout)")
            }
            let (seconds, cpu, reports) = try await measure(outputs)
            let bytes = reports.reduce(0) { $0 + $1.bytes }
            let rate = Double(records) / seconds
            print(
                "\(name.padding(toLength: 7, withPad: " ", startingAt: 0)) "
                    + String(format: "cpu %7.2f s  %10.0f records/cpu-s  ", cpu, Double(records) / cpu)
                    + String(
                        format: "%8.2f s  %10.0f records/s  %8.1f MB written  %7.1f MB/s  peak RSS %6.0f MB",
                        seconds, rate, Double(bytes) / 1e6, Double(bytes) / 1e6 / seconds, Self.peakResidentMB()))
        }
    }

    /// One output: only its calls are timed (the batches are made in between, never at the same time). Several
    /// (`fanout`): `OutputFanOut` runs them concurrently while the batches are made, so the wall and CPU times are
    /// reported with the time spent making batches taken out. CPU time is the process's, so it does not depend on
    /// what else the machine runs; wall time does.
    private func measure(_ outputs: [any Output]) async throws -> (Double, Double, [OutputReport]) {
        let clock = ContinuousClock()
        if outputs.count == 1, let output = outputs.first {
            var spent = Duration.zero
            var cpu = 0.0
            var started = clock.now
            var cpuStarted = Self.cpuSeconds()
            try await output.open()
            spent += clock.now - started
            cpu += Self.cpuSeconds() - cpuStarted
            var first = 0
            while first < records {
                let batch = (first..<min(first + batchSize, records)).map(Self.record)
                started = clock.now
                cpuStarted = Self.cpuSeconds()
                try await output.write(batch)
                spent += clock.now - started
                cpu += Self.cpuSeconds() - cpuStarted
                first += batchSize
            }
            started = clock.now
            cpuStarted = Self.cpuSeconds()
            try await output.commit()
            spent += clock.now - started
            cpu += Self.cpuSeconds() - cpuStarted
            return (spent.seconds, cpu, [await output.report()])
        }
        var making = Duration.zero
        var makingCPU = 0.0
        let cpuStart = Self.cpuSeconds()
        let start = clock.now
        let reports = try await OutputFanOut(outputs: outputs).deliver { feed in
            var first = 0
            while first < records {
                let made = clock.now
                let madeCPU = Self.cpuSeconds()
                let batch = (first..<min(first + batchSize, records)).map(Self.record)
                making += clock.now - made
                makingCPU += Self.cpuSeconds() - madeCPU
                try await feed.send(batch)
                first += batchSize
            }
        }
        return ((clock.now - start - making).seconds, Self.cpuSeconds() - cpuStart - makingCPU, reports)
    }

    /// A record shaped like `emit: indicators` output: one indicator of a rotating type, unique values.
    static func record(_ number: Int) -> Record {
        let kinds: [Indicator.Kind] = [.ipv4, .domain, .url, .sha256]
        let kind = kinds[number % kinds.count]
        let value: String
        switch kind {
        case .ipv4: value = "10.\((number >> 16) & 255).\((number >> 8) & 255).\(number & 255)"
        case .domain: value = "host\(number).evil.example"
        case .url: value = "http://host\(number).evil.example/path/\(number)?q=1"
        default: value = String(repeating: String(number, radix: 16), count: 64).prefix(64).description
        }
        let severity: Severity = [.high, .medium, .low][number % 3]
        let seen = Date(timeIntervalSince1970: 1_769_846_400 - Double(number % 86_400))
        let id =
            "00000000-0000-5000-8000-" + String(repeating: "0", count: 12 - String(number, radix: 16).count)
            + String(number, radix: 16)
        let indicator = Indicator(
            type: kind, value: value, id: id, firstSeen: seen, lastSeen: seen, severity: severity,
            count: number % 7 + 1, alertIDs: ["da638\(number)"], verdicts: ["malicious"])
        let fields: JSON = [
            "id": .string(id), "type": .string(kind.rawValue), "value": .string(value),
            "severity": .string(severity.rawValue), "first_seen": "2026-01-30T09:00:00Z",
            "last_seen": "2026-01-31T04:55:23Z", "count": .int(number % 7 + 1),
            "alert_ids": [.string("da638\(number)")], "title": .string("Connection to \(value) (da638\(number))"),
            "source": "microsoft_365_defender",
        ]
        return Record(id: id, kind: .indicator, fields: fields, indicators: [indicator])
    }

    /// CPU time of the whole process (user + system): what the outputs cost whatever else the machine is doing.
    static func cpuSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    static func peakResidentMB() -> Double {
        var usage = rusage()
        #if os(Linux)
        getrusage(RUSAGE_SELF.rawValue, &usage)
        #else
        getrusage(RUSAGE_SELF, &usage)
        #endif
        return Double(usage.ru_maxrss) / 1024
    }
}

extension Duration {
    fileprivate var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
