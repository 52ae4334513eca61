import Foundation
import Transport

/// A DateTimeOffset as Graph writes it (`2026-01-31T07:28:00.8533333Z`), held exactly: seconds since the Unix epoch
/// and 100-nanosecond ticks (Graph's precision), so two timestamps compare exactly whatever their text looked like.
///
/// Written in UTC, with as many fraction digits as needed (none for a whole second): `2026-01-31T00:00:00Z`.
public struct ODataTimestamp: Sendable, Hashable, Comparable, CustomStringConvertible, Codable {
    public var seconds: Int64
    /// 0 ..< 10_000_000.
    public var ticks: Int32

    public init(seconds: Int64, ticks: Int32 = 0) {
        self.seconds = seconds
        self.ticks = ticks
    }

    public init(_ date: Date) {
        let interval = date.timeIntervalSince1970
        let whole = interval.rounded(.down)
        self.init(seconds: Int64(whole), ticks: Int32(min(9_999_999, ((interval - whole) * 1e7).rounded())))
    }

    public var date: Date { Date(timeIntervalSince1970: Double(seconds) + Double(ticks) / 1e7) }

    /// The timestamp `duration` before `now` (for `updated_since: 7d`), to the whole second.
    public static func ago(_ duration: Duration, now: Date = Date()) -> ODataTimestamp {
        ODataTimestamp(seconds: Int64((now.timeIntervalSince1970 - duration.seconds).rounded(.down)))
    }

    public static func < (lhs: ODataTimestamp, rhs: ODataTimestamp) -> Bool {
        (lhs.seconds, lhs.ticks) < (rhs.seconds, rhs.ticks)
    }

    /// `self` moved back by `duration` (the checkpoint's look-back), to the tick.
    public func subtracting(_ duration: Duration) -> ODataTimestamp {
        let totalTicks = seconds * 10_000_000 + Int64(ticks) - Int64((duration.seconds * 1e7).rounded())
        let (quotient, remainder) = totalTicks.quotientAndRemainder(dividingBy: 10_000_000)
        return remainder < 0
            ? ODataTimestamp(seconds: quotient - 1, ticks: Int32(remainder + 10_000_000))
            : ODataTimestamp(seconds: quotient, ticks: Int32(remainder))
    }

    /// Parses RFC 3339 / ISO 8601 with a zone (`Z` or `±hh:mm`) and up to 7 fraction digits (more are truncated).
    public init?(_ text: String) {
        var utf8 = Array(text.utf8)[...]
        func number(_ count: Int) -> Int? {
            guard utf8.count >= count else { return nil }
            var value = 0
            for byte in utf8.prefix(count) {
                guard byte >= 48 && byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            utf8 = utf8.dropFirst(count)
            return value
        }
        func expect(_ characters: String) -> Bool {
            guard let byte = utf8.first, characters.utf8.contains(byte) else { return false }
            utf8 = utf8.dropFirst()
            return true
        }
        guard let year = number(4), expect("-"), let month = number(2), expect("-"), let day = number(2),
            expect("Tt "), let hour = number(2), expect(":"), let minute = number(2), expect(":"),
            let second = number(2), (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60,
            second < 61
        else { return nil }
        var ticks = 0
        if utf8.first == UInt8(ascii: ".") {
            utf8 = utf8.dropFirst()
            var digits = 0
            while let byte = utf8.first, byte >= 48 && byte <= 57 {
                if digits < 7 { ticks = ticks * 10 + Int(byte - 48) }
                digits += 1
                utf8 = utf8.dropFirst()
            }
            guard digits > 0 else { return nil }
            for _ in min(digits, 7)..<7 { ticks *= 10 }
        }
        var offset = 0
        if expect("Zz") {
            offset = 0
        } else if let sign = utf8.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
            utf8 = utf8.dropFirst()
            guard let hours = number(2), expect(":"), let minutes = number(2) else { return nil }
            offset = (hours * 60 + minutes) * 60 * (sign == UInt8(ascii: "-") ? -1 : 1)
        } else {
            return nil
        }
        guard utf8.isEmpty else { return nil }
        let days = Self.daysFromCivil(year: year, month: month, day: day)
        let total = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + min(second, 59)) - Int64(offset)
        self.init(seconds: total, ticks: Int32(ticks))
    }

    public var description: String {
        let days =
            Int(seconds.quotientAndRemainder(dividingBy: 86_400).quotient)
            - (seconds < 0 && seconds % 86_400 != 0 ? 1 : 0)
        let secondOfDay = Int(seconds - Int64(days) * 86_400)
        let (year, month, day) = Self.civilFromDays(days)
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
        }
        var text = "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(secondOfDay / 3600, 2)):"
        text += "\(pad(secondOfDay / 60 % 60, 2)):\(pad(secondOfDay % 60, 2))"
        if ticks > 0 {
            var fraction = pad(Int(ticks), 7)
            while fraction.hasSuffix("0") { fraction.removeLast() }
            text += "." + fraction
        }
        return text + "Z"
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let value = ODataTimestamp(text) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "'\(text)' is not an RFC 3339 timestamp"))
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    // Howard Hinnant's algorithms (proleptic Gregorian calendar).
    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private static func civilFromDays(_ days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp + (mp < 10 ? 3 : -9)
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
