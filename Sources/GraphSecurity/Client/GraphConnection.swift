import Transport

/// Who the client is and where it talks: the Entra application (tenant, client ID, client secret) and the endpoints
/// of its cloud. The proxy, TLS trust and timeouts live in the `HTTPTransport` it is used with.
public struct GraphConnection: Sendable, CustomStringConvertible {
    /// A GUID or a domain name (`contoso.onmicrosoft.com`).
    public var tenantID: String
    /// The application (client) ID.
    public var clientID: String
    /// The secret's Value (not its Secret ID).
    public var clientSecret: Secret
    public var cloud: GraphCloud
    public var endpoints: GraphEndpoints

    /// - Parameters:
    ///   - endpoints: the job's `endpoints` override; `nil` for the cloud's hosts.
    public init(
        tenantID: String, clientID: String, clientSecret: Secret, cloud: GraphCloud = .global,
        endpoints: GraphEndpoints? = nil
    ) throws(GraphConfigurationError) {
        if !cloud.offersSecurityAPI { _ = try GraphEndpoints(cloud: cloud) }
        guard !tenantID.isEmpty,
            tenantID.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == ".") })
        else {
            throw GraphConfigurationError(
                "tenant_id '\(tenantID)' is not a tenant ID (a GUID) or a domain name (contoso.onmicrosoft.com)")
        }
        guard !clientID.isEmpty, clientID.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) else {
            throw GraphConfigurationError("client_id '\(clientID)' is not an application (client) ID (a GUID)")
        }
        self.tenantID = tenantID
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.cloud = cloud
        if let endpoints {
            self.endpoints = endpoints
        } else {
            self.endpoints = try GraphEndpoints(cloud: cloud)
        }
    }

    /// The token request as a plan shows it: login host, tenant, client ID; never the secret.
    public var description: String {
        "tenant '\(tenantID)', client '\(clientID)', token endpoint '\(endpoints.tokenURL(tenant: tenantID))'"
    }
}
