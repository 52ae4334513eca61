@testable import JSON

/// The parser as it was before the performance work (commit b23ce2b), kept verbatim as the oracle of the
/// differential tests: the fast parser must return the same values, in the same key order, and the same errors.
extension ReferenceJSONParser {
    static func parse(_ text: [UInt8], options: JSONParseOptions = .init()) -> Result<JSON, JSONParseError> {
        text.withUnsafeBufferPointer { buffer in
            var parser = ReferenceJSONParser(buffer: buffer, options: options)
            do throws(JSONParseError) {
                parser.skipWhitespace()
                let value = try parser.parseValue(depth: 0)
                parser.skipWhitespace()
                if parser.index != buffer.count { throw parser.error("unexpected content after the value") }
                return .success(value)
            } catch {
                return .failure(error)
            }
        }
    }
}

struct ReferenceJSONParser {
    let buffer: UnsafeBufferPointer<UInt8>
    let options: JSONParseOptions
    var index = 0

    init(buffer: UnsafeBufferPointer<UInt8>, options: JSONParseOptions) {
        self.buffer = buffer
        self.options = options
    }

    func error(_ reason: String, at offset: Int? = nil) -> JSONParseError {
        let offset = min(offset ?? index, buffer.count)
        var line = 1
        var lineStart = 0
        for position in 0..<offset where buffer[position] == UInt8(ascii: "\n") {
            line += 1
            lineStart = position + 1
        }
        return JSONParseError(offset: offset, line: line, column: offset - lineStart + 1, reason: reason)
    }

    mutating func skipWhitespace() {
        while index < buffer.count {
            switch buffer[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }

    mutating func parseValue(depth: Int) throws(JSONParseError) -> JSON {
        guard index < buffer.count else { throw error("unexpected end of input") }
        switch buffer[index] {
        case UInt8(ascii: "{"): return try parseObject(depth: depth + 1)
        case UInt8(ascii: "["): return try parseArray(depth: depth + 1)
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"):
            try expectLiteral("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try expectLiteral("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try expectLiteral("null")
            return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return try parseNumber()
        default:
            throw error("unexpected character '\(Self.printable(buffer[index]))'")
        }
    }

    static func printable(_ byte: UInt8) -> String {
        byte >= 0x20 && byte < 0x7F ? String(UnicodeScalar(byte)) : "\\u{\(String(byte, radix: 16))}"
    }

    mutating func expectLiteral(_ literal: StaticString) throws(JSONParseError) {
        let count = literal.utf8CodeUnitCount
        guard index + count <= buffer.count else { throw error("unexpected end of input") }
        let start = literal.utf8Start
        for offset in 0..<count where buffer[index + offset] != start[offset] {
            throw error("invalid literal")
        }
        index += count
    }

    mutating func parseObject(depth: Int) throws(JSONParseError) -> JSON {
        guard depth <= options.maxDepth else { throw error("nesting deeper than \(options.maxDepth) levels") }
        index += 1  // {
        var keys: [String] = []
        var values: [JSON] = []
        skipWhitespace()
        if index < buffer.count, buffer[index] == UInt8(ascii: "}") {
            index += 1
            return .object(JSONObject())
        }
        while true {
            skipWhitespace()
            guard index < buffer.count else { throw error("unexpected end of input in an object") }
            if buffer[index] == UInt8(ascii: "}"), options.allowTrailingCommas, !keys.isEmpty {
                index += 1
                break
            }
            guard buffer[index] == UInt8(ascii: "\"") else { throw error("expected a string key") }
            let key = try parseString()
            skipWhitespace()
            guard index < buffer.count, buffer[index] == UInt8(ascii: ":") else { throw error("expected ':'") }
            index += 1
            skipWhitespace()
            let value = try parseValue(depth: depth)
            if let existing = keys.firstIndex(of: key) {
                values[existing] = value
            } else {
                keys.append(key)
                values.append(value)
            }
            skipWhitespace()
            guard index < buffer.count else { throw error("unexpected end of input in an object") }
            let byte = buffer[index]
            index += 1
            if byte == UInt8(ascii: ",") { continue }
            if byte == UInt8(ascii: "}") { break }
            throw error("expected ',' or '}'", at: index - 1)
        }
        return .object(JSONObject(uniqueKeys: keys, values: values))
    }

    mutating func parseArray(depth: Int) throws(JSONParseError) -> JSON {
        guard depth <= options.maxDepth else { throw error("nesting deeper than \(options.maxDepth) levels") }
        index += 1  // [
        var elements: [JSON] = []
        skipWhitespace()
        if index < buffer.count, buffer[index] == UInt8(ascii: "]") {
            index += 1
            return .array(elements)
        }
        while true {
            skipWhitespace()
            if index < buffer.count, buffer[index] == UInt8(ascii: "]"), options.allowTrailingCommas,
                !elements.isEmpty
            {
                index += 1
                break
            }
            elements.append(try parseValue(depth: depth))
            skipWhitespace()
            guard index < buffer.count else { throw error("unexpected end of input in an array") }
            let byte = buffer[index]
            index += 1
            if byte == UInt8(ascii: ",") { continue }
            if byte == UInt8(ascii: "]") { break }
            throw error("expected ',' or ']'", at: index - 1)
        }
        return .array(elements)
    }

    mutating func parseString() throws(JSONParseError) -> String {
        let start = index + 1
        var position = start
        // Fast path: no escapes.
        while position < buffer.count {
            let byte = buffer[position]
            if byte == UInt8(ascii: "\"") {
                index = position + 1
                return String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<position]), as: UTF8.self)
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 {
                if byte == 0x09 { position += 1; continue }  // a literal tab, as some documentation examples carry
                throw error("control character in a string", at: position)
            }
            position += 1
        }
        guard position < buffer.count else { throw error("unterminated string", at: start - 1) }
        // Slow path: escapes.
        var bytes: [UInt8] = Array(UnsafeBufferPointer(rebasing: buffer[start..<position]))
        while position < buffer.count {
            let byte = buffer[position]
            if byte == UInt8(ascii: "\"") {
                index = position + 1
                return String(decoding: bytes, as: UTF8.self)
            }
            if byte == UInt8(ascii: "\\") {
                position += 1
                guard position < buffer.count else { break }
                let escape = buffer[position]
                position += 1
                switch escape {
                case UInt8(ascii: "\""): bytes.append(UInt8(ascii: "\""))
                case UInt8(ascii: "\\"): bytes.append(UInt8(ascii: "\\"))
                case UInt8(ascii: "/"): bytes.append(UInt8(ascii: "/"))
                case UInt8(ascii: "b"): bytes.append(0x08)
                case UInt8(ascii: "f"): bytes.append(0x0C)
                case UInt8(ascii: "n"): bytes.append(0x0A)
                case UInt8(ascii: "r"): bytes.append(0x0D)
                case UInt8(ascii: "t"): bytes.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try hex4(at: position)
                    position += 4
                    if (0xD800...0xDBFF).contains(scalar) {
                        // A high surrogate must be followed by an escaped low surrogate.
                        if position + 6 <= buffer.count, buffer[position] == UInt8(ascii: "\\"),
                            buffer[position + 1] == UInt8(ascii: "u")
                        {
                            let low = try hex4(at: position + 2)
                            if (0xDC00...0xDFFF).contains(low) {
                                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                                position += 6
                            } else {
                                scalar = 0xFFFD
                            }
                        } else {
                            scalar = 0xFFFD
                        }
                    } else if (0xDC00...0xDFFF).contains(scalar) {
                        scalar = 0xFFFD
                    }
                    bytes.append(contentsOf: Unicode.UTF8.encode(Unicode.Scalar(scalar)!)!)
                default:
                    throw error("invalid escape '\\\(Self.printable(escape))'", at: position - 1)
                }
                continue
            }
            if byte < 0x20 && byte != 0x09 { throw error("control character in a string", at: position) }
            bytes.append(byte)
            position += 1
        }
        throw error("unterminated string", at: start - 1)
    }

    func hex4(at position: Int) throws(JSONParseError) -> UInt32 {
        guard position + 4 <= buffer.count else { throw error("truncated \\u escape", at: position) }
        var value: UInt32 = 0
        for offset in 0..<4 {
            let byte = buffer[position + offset]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: throw error("invalid \\u escape", at: position + offset)
            }
            value = value << 4 | digit
        }
        return value
    }

    mutating func parseNumber() throws(JSONParseError) -> JSON {
        let start = index
        var position = index
        var negative = false
        if buffer[position] == UInt8(ascii: "-") {
            negative = true
            position += 1
        }
        let digitsStart = position
        var integer: Int = 0
        var overflow = false
        while position < buffer.count, buffer[position] >= UInt8(ascii: "0"), buffer[position] <= UInt8(ascii: "9") {
            let digit = Int(buffer[position] - UInt8(ascii: "0"))
            let (multiplied, o1) = integer.multipliedReportingOverflow(by: 10)
            let (added, o2) = multiplied.addingReportingOverflow(digit)
            overflow = overflow || o1 || o2
            integer = added
            position += 1
        }
        let digitCount = position - digitsStart
        guard digitCount > 0 else { throw error("invalid number", at: start) }
        if digitCount > 1, buffer[digitsStart] == UInt8(ascii: "0") {
            throw error("leading zero in a number", at: start)
        }
        var isInteger = true
        if position < buffer.count, buffer[position] == UInt8(ascii: ".") {
            isInteger = false
            position += 1
            let fractionStart = position
            while position < buffer.count, buffer[position] >= UInt8(ascii: "0"), buffer[position] <= UInt8(ascii: "9")
            {
                position += 1
            }
            guard position > fractionStart else { throw error("invalid number", at: start) }
        }
        if position < buffer.count, buffer[position] == UInt8(ascii: "e") || buffer[position] == UInt8(ascii: "E") {
            isInteger = false
            position += 1
            if position < buffer.count, buffer[position] == UInt8(ascii: "+") || buffer[position] == UInt8(ascii: "-") {
                position += 1
            }
            let exponentStart = position
            while position < buffer.count, buffer[position] >= UInt8(ascii: "0"), buffer[position] <= UInt8(ascii: "9")
            {
                position += 1
            }
            guard position > exponentStart else { throw error("invalid number", at: start) }
        }
        index = position
        if isInteger, !overflow {
            return .int(negative ? -integer : integer)
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<position]), as: UTF8.self)
        guard let value = Double(text) else { throw error("invalid number", at: start) }
        return .double(value)
    }
}
