/// Everything about how requests leave the machine: the proxy (with `no_proxy`), the TLS trust, the timeouts and the
/// largest response body accepted. One value per connection of a job; the Runner translates the job file into it.
public struct TransportConfiguration: Sendable, Hashable {
    public var proxy: ProxyConfiguration?
    public var tls: TLSTrust
    public var timeouts: HTTPTimeouts
    /// Responses larger than this are refused (the body is read with this cap).
    public var maxBodyBytes: Int
    /// The `User-Agent` sent with every request.
    public var userAgent: String

    public static let defaultMaxBodyBytes = 64 * 1024 * 1024

    public init(
        proxy: ProxyConfiguration? = nil, tls: TLSTrust = .system, timeouts: HTTPTimeouts = HTTPTimeouts(),
        maxBodyBytes: Int = TransportConfiguration.defaultMaxBodyBytes,
        userAgent: String = TransportConfiguration.defaultUserAgent
    ) {
        self.proxy = proxy
        self.tls = tls
        self.timeouts = timeouts
        self.maxBodyBytes = maxBodyBytes
        self.userAgent = userAgent
    }

    /// `temsync/<version>`.
    public static let defaultUserAgent = "temsync/\(TemsyncVersion.current)"
}

/// temsync's version, as the `User-Agent` and `--version` show it.
public enum TemsyncVersion {
    public static let current = "0.1.0"
}
