import Diagnostics
import JSON

/// A checked value: what a node becomes once its shape has accepted it (durations parsed, defaults filled in).
/// The typed specs are built from these.
public enum Value: Sendable, Hashable {
    case null
    case string(String)
    case integer(Int)
    case number(Double)
    case boolean(Bool)
    case duration(Duration)
    case size(Int64)
    case timeBound(TimeBound)
    case list([Located<Value>])
    case object(ValueObject)
    case secret(SecretReference)
    case json(JSON)

    public var string: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    public var object: ValueObject? {
        if case .object(let value) = self { return value }
        return nil
    }

    public var list: [Located<Value>]? {
        if case .list(let value) = self { return value }
        return nil
    }
}

/// A checked mapping: its entries in written order (defaults after them), each key with its own location.
public struct ValueObject: Sendable, Hashable {
    public struct Entry: Sendable, Hashable {
        public var key: Located<String>
        public var value: Located<Value>
        /// `false` for a default filled in by the checker.
        public var isWritten: Bool
    }

    public var location: SourceLocation
    public var entries: [Entry]

    public init(location: SourceLocation, entries: [Entry] = []) {
        self.location = location
        self.entries = entries
    }

    public subscript(key: String) -> Located<Value>? {
        entries.first { $0.key.value == key }?.value
    }

    public func entry(_ key: String) -> Entry? {
        entries.first { $0.key.value == key }
    }

    public func string(_ key: String) -> Located<String>? {
        guard let value = self[key], case .string(let text) = value.value else { return nil }
        return Located(text, at: value.location)
    }

    public func integer(_ key: String) -> Int? {
        guard case .integer(let number)? = self[key]?.value else { return nil }
        return number
    }

    public func number(_ key: String) -> Double? {
        switch self[key]?.value {
        case .number(let number)?: return number
        case .integer(let number)?: return Double(number)
        default: return nil
        }
    }

    public func boolean(_ key: String) -> Bool? {
        guard case .boolean(let flag)? = self[key]?.value else { return nil }
        return flag
    }

    public func duration(_ key: String) -> Duration? {
        guard case .duration(let duration)? = self[key]?.value else { return nil }
        return duration
    }

    public func timeBound(_ key: String) -> Located<TimeBound>? {
        guard let value = self[key], case .timeBound(let bound) = value.value else { return nil }
        return Located(bound, at: value.location)
    }

    public func object(_ key: String) -> ValueObject? {
        self[key]?.value.object
    }

    public func secret(_ key: String) -> SecretReference? {
        guard case .secret(let reference)? = self[key]?.value else { return nil }
        return reference
    }

    public func json(_ key: String) -> Located<JSON>? {
        guard let value = self[key], case .json(let json) = value.value else { return nil }
        return Located(json, at: value.location)
    }

    /// A list of strings (a `oneOrList` of enumeration values or strings), each with its location.
    public func strings(_ key: String) -> [Located<String>]? {
        guard let items = self[key]?.value.list else { return nil }
        return items.compactMap { item in item.value.string.map { Located($0, at: item.location) } }
    }

    /// Whether the user wrote `key` (not a default).
    public func isWritten(_ key: String) -> Bool {
        entry(key)?.isWritten ?? false
    }
}
