import Diagnostics

/// The `indicators` options of a job's mapping, as written. Absent lists take the defaults: every type, every
/// verdict but `noThreatsFound`, any role.
public struct IndicatorRules: Sendable {
    /// One `exclude` entry.
    public enum Exclusion: Sendable {
        /// `{ cidr: 10.0.0.0/8 }` (IPv4 or IPv6; a bare address is a single-address block).
        case cidr(Located<String>)
        /// `{ domain: "*.contoso.com" }`: with a leading `*.`, the domain and its subdomains; without, exactly.
        case domain(Located<String>)
        /// `{ value: "1.2.3.4" }`: one exact value, compared after normalisation, of any type.
        case value(Located<String>)
    }

    public var types: [Located<String>]?
    public var verdicts: [Located<String>]?
    public var roles: [Located<String>]?
    public var includePrivate: Located<Bool>?
    /// Alert and incident ids kept per indicator (1 to `IndicatorPolicy.maxIDsLimit`).
    public var maxIDs: Located<Int>?
    public var exclude: [Exclusion]

    public init(
        types: [Located<String>]? = nil, verdicts: [Located<String>]? = nil, roles: [Located<String>]? = nil,
        includePrivate: Located<Bool>? = nil, maxIDs: Located<Int>? = nil, exclude: [Exclusion] = []
    ) {
        self.types = types
        self.verdicts = verdicts
        self.roles = roles
        self.includePrivate = includePrivate
        self.maxIDs = maxIDs
        self.exclude = exclude
    }
}
