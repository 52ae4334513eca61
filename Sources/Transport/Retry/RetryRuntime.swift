/// Where a retry loop gets its time and randomness: the real clock in production, a recording fake in tests.
public struct RetryRuntime: Sendable {
    /// Waits for a duration (throws `CancellationError` when the task is cancelled).
    public var sleep: @Sendable (Duration) async throws -> Void
    /// A monotonic "now" for the deadline.
    public var now: @Sendable () -> ContinuousClock.Instant
    /// A uniform random number in 0…1 for jitter.
    public var random: @Sendable () -> Double

    public init(
        sleep: @escaping @Sendable (Duration) async throws -> Void,
        now: @escaping @Sendable () -> ContinuousClock.Instant,
        random: @escaping @Sendable () -> Double
    ) {
        self.sleep = sleep
        self.now = now
        self.random = random
    }

    /// The continuous clock and the system's random source.
    public static let live = RetryRuntime(
        sleep: { duration in try await Task.sleep(for: duration) },
        now: { ContinuousClock.now },
        random: { Double.random(in: 0...1) }
    )
}
