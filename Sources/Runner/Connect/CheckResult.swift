/// The outcome of one check of a connection: what it found, how long it took, and what to do when it failed.
public struct CheckResult: Sendable, Hashable {
    /// The checks, in the order they run; each depends on the ones before it except `access`, which runs after a
    /// failed `claims` too (the request proves or disproves what the claims suggest).
    public enum Name: String, Sendable, Hashable, CaseIterable {
        /// Every secret reference resolves.
        case secrets
        /// The identity platform issues a token (through the proxy and CA trust).
        case token
        /// The token's claims name the right tenant, app and audience, and carry the roles the jobs need.
        case claims
        /// One cheap request per API the jobs read succeeds.
        case access
    }

    public enum Status: String, Sendable, Hashable {
        case passed
        case failed
        case skipped
    }

    public var name: Name
    public var status: Status
    /// `nil` for a skipped check.
    public var latency: Duration?
    /// One line: what was found (or why the check was skipped).
    public var message: String
    /// What to do about a failure.
    public var fix: String?
    /// Supporting lines: ids for Microsoft support, the token's claims, notes.
    public var details: [String]

    public init(
        name: Name, status: Status, latency: Duration?, message: String, fix: String? = nil, details: [String] = []
    ) {
        self.name = name
        self.status = status
        self.latency = latency
        self.message = message
        self.fix = fix
        self.details = details
    }

    static func skipped(_ name: Name, because reason: String) -> CheckResult {
        CheckResult(name: name, status: .skipped, latency: nil, message: "skipped: \(reason)")
    }

    /// Whole milliseconds, rounded.
    public var latencyMilliseconds: Int? {
        latency.map { duration in
            let parts = duration.components
            return Int((Double(parts.seconds) * 1000 + Double(parts.attoseconds) / 1e15).rounded())
        }
    }
}
