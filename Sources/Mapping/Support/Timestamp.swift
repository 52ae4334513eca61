import Foundation

/// An instant in UTC with nanosecond precision, parsed from and written as ISO 8601 / RFC 3339 without Foundation's
/// date formatters (which cost microseconds per call on the hot path).
///
/// Graph writes `2021-04-27T12:19:27.7211305Z` (seven fraction digits, always `Z`); the parser also takes an offset
/// (`+02:00`, `+0200`, `+02`), lowercase `t`/`z`, a space for `T`, no seconds, any number of fraction digits (kept to
/// nanoseconds), a date alone (midnight UTC) and no zone at all (read as UTC, which is what Graph means).
struct Timestamp: Sendable, Hashable, Comparable {
    /// Seconds since 1970-01-01T00:00:00Z.
    var seconds: Int64
    /// 0 ..< 1_000_000_000.
    var nanoseconds: Int32

    init(seconds: Int64, nanoseconds: Int32 = 0) {
        self.seconds = seconds
        self.nanoseconds = nanoseconds
    }

    static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        (lhs.seconds, lhs.nanoseconds) < (rhs.seconds, rhs.nanoseconds)
    }

    var date: Date {
        Date(timeIntervalSince1970: Double(seconds) + Double(nanoseconds) / 1e9)
    }

    init(date: Date) {
        let interval = date.timeIntervalSince1970
        let whole = interval.rounded(.down)
        self.init(seconds: Int64(whole), nanoseconds: Int32(min(999_999_999, ((interval - whole) * 1e9).rounded())))
    }

    /// Unix time in whole seconds (rounded down).
    var unixSeconds: Int64 { seconds }

    /// Unix time in whole milliseconds (rounded down).
    var unixMilliseconds: Int64 { seconds * 1000 + Int64(nanoseconds / 1_000_000) }

    // MARK: parsing

    init?(iso8601 text: String) {
        var text = text
        guard let value = text.withUTF8({ Timestamp.parse($0) }) else { return nil }
        self = value
    }

    // swiftlint-style complexity is deliberate here: one pass over the bytes, no allocation.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Timestamp? {
        var index = 0
        let count = bytes.count

        func digits(_ n: Int) -> Int? {
            guard index + n <= count else { return nil }
            var value = 0
            for offset in 0..<n {
                let digit = Int(bytes[index + offset]) &- 48
                guard digit >= 0, digit <= 9 else { return nil }
                value = value * 10 + digit
            }
            index += n
            return value
        }
        func take(_ byte: UInt8) -> Bool {
            guard index < count, bytes[index] == byte else { return false }
            index += 1
            return true
        }

        guard let year = digits(4), take(UInt8(ascii: "-")), let month = digits(2), take(UInt8(ascii: "-")),
            let day = digits(2)
        else { return nil }
        guard (1...12).contains(month), day >= 1, day <= daysInMonth(year: year, month: month) else { return nil }
        var hour = 0
        var minute = 0
        var second = 0
        var nanos = 0
        var offsetSeconds = 0
        if index < count {
            let separator = bytes[index]
            guard separator == UInt8(ascii: "T") || separator == UInt8(ascii: "t") || separator == UInt8(ascii: " ")
            else { return nil }
            index += 1
            guard let h = digits(2), take(UInt8(ascii: ":")), let m = digits(2) else { return nil }
            hour = h
            minute = m
            if take(UInt8(ascii: ":")) {
                guard let s = digits(2) else { return nil }
                second = s
                if index < count, bytes[index] == UInt8(ascii: ".") || bytes[index] == UInt8(ascii: ",") {
                    index += 1
                    var scale = 100_000_000
                    var any = false
                    while index < count, bytes[index] >= 48, bytes[index] <= 57 {
                        nanos += Int(bytes[index] - 48) * scale
                        scale /= 10
                        index += 1
                        any = true
                    }
                    guard any else { return nil }
                }
            }
            guard hour <= 23, minute <= 59, second <= 60 else { return nil }
            if second == 60 {  // a leap second: the last instant of the minute
                second = 59
                nanos = 999_999_999
            }
            if index < count {
                let zone = bytes[index]
                index += 1
                if zone == UInt8(ascii: "Z") || zone == UInt8(ascii: "z") {
                    // UTC
                } else if zone == UInt8(ascii: "+") || zone == UInt8(ascii: "-") {
                    guard let zh = digits(2), zh <= 23 else { return nil }
                    var zm = 0
                    if take(UInt8(ascii: ":")) {
                        guard let value = digits(2) else { return nil }
                        zm = value
                    } else if index < count {
                        guard let value = digits(2) else { return nil }
                        zm = value
                    }
                    guard zm <= 59 else { return nil }
                    offsetSeconds = (zh * 3600 + zm * 60) * (zone == UInt8(ascii: "+") ? 1 : -1)
                } else {
                    return nil
                }
            }
        }
        guard index == count else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        let seconds = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second) - Int64(offsetSeconds)
        return Timestamp(seconds: seconds, nanoseconds: Int32(nanos))
    }

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func civilFromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    // MARK: writing

    /// `YYYY-MM-DDTHH:MM:SS[.fraction]Z` in UTC; the fraction has no trailing zeros and is absent when zero.
    var iso8601: String {
        let days = Int(seconds.floorDivided(by: 86_400))
        let secondOfDay = Int(seconds - Int64(days) * 86_400)
        let (year, month, day) = Self.civilFromDays(days)
        var fraction = Int(nanoseconds)
        var fractionWidth = 0
        if fraction > 0 {
            fractionWidth = 9
            while fraction % 10 == 0 {
                fraction /= 10
                fractionWidth -= 1
            }
        }
        let yearWidth = year >= 0 && year <= 9999 ? 4 : String(year).utf8.count
        let length = yearWidth + 16 + (fractionWidth > 0 ? fractionWidth + 1 : 0)
        return String(unsafeUninitializedCapacity: length) { out in
            var position = 0
            func put(_ value: Int, width: Int) {
                var rest = value
                for offset in stride(from: width - 1, through: 0, by: -1) {
                    out[position + offset] = UInt8(48 + rest % 10)
                    rest /= 10
                }
                position += width
            }
            func put(_ byte: UInt8) {
                out[position] = byte
                position += 1
            }
            if yearWidth == 4 {
                put(year, width: 4)
            } else {
                for byte in String(year).utf8 { put(byte) }
            }
            put(UInt8(ascii: "-"))
            put(month, width: 2)
            put(UInt8(ascii: "-"))
            put(day, width: 2)
            put(UInt8(ascii: "T"))
            put(secondOfDay / 3600, width: 2)
            put(UInt8(ascii: ":"))
            put(secondOfDay / 60 % 60, width: 2)
            put(UInt8(ascii: ":"))
            put(secondOfDay % 60, width: 2)
            if fractionWidth > 0 {
                put(UInt8(ascii: "."))
                put(fraction, width: fractionWidth)
            }
            put(UInt8(ascii: "Z"))
            return position
        }
    }
}

extension Int64 {
    fileprivate func floorDivided(by divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
