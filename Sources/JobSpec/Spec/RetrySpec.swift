import Diagnostics

/// Exponential backoff for transport errors, 429 and 5xx (`Retry-After` is honoured).
public struct RetrySpec: Sendable, Hashable {
    public enum Jitter: String, Sendable, Hashable, CaseIterable { case full, none }

    public var maxAttempts: Int
    public var initialDelay: Duration
    public var maxDelay: Duration
    public var multiplier: Double
    public var jitter: Jitter
    /// Overall, per request including its retries.
    public var deadline: Duration

    init(_ object: ValueObject) {
        maxAttempts = object.integer("max_attempts") ?? 6
        initialDelay = object.duration("initial_delay") ?? .seconds(1)
        maxDelay = object.duration("max_delay") ?? .seconds(60)
        multiplier = object.number("multiplier") ?? 2
        jitter = object.string("jitter").flatMap { Jitter(rawValue: $0.value) } ?? .full
        deadline = object.duration("deadline") ?? .seconds(900)
    }

    static let shape = ObjectShape(
        [
            Field("max_attempts", .integer(minimum: 1, maximum: 100), default: 6, "attempts per request, 1 to 100"),
            Field("initial_delay", .duration, default: "1s", "the first backoff delay"),
            Field("max_delay", .duration, default: "60s", "the longest backoff delay"),
            Field("multiplier", .number(minimum: 1), default: 2, "delay growth per attempt"),
            Field("jitter", .enumeration(EnumShape(Jitter.allCases.map(\.rawValue))), default: "full", "full or none"),
            Field("deadline", .duration, default: "15m", "overall time for a request and its retries"),
        ], summary: "the retry policy",
        rules: { object in
            guard let initial = object.duration("initial_delay"), let max = object.duration("max_delay"),
                initial > max, let entry = object.entry(object.isWritten("max_delay") ? "max_delay" : "initial_delay")
            else { return [] }
            return [
                .error(
                    "'max_delay' (\(DurationText.format(max))) is shorter than 'initial_delay' "
                        + "(\(DurationText.format(initial)))", at: entry.value.location)
            ]
        })
}

/// Where each run starts: the watermark of the last successful run.
public struct CheckpointSpec: Sendable, Hashable {
    public var enabled: Bool
    public var lookBack: Duration

    init(_ object: ValueObject) {
        enabled = object.boolean("enabled") ?? true
        lookBack = object.duration("look_back") ?? .zero
    }

    static let shape = ObjectShape(
        [
            Field("enabled", .boolean, default: true, "false: every run starts at updated_since"),
            Field("look_back", .duration, default: "0s", "re-read this much before the watermark, for late updates"),
        ], summary: "checkpoints")
}
