import Foundation
import Synchronization
import Transport

/// A retry runtime whose sleeps return at once and advance a virtual clock (recorded), so retry and token-expiry
/// tests run in milliseconds and can assert the delays that were asked for.
final class VirtualTime: Sendable {
    private let state = Mutex<(elapsed: Duration, sleeps: [Duration])>((.zero, []))
    private let origin = ContinuousClock.now
    let randomValue: Double

    init(random: Double = 0.5) {
        randomValue = random
    }

    var sleeps: [Duration] { state.withLock { $0.sleeps } }

    func advance(by duration: Duration) {
        state.withLock { $0.elapsed += duration }
    }

    var runtime: RetryRuntime {
        RetryRuntime(
            sleep: { duration in
                try Task.checkCancellation()
                self.state.withLock {
                    $0.elapsed += duration
                    $0.sleeps.append(duration)
                }
            },
            now: { self.origin + self.state.withLock { $0.elapsed } },
            random: { self.randomValue })
    }
}
