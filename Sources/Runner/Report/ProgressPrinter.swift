import Foundation
import Synchronization

/// Progress while a run goes: on a terminal one status line, rewritten in place, with each running job's records
/// and records per second; otherwise plain lines when a job starts and ends (log files and CI stay readable), or,
/// with `--log-format json`, JSON log lines like every other line on stderr.
public final class ProgressPrinter: Sendable {
    private struct State {
        var started: [String: ContinuousClock.Instant] = [:]
        var fetched: [String: Int] = [:]
        var order: [String] = []
        var lastDraw = ContinuousClock.now - .seconds(1)
        var drawn = false
    }

    private let state = Mutex(State())
    private let sink: LineSink
    private let isTerminal: Bool
    private let format: LineLogHandler.Format

    public init(
        sink: LineSink = .standardError, isTerminal: Bool = isatty(STDERR_FILENO) == 1,
        format: LineLogHandler.Format = .text
    ) {
        self.sink = sink
        // A status line rewritten in place is for people; JSON lines are for shippers, terminal or not.
        self.isTerminal = isTerminal && format == .text
        self.format = format
    }

    public func handle(_ event: ProgressEvent) {
        if format == .json {
            switch event {
            case .jobStarted(let job):
                sink.write(
                    LineLogHandler.jsonLine(level: .info, message: "job started", fields: ["job.name": .string(job)]))
            case .fetched: break
            case .jobFinished(let result):
                sink.write(
                    LineLogHandler.jsonLine(
                        level: result.status == .succeeded ? .info : .error, message: "job finished",
                        fields: [
                            "job.name": .string(result.job), "job.status": .string(result.status.rawValue),
                            "job.fetched": .int(result.fetched), "job.emitted": .int(result.emitted),
                        ]))
            }
            return
        }
        switch event {
        case .jobStarted(let job):
            let now = ContinuousClock.now
            state.withLock { state in
                state.started[job] = now
                state.fetched[job] = 0
                state.order.append(job)
            }
            if isTerminal { draw(force: true) } else { sink.write("job \(job): started\n") }
        case .fetched(let job, let records):
            state.withLock { $0.fetched[job] = records }
            if isTerminal { draw(force: false) }
        case .jobFinished(let result):
            state.withLock { state in
                state.order.removeAll { $0 == result.job }
                state.fetched[result.job] = nil
            }
            if isTerminal {
                clear()
                draw(force: true)
            } else {
                sink.write(
                    "job \(result.job): \(result.status.rawValue), fetched \(result.fetched), emitted \(result.emitted)\n"
                )
            }
        }
    }

    /// Removes the status line (before the summary is printed).
    public func finish() {
        if isTerminal { clear() }
    }

    private func clear() {
        let drawn = state.withLock { state in
            defer { state.drawn = false }
            return state.drawn
        }
        if drawn { sink.write("\r\u{1B}[2K") }
    }

    private func draw(force: Bool) {
        let now = ContinuousClock.now
        let line: String? = state.withLock { state in
            guard force || now - state.lastDraw >= .milliseconds(200) else { return nil }
            state.lastDraw = now
            guard !state.order.isEmpty else { return nil }
            state.drawn = true
            return state.order.map { job in
                let fetched = state.fetched[job] ?? 0
                let elapsed = state.started[job].map { (now - $0).seconds } ?? 0
                let rate = elapsed > 0.5 ? " (\(Int(Double(fetched) / elapsed))/s)" : ""
                return "\(job): \(fetched)\(rate)"
            }.joined(separator: " | ")
        }
        if let line { sink.write("\r\u{1B}[2K" + String(line.prefix(200))) }
    }
}
