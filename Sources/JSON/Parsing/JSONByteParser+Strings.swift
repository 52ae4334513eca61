extension JSONByteParser {
    /// Reads the string whose opening quote is at `index`.
    mutating func parseString() throws(JSONParseError) -> String {
        let start = index + 1
        let end = try scanPlainRun(from: start, stringStart: start).end
        guard buffer[end] == UInt8(ascii: "\"") else { return try parseEscapedString(start: start, escape: end) }
        index = end + 1
        return strings.string(in: buffer.baseAddress!, at: start, length: end - start)
    }

    /// Reads the key whose opening quote is at `index`, with its `KeyClass` hash and `KeyTable` id (`-1` if it has
    /// none). A key written without escapes comes from the parse's `KeyTable`.
    mutating func parseKey() throws(JSONParseError) -> (key: String, hash: UInt64, id: Int32) {
        let start = index + 1
        let (end, ascii) = try scanPlainRun(from: start, stringStart: start)
        guard buffer[end] == UInt8(ascii: "\"") else {
            let key = try parseEscapedString(start: start, escape: end)
            let hash = unescaped.withUnsafeBufferPointer { bytes in
                bytes.allSatisfy { $0 < 0x80 }
                    ? KeyClass.hash(bytes.baseAddress!, count: bytes.count) : KeyClass.irregular
            }
            return (key, hash, -1)
        }
        index = end + 1
        let base = buffer.baseAddress!
        let hash = KeyClass.hash(base + start, count: end - start)
        let (key, id) = keyTable.key(in: base, at: start, length: end - start, hash: hash)
        return (key, ascii ? hash : KeyClass.irregular, id)
    }

    /// Scans a string's text from `position` to the first `"` or `\`, refusing control characters other than a
    /// literal tab (which some documentation examples carry). Returns that byte's position and whether every byte
    /// before it is ASCII. `stringStart` is where the string's text began (for the error of a missing end quote).
    @inline(__always)
    func scanPlainRun(from position: Int, stringStart: Int) throws(JSONParseError) -> (end: Int, ascii: Bool) {
        let base = buffer.baseAddress!
        let count = buffer.count
        var position = position
        var high: UInt64 = 0  // every byte passed, OR-ed: its high bits say whether any was not ASCII
        while true {
            // Eight bytes at a time while eight remain; stop at the first special byte of a word.
            while position + 8 <= count {
                let word = ByteScan.load(base + position)
                let specials = ByteScan.stringSpecials(word)
                if specials != 0 {
                    let offset = ByteScan.firstFlagged(specials)
                    high |= word & ((1 &<< (UInt64(offset) &* 8)) &- 1)
                    position += offset
                    break
                }
                high |= word
                position += 8
            }
            guard position < count else { throw error("unterminated string", at: stringStart - 1) }
            let byte = base[position]
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                return (position, high & ByteScan.highBits == 0)
            }
            if byte < 0x20 && byte != 0x09 { throw error("control character in a string", at: position) }
            high |= UInt64(byte)
            position += 1
        }
    }

    /// Reads the rest of a string from its first escape (at `escape`), decoding into `unescaped`.
    mutating func parseEscapedString(start: Int, escape: Int) throws(JSONParseError) -> String {
        unescaped.removeAll(keepingCapacity: true)
        unescaped.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[start..<escape]))
        var position = escape
        // Here `position` is at a `"` or a `\`.
        while buffer[position] != UInt8(ascii: "\"") {
            position += 1
            guard position < buffer.count else { throw error("unterminated string", at: start - 1) }
            let escape = buffer[position]
            position += 1
            if let byte = Self.escapedByte(escape) {
                unescaped.append(byte)
            } else if escape == UInt8(ascii: "u") {
                let scalar = try unicodeEscape(at: &position)
                unescaped.append(contentsOf: Unicode.UTF8.encode(scalar)!)
            } else {
                throw error("invalid escape '\\\(Self.printable(escape))'", at: position - 1)
            }
            let end = try scanPlainRun(from: position, stringStart: start).end
            unescaped.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[position..<end]))
            position = end
        }
        index = position + 1
        return String(decoding: unescaped, as: UTF8.self)
    }

    /// The byte a one-letter escape stands for (`n` for `\n`: 0x0A), or `nil` for `u` and for letters JSON has no
    /// escape for. Parsing and skipping a string both judge escapes by it.
    @inline(__always)
    static func escapedByte(_ letter: UInt8) -> UInt8? {
        switch letter {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): letter
        case UInt8(ascii: "b"): 0x08
        case UInt8(ascii: "f"): 0x0C
        case UInt8(ascii: "n"): 0x0A
        case UInt8(ascii: "r"): 0x0D
        case UInt8(ascii: "t"): 0x09
        default: nil
        }
    }

    /// The scalar of a `\u` escape whose four hex digits start at `position`, advancing past them (and past the low
    /// half of a surrogate pair). A lone surrogate becomes U+FFFD.
    func unicodeEscape(at position: inout Int) throws(JSONParseError) -> Unicode.Scalar {
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
        return Unicode.Scalar(scalar)!
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
}
