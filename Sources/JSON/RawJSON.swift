/// The text of one JSON value as it came: a range of a document's bytes, shared with the other values taken from
/// that document (no copy per value).
///
/// A job that writes Graph's records as they are (JSON Lines, JSON arrays, HTTP bodies of whole alerts) writes this
/// text instead of parsing every member into a `JSON` tree and writing it out again. The text is compact: the values
/// come from `RawJSON.elements(ofArrayMember:in:)`, which drops whitespace between tokens, so a value is always one
/// line.
public struct RawJSON: Sendable, Hashable, CustomStringConvertible {
    final class Storage: Sendable {
        let bytes: [UInt8]

        init(_ bytes: [UInt8]) {
            self.bytes = bytes
        }
    }

    private let storage: Storage
    /// Where the text is in `storage` (32 bits each: a Graph page is megabytes, and a record carrying this stays
    /// two words).
    private let start: UInt32
    private let length: UInt32

    private var range: Range<Int> { Int(start)..<(Int(start) + Int(length)) }

    private init(storage: Storage, range: Range<Int>) {
        self.storage = storage
        start = UInt32(range.lowerBound)
        length = UInt32(range.count)
    }

    /// Appends the text to `output`.
    public func write(to output: inout [UInt8]) {
        storage.bytes.withUnsafeBufferPointer { bytes in
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[range]))
        }
    }

    public var description: String { String(decoding: storage.bytes[range], as: UTF8.self) }

    /// The value parsed.
    public func parsed(options: JSONParseOptions = .init()) throws(JSONParseError) -> JSON {
        try JSON(parsing: storage.bytes[range], options: options)
    }

    public static func == (lhs: RawJSON, rhs: RawJSON) -> Bool {
        lhs.storage.bytes[lhs.range].elementsEqual(rhs.storage.bytes[rhs.range])
    }

    public func hash(into hasher: inout Hasher) {
        storage.bytes.withUnsafeBufferPointer { bytes in
            hasher.combine(bytes: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[range])))
        }
    }

    /// The texts of the elements of the array `member` of the object `document` (Graph's `value`), in order, each
    /// without whitespace between its tokens. `nil` when the document is not such an object, or when a key at the top
    /// level is written with an escape, or the document is 4 GiB or more (the caller then reads the parsed document instead).
    ///
    /// `document` must be JSON the parser accepted: this scans for the values' bounds (strings, nesting) and checks
    /// nothing else, but never reads outside the bytes whatever they hold. What the parser was told to let through
    /// (trailing commas) stays in the texts; literal control bytes in strings are escaped.
    public static func elements(ofArrayMember member: String, in document: [UInt8]) -> [RawJSON]? {
        guard document.count < UInt32.max else { return nil }
        let storage = Storage(document)
        var compacted: [UInt8] = []
        let found: [(inDocument: Bool, range: Range<Int>)]? = document.withUnsafeBufferPointer { bytes in
            var scanner = ElementScanner(bytes: bytes)
            guard let ranges = scanner.elements(ofArrayMember: Array(member.utf8)) else { return nil }
            return ranges.map { element in
                if element.compact { return (true, element.range) }
                let start = compacted.count
                scanner.appendCompact(element.range, to: &compacted)
                return (false, start..<compacted.count)
            }
        }
        guard let pieces = found else { return nil }
        let compactStorage = Storage(compacted)
        return pieces.map { piece in
            RawJSON(storage: piece.inDocument ? storage : compactStorage, range: piece.range)
        }
    }
}

/// Finds the bounds of values in a document the parser accepted.
private struct ElementScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    var position = 0
    /// A string since this was last reset held a byte below 0x20.
    var hasControlBytes = false

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    struct Element {
        var range: Range<Int>
        /// No whitespace between its tokens.
        var compact: Bool
    }

    mutating func elements(ofArrayMember member: [UInt8]) -> [Element]? {
        skipWhitespace()
        guard take(UInt8(ascii: "{")) else { return nil }
        var found: [Element]?
        skipWhitespace()
        if take(UInt8(ascii: "}")) { return found }
        while position < bytes.count {
            skipWhitespace()
            guard let key = stringContent(), !bytes[key].contains(UInt8(ascii: "\\")) else { return nil }
            skipWhitespace()
            guard take(UInt8(ascii: ":")) else { return nil }
            skipWhitespace()
            if bytes[key].elementsEqual(member) {
                // A later duplicate replaces an earlier member, as in the parser.
                guard let elements = arrayElements() else { return nil }
                found = elements
            } else {
                guard skipValue() != nil else { return nil }
            }
            skipWhitespace()
            if take(UInt8(ascii: ",")) { continue }
            return take(UInt8(ascii: "}")) ? found : nil
        }
        return nil
    }

    private mutating func arrayElements() -> [Element]? {
        guard take(UInt8(ascii: "[")) else { return nil }
        var elements: [Element] = []
        skipWhitespace()
        if take(UInt8(ascii: "]")) { return elements }
        while position < bytes.count {
            skipWhitespace()
            let start = position
            guard let compact = skipValue() else { return nil }
            elements.append(Element(range: start..<position, compact: compact))
            skipWhitespace()
            if take(UInt8(ascii: ",")) {
                skipWhitespace()
                if take(UInt8(ascii: "]")) { return elements }  // a trailing comma the parser was told to accept
                continue
            }
            return take(UInt8(ascii: "]")) ? elements : nil
        }
        return nil
    }

    /// Moves past one value; whether it can be used as it is (no whitespace between its tokens, no control byte in a
    /// string), or `nil` when it ended early.
    private mutating func skipValue() -> Bool? {
        var depth = 0
        var compact = true
        hasControlBytes = false
        while position < bytes.count {
            let byte = bytes[position]
            switch byte {
            case UInt8(ascii: "\""):
                guard stringContent() != nil else { return nil }
                if depth == 0 { return compact && !hasControlBytes }
                continue
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                // At depth 0 this ends the enclosing container: a literal value ended just before.
                if depth == 0 { return compact && !hasControlBytes }
                depth -= 1
                if depth == 0 {
                    position += 1
                    return compact && !hasControlBytes
                }
            case UInt8(ascii: ","):
                if depth == 0 { return compact && !hasControlBytes }
            case 0x20, 0x09, 0x0A, 0x0D:
                if depth == 0 { return compact && !hasControlBytes }
                compact = false
            default:
                break
            }
            position += 1
        }
        return depth == 0 ? compact && !hasControlBytes : nil
    }

    /// Moves past a string at `position`; the range of its content (between the quotes).
    private mutating func stringContent() -> Range<Int>? {
        guard take(UInt8(ascii: "\"")) else { return nil }
        let start = position
        let base = bytes.baseAddress!
        while position < bytes.count {
            // Eight bytes at a time up to the next quote or backslash (or control byte, which valid JSON does not
            // have in a string: it is then passed over below).
            while position + 8 <= bytes.count {
                let specials = ByteScan.stringSpecials(ByteScan.load(base + position))
                if specials != 0 {
                    position += ByteScan.firstFlagged(specials)
                    break
                }
                position += 8
            }
            guard position < bytes.count else { return nil }
            switch bytes[position] {
            case UInt8(ascii: "\""):
                position += 1
                return start..<(position - 1)
            case UInt8(ascii: "\\"):
                position += 2
            case 0..<0x20:
                hasControlBytes = true  // a literal tab the parser let through: escaped in the compact copy
                position += 1
            default:
                position += 1
            }
        }
        return nil
    }

    /// Appends the bytes of `range` without the whitespace between tokens.
    func appendCompact(_ range: Range<Int>, to output: inout [UInt8]) {
        var inString = false
        var index = range.lowerBound
        while index < range.upperBound {
            let byte = bytes[index]
            if inString {
                if byte < 0x20 {
                    output += Array(Self.escaped(byte).utf8)
                    index += 1
                    continue
                }
                output.append(byte)
                if byte == UInt8(ascii: "\\"), index + 1 < range.upperBound {
                    output.append(bytes[index + 1])
                    index += 1
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
            } else if byte == UInt8(ascii: "\"") {
                inString = true
                output.append(byte)
            } else if !Self.isWhitespace(byte) {
                output.append(byte)
            }
            index += 1
        }
    }

    /// The escape of a control byte in a string.
    static func escaped(_ byte: UInt8) -> String {
        switch byte {
        case 0x09: return "\\t"
        case 0x0A: return "\\n"
        case 0x0D: return "\\r"
        default:
            let hex = String(byte, radix: 16)
            return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        }
    }

    private mutating func skipWhitespace() {
        while position < bytes.count, Self.isWhitespace(bytes[position]) { position += 1 }
    }

    @inline(__always)
    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    private mutating func take(_ byte: UInt8) -> Bool {
        guard position < bytes.count, bytes[position] == byte else { return false }
        position += 1
        return true
    }
}
