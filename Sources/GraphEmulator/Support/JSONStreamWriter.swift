import JSON

/// Writes JSON text straight into a byte buffer, for the hot path of the data generator (a page of 1,000 generated
/// alerts is written without building a `JSON` tree). Commas are placed automatically; keys are static strings, so
/// they need no escaping.
struct JSONStreamWriter {
    var bytes: [UInt8]
    /// Whether the container being written already holds a member (so the next one needs a comma).
    private var needsComma = false

    init(capacity: Int = 4096) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    init(appendingTo bytes: [UInt8]) {
        self.bytes = bytes
    }

    private mutating func separator() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
        needsComma = true
    }

    mutating func key(_ key: StaticString) {
        separator()
        bytes.append(UInt8(ascii: "\""))
        key.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
        needsComma = false
    }

    mutating func dynamicKey(_ key: String) {
        separator()
        JSON.string(key).write(to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    // MARK: values (in an array, or after `key`)

    mutating func string(_ value: String?) {
        separator()
        guard let value else { return bytes.append(contentsOf: "null".utf8) }
        JSON.string(value).write(to: &bytes)
    }

    /// A string known to need no escaping (identifiers, enum members, generated hex).
    mutating func plain(_ value: String) {
        separator()
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: value.utf8)
        bytes.append(UInt8(ascii: "\""))
    }

    mutating func plain(_ value: StaticString) {
        separator()
        bytes.append(UInt8(ascii: "\""))
        value.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(UInt8(ascii: "\""))
    }

    mutating func int(_ value: Int?) {
        separator()
        guard let value else { return bytes.append(contentsOf: "null".utf8) }
        bytes.append(contentsOf: String(value).utf8)
    }

    mutating func double(_ value: Double) {
        separator()
        JSON.double(value).write(to: &bytes)
    }

    mutating func bool(_ value: Bool) {
        separator()
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
    }

    mutating func null() {
        separator()
        bytes.append(contentsOf: "null".utf8)
    }

    mutating func timestamp(_ value: GraphTimestamp?) {
        separator()
        guard let value else { return bytes.append(contentsOf: "null".utf8) }
        bytes.append(UInt8(ascii: "\""))
        value.write(to: &bytes)
        bytes.append(UInt8(ascii: "\""))
    }

    mutating func json(_ value: JSON) {
        separator()
        value.write(to: &bytes)
    }

    /// Bytes that already hold one complete JSON value.
    mutating func raw(_ value: [UInt8]) {
        separator()
        bytes.append(contentsOf: value)
    }

    mutating func strings(_ values: [String]) {
        array { writer in
            for value in values { writer.string(value) }
        }
    }

    mutating func beginObject() {
        separator()
        bytes.append(UInt8(ascii: "{"))
        needsComma = false
    }

    mutating func endObject() {
        bytes.append(UInt8(ascii: "}"))
        needsComma = true
    }

    mutating func beginArray() {
        separator()
        bytes.append(UInt8(ascii: "["))
        needsComma = false
    }

    mutating func endArray() {
        bytes.append(UInt8(ascii: "]"))
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
