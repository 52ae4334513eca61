import Foundation

/// The customer's HTTP proxy: where it is, the basic credentials it wants, and which hosts go around it.
///
/// AsyncHTTPClient tunnels every request through the proxy with `CONNECT` (HTTPS and plain HTTP targets alike).
/// `description` names the proxy with its user, never its password.
public struct ProxyConfiguration: Sendable, Hashable, CustomStringConvertible {
    public var host: String
    public var port: Int
    public var username: String?
    public var password: Secret?
    public var noProxy: [NoProxyRule]

    public init(
        host: String, port: Int, username: String? = nil, password: Secret? = nil, noProxy: [NoProxyRule] = []
    ) {
        self.host = host
        self.port = port
        self.username = username
        self.password = password
        self.noProxy = noProxy
    }

    /// Reads `proxy.url` (`http://host:port`) and the other keys of a job's `proxy` mapping.
    public init(
        url: String, username: String? = nil, password: Secret? = nil, noProxy: [String] = []
    ) throws(TransportConfigurationError) {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased() else {
            throw .init("proxy url '\(url)' is not a URL (expected http://host:port)")
        }
        guard scheme == "http" else {
            throw .init(
                "proxy url '\(url)' must start with http:// (an HTTP proxy; CONNECT is used for HTTPS targets)")
        }
        guard components.user == nil, components.password == nil else {
            throw .init("proxy url must not hold credentials: set proxy.username and proxy.password instead")
        }
        guard let host = components.host, !host.isEmpty else {
            throw .init("proxy url '\(url)' has no host (expected http://host:port)")
        }
        guard components.path.isEmpty || components.path == "/", components.query == nil else {
            throw .init("proxy url '\(url)' must be http://host:port, without a path or query")
        }
        if password != nil && username == nil {
            throw .init("proxy password requires a proxy username")
        }
        var rules: [NoProxyRule] = []
        for entry in noProxy { rules.append(try NoProxyRule(parsing: entry)) }
        let bareHost = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        self.init(host: bareHost, port: components.port ?? 80, username: username, password: password, noProxy: rules)
    }

    /// Whether requests to `host` go through this proxy (`false` when a `no_proxy` rule matches).
    public func isUsed(for host: String) -> Bool {
        !noProxy.bypasses(host: host)
    }

    /// `http://user@host:port`: safe to print (no password).
    public var description: String {
        let user = username.map { "\($0)@" } ?? ""
        let shownHost = host.contains(":") ? "[\(host)]" : host
        return "http://\(user)\(shownHost):\(port)"
    }

    /// `host:port`, the proxy as error messages name it.
    public var endpoint: String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }
}
