/// A JSON parse failure with the position where it was found.
public struct JSONParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Byte offset from the start of the input.
    public var offset: Int
    /// 1-based line and column (column in bytes from the start of the line, 1-based).
    public var line: Int
    public var column: Int
    public var reason: String

    public var description: String { "invalid JSON at line \(line), column \(column): \(reason)" }
}

/// Options of the parser.
public struct JSONParseOptions: Sendable {
    /// Accept a comma before `]` or `}` (some documentation examples carry one).
    public var allowTrailingCommas = false
    /// Deepest nesting accepted; deeper input is refused instead of exhausting the stack.
    public var maxDepth = 512
    /// The members kept (`everything` by default). Skipped values are checked for well-formed JSON (structure,
    /// literals, numbers, string escapes) but not decoded.
    public var projection = JSONProjection.everything

    public init(allowTrailingCommas: Bool = false, maxDepth: Int = 512, projection: JSONProjection = .everything) {
        self.allowTrailingCommas = allowTrailingCommas
        self.maxDepth = maxDepth
        self.projection = projection
    }
}

extension JSON {
    /// Parses one JSON value (surrounded by optional whitespace) from UTF-8 bytes.
    public init(parsing bytes: some Collection<UInt8>, options: JSONParseOptions = .init()) throws(JSONParseError) {
        let result: Result<JSON, JSONParseError>
        if let fast = bytes.withContiguousStorageIfAvailable({ buffer in Self.parse(buffer, options: options) }) {
            result = fast
        } else {
            let copy = Array(bytes)
            result = copy.withUnsafeBufferPointer { Self.parse($0, options: options) }
        }
        self = try result.get()
    }

    /// Parses one JSON value from a string.
    public init(parsing text: String, options: JSONParseOptions = .init()) throws(JSONParseError) {
        var text = text
        let result = text.withUTF8 { Self.parse($0, options: options) }
        self = try result.get()
    }

    static func parse(_ buffer: UnsafeBufferPointer<UInt8>, options: JSONParseOptions) -> Result<JSON, JSONParseError> {
        var parser = JSONByteParser(buffer: buffer, options: options)
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
