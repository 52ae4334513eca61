import JSON

/// The text of a JSON value where text is wanted (templates, `join`, `map` keys, `to_string`, comparisons).
enum ValueText {
    /// Strings as they are; numbers as JSON writes them; `true`/`false`; `null` as nothing; lists as their
    /// elements' texts joined with `,` (nulls left out); objects as compact JSON.
    static func append(_ value: JSON, to out: inout String) {
        switch value {
        case .null: break
        case .string(let text): out += text
        case .bool(let flag): out += flag ? "true" : "false"
        case .int(let number): out += String(number)
        case .double, .object: out += value.encodedString()
        case .array(let items):
            var first = true
            for item in items where !item.isNull {
                if !first { out += "," }
                first = false
                append(item, to: &out)
            }
        }
    }

    /// The text of a scalar (`nil` for `null`, lists and objects).
    static func scalar(_ value: JSON) -> String? {
        switch value {
        case .string(let text): return text
        case .bool(let flag): return flag ? "true" : "false"
        case .int(let number): return String(number)
        case .double: return value.encodedString()
        case .null, .array, .object: return nil
        }
    }

    static func text(_ value: JSON) -> String {
        var out = ""
        append(value, to: &out)
        return out
    }
}
