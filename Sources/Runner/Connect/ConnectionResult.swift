/// What `temsync connect` found for one connection.
public struct ConnectionResult: Sendable {
    public var target: ConnectTarget
    /// secrets, token, claims, access — always all four, in that order.
    public var checks: [CheckResult]
    /// The token's `roles`, sorted; `nil` when no token was issued or its claims could not be read.
    public var grantedRoles: [String]?

    public var passed: Bool { checks.allSatisfy { $0.status == .passed } }

    /// The checks that failed, in order.
    public var failedChecks: [CheckResult.Name] { checks.filter { $0.status == .failed }.map(\.name) }
}
