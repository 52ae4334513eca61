import Foundation
import Synchronization

/// Progress while a run goes: on a terminal one status line, rewritten in place, with each running job's records
/// and records per second; otherwise plain lines when a job starts and ends (log files and CI stay readable).
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

    public init(sink: LineSink = .standardError, isTerminal: Bool = isatty(STDERR_FILENO) == 1) {
        self.sink = sink
        self.isTerminal = isTerminal
    }

    public func handle(_ event: ProgressEvent) {
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
