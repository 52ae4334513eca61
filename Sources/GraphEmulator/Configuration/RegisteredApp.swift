import Foundation

/// An application registered in the emulated Entra tenant: what the portal's "App registrations" and
/// "API permissions" pages hold for one app.
public struct RegisteredApp: Sendable, Hashable {
    /// The directory (tenant) ID the app lives in.
    public var tenantID: String
    /// Verified domain names of that tenant, accepted in the token URL instead of the tenant ID
    /// (e.g. `contoso.onmicrosoft.com`).
    public var tenantDomains: [String]
    /// The application (client) ID.
    public var clientID: String
    public var displayName: String
    /// Client secrets (Certificates & secrets → Client secrets): each has an ID, a value and an expiry.
    public var secrets: [ClientSecret]
    /// Application permissions of Microsoft Graph granted with admin consent; they become the token's `roles`.
    public var roles: [String]
    /// A disabled app gets AADSTS7000112 from the token endpoint.
    public var isEnabled: Bool

    public init(
        tenantID: String,
        tenantDomains: [String] = [],
        clientID: String,
        displayName: String = "temsync",
        secrets: [ClientSecret],
        roles: [String] = [GraphRole.securityAlertReadAll, GraphRole.securityIncidentReadAll],
        isEnabled: Bool = true
    ) {
        self.tenantID = tenantID
        self.tenantDomains = tenantDomains
        self.clientID = clientID
        self.displayName = displayName
        self.secrets = secrets
        self.roles = roles
        self.isEnabled = isEnabled
    }
}

/// One client secret of a registered app. Its value never prints itself.
public struct ClientSecret: Sendable, Hashable, CustomStringConvertible {
    /// The secret's ID (a GUID, shown as "Secret ID" in the portal) — not usable as a credential.
    public var id: String
    /// The secret's value (shown once, as "Value", when created).
    public var value: String
    /// When the secret stops working (AADSTS7000222 afterwards).
    public var expires: Date

    public init(id: String = UUID().uuidString.lowercased(), value: String, expires: Date = .distantFuture) {
        self.id = id
        self.value = value
        self.expires = expires
    }

    public var description: String { "ClientSecret(id: \(id), value: <redacted>, expires: \(expires))" }
}

/// Names of Microsoft Graph application permissions the security API checks.
public enum GraphRole {
    public static let securityAlertReadAll = "SecurityAlert.Read.All"
    public static let securityAlertReadWriteAll = "SecurityAlert.ReadWrite.All"
    public static let securityIncidentReadAll = "SecurityIncident.Read.All"
    public static let securityIncidentReadWriteAll = "SecurityIncident.ReadWrite.All"
}
