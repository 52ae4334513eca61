/// When and how often a failed request is tried again: capped exponential backoff with optional full jitter, an
/// overall deadline, and the set of failures worth retrying.
///
/// The policy is a value; `execute` runs an operation under it. Time and randomness come from a `RetryRuntime`, so
/// tests run in milliseconds without sleeping.
public struct RetryPolicy: Sendable, Hashable {
    public enum Jitter: String, Sendable, Hashable, Codable {
        /// A uniformly random delay between zero and the exponential bound ("full jitter").
        case full
        /// Exactly the exponential bound.
        case none
    }

    /// Attempts in all, the first included (1 = never retry).
    public var maxAttempts: Int
    public var initialDelay: Duration
    public var maxDelay: Duration
    public var multiplier: Double
    public var jitter: Jitter
    /// The longest the operation may take, retries and waits included; `nil` for no limit.
    public var deadline: Duration?
    /// The longest a server's `Retry-After` is honoured for; longer hints are capped to this.
    public var maxRetryAfter: Duration
    /// HTTP statuses that are retried (others fail at once).
    public var retryableStatuses: Set<Int>

    public static let defaultRetryableStatuses: Set<Int> = [429, 500, 502, 503, 504, 509]

    public init(
        maxAttempts: Int = 6, initialDelay: Duration = .seconds(1), maxDelay: Duration = .seconds(60),
        multiplier: Double = 2, jitter: Jitter = .full, deadline: Duration? = .seconds(900),
        maxRetryAfter: Duration = .seconds(300), retryableStatuses: Set<Int> = RetryPolicy.defaultRetryableStatuses
    ) {
        self.maxAttempts = max(1, maxAttempts)
        self.initialDelay = initialDelay
        self.maxDelay = maxDelay
        self.multiplier = max(1, multiplier)
        self.jitter = jitter
        self.deadline = deadline
        self.maxRetryAfter = maxRetryAfter
        self.retryableStatuses = retryableStatuses
    }

    /// A policy that never retries.
    public static let none = RetryPolicy(maxAttempts: 1)

    /// The exponential bound before retry number `retry` (1 for the first retry): `initial × multiplier^(retry-1)`,
    /// capped at `maxDelay`.
    public func backoffBound(beforeRetry retry: Int) -> Duration {
        let initial = initialDelay.seconds
        let bound = initial * pow(multiplier, Double(max(0, retry - 1)))
        return .seconds(min(bound, maxDelay.seconds))
    }

    /// The delay before retry number `retry`: the server's hint when there is one (capped), else the backoff.
    public func delay(beforeRetry retry: Int, retryAfter: Duration?, random: Double) -> Duration {
        if let retryAfter {
            return min(max(retryAfter, .zero), maxRetryAfter)
        }
        let bound = backoffBound(beforeRetry: retry)
        switch jitter {
        case .none: return bound
        case .full: return .seconds(bound.seconds * min(max(random, 0), 1))
        }
    }
}

extension Duration {
    /// The duration in seconds as a `Double`.
    public var seconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}

private func pow(_ base: Double, _ exponent: Double) -> Double {
    var result = 1.0
    var remaining = Int(exponent)
    while remaining > 0 {
        result *= base
        remaining -= 1
        if result > 1e12 { return result }
    }
    return result
}
