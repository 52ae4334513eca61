/// What a failure means for the retry loop. Errors opt in by conforming to `RetryClassifiable`; any other error
/// (and cancellation) fails at once.
public enum RetryDisposition: Sendable, Hashable {
    /// Worth another attempt; `after` is the server's hint (`Retry-After`), if it gave one.
    case retry(after: Duration?)
    /// Permanent: retrying would give the same answer (a 400, a 403, a bad secret…).
    case fail
}

/// An error that knows whether trying again may help.
public protocol RetryClassifiable: Error {
    func retryDisposition(under policy: RetryPolicy) -> RetryDisposition
}

/// One retry about to happen, for logs and run counters.
public struct RetryEvent: Sendable {
    /// The attempt that failed (1 = the first).
    public var failedAttempt: Int
    public var delay: Duration
    public var error: any Error
}

/// The operation kept failing with retryable errors until the attempts or the deadline ran out.
public struct RetriesExhausted: Error, CustomStringConvertible {
    public var attempts: Int
    /// `true` when the overall deadline stopped the retries before `maxAttempts` was reached.
    public var deadlineReached: Bool
    public var lastError: any Error

    public var description: String {
        let reason = deadlineReached ? "the retry deadline was reached" : "no attempts were left"
        return "gave up after \(attempts) attempt\(attempts == 1 ? "" : "s") (\(reason)): \(lastError)"
    }
}

extension RetryPolicy {
    /// Runs `operation` until it succeeds, fails permanently, or the attempts or deadline run out.
    ///
    /// - Parameters:
    ///   - runtime: time and randomness (inject a fake in tests).
    ///   - onRetry: called before each wait, for logging and counting.
    ///   - operation: receives the attempt number (1-based).
    /// - Throws: the operation's error when it is permanent (or not `RetryClassifiable`), `CancellationError` when
    ///   cancelled, `RetriesExhausted` when retries ran out.
    public func execute<T: Sendable>(
        runtime: RetryRuntime = .live,
        onRetry: (RetryEvent) -> Void = { _ in },
        _ operation: (Int) async throws -> T
    ) async throws -> T {
        let start = runtime.now()
        var attempt = 1
        while true {
            try Task.checkCancellation()
            do {
                return try await operation(attempt)
            } catch let error as CancellationError {
                throw error
            } catch {
                guard let classifiable = error as? any RetryClassifiable,
                    case .retry(let retryAfter) = classifiable.retryDisposition(under: self)
                else { throw error }
                guard attempt < maxAttempts else {
                    throw RetriesExhausted(attempts: attempt, deadlineReached: false, lastError: error)
                }
                let delay = self.delay(beforeRetry: attempt, retryAfter: retryAfter, random: runtime.random())
                if let deadline, runtime.now() + delay - start > deadline {
                    throw RetriesExhausted(attempts: attempt, deadlineReached: true, lastError: error)
                }
                onRetry(RetryEvent(failedAttempt: attempt, delay: delay, error: error))
                try await runtime.sleep(delay)
                attempt += 1
            }
        }
    }
}
