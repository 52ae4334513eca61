import Foundation

/// An instant as Graph writes it: 100-nanosecond ticks since 1970-01-01T00:00:00Z (the precision of .NET's
/// `DateTimeOffset`, which is why Graph shows up to seven fractional digits, e.g. `2021-04-27T12:19:27.7211305Z`).
public struct GraphTimestamp: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var ticks: Int64

    public static let ticksPerSecond: Int64 = 10_000_000

    public init(ticks: Int64) {
        self.ticks = ticks
    }

    public init(_ date: Date) {
        ticks = Int64((date.timeIntervalSince1970 * Double(Self.ticksPerSecond)).rounded())
    }

    public var date: Date { Date(timeIntervalSince1970: Double(ticks) / Double(Self.ticksPerSecond)) }

    public static func < (lhs: GraphTimestamp, rhs: GraphTimestamp) -> Bool { lhs.ticks < rhs.ticks }

    public func adding(seconds: Double) -> GraphTimestamp {
        GraphTimestamp(ticks: ticks + Int64(seconds * Double(Self.ticksPerSecond)))
    }

    public func adding(ticks delta: Int64) -> GraphTimestamp { GraphTimestamp(ticks: ticks + delta) }

    /// `yyyy-MM-ddTHH:mm:ss[.fffffff]Z` with trailing zeros of the fraction removed, as Graph writes it.
    public var description: String {
        var output: [UInt8] = []
        output.reserveCapacity(28)
        write(to: &output)
        return String(decoding: output, as: UTF8.self)
    }

    /// Appends the text of `description` (without quotes).
    public func write(to output: inout [UInt8]) {
        withText { output.append(contentsOf: $0) }
    }

    func write(to storage: ByteStorage) {
        withText { storage.append($0) }
    }

    /// The text, written into a stack buffer (at most 28 bytes: `yyyy-MM-ddTHH:mm:ss.fffffffZ`).
    private func withText(_ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        var scratch: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        withUnsafeMutableBytes(of: &scratch) { raw in
            let buffer = raw.bindMemory(to: UInt8.self)
            var count = 0
            func put(_ byte: UInt8) {
                buffer[count] = byte
                count += 1
            }
            func digits(_ value: Int, _ width: Int) {
                var rest = value
                for position in stride(from: count + width - 1, through: count, by: -1) {
                    buffer[position] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest % 10)
                    rest /= 10
                }
                count += width
            }
            let seconds =
                ticks >= 0 ? ticks / Self.ticksPerSecond : (ticks - Self.ticksPerSecond + 1) / Self.ticksPerSecond
            var fraction = Int(ticks - seconds * Self.ticksPerSecond)
            let days = Int(seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400)
            let secondOfDay = Int(seconds - Int64(days) * 86_400)
            let (year, month, day) = Self.civil(fromDays: days)
            digits(year, 4)
            put(UInt8(ascii: "-"))
            digits(month, 2)
            put(UInt8(ascii: "-"))
            digits(day, 2)
            put(UInt8(ascii: "T"))
            digits(secondOfDay / 3600, 2)
            put(UInt8(ascii: ":"))
            digits(secondOfDay / 60 % 60, 2)
            put(UInt8(ascii: ":"))
            digits(secondOfDay % 60, 2)
            if fraction > 0 {
                var width = 7
                while fraction % 10 == 0 {
                    fraction /= 10
                    width -= 1
                }
                put(UInt8(ascii: "."))
                digits(fraction, width)
            }
            put(UInt8(ascii: "Z"))
            body(UnsafeBufferPointer(rebasing: buffer[0..<count]))
        }
    }

    /// The format of Entra's `timestamp` member: `2016-01-09 02:02:12Z`.
    public var entraText: String {
        let text = GraphTimestamp(
            ticks: ticks - ((ticks % Self.ticksPerSecond) + Self.ticksPerSecond) % Self.ticksPerSecond
        )
        .description
        return text.replacingOccurrences(of: "T", with: " ")
    }

    /// The IMF-fixdate of HTTP (`Retry-After`, `Date`): `Thu, 28 May 2026 20:26:40 GMT`.
    public var httpDateText: String {
        let seconds = ticks >= 0 ? ticks / Self.ticksPerSecond : (ticks - Self.ticksPerSecond + 1) / Self.ticksPerSecond
        let days = Int(seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400)
        let secondOfDay = Int(seconds - Int64(days) * 86_400)
        let (year, month, day) = Self.civil(fromDays: days)
        let weekdays = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        var output: [UInt8] = Array("\(weekdays[((days % 7) + 7) % 7]), ".utf8)
        Self.digits(day, 2, &output)
        output.append(contentsOf: " \(months[month - 1]) ".utf8)
        Self.digits(year, 4, &output)
        output.append(UInt8(ascii: " "))
        Self.digits(secondOfDay / 3600, 2, &output)
        output.append(UInt8(ascii: ":"))
        Self.digits(secondOfDay / 60 % 60, 2, &output)
        output.append(UInt8(ascii: ":"))
        Self.digits(secondOfDay % 60, 2, &output)
        output.append(contentsOf: " GMT".utf8)
        return String(decoding: output, as: UTF8.self)
    }

    private static func digits(_ value: Int, _ width: Int, _ output: inout [UInt8]) {
        if width == 2 {
            output.append(UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: value / 10 % 10))
            output.append(UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: value % 10))
            return
        }
        var scratch: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &scratch) { buffer in
            var rest = value
            for position in stride(from: width - 1, through: 0, by: -1) {
                buffer[position] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest % 10)
                rest /= 10
            }
            output.append(contentsOf: buffer.prefix(width))
        }
    }

    // Howard Hinnant's days-from-civil algorithms (proleptic Gregorian calendar).
    static func civil(fromDays days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    static func days(fromCivil year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}

extension GraphTimestamp {
    /// Parses an OData `DateTimeOffset` literal: `2024-01-31T10:00:00Z`, with an optional fraction of up to seven
    /// digits (more are refused, as .NET refuses them) and `Z` or a `+hh:mm`/`-hh:mm` offset. Seconds may be omitted.
    public init?(parsing text: some StringProtocol) {
        let bytes = Array(text.utf8)
        var index = 0
        func number(_ count: Int) -> Int? {
            guard index + count <= bytes.count else { return nil }
            var value = 0
            for offset in 0..<count {
                let byte = bytes[index + offset]
                guard byte >= 0x30 && byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            index += count
            return value
        }
        func expect(_ character: Character) -> Bool {
            guard index < bytes.count, bytes[index] == character.asciiValue else { return false }
            index += 1
            return true
        }
        guard let year = number(4), expect("-"), let month = number(2), expect("-"), let day = number(2),
            index < bytes.count, bytes[index] == UInt8(ascii: "T") || bytes[index] == UInt8(ascii: "t")
        else { return nil }
        index += 1
        guard let hour = number(2), expect(":"), let minute = number(2) else { return nil }
        var second = 0
        var fractionTicks: Int64 = 0
        if expect(":") {
            guard let value = number(2) else { return nil }
            second = value
            if expect(".") {
                var digits = 0
                var value: Int64 = 0
                while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 {
                    digits += 1
                    guard digits <= 7 else { return nil }
                    value = value * 10 + Int64(bytes[index] - 0x30)
                    index += 1
                }
                guard digits > 0 else { return nil }
                for _ in digits..<7 { value *= 10 }
                fractionTicks = value
            }
        }
        var offsetSeconds = 0
        if expect("Z") || expect("z") {
            offsetSeconds = 0
        } else if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
            let sign = bytes[index] == UInt8(ascii: "-") ? -1 : 1
            index += 1
            guard let hours = number(2), expect(":"), let minutes = number(2), hours < 24, minutes < 60 else {
                return nil
            }
            offsetSeconds = sign * (hours * 3600 + minutes * 60)
        } else {
            return nil
        }
        guard index == bytes.count, (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60,
            second < 60
        else { return nil }
        let (checkYear, checkMonth, checkDay) = Self.civil(fromDays: Self.days(fromCivil: year, month, day))
        guard checkYear == year, checkMonth == month, checkDay == day else { return nil }
        let seconds =
            Int64(Self.days(fromCivil: year, month, day)) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
            - Int64(offsetSeconds)
        ticks = seconds * Self.ticksPerSecond + fractionTicks
    }
}
