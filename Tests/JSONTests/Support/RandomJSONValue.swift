@testable import JSON

/// Random `JSON` values for round-trip and writer tests: every kind, strings with every control character, quotes,
/// backslashes, non-ASCII and non-BMP scalars, doubles of every magnitude, objects that share shapes.
struct RandomJSONValue {
    var random: SeededGenerator
    var maximumDepth = 5

    init(seed: UInt64) {
        random = SeededGenerator(seed: seed)
    }

    mutating func value(depth: Int = 0) -> JSON {
        let choice =
            depth >= maximumDepth ? Int.random(in: 2..<9, using: &random) : Int.random(in: 0..<9, using: &random)
        switch choice {
        case 0: return .object(object(depth: depth + 1))
        case 1: return .array((0..<Int.random(in: 0...6, using: &random)).map { _ in value(depth: depth + 1) })
        case 2, 3: return .string(string())
        case 4: return .int(integer())
        case 5: return .double(double())
        case 6: return .bool(Bool.random(using: &random))
        case 7: return .null
        default: return .string(["", "a", "é", "\u{212A}", "K", "exactly 16 bytes"].randomElement(using: &random)!)
        }
    }

    mutating func object(depth: Int) -> JSONObject {
        var object = JSONObject()
        for _ in 0..<Int.random(in: 0...8, using: &random) {
            let key = Bool.random(using: &random) ? RandomJSONText.trickyKeys.randomElement(using: &random)! : string()
            object[key] = value(depth: depth)
        }
        return object
    }

    mutating func string() -> String {
        var scalars = String.UnicodeScalarView()
        for _ in 0..<[0, 1, 5, 15, 16, 17, 40, 300].randomElement(using: &random)! {
            switch Int.random(in: 0..<10, using: &random) {
            case 0: scalars.append(Unicode.Scalar(UInt8.random(in: 0...0x1F, using: &random)))
            case 1: scalars.append(["\"", "\\", "/", "\u{7F}"].randomElement(using: &random)!)
            case 2: scalars.append(Unicode.Scalar(UInt32.random(in: 0x80...0xD7FF, using: &random))!)
            case 3: scalars.append(Unicode.Scalar(UInt32.random(in: 0x1_0000...0x10_FFFF, using: &random))!)
            default: scalars.append(Unicode.Scalar(UInt8.random(in: 0x20...0x7E, using: &random)))
            }
        }
        return String(scalars)
    }

    /// Not `Int.min`: the parser reads "-9223372036854775808" as a double (it accumulates the magnitude, which
    /// overflows), as it always has.
    mutating func integer() -> Int {
        [0, 1, -1, 9, 10, -10, 123_456_789, Int.max, Int.min + 1, Int.random(in: (.min + 1) ... .max, using: &random)]
            .randomElement(using: &random)!
    }

    mutating func double() -> Double {
        let magnitudes: [Double] = [0, 1, 1e-300, 1e-7, 0.1, 1.5, 1e14, 999_999_999_999_999, 1e15, 1e16, 1e300]
        let value = magnitudes.randomElement(using: &random)! * Double.random(in: 0.5...2, using: &random)
        return [value, -value, value.rounded(), 0, -0.0].randomElement(using: &random)!
    }
}
