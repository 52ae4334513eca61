import Synchronization

/// A job's running counts, updated from its concurrent tasks.
final class JobCounters: Sendable {
    private struct State {
        var fetched: [String: Int] = [:]
        var pages: [String: Int] = [:]
        var retries = 0
        var emitted = 0
    }

    private let state = Mutex(State())

    /// Adds a page; returns the job's total fetched so far.
    func page(source: String, records: Int) -> Int {
        state.withLock { state in
            state.fetched[source, default: 0] += records
            state.pages[source, default: 0] += 1
            return state.fetched.values.reduce(0, +)
        }
    }

    func retry() {
        state.withLock { $0.retries += 1 }
    }

    func emitted(_ count: Int) {
        state.withLock { $0.emitted += count }
    }

    var retries: Int { state.withLock { $0.retries } }
    var emitted: Int { state.withLock { $0.emitted } }

    func fetched(source: String) -> Int { state.withLock { $0.fetched[source] ?? 0 } }
    func pages(source: String) -> Int { state.withLock { $0.pages[source] ?? 0 } }
}
