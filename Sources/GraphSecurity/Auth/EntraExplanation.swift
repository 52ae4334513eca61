/// What an Entra token error means and what the operator should do about it.
public struct EntraExplanation: Sendable, Hashable {
    /// What is wrong, e.g. "the client secret is not valid".
    public var problem: String
    /// What to do, e.g. "use the secret's Value, not its Secret ID".
    public var fix: String
    /// Worth retrying (Entra is temporarily unavailable or throttling).
    public var isTransient: Bool

    public init(problem: String, fix: String, isTransient: Bool = false) {
        self.problem = problem
        self.fix = fix
        self.isTransient = isTransient
    }
}

/// What the explanation may name: the connection as configured (never the secret).
public struct EntraErrorContext: Sendable, Hashable {
    public var tenantID: String
    public var clientID: String
    public var cloud: GraphCloud
    public var scope: String
    /// Whether the endpoints were overridden (then the cloud is not the point).
    public var customEndpoints: Bool

    public init(tenantID: String, clientID: String, cloud: GraphCloud, scope: String, customEndpoints: Bool) {
        self.tenantID = tenantID
        self.clientID = clientID
        self.cloud = cloud
        self.scope = scope
        self.customEndpoints = customEndpoints
    }
}
