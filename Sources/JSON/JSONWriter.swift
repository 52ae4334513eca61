/// How a value is written.
public struct JSONWriteOptions: Sendable, Hashable {
    /// Members in ascending key order instead of their own order (deterministic, diffable output).
    public var sortedKeys = false
    /// Two-space indentation and one member per line.
    public var prettyPrinted = false

    public init(sortedKeys: Bool = false, prettyPrinted: Bool = false) {
        self.sortedKeys = sortedKeys
        self.prettyPrinted = prettyPrinted
    }
}

extension JSON {
    /// Appends the UTF-8 text of this value to `output`. Slashes are not escaped; non-ASCII is written as is.
    public func write(to output: inout [UInt8], options: JSONWriteOptions = .init()) {
        JSONWriter.write(self, to: &output, options: options)
    }

    /// The UTF-8 text of this value.
    public func encoded(options: JSONWriteOptions = .init()) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(256)
        write(to: &output, options: options)
        return output
    }

    /// The text of this value as a `String`.
    public func encodedString(options: JSONWriteOptions = .init()) -> String {
        String(decoding: encoded(options: options), as: UTF8.self)
    }
}

extension JSON: CustomStringConvertible {
    /// Compact JSON text.
    public var description: String { encodedString() }
}

/// Writes `JSON` as UTF-8 text.
///
/// Bytes go to a small staging buffer on the stack and reach the output array in blocks (one `append(contentsOf:)`
/// per few kilobytes instead of one checked `append` per byte); strings are scanned eight bytes at a time for the
/// bytes that need escaping (`ByteScan`) and copied in runs between them.
struct JSONWriter {
    let options: JSONWriteOptions
    let staging: UnsafeMutableBufferPointer<UInt8>
    /// Bytes staged so far.
    var count = 0
    /// Objects written so far, and from the `keyCacheThreshold`th on (so writing a small value costs nothing), the
    /// written keys of objects that share their keys array.
    private var objectCount = 0
    private var keyEncodings: KeyEncodingCache?

    static let keyCacheThreshold = 32

    /// The size of the staging buffer; a run longer than half of it goes to the output directly. At most 1 KiB, so
    /// that `withUnsafeTemporaryAllocation` takes it from the stack without a run-time check of the stack's room
    /// (small values are written often: record ids, CSV cells); larger buffers measured no faster.
    static let stagingCapacity = 1024

    static func write(_ value: JSON, to output: inout [UInt8], options: JSONWriteOptions) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: stagingCapacity) { staging in
            var writer = JSONWriter(options: options, staging: staging)
            writer.write(value, to: &output, indent: 0)
            writer.flush(to: &output)
        }
    }

    private init(options: JSONWriteOptions, staging: UnsafeMutableBufferPointer<UInt8>) {
        self.options = options
        self.staging = staging
    }

    /// Writes `value`. The containers' loops read their elements from the arrays directly and switch on them here
    /// (inlined), which lets the compiler pass strings and numbers on without retaining them; only nested
    /// containers are retained for the call that writes them.
    @inline(__always)
    mutating func write(_ value: JSON, to output: inout [UInt8], indent: Int) {
        switch value {
        case .null: append("null", to: &output)
        case .bool(let flag): append(flag ? "true" : "false", to: &output)
        case .int(let number): writeInt(number, to: &output)
        case .double(let number): writeDouble(number, to: &output)
        case .string(let string): writeString(string, to: &output)
        case .array(let elements): writeArray(elements, to: &output, indent: indent)
        case .object(let object): writeObject(object, to: &output, indent: indent)
        }
    }

    mutating func writeArray(_ elements: [JSON], to output: inout [UInt8], indent: Int) {
        append(UInt8(ascii: "["), to: &output)
        for index in elements.indices {
            if index > 0 { append(UInt8(ascii: ","), to: &output) }
            newline(&output, indent: indent + 1)
            write(elements[index], to: &output, indent: indent + 1)
        }
        if !elements.isEmpty { newline(&output, indent: indent) }
        append(UInt8(ascii: "]"), to: &output)
    }

    mutating func writeObject(_ object: JSONObject, to output: inout [UInt8], indent: Int) {
        append(UInt8(ascii: "{"), to: &output)
        if options.sortedKeys {
            for (index, member) in object.sortedMembers.enumerated() {
                writeMember(member.key, member.value, first: index == 0, to: &output, indent: indent)
            }
        } else {
            let keys = object.keys
            let values = object.values
            if let encoding = keyEncoding(of: keys) {
                writeMembers(values, keys: encoding, to: &output, indent: indent)
            } else {
                for index in keys.indices {
                    writeMember(keys[index], values[index], first: index == 0, to: &output, indent: indent)
                }
            }
        }
        if !object.isEmpty { newline(&output, indent: indent) }
        append(UInt8(ascii: "}"), to: &output)
    }

    /// The cached written form of `keys` (compact output only).
    mutating func keyEncoding(of keys: [String]) -> KeyEncodingCache.Encoding? {
        guard !options.prettyPrinted, !keys.isEmpty else { return nil }
        if keyEncodings == nil {
            objectCount += 1
            guard objectCount >= Self.keyCacheThreshold else { return nil }
            keyEncodings = KeyEncodingCache()
        }
        return keyEncodings!.encoding(of: keys)
    }

    /// The members of a compact object whose keys are written already in `keys`.
    mutating func writeMembers(
        _ values: [JSON], keys: KeyEncodingCache.Encoding, to output: inout [UInt8], indent: Int
    ) {
        keys.bytes.withUnsafeBufferPointer { bytes in
            var start = 0
            for index in values.indices {
                let end = keys.ends[index]
                append(UnsafeBufferPointer(rebasing: bytes[start..<end]), to: &output)
                start = end
                write(values[index], to: &output, indent: indent + 1)
            }
        }
    }

    /// One member of an object at `indent` (the object's own indentation).
    @inline(__always)
    mutating func writeMember(_ key: String, _ value: JSON, first: Bool, to output: inout [UInt8], indent: Int) {
        if !first { append(UInt8(ascii: ","), to: &output) }
        newline(&output, indent: indent + 1)
        writeString(key, to: &output)
        append(UInt8(ascii: ":"), to: &output)
        if options.prettyPrinted { append(UInt8(ascii: " "), to: &output) }
        write(value, to: &output, indent: indent + 1)
    }

    @inline(__always)
    mutating func newline(_ output: inout [UInt8], indent: Int) {
        guard options.prettyPrinted else { return }
        newlineAndIndent(&output, indent: indent)
    }

    mutating func newlineAndIndent(_ output: inout [UInt8], indent: Int) {
        append(UInt8(ascii: "\n"), to: &output)
        for _ in 0..<indent * 2 { append(UInt8(ascii: " "), to: &output) }
    }

    // MARK: Staging

    /// Moves the staged bytes to `output`.
    mutating func flush(to output: inout [UInt8]) {
        output.append(contentsOf: UnsafeBufferPointer(rebasing: staging[0..<count]))
        count = 0
    }

    @inline(__always)
    mutating func append(_ byte: UInt8, to output: inout [UInt8]) {
        if count == staging.count { flush(to: &output) }
        staging[count] = byte
        count += 1
    }

    @inline(__always)
    mutating func append(_ literal: StaticString, to output: inout [UInt8]) {
        append(UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount), to: &output)
    }

    @inline(__always)
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
        guard bytes.count <= staging.count - count else { return appendLong(bytes, to: &output) }
        guard let source = bytes.baseAddress else { return }
        ByteScan.copy(from: source, to: staging.baseAddress! + count, count: bytes.count)
        count += bytes.count
    }

    /// Bytes that do not fit in what is left of the staging buffer.
    mutating func appendLong(_ bytes: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
        flush(to: &output)
        if bytes.count > staging.count / 2 {
            output.append(contentsOf: bytes)
        } else {
            append(bytes, to: &output)
        }
    }

    // MARK: Scalars

    mutating func writeInt(_ number: Int, to output: inout [UInt8]) {
        // Digits from the last, into a local buffer big enough for "-9223372036854775808".
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var magnitude = number.magnitude
            var start = digits.count
            repeat {
                start -= 1
                digits[start] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            if number < 0 {
                start -= 1
                digits[start] = UInt8(ascii: "-")
            }
            append(UnsafeBufferPointer(rebasing: digits[start...]), to: &output)
        }
    }

    mutating func writeDouble(_ number: Double, to output: inout [UInt8]) {
        guard number.isFinite else { return append("null", to: &output) }
        if number.rounded() == number, abs(number) < 1e15 {
            // Integral values keep a fraction so they read back as the same kind of number.
            writeInt(Int(number), to: &output)
            append(".0", to: &output)
            return
        }
        var text = number.description
        text.withUTF8 { append($0, to: &output) }
    }
}
