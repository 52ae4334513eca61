import Foundation

/// A threat artifact taken from alert evidence, normalised, with the context merged from every place it was seen.
///
/// Identity is (`type`, `value`); `id` is derived from them deterministically so repeated runs name it the same.
public struct Indicator: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable, Codable, Comparable {
        case ipv4, ipv6, domain, url, md5, sha1, sha256, email

        public static func < (lhs: Kind, rhs: Kind) -> Bool {
            allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
        }
    }

    public var type: Kind
    /// The normalised value (lowercase host, hash or address; canonical IP; refanged URL).
    public var value: String
    /// UUIDv5 over `type|value` in temsync's namespace, lowercase.
    public var id: String
    public var firstSeen: Date?
    public var lastSeen: Date?
    /// The highest severity among the alerts it was seen in.
    public var severity: Severity
    /// How many evidence occurrences were merged into it.
    public var count: Int
    public var alertIDs: Set<String>
    public var incidentIDs: Set<String>
    public var serviceSources: Set<String>
    public var detectionSources: Set<String>
    public var mitreTechniques: Set<String>
    public var categories: Set<String>
    public var roles: Set<String>
    public var verdicts: Set<String>
    public var evidenceTypes: Set<String>

    public init(
        type: Kind, value: String, id: String, firstSeen: Date? = nil, lastSeen: Date? = nil,
        severity: Severity = .unknown, count: Int = 1, alertIDs: Set<String> = [], incidentIDs: Set<String> = [],
        serviceSources: Set<String> = [], detectionSources: Set<String> = [], mitreTechniques: Set<String> = [],
        categories: Set<String> = [], roles: Set<String> = [], verdicts: Set<String> = [],
        evidenceTypes: Set<String> = []
    ) {
        self.type = type
        self.value = value
        self.id = id
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
        self.severity = severity
        self.count = count
        self.alertIDs = alertIDs
        self.incidentIDs = incidentIDs
        self.serviceSources = serviceSources
        self.detectionSources = detectionSources
        self.mitreTechniques = mitreTechniques
        self.categories = categories
        self.roles = roles
        self.verdicts = verdicts
        self.evidenceTypes = evidenceTypes
    }
}

/// Graph's alert severity, ordered from least to most severe; anything unrecognised is `unknown`.
public enum Severity: String, Sendable, Hashable, CaseIterable, Codable, Comparable {
    case unknown, informational, low, medium, high

    /// Parses Graph's value case-insensitively (incidents carry PascalCase values such as `Medium`).
    public init(graphValue: String?) {
        self = graphValue.flatMap { Severity(rawValue: $0.lowercased()) } ?? .unknown
    }

    private var rank: Int { Severity.allCases.firstIndex(of: self)! }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}
