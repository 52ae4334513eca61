import Foundation
import Transport

/// Where the token and the Graph requests go: the login root (`https://login.microsoftonline.com`) and the Graph root
/// (`https://graph.microsoft.com`), without a trailing slash.
public struct GraphEndpoints: Sendable, Hashable {
    public var login: String
    public var graph: String

    /// Explicit roots (the `endpoints` override of a job: the emulator, tests). Checked: absolute http(s) URLs without
    /// a query; `https` unless the host is a loopback address or `localhost`.
    public init(login: String, graph: String) throws(GraphConfigurationError) {
        self.login = try Self.checked(login, key: "endpoints.login")
        self.graph = try Self.checked(graph, key: "endpoints.graph")
    }

    /// The roots of a cloud; `china` is refused (the security API is not offered there).
    public init(cloud: GraphCloud) throws(GraphConfigurationError) {
        guard cloud.offersSecurityAPI else {
            throw GraphConfigurationError(
                "cloud 'china' is not supported: the Microsoft Graph security API (alerts_v2, incidents) is not "
                    + "available in Microsoft Graph China operated by 21Vianet")
        }
        login = cloud.loginRoot
        graph = cloud.graphRoot
    }

    /// The endpoints of a connection: the override when given, else the cloud's. `china` is refused either way.
    public static func resolve(
        cloud: GraphCloud, override: (login: String, graph: String)? = nil
    )
        throws(GraphConfigurationError) -> GraphEndpoints
    {
        guard cloud.offersSecurityAPI else { return try GraphEndpoints(cloud: cloud) }
        if let override { return try GraphEndpoints(login: override.login, graph: override.graph) }
        return try GraphEndpoints(cloud: cloud)
    }

    /// `<login>/<tenant>/oauth2/v2.0/token`.
    public func tokenURL(tenant: String) -> String {
        "\(login)/\(tenant)/oauth2/v2.0/token"
    }

    /// `<graph>/.default`: the client-credentials scope.
    public var scope: String { "\(graph)/.default" }

    /// `<graph>/v1.0`.
    public var apiBase: String { "\(graph)/v1.0" }

    /// `scheme://host:port` of the Graph root, to check that a nextLink stays on it.
    public var graphOrigin: String? { Self.origin(of: graph) }

    static func origin(of url: String) -> String? {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
            let host = components.host?.lowercased()
        else { return nil }
        let port = components.port ?? (scheme == "https" ? 443 : 80)
        return "\(scheme)://\(host):\(port)"
    }

    private static func checked(_ url: String, key: String) throws(GraphConfigurationError) -> String {
        var text = url
        while text.hasSuffix("/") { text.removeLast() }
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
            let host = components.host, !host.isEmpty
        else {
            throw GraphConfigurationError("\(key) '\(url)' is not an absolute URL (expected https://host)")
        }
        guard scheme == "https" || scheme == "http" else {
            throw GraphConfigurationError("\(key) '\(url)' must be an https:// URL")
        }
        guard components.query == nil, components.fragment == nil, components.user == nil else {
            throw GraphConfigurationError("\(key) '\(url)' must not have credentials, a query or a fragment")
        }
        if scheme == "http" && !isLoopback(host) {
            throw GraphConfigurationError(
                "\(key) '\(url)' must use https:// (plain http:// is only allowed for loopback addresses)")
        }
        return text
    }

    /// `localhost`, `127.0.0.0/8`, `::1`.
    static func isLoopback(_ host: String) -> Bool {
        let lowered = host.lowercased()
        if lowered == "localhost" || lowered.hasSuffix(".localhost") { return true }
        return IPAddress(lowered)?.isLoopback ?? false
    }
}
