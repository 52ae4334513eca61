import Foundation
import JSON

/// A compiled transform (docs/JOBS.md, "Transforms"). Applying one never fails: a value it cannot handle becomes
/// `null` (conversions) or passes through unchanged (text transforms on objects).
enum Transform: Sendable, Hashable {
    enum DateFormat: String, Sendable, Hashable, CaseIterable {
        case iso8601
        case unixSeconds = "unix_seconds"
        case unixMilliseconds = "unix_milliseconds"
    }

    case lowercase, uppercase, trim
    case join(String)
    case split(String)
    case first, last, unique, compact, count
    case date(DateFormat)
    case toString, toNumber, toBool

    /// Every transform's name, as written in job files.
    static let names: [String] = [
        "compact", "count", "date", "first", "join", "last", "lowercase", "split", "to_bool", "to_number",
        "to_string", "trim", "unique", "uppercase",
    ]

    func apply(_ value: JSON) -> JSON {
        switch self {
        case .lowercase: return eachScalar(value) { Self.text($0) { $0.lowercased() } }
        case .uppercase: return eachScalar(value) { Self.text($0) { $0.uppercased() } }
        case .trim: return eachScalar(value) { Self.text($0) { $0.trimmingCharacters(in: .whitespacesAndNewlines) } }
        case .join(let separator):
            guard case .array(let items) = value else { return value.isNull ? .null : .string(ValueText.text(value)) }
            return .string(items.filter { !$0.isNull }.map(ValueText.text).joined(separator: separator))
        case .split(let separator):
            func pieces(_ item: JSON) -> [JSON] {
                guard let text = item.stringValue ?? ValueText.scalar(item) else { return [] }
                return text.components(separatedBy: separator).map(JSON.string)
            }
            if case .array(let items) = value { return .array(items.flatMap(pieces)) }
            return value.isNull ? .null : .array(pieces(value))
        case .first:
            guard case .array(let items) = value else { return value }
            return items.first ?? .null
        case .last:
            guard case .array(let items) = value else { return value }
            return items.last ?? .null
        case .unique:
            guard case .array(let items) = value else { return value }
            var seen = Set<JSON>()
            return .array(items.filter { seen.insert($0).inserted })
        case .compact:
            guard case .array(let items) = value else { return value == .string("") ? .null : value }
            return .array(items.filter { !$0.isNull && $0 != .string("") })
        case .count:
            switch value {
            case .null: return .int(0)
            case .array(let items): return .int(items.count)
            default: return .int(1)
            }
        case .date(let format):
            return eachScalar(value) { Self.date($0, format) }
        case .toString:
            return eachScalar(value) { item in
                if case .object = item { return .string(item.encodedString()) }
                return ValueText.scalar(item).map(JSON.string) ?? .null
            }
        case .toNumber:
            return eachScalar(value, Self.number)
        case .toBool:
            return eachScalar(value, Self.bool)
        }
    }

    /// Applies `body` to a scalar, or to each element of a list; `null` stays `null`.
    private func eachScalar(_ value: JSON, _ body: (JSON) -> JSON) -> JSON {
        switch value {
        case .null: return .null
        case .array(let items): return .array(items.map { $0.isNull ? .null : body($0) })
        default: return body(value)
        }
    }

    /// A scalar's text changed by `change`; objects and nested lists pass through.
    private static func text(_ value: JSON, _ change: (String) -> String) -> JSON {
        guard let text = ValueText.scalar(value) else { return value }
        return .string(change(text))
    }

    /// A Graph timestamp (ISO 8601 / RFC 3339 text) or Unix seconds (a number), rewritten.
    static func date(_ value: JSON, _ format: DateFormat) -> JSON {
        let timestamp: Timestamp
        switch value {
        case .string(let text):
            guard let parsed = Timestamp(iso8601: text) else { return .null }
            timestamp = parsed
        case .int(let seconds):
            timestamp = Timestamp(seconds: Int64(seconds))
        case .double(let seconds):
            guard seconds.isFinite, abs(seconds) < 1e15 else { return .null }
            let whole = seconds.rounded(.down)
            timestamp = Timestamp(seconds: Int64(whole), nanoseconds: Int32(((seconds - whole) * 1e9).rounded(.down)))
        default:
            return .null
        }
        switch format {
        case .iso8601: return .string(timestamp.iso8601)
        case .unixSeconds: return .int(Int(timestamp.unixSeconds))
        case .unixMilliseconds: return .int(Int(timestamp.unixMilliseconds))
        }
    }

    /// Numbers stay; text that is a JSON number becomes one; `true`/`false` become 1/0; anything else `null`.
    static func number(_ value: JSON) -> JSON {
        switch value {
        case .int, .double: return value
        case .bool(let flag): return .int(flag ? 1 : 0)
        case .string(let text):
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty, let parsed = try? JSON(parsing: trimmed) else { return .null }
            switch parsed {
            case .int, .double: return parsed
            default: return .null
            }
        default: return .null
        }
    }

    /// Booleans stay; `true`/`false` (any case) and `1`/`0` as text or number convert; anything else `null`.
    static func bool(_ value: JSON) -> JSON {
        switch value {
        case .bool: return value
        case .int(let number): return number == 0 ? false : number == 1 ? true : .null
        case .string(let text):
            switch text.trimmingCharacters(in: .whitespaces).lowercased() {
            case "true", "1": return true
            case "false", "0": return false
            default: return .null
            }
        default: return .null
        }
    }
}
