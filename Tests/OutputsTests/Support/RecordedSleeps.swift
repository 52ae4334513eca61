import Synchronization
import Transport

/// A retry runtime that does not wait: it records each delay the policy asked for.
final class RecordedSleeps: Sendable {
    private let delays = Mutex<[Duration]>([])

    var all: [Duration] { delays.withLock { $0 } }

    var runtime: RetryRuntime {
        RetryRuntime(
            sleep: { duration in self.delays.withLock { $0.append(duration) } },
            now: { ContinuousClock.now }, random: { 0.5 })
    }
}
