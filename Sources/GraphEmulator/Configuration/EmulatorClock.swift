import Foundation
import Synchronization

/// The emulator's "now". `system` is the wall clock; tests use a `ManualClock` they advance, so that a token
/// expires or a budget window passes without sleeping.
public struct EmulatorClock: Sendable {
    private let source: @Sendable () -> Date

    public init(_ now: @escaping @Sendable () -> Date) {
        source = now
    }

    public static let system = EmulatorClock { Date() }

    public static func manual(_ clock: ManualClock) -> EmulatorClock {
        EmulatorClock { clock.now }
    }

    public func now() -> Date { source() }
}

/// A clock that moves only when told to.
public final class ManualClock: Sendable {
    private let current: Mutex<Date>

    public init(_ start: Date) {
        current = Mutex(start)
    }

    public var now: Date { current.withLock { $0 } }

    public func advance(by seconds: TimeInterval) {
        current.withLock { $0 = $0.addingTimeInterval(seconds) }
    }

    public func set(_ date: Date) {
        current.withLock { $0 = date }
    }
}
