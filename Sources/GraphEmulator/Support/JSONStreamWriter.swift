import JSON
import NIOCore

/// Writes JSON text straight into a byte buffer, for the hot path of the data generator (a page of 1,000 generated
/// alerts is written without building a `JSON` tree). Commas are placed automatically; keys are static strings, so
/// they need no escaping.
struct JSONStreamWriter {
    private let storage: ByteStorage
    /// Whether the container being written already holds a member (so the next one needs a comma).
    private var needsComma = false

    init(capacity: Int = 4096) {
        storage = ByteStorage(capacity: capacity)
    }

    /// A copy of the text written so far.
    var bytes: [UInt8] { storage.array }

    var count: Int { storage.count }

    /// A copy of the text written so far, ready to send.
    var byteBuffer: ByteBuffer { storage.byteBuffer }

    @inline(__always)
    private mutating func separator() {
        if needsComma { storage.append(UInt8(ascii: ",")) }
        needsComma = true
    }

    @inline(__always)
    mutating func key(_ key: StaticString) {
        if needsComma { storage.append(UInt8(ascii: ",")) }
        storage.append(UInt8(ascii: "\""))
        storage.append(UnsafeBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount))
        storage.append(UInt8(ascii: "\""))
        storage.append(UInt8(ascii: ":"))
        needsComma = false
    }

    mutating func dynamicKey(_ key: String) {
        separator()
        Self.appendQuoted(key, to: storage)
        storage.append(UInt8(ascii: ":"))
        needsComma = false
    }

    // MARK: values (in an array, or after `key`)

    mutating func string(_ value: String?) {
        separator()
        guard let value else { return appendNull() }
        Self.appendQuoted(value, to: storage)
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// Appends `"value"` with JSON escapes (quote, backslash, control characters); slashes and non-ASCII as is.
    /// Eight bytes are checked at a time: most strings need no escape and are copied whole.
    static func appendQuoted(_ value: String, to storage: ByteStorage) {
        storage.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { utf8 in
            if !needsEscaping(utf8) {
                storage.append(utf8)
            } else {
                appendEscaped(utf8, to: storage)
            }
        }
        storage.append(UInt8(ascii: "\""))
    }

    @inline(__always)
    private static func needsEscaping(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = utf8.baseAddress else { return false }
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        var position = 0
        while position + 8 <= utf8.count {
            let word = UnsafeRawPointer(base + position).loadUnaligned(as: UInt64.self)
            let quotes = word ^ (ones &* 0x22)
            let backslashes = word ^ (ones &* 0x5C)
            let control = (word &- ones &* 0x20) & ~word & highs
            let quote = (quotes &- ones) & ~quotes & highs
            let backslash = (backslashes &- ones) & ~backslashes & highs
            if control | quote | backslash != 0 { return true }
            position += 8
        }
        while position < utf8.count {
            let byte = utf8[position]
            if byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { return true }
            position += 1
        }
        return false
    }

    private static func appendEscaped(_ utf8: UnsafeBufferPointer<UInt8>, to storage: ByteStorage) {
        var runStart = 0
        for position in 0..<utf8.count {
            let byte = utf8[position]
            guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
            if position > runStart { storage.append(UnsafeBufferPointer(rebasing: utf8[runStart..<position])) }
            runStart = position + 1
            storage.append(UInt8(ascii: "\\"))
            switch byte {
            case UInt8(ascii: "\""): storage.append(UInt8(ascii: "\""))
            case UInt8(ascii: "\\"): storage.append(UInt8(ascii: "\\"))
            case 0x0A: storage.append(UInt8(ascii: "n"))
            case 0x0D: storage.append(UInt8(ascii: "r"))
            case 0x09: storage.append(UInt8(ascii: "t"))
            case 0x08: storage.append(UInt8(ascii: "b"))
            case 0x0C: storage.append(UInt8(ascii: "f"))
            default:
                storage.append(UInt8(ascii: "u"))
                storage.append(UInt8(ascii: "0"))
                storage.append(UInt8(ascii: "0"))
                storage.append(hexDigits[Int(byte >> 4)])
                storage.append(hexDigits[Int(byte & 0x0F)])
            }
        }
        if utf8.count > runStart { storage.append(UnsafeBufferPointer(rebasing: utf8[runStart..<utf8.count])) }
    }

    /// A string known to need no escaping (identifiers, enum members, generated hex).
    mutating func plain(_ value: String) {
        separator()
        storage.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { storage.append($0) }
        storage.append(UInt8(ascii: "\""))
    }

    mutating func plain(_ value: StaticString) {
        separator()
        storage.append(UInt8(ascii: "\""))
        storage.append(UnsafeBufferPointer(start: value.utf8Start, count: value.utf8CodeUnitCount))
        storage.append(UInt8(ascii: "\""))
    }

    mutating func int(_ value: Int?) {
        separator()
        guard let value else { return appendNull() }
        var scratch: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &scratch) { buffer in
            var magnitude = value.magnitude
            var position = buffer.count
            repeat {
                position -= 1
                buffer[position] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            if value < 0 {
                position -= 1
                buffer[position] = UInt8(ascii: "-")
            }
            let digits = UnsafeRawBufferPointer(rebasing: buffer[position...])
            storage.append(digits.bindMemory(to: UInt8.self))
        }
    }

    mutating func double(_ value: Double) {
        separator()
        storage.append(JSON.double(value).encoded())
    }

    mutating func bool(_ value: Bool) {
        separator()
        if value {
            storage.append(Self.trueText)
        } else {
            storage.append(Self.falseText)
        }
    }

    private static let nullText: [UInt8] = Array("null".utf8)
    private static let trueText: [UInt8] = Array("true".utf8)
    private static let falseText: [UInt8] = Array("false".utf8)

    private func appendNull() {
        storage.append(Self.nullText)
    }

    mutating func null() {
        separator()
        appendNull()
    }

    mutating func timestamp(_ value: GraphTimestamp?) {
        separator()
        guard let value else { return appendNull() }
        storage.append(UInt8(ascii: "\""))
        value.write(to: storage)
        storage.append(UInt8(ascii: "\""))
    }

    mutating func json(_ value: JSON) {
        separator()
        storage.append(value.encoded())
    }

    /// Bytes that already hold one complete JSON value.
    mutating func raw(_ value: [UInt8]) {
        separator()
        storage.append(value)
    }

    mutating func strings(_ values: [String]) {
        beginArray()
        for value in values { string(value) }
        endArray()
    }

    mutating func beginObject() {
        separator()
        storage.append(UInt8(ascii: "{"))
        needsComma = false
    }

    mutating func endObject() {
        storage.append(UInt8(ascii: "}"))
        needsComma = true
    }

    mutating func beginArray() {
        separator()
        storage.append(UInt8(ascii: "["))
        needsComma = false
    }

    mutating func endArray() {
        storage.append(UInt8(ascii: "]"))
        needsComma = true
    }

    mutating func object(_ body: (inout JSONStreamWriter) -> Void) {
        beginObject()
        body(&self)
        endObject()
    }

    mutating func array(_ body: (inout JSONStreamWriter) -> Void) {
        beginArray()
        body(&self)
        endArray()
    }
}
