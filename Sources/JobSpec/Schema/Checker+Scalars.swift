import Diagnostics
import JSON
import YAML

extension Checker {
    mutating func checkString(_ node: Node, _ format: StringFormat, path: KeyPath) -> String? {
        guard let scalar = Self.scalar(node) else { return mismatch(node, expected: format.noun, path: path) }
        guard case .string(let text) = scalar else {
            if case .null = scalar { return mismatch(node, expected: format.noun, path: path) }
            return mismatch(node, expected: format.noun, path: path, hint: " (quote it to make it a string)")
        }
        if text.isEmpty, format.minLength > 0 {
            error("\(path.subject) must not be empty", at: node.location)
            return nil
        }
        if let problem = format.check(text) {
            error("\(path.subject) \(problem), found '\(text)'", at: node.location)
            return nil
        }
        return text
    }

    mutating func checkText(_ node: Node, path: KeyPath) -> String? {
        guard let text = node.scalar, !node.isNull else {
            return mismatch(node, expected: "a string, number or boolean", path: path)
        }
        return text
    }

    mutating func checkInteger(_ node: Node, minimum: Int?, maximum: Int?, path: KeyPath) -> Int? {
        guard case .integer(let number)? = Self.scalar(node) else {
            let quoted = node.style == .singleQuoted || node.style == .doubleQuoted
            return mismatch(
                node, expected: "an integer", path: path, hint: quoted ? " (quoted scalars are strings)" : "")
        }
        if let minimum, minimum == maximum, number != minimum {
            error("\(path.subject) must be \(minimum), found \(number)", at: node.location)
            return nil
        }
        if let minimum, let maximum, !(minimum...maximum).contains(number) {
            error("\(path.subject) must be from \(minimum) to \(maximum), found \(number)", at: node.location)
            return nil
        }
        if let minimum, number < minimum {
            error("\(path.subject) must be at least \(minimum), found \(number)", at: node.location)
            return nil
        }
        if let maximum, number > maximum {
            error("\(path.subject) must be at most \(maximum), found \(number)", at: node.location)
            return nil
        }
        return number
    }

    mutating func checkNumber(_ node: Node, minimum: Double?, path: KeyPath) -> Double? {
        let number: Double
        switch Self.scalar(node) {
        case .integer(let value)?: number = Double(value)
        case .number(let value)?: number = value
        default:
            let quoted = node.style == .singleQuoted || node.style == .doubleQuoted
            return mismatch(node, expected: "a number", path: path, hint: quoted ? " (quoted scalars are strings)" : "")
        }
        if let minimum, number < minimum {
            error(
                "\(path.subject) must be at least \(Self.format(minimum)), found \(node.scalar ?? "")",
                at: node.location)
            return nil
        }
        return number
    }

    static func format(_ number: Double) -> String {
        number.rounded() == number && abs(number) < 1e15 ? String(Int(number)) : String(number)
    }

    mutating func checkDuration(_ node: Node, path: KeyPath) -> Duration? {
        switch Self.scalar(node) {
        case .string(let text)?:
            if let duration = DurationText.parse(text) { return duration }
        case .integer(let number)?:
            error(
                "\(path.subject) needs a unit: write '\(number)s' (or ms, m, h, d), found the number \(number)",
                at: node.location)
            return nil
        default: break
        }
        return mismatch(node, expected: "a duration such as 500ms, 30s, 5m, 2h or 7d", path: path)
    }

    mutating func checkSize(_ node: Node, path: KeyPath) -> Int64? {
        if case .string(let text)? = Self.scalar(node), let size = SizeText.parse(text) { return size }
        return mismatch(node, expected: "a size such as 512B, 64KiB, 10MiB or 1GiB", path: path)
    }

    mutating func checkTimeBound(_ node: Node, path: KeyPath) -> TimeBound? {
        if case .string(let text)? = Self.scalar(node) {
            if let duration = DurationText.parse(text) { return .ago(duration) }
            if let date = RFC3339.parse(text) { return .at(date) }
            if RFC3339.parse(text + "Z") != nil {
                error(
                    "\(path.subject) has a timestamp without a zone: add 'Z' for UTC or an offset such as '+01:00', "
                        + "found '\(text)'", at: node.location)
                return nil
            }
        }
        return mismatch(
            node, expected: "a duration (7d) or an RFC 3339 timestamp with a zone (2026-01-31T00:00:00Z)", path: path)
    }

    mutating func checkEnumeration(_ node: Node, _ enumeration: EnumShape, path: KeyPath) -> String? {
        let listing = enumeration.members.sorted().joined(separator: ", ")
        guard case .string(let text)? = Self.scalar(node) else {
            let sorted = enumeration.members.sorted()
            let alternatives =
                sorted.count > 1 ? sorted.dropLast().joined(separator: ", ") + " or " + sorted.last! : listing
            return mismatch(node, expected: alternatives, path: path)
        }
        if enumeration.members.contains(text) { return text }
        if let reason = enumeration.refused[text] {
            error(reason, at: node.location)
        } else if let hint = enumeration.hints[text] {
            error("unknown value '\(text)' for \(path.subject): \(hint)", at: node.location)
        } else {
            let suggestion = Suggestion.didYouMean(text, among: enumeration.members)
            let tail = suggestion.isEmpty ? "; expected one of: \(listing)" : suggestion
            error("unknown value '\(text)' for \(path.subject)\(tail)", at: node.location)
        }
        return nil
    }

    mutating func checkList(_ node: Node, _ item: Shape, minItems: Int, path: KeyPath) -> Located<Value>? {
        guard case .sequence(let items) = node.content else { return mismatch(node, expected: "a list", path: path) }
        if items.count < minItems {
            let what = minItems == 1 ? "must not be an empty list" : "needs at least \(minItems) items"
            error("\(path.subject) \(what)", at: node.location)
            return nil
        }
        var values: [Located<Value>] = []
        for (index, element) in items.enumerated() {
            if let value = check(element, item, path: path.index(index)) { values.append(value) }
        }
        return Located(.list(values), at: node.location)
    }

    /// Any YAML value as JSON (strict scalars; mapping keys must be scalars).
    mutating func checkAny(_ node: Node, path: KeyPath) -> JSON? {
        if let tag = node.tag, !Self.knownTags.contains(tag) {
            error("unsupported tag '\(Self.tagName(tag))' for \(path.subject)", at: node.location)
            return nil
        }
        switch node.content {
        case .scalar:
            switch Self.scalar(node)! {
            case .null: return .null
            case .boolean(let flag): return .bool(flag)
            case .integer(let number): return .int(number)
            case .number(let number): return .double(number)
            case .string(let text): return .string(text)
            }
        case .sequence(let items):
            var array: [JSON] = []
            for (index, item) in items.enumerated() {
                guard let value = checkAny(item, path: path.index(index)) else { return nil }
                array.append(value)
            }
            return .array(array)
        case .mapping(let pairs):
            var object = JSONObject()
            for pair in pairs {
                guard let key = pair.key.scalar else {
                    error(
                        "keys in \(path.subject) must be scalars, found \(pair.key.kindDescription)",
                        at: pair.key.location)
                    return nil
                }
                guard let value = checkAny(pair.value, path: path.key(key)) else { return nil }
                object[key] = value
            }
            return .object(object)
        }
    }
}
