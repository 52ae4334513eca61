import Foundation
import GraphSecurity
import Outputs
import Transport

/// One line that says why a job failed, from whatever error stopped it. Every error type of temsync describes
/// itself without secrets; this only picks the most useful description.
enum FailureText {
    static func describe(_ error: any Error) -> String {
        switch error {
        case let error as RetriesExhausted: return "\(error)"
        case let error as OutputFailures: return "\(error)"
        case let error as CustomStringConvertible: return error.description
        default: return "\(error)"
        }
    }
}

/// RFC 3339 timestamps in UTC with milliseconds, for reports and checkpoint files.
enum RFC3339Text {
    static func format(_ date: Date) -> String {
        date.formatted(
            .iso8601.year().month().day().dateSeparator(.dash).time(includingFractionalSeconds: true)
                .timeSeparator(.colon).timeZone(separator: .omitted))
    }

    static func now() -> String { format(Date()) }
}
