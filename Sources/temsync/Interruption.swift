import Dispatch
import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Runs an operation that SIGINT or SIGTERM cancels (cooperatively: fetching stops, outputs abort, no checkpoint is
/// committed). A second signal ends the process at once.
enum Interruption {
    /// `operation`'s result, and the signal's number when a signal cancelled it. `notice` writes a line for the user
    /// (on stderr, as text or JSON).
    static func run<T: Sendable>(
        notice: @escaping @Sendable (String) -> Void, _ operation: @escaping @Sendable () async -> T
    ) async -> (T, signal: Int32?) {
        let signals = AsyncStream<Int32> { continuation in
            var sources: [any DispatchSourceSignal] = []
            // Shared by both signals: SIGINT then SIGTERM insists as much as SIGINT twice.
            let seen = SeenSignal()
            for number in [SIGINT, SIGTERM] {
                signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
                source.setEventHandler {
                    if seen.state.withLock({ $0 }) {
                        // The second signal: the user insists.
                        notice("stopped at once")
                        exit(128 + number)
                    }
                    seen.state.withLock { $0 = true }
                    continuation.yield(number)
                }
                source.resume()
                sources.append(source)
            }
            let installed = InstalledSources(sources)
            continuation.onTermination = { _ in installed.cancel() }
        }
        return await withTaskGroup(of: Outcome<T>.self) { group in
            group.addTask { .finished(await operation()) }
            group.addTask {
                for await number in signals { return .signalled(number) }
                return .signalled(nil)
            }
            var received: Int32?
            while let outcome = await group.next() {
                switch outcome {
                case .signalled(let number):
                    guard let number else { continue }
                    received = number
                    notice("interrupted: stopping fetches and aborting outputs; no checkpoint moves")
                    group.cancelAll()
                case .finished(let value):
                    group.cancelAll()
                    return (value, received)
                }
            }
            fatalError("the operation's task always finishes")
        }
    }

    /// The signal sources, cancelled when the stream ends. Dispatch sources are thread-safe objects (cancel may be
    /// called from any thread), which is why this holder may cross into the termination handler.
    private final class InstalledSources: @unchecked Sendable {
        let sources: [any DispatchSourceSignal]
        init(_ sources: [any DispatchSourceSignal]) { self.sources = sources }
        func cancel() { sources.forEach { $0.cancel() } }
    }

    /// Whether a signal arrived already.
    private final class SeenSignal: Sendable {
        let state = Mutex(false)
    }

    private enum Outcome<T: Sendable>: Sendable {
        case finished(T)
        case signalled(Int32?)
    }
}
