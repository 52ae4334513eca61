/// `type: stix` — a STIX 2.1 bundle of `indicator` objects, replaced atomically each run.
public struct STIXOptions: Sendable, Hashable {
    public var path: String
    /// The producer's name: the `identity` object every indicator's `created_by_ref` points to.
    public var identity: String
    /// When set, each indicator gets `valid_until` = its last sighting + this.
    public var validFor: Duration?

    public init(path: String, identity: String = "temsync", validFor: Duration? = nil) {
        self.path = path
        self.identity = identity
        self.validFor = validFor
    }

    public var problems: [String] {
        var problems: [String] = []
        if path.isEmpty { problems.append("'path' must not be empty") }
        if identity.isEmpty { problems.append("'identity' must not be empty") }
        if let validFor, validFor <= .zero { problems.append("'valid_for' must be longer than zero") }
        return problems
    }
}
