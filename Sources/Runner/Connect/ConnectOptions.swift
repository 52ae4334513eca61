import Foundation
import Logging
import Transport

/// How `temsync connect` runs its checks.
public struct ConnectOptions: Sendable {
    /// Where secret references are resolved.
    public var environment: [String: String]
    public var logger: Logger
    /// For the token and the access requests: a few quick attempts for transient failures (throttling, 5xx, a
    /// dropped connection), never minutes of waiting — a check reports, it does not wait the problem out.
    public var retry: RetryPolicy
    /// Time and randomness of the retries (a fake in tests).
    public var retryRuntime: RetryRuntime
    /// The wall clock the token's `exp` is compared with.
    public var now: @Sendable () -> Date

    public static let defaultRetry = RetryPolicy(
        maxAttempts: 3, initialDelay: .milliseconds(500), maxDelay: .seconds(4), deadline: .seconds(30),
        maxRetryAfter: .seconds(10))

    public init(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        logger: Logger = Logger(label: "temsync"), retry: RetryPolicy = ConnectOptions.defaultRetry,
        retryRuntime: RetryRuntime = .live, now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.environment = environment
        self.logger = logger
        self.retry = retry
        self.retryRuntime = retryRuntime
        self.now = now
    }
}
