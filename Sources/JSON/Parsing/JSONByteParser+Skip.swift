extension JSONByteParser {
    /// Passes over the value at `index` that a projection leaves out, checking it as `parseValue` would (structure,
    /// literals, numbers, escapes, nesting depth, trailing commas) without making a `JSON` value of it. Keys are not
    /// checked for duplicates: a skipped object's members are never read.
    mutating func skipValue(depth: Int) throws(JSONParseError) {
        guard index < buffer.count else { throw error("unexpected end of input") }
        switch buffer[index] {
        case UInt8(ascii: "\""): try skipString()
        case UInt8(ascii: "{"): try skipObject(depth: depth + 1)
        case UInt8(ascii: "["): try skipArray(depth: depth + 1)
        case UInt8(ascii: "t"): try expectLiteral("true")
        case UInt8(ascii: "f"): try expectLiteral("false")
        case UInt8(ascii: "n"): try expectLiteral("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): _ = try parseNumber()
        default: throw error("unexpected character '\(Self.printable(buffer[index]))'")
        }
    }

    /// Passes over the string whose opening quote is at `index`, checking its escapes.
    mutating func skipString() throws(JSONParseError) {
        let start = index + 1
        var position = try scanPlainRun(from: start, stringStart: start).end
        while buffer[position] != UInt8(ascii: "\"") {
            // A backslash: check the escape, then scan on.
            position += 1
            guard position < buffer.count else { throw error("unterminated string", at: start - 1) }
            let escape = buffer[position]
            position += 1
            if Self.escapedByte(escape) == nil {
                guard escape == UInt8(ascii: "u") else {
                    throw error("invalid escape '\\\(Self.printable(escape))'", at: position - 1)
                }
                _ = try hex4(at: position)
                position += 4
            }
            position = try scanPlainRun(from: position, stringStart: start).end
        }
        index = position + 1
    }

    mutating func skipObject(depth: Int) throws(JSONParseError) {
        guard depth <= options.maxDepth else { throw error("nesting deeper than \(options.maxDepth) levels") }
        index += 1  // {
        skipWhitespace()
        if index < buffer.count, buffer[index] == UInt8(ascii: "}") {
            index += 1
            return
        }
        var members = 0
        while true {
            skipWhitespace()
            guard index < buffer.count else { throw error("unexpected end of input in an object") }
            if buffer[index] == UInt8(ascii: "}"), options.allowTrailingCommas, members > 0 {
                index += 1
                return
            }
            guard buffer[index] == UInt8(ascii: "\"") else { throw error("expected a string key") }
            try skipString()
            skipWhitespace()
            guard index < buffer.count, buffer[index] == UInt8(ascii: ":") else { throw error("expected ':'") }
            index += 1
            skipWhitespace()
            try skipValue(depth: depth)
            members += 1
            skipWhitespace()
            guard index < buffer.count else { throw error("unexpected end of input in an object") }
            let byte = buffer[index]
            index += 1
            if byte == UInt8(ascii: ",") { continue }
            if byte == UInt8(ascii: "}") { return }
            throw error("expected ',' or '}'", at: index - 1)
        }
    }

    mutating func skipArray(depth: Int) throws(JSONParseError) {
        guard depth <= options.maxDepth else { throw error("nesting deeper than \(options.maxDepth) levels") }
        index += 1  // [
        skipWhitespace()
        if index < buffer.count, buffer[index] == UInt8(ascii: "]") {
            index += 1
            return
        }
        var elements = 0
        while true {
            skipWhitespace()
            if index < buffer.count, buffer[index] == UInt8(ascii: "]"), options.allowTrailingCommas, elements > 0 {
                index += 1
                return
            }
            try skipValue(depth: depth)
            elements += 1
            skipWhitespace()
            guard index < buffer.count else { throw error("unexpected end of input in an array") }
            let byte = buffer[index]
            index += 1
            if byte == UInt8(ascii: ",") { continue }
            if byte == UInt8(ascii: "]") { return }
            throw error("expected ',' or ']'", at: index - 1)
        }
    }
}
