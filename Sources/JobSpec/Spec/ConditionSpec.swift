import Diagnostics
import JSON

/// One `where` condition: a path and a test.
public struct ConditionSpec: Sendable, Hashable {
    public enum Test: Sendable, Hashable {
        case equals(Located<JSON>)
        case notEquals(Located<JSON>)
        case isIn([Located<JSON>])
        case notIn([Located<JSON>])
        case exists(Bool)
        /// An unanchored regular expression, compiled by the Mapping module.
        case matches(Located<String>)
    }

    public var path: Located<String>
    public var test: Test
    public var ignoreCase: Bool
    public var location: SourceLocation

    init?(_ object: ValueObject) {
        guard let path = object.string("path") else { return nil }
        self.path = path
        self.ignoreCase = object.boolean("ignore_case") ?? false
        self.location = object.location
        func list(_ key: String) -> [Located<JSON>]? {
            object[key]?.value.list?.compactMap { item in
                if case .json(let json) = item.value { return Located(json, at: item.location) }
                return nil
            }
        }
        if let value = object.json("equals") {
            test = .equals(value)
        } else if let value = object.json("not_equals") {
            test = .notEquals(value)
        } else if let values = list("in") {
            test = .isIn(values)
        } else if let values = list("not_in") {
            test = .notIn(values)
        } else if let flag = object.boolean("exists") {
            test = .exists(flag)
        } else if let pattern = object.string("matches") {
            test = .matches(pattern)
        } else {
            return nil
        }
    }

    static let tests = ["equals", "not_equals", "in", "not_in", "exists", "matches"]

    static let shape = ObjectShape(
        [
            Field("path", .string(.nonEmpty), required: true, "the value tested"),
            Field("equals", .any, "holds when the value equals this"),
            Field("not_equals", .any, "holds when the value differs from this"),
            Field("in", .list(.any, minItems: 1), "holds when the value is one of these"),
            Field("not_in", .list(.any, minItems: 1), "holds when the value is none of these"),
            Field("exists", .boolean, "true: the value is not null; false: it is null"),
            Field("matches", .string(.nonEmpty), "an unanchored regular expression"),
            Field("ignore_case", .boolean, "compare text case-insensitively"),
        ], exactlyOne: [tests], summary: "a condition", rules: semanticProblems)

    /// `ignore_case` with `exists` means nothing: reported rather than ignored.
    @Sendable static func semanticProblems(_ object: ValueObject) -> [Diagnostic] {
        guard let entry = object.entry("ignore_case"), object["exists"] != nil else { return [] }
        return [.error("'ignore_case' has no effect on 'exists'", at: entry.key.location)]
    }
}

/// Options of the indicator extractor.
public struct IndicatorOptionsSpec: Sendable, Hashable {
    public enum Exclusion: Sendable, Hashable {
        case cidr(Located<String>)
        /// `*.contoso.com`: the domain and its subdomains; without `*`: exactly the domain.
        case domain(Located<String>)
        case value(Located<String>)
    }

    public var types: [IndicatorType]
    public var verdicts: [String]
    /// `nil`: any role.
    public var roles: [String]?
    public var includePrivate: Bool
    /// Alert and incident ids kept per indicator.
    public var maxIDs: Int
    public var exclude: [Exclusion]

    init?(_ object: ValueObject) {
        guard let types = object.strings("types"), let verdicts = object.strings("verdicts") else { return nil }
        self.types = types.compactMap { IndicatorType(rawValue: $0.value) }
        self.verdicts = verdicts.map(\.value)
        self.roles = object.strings("roles")?.map(\.value)
        self.includePrivate = object.boolean("include_private") ?? false
        self.maxIDs = object.integer("max_ids") ?? Self.defaultMaxIDs
        self.exclude = (object["exclude"]?.value.list ?? []).compactMap { item in
            guard let rule = item.value.object else { return nil }
            if let cidr = rule.string("cidr") { return .cidr(cidr) }
            if let domain = rule.string("domain") { return .domain(domain) }
            return rule.string("value").map(Exclusion.value)
        }
    }

    /// Mapping's `IndicatorPolicy.defaultMaxIDs` (JobSpec does not depend on Mapping; a test keeps them equal).
    public static let defaultMaxIDs = 20

    static let shape = ObjectShape(
        [
            Field(
                "types", .list(.enumeration(EnumShape(IndicatorType.allCases.map(\.rawValue))), minItems: 1),
                default: .array(IndicatorType.allCases.map { .string($0.rawValue) }), "indicator types to extract"),
            Field(
                "verdicts", .list(.enumeration(GraphEnums.shape(GraphEnums.evidenceVerdict)), minItems: 1),
                default: ["unknown", "suspicious", "malicious"], "evidence verdicts that count"),
            Field(
                "roles", .list(.enumeration(GraphEnums.shape(GraphEnums.evidenceRole)), minItems: 1),
                "only evidence with one of these roles (default: any role)"),
            Field("include_private", .boolean, default: false, "keep private, loopback and reserved addresses"),
            Field(
                "max_ids", .integer(minimum: 1, maximum: 1000), default: .int(defaultMaxIDs),
                "alert and incident ids kept per indicator (the smallest; count has every occurrence)"),
            Field(
                "exclude",
                .list(
                    .object(
                        ObjectShape(
                            [
                                Field("cidr", .string(Formats.cidr), "addresses in this block"),
                                Field("domain", .string(Formats.domainRule), "this domain (*.domain: and subdomains)"),
                                Field("value", .string(.nonEmpty), "this exact value"),
                            ], exactlyOne: [["cidr", "domain", "value"]], summary: "an exclusion"))), default: [],
                "indicators never emitted"),
        ], summary: "indicator extraction options")
}

/// The kinds of indicator the extractor produces.
public enum IndicatorType: String, Sendable, Hashable, CaseIterable {
    case ipv4, ipv6, domain, url, md5, sha1, sha256, email
}
