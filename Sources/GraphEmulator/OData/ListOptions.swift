import Crypto
import Foundation

/// The query options of a list request, checked the way Graph's OData layer checks them.
struct ListOptions: Sendable {
    var filter: FilterExpression?
    var order: SortOrder
    var top: Int
    var skip: Int
    var count: Bool
    var expandAlerts: Bool
    var skipToken: PageCursor?

    /// Options Graph documents for these lists and the emulator implements; `$select` and `$search` are refused
    /// (see docs/EMULATOR.md), any other `$` option is unknown to OData.
    static let supported: Set<String> = ["$filter", "$top", "$skip", "$count", "$orderby", "$expand", "$skiptoken"]

    /// Parses and checks the options; `fingerprint` binds a `$skiptoken` to the query it was issued for.
    init(
        items: [(name: String, value: String)], entitySet: EntitySet, defaultTop: Int, maxTop: Int, maxSkip: Int,
        fingerprint: String
    ) throws(ODataError) {
        var seen: [String: String] = [:]
        for (name, value) in items where name.hasPrefix("$") {
            let key = name.lowercased()
            guard seen[key] == nil else {
                throw .badRequest(
                    "Query option '\(name)' was specified more than once, but it must be specified at most once.")
            }
            if key == "$select" || key == "$search" {
                throw .badRequest("Query option '\(name)' is not supported by the emulator.")
            }
            guard Self.supported.contains(key) else {
                throw .badRequest("The query parameter '\(name)' is not supported.")
            }
            seen[key] = value
        }
        filter = try seen["$filter"].map { text throws(ODataError) in try FilterParser.parse(text, entitySet: entitySet)
        }
        top = defaultTop
        if let text = seen["$top"] {
            guard let value = Int(text), value >= 0 else {
                throw .badRequest(
                    "Invalid value '\(text)' for $top query option found. The $top query option requires a non-negative integer value."
                )
            }
            top = min(value, maxTop)
        }
        skip = 0
        if let text = seen["$skip"] {
            guard let value = Int(text), value >= 0 else {
                throw .badRequest(
                    "Invalid value '\(text)' for $skip query option found. The $skip query option requires a non-negative integer value."
                )
            }
            guard value <= maxSkip else { throw .badRequest("The value of $skip must not exceed \(maxSkip).") }
            skip = value
        }
        count = false
        if let text = seen["$count"] {
            guard text == "true" || text == "false" else { throw .badRequest("'\(text)' is not a valid count option.") }
            count = text == "true"
        }
        order = SortOrder(property: .createdDateTime, descending: true)
        if let text = seen["$orderby"] { order = try Self.order(text, entitySet: entitySet) }
        expandAlerts = false
        if let text = seen["$expand"] {
            guard entitySet == .incidents, text == "alerts" else {
                let property = text.split(separator: "(").first.map(String.init) ?? text
                guard entitySet.properties.contains(property) else {
                    throw .badRequest("Could not find a property named '\(property)' on type '\(entitySet.typeName)'.")
                }
                throw .badRequest(
                    "Property '\(property)' on type '\(entitySet.typeName)' is not a navigation property or complex "
                        + "property. Only navigation properties can be expanded.")
            }
            expandAlerts = true
        }
        if let text = seen["$skiptoken"] {
            guard let cursor = SkipToken.decode(text, fingerprint: fingerprint) else {
                throw .badRequest("The $skiptoken is not valid for this request.")
            }
            skipToken = cursor
        }
    }

    static func order(_ text: String, entitySet: EntitySet) throws(ODataError) -> SortOrder {
        let clauses = text.split(separator: ",")
        guard clauses.count == 1 else {
            throw .badRequest("Invalid $orderby: the emulator orders by one date property ('\(text)').")
        }
        let words = clauses[0].split(separator: " ").map(String.init)
        guard let name = words.first, words.count <= 2 else {
            throw .badRequest("Invalid $orderby: Syntax error in '\(text)'.")
        }
        guard entitySet.properties.contains(name) else {
            throw .badRequest("Could not find a property named '\(name)' on type '\(entitySet.typeName)'.")
        }
        guard let property = FilterProperty(rawValue: name),
            property == .createdDateTime || property == .lastUpdateDateTime
        else { throw .badRequest("Invalid $orderby: ordering by '\(name)' is not supported.") }
        let direction = words.count == 2 ? words[1] : "asc"
        guard direction == "asc" || direction == "desc" else {
            throw .badRequest("Invalid $orderby: Syntax error in '\(text)'.")
        }
        return SortOrder(property: property, descending: direction == "desc")
    }
}

/// The opaque `$skiptoken` of a nextLink: the sort key of the page's last record, bound to the query that produced
/// it (a token replayed with other options is refused, as Graph tells clients not to reuse it elsewhere).
enum SkipToken {
    static func encode(_ cursor: PageCursor, fingerprint: String) -> String {
        AccessTokenIssuer.base64URL(Array("1|\(cursor.key)|\(cursor.sequence)|\(fingerprint)".utf8))
    }

    static func decode(_ token: String, fingerprint: String) -> PageCursor? {
        guard let bytes = AccessTokenIssuer.decodeBase64URL(Substring(token)) else { return nil }
        let parts = String(decoding: bytes, as: UTF8.self).split(separator: "|").map(String.init)
        guard parts.count == 4, parts[0] == "1", let key = Int64(parts[1]), let sequence = Int32(parts[2]),
            parts[3] == fingerprint
        else { return nil }
        return PageCursor(key: key, sequence: sequence)
    }

    /// A digest of the request's path and every option except `$skip` and `$skiptoken`.
    static func fingerprint(path: String, items: [(name: String, value: String)]) -> String {
        let canonical = items.filter { !["$skip", "$skiptoken"].contains($0.name.lowercased()) }
            .map { "\($0.name)=\($0.value)" }.joined(separator: "&")
        let digest = SHA256.hash(data: Data((path.lowercased() + "?" + canonical).utf8))
        return digest.prefix(8).map { String(format: "%02x", $0) }.joined()
    }
}
