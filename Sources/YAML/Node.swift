import Diagnostics

/// One node of a YAML document: a scalar, a sequence or a mapping, with the place it was written.
///
/// A value type: an alias shares its anchor's storage (copy on write), so a tree with many aliases costs no more
/// memory than the text it came from. Every mapping key is a node of its own and keeps its own location.
public struct Node: Sendable, Hashable {
    public enum Content: Sendable, Hashable {
        case scalar(String)
        case sequence([Node])
        case mapping([Pair])
    }

    /// One key and its value, in the order written (merged pairs take the place of the `<<` key).
    public struct Pair: Sendable, Hashable {
        public var key: Node
        public var value: Node

        public init(key: Node, value: Node) {
            self.key = key
            self.value = value
        }
    }

    /// How the node was written: scalar styles, or block/flow for collections.
    public enum Style: String, Sendable, Hashable {
        case plain
        case singleQuoted = "single-quoted"
        case doubleQuoted = "double-quoted"
        case literal
        case folded
        case block
        case flow
    }

    public var content: Content
    /// Where the node starts (for an alias: where its anchor's node starts).
    public var location: SourceLocation
    /// The resolved tag (`tag:yaml.org,2002:str` for `!!str`), `!` for the non-specific tag, `nil` when untagged.
    public var tag: String?
    public var style: Style

    public init(_ content: Content, at location: SourceLocation, tag: String? = nil, style: Style = .plain) {
        self.content = content
        self.location = location
        self.tag = tag
        self.style = style
    }

    public static func scalar(
        _ value: String, at location: SourceLocation, tag: String? = nil, style: Style = .plain
    ) -> Node {
        Node(.scalar(value), at: location, tag: tag, style: style)
    }
}

extension Node {
    /// The text of a scalar; `nil` for collections.
    public var scalar: String? {
        if case .scalar(let value) = content { return value }
        return nil
    }

    public var sequence: [Node]? {
        if case .sequence(let items) = content { return items }
        return nil
    }

    public var mapping: [Pair]? {
        if case .mapping(let pairs) = content { return pairs }
        return nil
    }

    /// A plain, untagged scalar: the only kind whose type YAML infers (`5` is a number, `"5"` is a string).
    public var isPlainScalar: Bool {
        if case .scalar = content { return style == .plain && tag == nil }
        return false
    }

    /// An explicit null: a plain `null`, `Null`, `NULL`, `~` or nothing at all, or a `!!null` tag.
    public var isNull: Bool {
        guard case .scalar(let value) = content else { return false }
        if tag == YAMLTag.null { return true }
        guard isPlainScalar else { return false }
        return value.isEmpty || value == "~" || value == "null" || value == "Null" || value == "NULL"
    }

    /// The value of `key` in a mapping (keys compared as scalar text); `nil` when absent or not a mapping.
    public subscript(key: String) -> Node? {
        pair(for: key)?.value
    }

    /// The pair whose key is the scalar `key`.
    public func pair(for key: String) -> Pair? {
        guard case .mapping(let pairs) = content else { return nil }
        return pairs.first { $0.key.scalar == key }
    }

    /// What kind of node this is, for messages: `a mapping`, `a list`, `null`, `the string 'abc'`.
    public var kindDescription: String {
        switch content {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .scalar(let value):
            if isNull { return "null" }
            if isPlainScalar {
                if value == "true" || value == "false" { return "the boolean \(value)" }
                if YAMLScalar.isInteger(value) { return "the number \(value)" }
                if YAMLScalar.isFloat(value) { return "the number \(value)" }
                return "the string '\(value)'"
            }
            if style == .singleQuoted || style == .doubleQuoted {
                return "the quoted string '\(value)'"
            }
            return "the string '\(value)'"
        }
    }
}
