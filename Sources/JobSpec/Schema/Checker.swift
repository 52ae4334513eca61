import Diagnostics
import JSON
import YAML

/// Checks a node against a shape: every problem becomes a diagnostic, and what is sound becomes a `Value`.
///
/// A node that fails its shape yields `nil` (its problem reported once); its parent goes on with the other keys, so
/// one pass reports everything.
struct Checker {
    private(set) var diagnostics: [Diagnostic] = []

    mutating func report(_ diagnostic: Diagnostic) {
        diagnostics.append(diagnostic)
    }

    mutating func error(_ message: String, at location: SourceLocation, notes: [Diagnostic.Note] = []) {
        diagnostics.append(.error(message, at: location, notes: notes))
    }

    /// A scalar as YAML's core schema reads it, strictly (booleans `true`/`false`, decimal integers).
    enum Scalar {
        case null
        case boolean(Bool)
        case integer(Int)
        case number(Double)
        case string(String)
    }

    static let knownTags: Set<String> = [
        YAMLTag.string, YAMLTag.integer, YAMLTag.float, YAMLTag.boolean, YAMLTag.null, YAMLTag.mapping,
        YAMLTag.sequence, YAMLTag.nonSpecific,
    ]

    static func scalar(_ node: Node) -> Scalar? {
        guard case .scalar(let text) = node.content else { return nil }
        switch node.tag {
        case YAMLTag.string?, YAMLTag.nonSpecific?: return .string(text)
        case nil where node.style != .plain: return .string(text)
        default: break
        }
        if node.isNull { return .null }
        if text == "true" { return .boolean(true) }
        if text == "false" { return .boolean(false) }
        if YAMLScalar.isInteger(text) {
            if let number = Int(text) { return .integer(number) }
            return Double(text).map(Scalar.number) ?? .string(text)
        }
        if YAMLScalar.isFloat(text), let number = Double(text) { return .number(number) }
        return .string(text)
    }

    static func tagName(_ tag: String) -> String {
        let prefix = "tag:yaml.org,2002:"
        return tag.hasPrefix(prefix) ? "!!" + tag.dropFirst(prefix.count) : tag
    }

    // MARK: dispatch

    mutating func check(_ node: Node, _ shape: Shape, path: KeyPath) -> Located<Value>? {
        if let tag = node.tag, !Self.knownTags.contains(tag) {
            error("unsupported tag '\(Self.tagName(tag))' for \(path.subject)", at: node.location)
            return nil
        }
        let located = { (value: Value) in Located(value, at: node.location) }
        switch shape {
        case .string(let format):
            return checkString(node, format, path: path).map { Located(.string($0), at: Self.textLocation(node)) }
        case .text: return checkText(node, path: path).map { Located(.string($0), at: Self.textLocation(node)) }
        case .integer(let minimum, let maximum):
            return checkInteger(node, minimum: minimum, maximum: maximum, path: path).map { located(.integer($0)) }
        case .number(let minimum): return checkNumber(node, minimum: minimum, path: path).map { located(.number($0)) }
        case .boolean:
            guard case .boolean(let flag)? = Self.scalar(node) else {
                return mismatch(node, expected: "true or false", path: path)
            }
            return located(.boolean(flag))
        case .duration: return checkDuration(node, path: path).map { located(.duration($0)) }
        case .size: return checkSize(node, path: path).map { located(.size($0)) }
        case .timeBound: return checkTimeBound(node, path: path).map { located(.timeBound($0)) }
        case .enumeration(let enumeration):
            return checkEnumeration(node, enumeration, path: path).map { located(.string($0)) }
        case .list(let item, let minItems): return checkList(node, item, minItems: minItems, path: path)
        case .oneOrList(let item):
            if case .sequence = node.content { return checkList(node, item, minItems: 1, path: path) }
            return check(node, item, path: path).map { located(.list([$0])) }
        case .object(let object): return checkObject(node, object, path: path).map { located(.object($0)) }
        case .dictionary(let key, let value, let minEntries, let maxEntries):
            return checkDictionary(
                node, key: key, value: value, minEntries: minEntries, maxEntries: maxEntries, path: path
            )
            .map { located(.object($0)) }
        case .union(let union): return checkUnion(node, union, path: path).map { located(.object($0)) }
        case .secret(let secret): return checkSecret(node, secret, path: path)
        case .any: return checkAny(node, path: path).map { located(.json($0)) }
        case .nullable(let inner):
            if node.isNull { return located(.null) }
            return check(node, inner, path: path)
        case .alternatives(let shapes, let expected):
            guard let chosen = shapes.first(where: { Self.accepts($0, node) }) else {
                return mismatch(node, expected: expected, path: path)
            }
            return check(node, chosen, path: path)
        case .named(_, let make): return check(node, make(), path: path)
        }
    }

    /// Where a string's text starts: the node's mark, or one column after it for a quoted scalar, so a problem found
    /// later inside the text (a path, a template) is reported at its exact column.
    static func textLocation(_ node: Node) -> SourceLocation {
        guard node.style == .singleQuoted || node.style == .doubleQuoted else { return node.location }
        var location = node.location
        location.column += 1
        return location
    }

    /// Whether `shape` is the alternative for this kind of node.
    static func accepts(_ shape: Shape, _ node: Node) -> Bool {
        switch (shape, node.content) {
        case (.named(_, let make), _): return accepts(make(), node)
        case (.object, .mapping), (.dictionary, .mapping), (.union, .mapping), (.secret, .mapping): return true
        case (.list, .sequence), (.oneOrList, .sequence), (.any, _): return true
        case (.object, .sequence), (.dictionary, .sequence), (.union, .sequence), (.secret, .sequence): return false
        case (.list, _), (.object, _), (.dictionary, _), (.union, _): return false
        case (.secret(let secret), .scalar): return secret.allowsInline
        case (.nullable(let inner), _): return node.isNull || accepts(inner, node)
        case (_, .scalar): return true
        default: return false
        }
    }

    mutating func mismatch<T>(_ node: Node, expected: String, path: KeyPath, hint: String = "") -> T? {
        error("expected \(expected) for \(path.subject), found \(node.kindDescription)\(hint)", at: node.location)
        return nil
    }
}
