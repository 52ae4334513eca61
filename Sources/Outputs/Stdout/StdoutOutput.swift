import Mapping

/// `type: stdout`: JSON Lines on standard output, written batch by batch.
///
/// A stream cannot be taken back: lines written before an abort stay written (the run's checkpoint does not move,
/// so the next run writes them again — consumers dedupe by record id). Lines are never split or interleaved.
public actor StdoutOutput: Output {
    public nonisolated let name: String
    public nonisolated let target = OutputDefinition(name: "stdout", configuration: .stdout).target
    private let sink: any ByteSink
    private var counters: OutputReport
    private var buffer: [UInt8] = []

    public init(name: String, sink: any ByteSink = StandardOutputSink.shared) {
        self.name = name
        self.sink = sink
        counters = OutputReport(name: name, type: "stdout", target: "stdout (jsonl)", files: [])
    }

    public func open() async throws {}

    public func write(_ batch: [Record]) async throws {
        guard counters.status == .open else { throw OutputError(.usage, output: name, "write called after commit") }
        buffer.removeAll(keepingCapacity: true)
        for record in batch {
            record.writeJSON(to: &buffer)
            buffer.append(0x0A)
        }
        do {
            try await sink.write(buffer)
        } catch {
            throw error.attributed(to: name)
        }
        counters.records += batch.count
        counters.delivered += batch.count
        counters.bytes += buffer.count
    }

    public func prepare() async throws {}

    public func commit() async throws {
        if counters.status == .open { counters.status = .committed }
    }

    public func abort() async {
        if counters.status == .open { counters.status = .aborted }
    }

    public func report() async -> OutputReport { counters }
}
