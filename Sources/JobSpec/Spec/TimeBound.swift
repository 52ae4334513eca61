import Foundation

/// A point in time given as an age (`7d`: seven days before the run starts) or as a timestamp.
public enum TimeBound: Sendable, Hashable, CustomStringConvertible {
    case ago(Duration)
    case at(Date)

    /// The instant for a run that starts at `now`.
    public func resolved(now: Date) -> Date {
        switch self {
        case .ago(let duration):
            let (seconds, attoseconds) = duration.components
            return now.addingTimeInterval(-(Double(seconds) + Double(attoseconds) / 1e18))
        case .at(let date): return date
        }
    }

    public var description: String {
        switch self {
        case .ago(let duration): "\(DurationText.format(duration)) ago"
        case .at(let date): RFC3339.format(date)
        }
    }
}
