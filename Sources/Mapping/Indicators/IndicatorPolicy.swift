/// The job's indicator options, compiled: which findings become indicators.
///
/// Built by `MappingProgram.compile` from `IndicatorRules` (with diagnostics), or directly for the defaults.
public struct IndicatorPolicy: Sendable {
    /// Why a finding did not become an indicator; counted in `IndicatorSet.Statistics`.
    public enum DropReason: String, Sendable, Hashable, CaseIterable, Codable {
        /// The type is not in `types`.
        case type
        /// The evidence verdict is not in `verdicts`.
        case verdict
        /// The evidence has none of `roles`.
        case role
        /// A private, loopback, link-local, CGNAT, multicast, documentation or reserved address (or a URL on one).
        case nonPublic
        /// Matched an `exclude` entry.
        case excluded
        /// A value of the organisation's own assets (a device's address or name, a user's or mailbox's address).
        case asset
    }

    public var types: Set<Indicator.Kind> {
        didSet { typeMask = Self.mask(types) }
    }
    /// Verdict names as Graph spells them (`unknown`, `suspicious`, `malicious`, `noThreatsFound`).
    public var verdicts: Set<String> {
        didSet { verdictMask = Self.mask(verdicts: verdicts) }
    }
    /// Role names as Graph spells them; `nil`: any role, or none.
    public var roles: Set<String>? {
        didSet { roleMask = Self.mask(roles: roles) }
    }
    public var includePrivate: Bool
    /// Alert ids and incident ids kept per indicator (the smallest, so the choice does not depend on paging order);
    /// `count` still counts every occurrence. What an indicator set's memory grows with.
    public var maxIDs = IndicatorPolicy.defaultMaxIDs
    /// The default of `indicators.max_ids`.
    public static let defaultMaxIDs = 20
    /// The largest `indicators.max_ids` a job may ask for.
    public static let maxIDsLimit = 1000
    var excludedRanges: [IPRange]
    var excludedDomains: Set<String>
    /// Wildcard exclusions (`*.contoso.com` → `contoso.com`): the domain and every subdomain.
    var excludedDomainSuffixes: [String]
    var excludedValues: Set<String>

    /// `types`, `verdicts` and `roles` as bit masks, for a check without hashing.
    var typeMask: UInt8
    var verdictMask: UInt8
    var roleMask: UInt32?

    /// Every type; every verdict but `noThreatsFound`; any role; public addresses only; no exclusions.
    public init() {
        self.init(
            types: Set(Indicator.Kind.allCases), verdicts: ["unknown", "suspicious", "malicious"], roles: nil,
            includePrivate: false)
    }

    /// Options from known-good values (unknown verdict or role names are ignored); see `MappingProgram.compile` for
    /// options checked with diagnostics.
    public init(types: Set<Indicator.Kind>, verdicts: Set<String>, roles: Set<String>?, includePrivate: Bool) {
        self.types = types
        self.verdicts = verdicts
        self.roles = roles
        self.includePrivate = includePrivate
        excludedRanges = []
        excludedDomains = []
        excludedDomainSuffixes = []
        excludedValues = []
        typeMask = Self.mask(types)
        verdictMask = Self.mask(verdicts: verdicts)
        roleMask = Self.mask(roles: roles)
    }

    static func mask(_ types: Set<Indicator.Kind>) -> UInt8 {
        types.reduce(0) { $0 | 1 << UInt8($1.rank) }
    }

    static func mask(verdicts: Set<String>) -> UInt8 {
        verdicts.compactMap { EvidenceVerdict(name: $0) }.reduce(0) { $0 | ContextSets.bit($1) }
    }

    static func mask(roles: Set<String>?) -> UInt32? {
        roles.map { names in names.reduce(0) { $0 | (EvidenceRoles.bit(named: $1) ?? 0) } }
    }

    /// The reason `finding` is not an indicator, or `nil` when it is one.
    func judge(_ finding: EvidenceFinding) -> DropReason? {
        guard typeMask & (1 << UInt8(finding.kind.rank)) != 0 else { return .type }
        guard verdictMask & ContextSets.bit(finding.verdict) != 0 else { return .verdict }
        if let roleMask, finding.roles.bits & roleMask == 0 { return .role }
        if let address = finding.address {
            if !includePrivate, SpecialAddress.reason(address) != nil { return .nonPublic }
            if excludedRanges.contains(where: { $0.contains(address) }) { return .excluded }
        }
        switch finding.host {
        case .ip(let address)?:
            if !includePrivate, SpecialAddress.reason(address) != nil { return .nonPublic }
            if excludedRanges.contains(where: { $0.contains(address) }) { return .excluded }
        case .domain(let domain)?:
            if isExcluded(domain: domain) { return .excluded }
        case nil:
            break
        }
        if !excludedValues.isEmpty, excludedValues.contains(finding.value) { return .excluded }
        return nil
    }

    func isExcluded(domain: String) -> Bool {
        if excludedDomains.contains(domain) { return true }
        for suffix in excludedDomainSuffixes {
            if domain == suffix { return true }
            if domain.utf8.count > suffix.utf8.count, domain.hasSuffix(suffix),
                domain.utf8[domain.utf8.index(domain.utf8.endIndex, offsetBy: -suffix.utf8.count - 1)]
                    == UInt8(ascii: ".")
            {
                return true
            }
        }
        return false
    }

    // MARK: exclusions (checked by the compiler)

    mutating func exclude(range: IPRange) { excludedRanges.append(range) }

    mutating func exclude(domain: String, withSubdomains: Bool) {
        if withSubdomains {
            excludedDomainSuffixes.append(domain)
        } else {
            excludedDomains.insert(domain)
        }
    }

    /// Excludes a value in every form it normalises to (an address, a hash, an e-mail address, a URL, a domain).
    /// Returns `false` when it normalises to nothing.
    mutating func exclude(value: String) -> Bool {
        var forms: [String] = []
        if let address = IndicatorNormalizer.ip(value) { forms.append(address.canonical) }
        if let (_, hash) = IndicatorNormalizer.hash(value, claimed: nil) { forms.append(hash) }
        if let (email, _) = IndicatorNormalizer.email(value) { forms.append(email) }
        if let domain = IndicatorNormalizer.domain(value) { forms.append(domain) }
        if forms.isEmpty, let (url, _) = IndicatorNormalizer.url(value) { forms.append(url) }
        if value.contains("://"), let (url, _) = IndicatorNormalizer.url(value) { forms.append(url) }
        excludedValues.formUnion(forms)
        return !forms.isEmpty
    }
}
