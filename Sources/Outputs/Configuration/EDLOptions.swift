import Mapping

/// `type: edl` — external dynamic lists (plain-text blocklists) that firewalls and proxies fetch.
public struct EDLOptions: Sendable, Hashable {
    public enum Layout: String, Sendable, Hashable, CaseIterable, Codable {
        /// One file per indicator type: `ipv4.txt`, `ipv6.txt`, `domain.txt`, `url.txt`, `md5.txt`, `sha1.txt`,
        /// `sha256.txt`, `email.txt`.
        case perType = "per_type"
        /// One file, `indicators.txt`, with every type.
        case combined
    }

    /// The folder of the lists (created when missing); one `edl` output per folder.
    public var directory: String
    public var layout: Layout
    /// The types written, in the order of `Indicator.Kind`.
    public var types: [Indicator.Kind]
    /// At most this many entries per file: the most severe first, then the most recently seen.
    public var maxEntries: Int?
    /// Indicators from earlier runs stay listed until this long after the last run that received them; `nil` or
    /// zero keeps only the current run's indicators (and writes no state).
    public var expireAfter: Duration?
    /// Domain lists: add `*.domain` after each `domain` (PAN-OS and FortiGate match subdomains only that way).
    public var domainWildcards: Bool

    public init(
        directory: String, layout: Layout = .perType, types: [Indicator.Kind] = Indicator.Kind.allCases,
        maxEntries: Int? = nil, expireAfter: Duration? = .seconds(30 * 86_400), domainWildcards: Bool = false
    ) {
        self.directory = directory
        self.layout = layout
        self.types = Indicator.Kind.allCases.filter(types.contains)
        self.maxEntries = maxEntries
        self.expireAfter = expireAfter
        self.domainWildcards = domainWildcards
    }

    /// `true` when indicators outlive their run, kept in the state file.
    public var keepsState: Bool {
        guard let expireAfter else { return false }
        return expireAfter > .zero
    }

    public var problems: [String] {
        var problems: [String] = []
        if directory.isEmpty { problems.append("'dir' must not be empty") }
        if types.isEmpty { problems.append("'types' must name at least one indicator type") }
        if let maxEntries, maxEntries < 1 { problems.append("'max_entries' must be at least 1") }
        if let expireAfter, expireAfter < .zero { problems.append("'expire_after' must not be negative") }
        return problems
    }
}
