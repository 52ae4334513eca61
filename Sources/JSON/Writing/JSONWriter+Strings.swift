extension JSONWriter {
    static let hexDigits: StaticString = "0123456789abcdef"

    mutating func writeString(_ string: String, to output: inout [UInt8]) {
        let written: Void? = string.utf8.withContiguousStorageIfAvailable { writeString(bytes: $0, to: &output) }
        if written == nil {
            var string = string
            string.withUTF8 { writeString(bytes: $0, to: &output) }
        }
    }

    /// Writes a string's UTF-8 in quotes, escaping `"`, `\\` and control characters (and nothing else: slashes and
    /// non-ASCII as they are).
    mutating func writeString(bytes: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
        guard let base = bytes.baseAddress else { return append("\"\"", to: &output) }
        let end = bytes.count
        var position = Self.nextEscape(in: base, from: 0, to: end)
        if end + 2 <= staging.count - count {
            // Room for the quoted string: copy the run before the first byte to escape (found in the string itself:
            // scanning the copy instead read words the copy had only just stored, in other widths, and each such
            // load waited for the stores to land, a third of this function's time). Nothing to escape is the usual
            // case and then this is all.
            let target = staging.baseAddress! + count
            target[0] = UInt8(ascii: "\"")
            ByteScan.copy(from: base, to: target + 1, count: position)
            if position == end {
                target[end + 1] = UInt8(ascii: "\"")
                count += end + 2
                return
            }
            // Keep the quote and the bytes before the first to escape; go on below from there.
            count += 1 + position
        } else {
            append(UInt8(ascii: "\""), to: &output)
            append(UnsafeBufferPointer(start: base, count: position), to: &output)
        }
        while position < end {
            writeEscape(base[position], to: &output)
            let runStart = position + 1
            position = Self.nextEscape(in: base, from: runStart, to: end)
            append(UnsafeBufferPointer(start: base + runStart, count: position - runStart), to: &output)
        }
        append(UInt8(ascii: "\""), to: &output)
    }

    /// The position of the first byte from `position` that needs an escape, or `end`.
    @inline(__always)
    static func nextEscape(in base: UnsafePointer<UInt8>, from position: Int, to end: Int) -> Int {
        var position = position
        while position + 8 <= end {
            let specials = ByteScan.stringSpecials(ByteScan.load(base + position))
            if specials != 0 { return position + ByteScan.firstFlagged(specials) }
            position += 8
        }
        guard position < end else { return end }
        if end >= 8 {
            // The last few bytes: the string's last eight, shifted so the ones already scanned drop out, and the
            // freed high bytes filled with a harmless "A".
            let remaining = end - position
            let shift = UInt64(8 - remaining) &* 8
            let word = (ByteScan.load(base + end - 8) &>> shift) | (ByteScan.ones &* 0x41) & ~(UInt64.max &>> shift)
            let specials = ByteScan.stringSpecials(word)
            return specials == 0 ? end : position + ByteScan.firstFlagged(specials)
        }
        while position < end, !needsEscape(base[position]) { position += 1 }
        return position
    }

    @inline(__always)
    static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }

    mutating func writeEscape(_ byte: UInt8, to output: inout [UInt8]) {
        switch byte {
        case UInt8(ascii: "\""): append("\\\"", to: &output)
        case UInt8(ascii: "\\"): append("\\\\", to: &output)
        case 0x0A: append("\\n", to: &output)
        case 0x0D: append("\\r", to: &output)
        case 0x09: append("\\t", to: &output)
        case 0x08: append("\\b", to: &output)
        case 0x0C: append("\\f", to: &output)
        default:
            append("\\u00", to: &output)
            append(Self.hexDigits.utf8Start[Int(byte >> 4)], to: &output)
            append(Self.hexDigits.utf8Start[Int(byte & 0x0F)], to: &output)
        }
    }
}
