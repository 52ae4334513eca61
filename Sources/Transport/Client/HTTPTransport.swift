import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import NIOSSL

/// The HTTP clients of one connection setting: a direct one, and one through the proxy when a proxy is configured.
/// Each request goes through the proxy unless a `no_proxy` rule matches its host.
///
/// Every request has a deadline (`timeouts.request`, body included), its body is read with a cap, redirects are not
/// followed (a redirect must not carry a bearer token elsewhere), and failures become `TransportError`s that name the
/// proxy or the host. Create one per run and connection setting; `shutdown()` it on every path, or use
/// `withTransport(_:_:)`.
public final class HTTPTransport: Sendable {
    public let configuration: TransportConfiguration
    private let direct: HTTPClient
    private let proxied: HTTPClient?

    /// Builds the clients; reads and checks `tls.ca_file` now.
    public init(
        configuration: TransportConfiguration, eventLoopGroup: any EventLoopGroup = HTTPClient.defaultEventLoopGroup
    ) throws(TransportConfigurationError) {
        self.configuration = configuration
        let tls = try configuration.tls.makeTLSConfiguration()
        var pool = HTTPClient.Configuration.ConnectionPool()
        pool.retryConnectionEstablishment = false  // the retry policy decides, with its own backoff
        let connect = TimeAmount.nanoseconds(Int64(configuration.timeouts.connect.seconds * 1e9))
        let read = TimeAmount.nanoseconds(Int64(configuration.timeouts.request.seconds * 1e9))
        func clientConfiguration(proxy: HTTPClient.Configuration.Proxy?) -> HTTPClient.Configuration {
            var result = HTTPClient.Configuration(
                tlsConfiguration: tls, redirectConfiguration: .disallow,
                timeout: .init(connect: connect, read: read), connectionPool: pool, proxy: proxy)
            result.httpVersion = .http1Only
            return result
        }
        direct = HTTPClient(eventLoopGroup: eventLoopGroup, configuration: clientConfiguration(proxy: nil))
        if let proxy = configuration.proxy {
            let authorization = proxy.username.map { user in
                HTTPClient.Authorization.basic(username: user, password: proxy.password?.reveal() ?? "")
            }
            proxied = HTTPClient(
                eventLoopGroup: eventLoopGroup,
                configuration: clientConfiguration(
                    proxy: .server(host: proxy.host, port: proxy.port, authorization: authorization)))
        } else {
            proxied = nil
        }
    }

    /// Closes the clients' connections. Call it once, on every path.
    public func shutdown() async throws {
        try await direct.shutdown()
        try await proxied?.shutdown()
    }

    /// Runs `body` with a transport that is shut down afterwards, whether `body` returned or threw.
    public static func withTransport<T: Sendable>(
        _ configuration: TransportConfiguration, _ body: (HTTPTransport) async throws -> T
    ) async throws -> T {
        let transport = try HTTPTransport(configuration: configuration)
        let result: Result<T, any Error>
        do {
            result = .success(try await body(transport))
        } catch {
            result = .failure(error)
        }
        try? await transport.shutdown()
        return try result.get()
    }

    /// Whether a request to `url` goes through the proxy.
    public func usesProxy(for url: String) -> Bool {
        guard let proxy = configuration.proxy, let host = URLComponents(string: url)?.host else { return false }
        return proxy.isUsed(for: host)
    }

    /// Sends one request and reads the whole response (up to `maxBodyBytes`, or `configuration.maxBodyBytes`).
    ///
    /// - Throws: `TransportError` when no complete response arrived; `CancellationError` when cancelled. An HTTP error
    ///   status is not thrown: the caller reads it.
    public func send(
        _ request: TransportRequest, maxBodyBytes: Int? = nil, logger: Logger
    ) async throws -> TransportResponse {
        guard let components = URLComponents(string: request.url), let host = components.host,
            let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https"
        else {
            throw TransportError(
                kind: .invalidRequest, url: request.url, host: request.url, reason: "not an http(s) URL")
        }
        let port = components.port ?? (scheme == "https" ? 443 : 80)
        let bareHost = host.hasPrefix("[") ? String(host.dropFirst().dropLast()) : host
        let viaProxy = configuration.proxy.map { $0.isUsed(for: bareHost) } ?? false
        let route = RequestRoute(
            url: request.url,
            target: host.contains(":") && !host.hasPrefix("[") ? "[\(host)]:\(port)" : "\(host):\(port)",
            host: bareHost, isHTTPS: scheme == "https", proxy: viaProxy ? configuration.proxy : nil,
            timeouts: configuration.timeouts)
        let client = viaProxy ? (proxied ?? direct) : direct

        var outgoing = HTTPClientRequest(url: request.url)
        outgoing.method = request.method
        outgoing.headers = request.headers
        if !outgoing.headers.contains(name: "User-Agent") {
            outgoing.headers.add(name: "User-Agent", value: configuration.userAgent)
        }
        if let body = request.body {
            outgoing.body = .bytes(ByteBuffer(bytes: body))
        }
        let limit = maxBodyBytes ?? configuration.maxBodyBytes
        let started = ContinuousClock.now
        let deadline = started + configuration.timeouts.request
        do {
            let response = try await client.execute(
                outgoing,
                deadline: NIODeadline.now() + .nanoseconds(Int64(configuration.timeouts.request.seconds * 1e9)),
                logger: logger)
            let body = try await Self.collect(response.body, upTo: limit, deadline: deadline, route: route)
            var metadata: Logger.Metadata = [
                "http.method": "\(request.method.rawValue)", "http.url": "\(request.url)",
                "http.status": "\(response.status.code)",
                "http.duration_ms": "\((ContinuousClock.now - started).milliseconds)",
            ]
            if viaProxy, let proxy = configuration.proxy { metadata["http.proxy"] = "\(proxy)" }
            logger.debug("http response", metadata: metadata)
            return TransportResponse(status: Int(response.status.code), headers: response.headers, body: body)
        } catch {
            if error is CancellationError || Task.isCancelled { throw CancellationError() }
            if let error = error as? HTTPClientError, error == .cancelled { throw CancellationError() }
            var failure = TransportError.classify(error, route: route)
            if failure.kind == .bodyTooLarge {
                failure.reason = "the body exceeds \(limit) bytes"
            }
            // AsyncHTTPClient says "invalid proxy response" — or, when the proxy closes at once, "connection closed".
            if failure.kind == .proxyRefused || failure.kind == .connectionClosed, let proxy = route.proxy {
                failure = await Self.refine(
                    failure, proxy: proxy, target: route.target, timeout: configuration.timeouts.connect)
            }
            logger.debug(
                "http request failed",
                metadata: [
                    "http.method": "\(request.method.rawValue)", "http.url": "\(request.url)",
                    "error": "\(failure)",
                ])
            throw failure
        }
    }

    /// Replaces "the proxy refused" by what it said: its CONNECT status, learnt by asking it once more.
    private static func refine(
        _ failure: TransportError, proxy: ProxyConfiguration, target: String, timeout: Duration
    ) async -> TransportError {
        guard let (code, line) = await ProxyProbe.connectStatus(proxy: proxy, target: target, timeout: timeout) else {
            return failure
        }
        var refined = failure
        refined.kind = .proxyRefused
        switch code {
        case 200..<300:
            return failure  // the proxy opens tunnels: the failure was further on
        case 401, 407:
            refined.kind = .proxyAuthenticationFailed
            refined.reason =
                proxy.username == nil
                ? "\(line): the proxy wants credentials; set proxy.username and proxy.password"
                : "\(line): the proxy did not accept user '\(proxy.username ?? "")'; check proxy.username and proxy.password"
        case 403:
            refined.reason = "\(line): the proxy does not allow a tunnel to '\(target)'"
        case 500...599:
            refined.reason = "\(line): the proxy could not reach '\(target)'"
        default:
            refined.reason = "the proxy answered CONNECT with \(line)"
        }
        return refined
    }

    /// Reads the body with a cap, within the request's deadline (AsyncHTTPClient's own deadline ends at the head).
    private static func collect(
        _ body: HTTPClientResponse.Body, upTo limit: Int, deadline: ContinuousClock.Instant, route: RequestRoute
    ) async throws -> [UInt8] {
        try await withThrowingTaskGroup(of: [UInt8]?.self) { group in
            group.addTask {
                var buffer = try await body.collect(upTo: limit)
                return buffer.readBytes(length: buffer.readableBytes) ?? []
            }
            group.addTask {
                try await Task.sleep(until: deadline, clock: .continuous)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let bytes = first else {
                throw TransportError(
                    kind: .requestTimedOut, url: route.url, host: route.target, proxy: route.proxy?.description,
                    reason:
                        "no complete response within \(format(route.timeouts.request)) (timeouts.request)")
            }
            return bytes
        }
    }
}

extension Duration {
    /// Whole milliseconds, for log metadata.
    public var milliseconds: Int64 {
        let parts = components
        return parts.seconds * 1000 + parts.attoseconds / 1_000_000_000_000_000
    }
}
