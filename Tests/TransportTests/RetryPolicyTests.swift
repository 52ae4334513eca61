import Foundation
import Synchronization
import Testing

@testable import Transport

/// A fake runtime: sleeping advances a virtual clock instantly and is recorded.
final class VirtualTime: Sendable {
    private let state = Mutex<(elapsed: Duration, sleeps: [Duration])>((.zero, []))
    private let origin = ContinuousClock.now
    let randomValue: Double

    init(random: Double = 0.5) {
        randomValue = random
    }

    var sleeps: [Duration] { state.withLock { $0.sleeps } }

    var runtime: RetryRuntime {
        RetryRuntime(
            sleep: { duration in
                self.state.withLock {
                    $0.elapsed += duration; $0.sleeps.append(duration)
                }
            },
            now: { self.origin + self.state.withLock { $0.elapsed } },
            random: { self.randomValue }
        )
    }
}

struct Flaky: RetryClassifiable, CustomStringConvertible {
    var disposition: RetryDisposition
    func retryDisposition(under policy: RetryPolicy) -> RetryDisposition { disposition }
    var description: String { "flaky failure" }
}

@Suite struct RetryPolicyTests {
    @Test func backoffGrowsExponentiallyAndIsCapped() {
        let policy = RetryPolicy(initialDelay: .seconds(1), maxDelay: .seconds(5), multiplier: 2, jitter: .none)
        let delays = (1...5).map { policy.delay(beforeRetry: $0, retryAfter: nil, random: 0.3) }
        #expect(delays == [.seconds(1), .seconds(2), .seconds(4), .seconds(5), .seconds(5)])
    }

    @Test func fullJitterScalesTheBound() {
        let policy = RetryPolicy(initialDelay: .seconds(2), jitter: .full)
        #expect(policy.delay(beforeRetry: 2, retryAfter: nil, random: 0.25) == .seconds(1))
    }

    @Test func retryAfterWinsAndIsCapped() {
        let policy = RetryPolicy(maxRetryAfter: .seconds(30))
        #expect(policy.delay(beforeRetry: 1, retryAfter: .milliseconds(2128), random: 0) == .milliseconds(2128))
        #expect(policy.delay(beforeRetry: 1, retryAfter: .seconds(600), random: 0) == .seconds(30))
    }

    @Test func retriesUntilSuccessHonouringHints() async throws {
        let time = VirtualTime()
        let policy = RetryPolicy(maxAttempts: 5, initialDelay: .seconds(1), jitter: .none)
        var events: [Int] = []
        let result = try await policy.execute(runtime: time.runtime, onRetry: { events.append($0.failedAttempt) }) {
            attempt in
            if attempt == 1 { throw Flaky(disposition: .retry(after: .milliseconds(2128))) }
            if attempt == 2 { throw Flaky(disposition: .retry(after: nil)) }
            return attempt
        }
        #expect(result == 3)
        #expect(events == [1, 2])
        #expect(time.sleeps == [.milliseconds(2128), .seconds(2)])
    }

    @Test func permanentFailuresAreNotRetried() async {
        let time = VirtualTime()
        var attempts = 0
        await #expect(throws: Flaky.self) {
            try await RetryPolicy().execute(runtime: time.runtime) { _ in
                attempts += 1
                throw Flaky(disposition: .fail)
            }
        }
        #expect(attempts == 1)
        #expect(time.sleeps.isEmpty)
    }

    @Test func exhaustsAfterMaxAttempts() async throws {
        let time = VirtualTime()
        let policy = RetryPolicy(maxAttempts: 3, jitter: .none)
        do {
            _ = try await policy.execute(runtime: time.runtime) { _ -> Int in
                throw Flaky(disposition: .retry(after: nil))
            }
            Issue.record("expected failure")
        } catch let error as RetriesExhausted {
            #expect(error.attempts == 3)
            #expect(!error.deadlineReached)
            #expect("\(error)" == "gave up after 3 attempts (no attempts were left): flaky failure")
        }
        #expect(time.sleeps == [.seconds(1), .seconds(2)])
    }

    @Test func stopsAtTheDeadline() async throws {
        let time = VirtualTime()
        let policy = RetryPolicy(maxAttempts: 100, initialDelay: .seconds(10), jitter: .none, deadline: .seconds(25))
        do {
            _ = try await policy.execute(runtime: time.runtime) { _ -> Int in
                throw Flaky(disposition: .retry(after: nil))
            }
            Issue.record("expected failure")
        } catch let error as RetriesExhausted {
            #expect(error.deadlineReached)
            #expect(error.attempts == 2)
        }
        #expect(time.sleeps == [.seconds(10)])
    }

    @Test func parsesRetryAfterForms() {
        let now = Date(timeIntervalSince1970: 1_445_412_480)  // Wed, 21 Oct 2015 07:28:00 GMT
        #expect(RetryAfter.parse("120", now: now) == .seconds(120))
        #expect(RetryAfter.parse("2.128", now: now) == .milliseconds(2128))
        #expect(RetryAfter.parse("Wed, 21 Oct 2015 07:28:30 GMT", now: now) == .seconds(30))
        #expect(RetryAfter.parse("Wednesday, 21-Oct-15 07:28:10 GMT", now: now) == .seconds(10))
        #expect(RetryAfter.parse("Wed Oct 21 07:28:05 2015", now: now) == .seconds(5))
        #expect(RetryAfter.parse("Wed, 21 Oct 2015 07:00:00 GMT", now: now) == .zero)
        #expect(RetryAfter.parse("soon", now: now) == nil)
        #expect(RetryAfter.parse(nil, now: now) == nil)
    }

    @Test func secretsNeverPrint() {
        let secret = Secret("s3cr3t-value")
        #expect("\(secret)" == "<redacted>")
        #expect(String(reflecting: secret) == "<redacted>")
        #expect(secret.reveal() == "s3cr3t-value")
    }
}
