/// Durations as job files write them: an integer and a unit (`ms`, `s`, `m`, `h`, `d`), repeated (`1h30m`).
public enum DurationText {
    /// The JSON Schema pattern for the same grammar.
    public static let pattern = "^([0-9]+(ms|s|m|h|d))+$"

    public static func parse(_ text: String) -> Duration? {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty else { return nil }
        var index = 0
        var totalMilliseconds: Int64 = 0
        while index < bytes.count {
            var number: Int64 = 0
            let start = index
            while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
                let (times, overflow1) = number.multipliedReportingOverflow(by: 10)
                let (sum, overflow2) = times.addingReportingOverflow(Int64(bytes[index] - UInt8(ascii: "0")))
                guard !overflow1, !overflow2 else { return nil }
                number = sum
                index += 1
            }
            guard index > start, index < bytes.count else { return nil }
            let factor: Int64
            switch bytes[index] {
            case UInt8(ascii: "m"):
                if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "s") {
                    factor = 1
                    index += 1
                } else {
                    factor = 60_000
                }
            case UInt8(ascii: "s"): factor = 1000
            case UInt8(ascii: "h"): factor = 3_600_000
            case UInt8(ascii: "d"): factor = 86_400_000
            default: return nil
            }
            index += 1
            let (part, overflow1) = number.multipliedReportingOverflow(by: factor)
            let (sum, overflow2) = totalMilliseconds.addingReportingOverflow(part)
            guard !overflow1, !overflow2, sum < Int64.max / 1_000_000 else { return nil }
            totalMilliseconds = sum
        }
        return .milliseconds(totalMilliseconds)
    }

    /// The shortest text for a duration in the same units (`90m` → `1h30m`, `1500ms` → `1s500ms`).
    public static func format(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        var milliseconds = seconds * 1000 + attoseconds / 1_000_000_000_000_000
        if milliseconds == 0 { return "0s" }
        var text = milliseconds < 0 ? "-" : ""
        milliseconds = abs(milliseconds)
        for (unit, size) in [("d", Int64(86_400_000)), ("h", 3_600_000), ("m", 60_000), ("s", 1000), ("ms", 1)] {
            let count = milliseconds / size
            if count > 0 {
                text += "\(count)\(unit)"
                milliseconds -= count * size
            }
        }
        return text
    }
}

/// Sizes as job files write them: an integer and a unit, binary (`KiB`, `MiB`, `GiB`) or decimal (`KB`, `MB`, `GB`).
public enum SizeText {
    public static let pattern = "^[0-9]+(B|KiB|MiB|GiB|KB|MB|GB)$"

    public static func parse(_ text: String) -> Int64? {
        let digits = text.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, let number = Int64(digits) else { return nil }
        let factor: Int64
        switch text.dropFirst(digits.count) {
        case "B": factor = 1
        case "KiB": factor = 1024
        case "MiB": factor = 1024 * 1024
        case "GiB": factor = 1024 * 1024 * 1024
        case "KB": factor = 1000
        case "MB": factor = 1_000_000
        case "GB": factor = 1_000_000_000
        default: return nil
        }
        let (size, overflow) = number.multipliedReportingOverflow(by: factor)
        return overflow ? nil : size
    }
}
