/// A request that did not get a complete HTTP response: the proxy refused it, TLS verification failed, the connection
/// could not be opened or was cut, the deadline passed, or the body was too large.
///
/// `description` is a sentence an operator can act on; it names the proxy (with its user, never its password) or the
/// TLS host, and never holds a secret.
public struct TransportError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// The proxy answered 407: credentials missing or wrong.
        case proxyAuthenticationFailed
        /// The proxy would not open a tunnel to the target (CONNECT answered with another status).
        case proxyRefused
        /// The proxy itself could not be reached.
        case proxyUnreachable
        /// The target could not be reached directly (refused, unreachable, name not found).
        case connectFailed
        /// The server's certificate did not verify (unknown root, wrong host name, expired…).
        case tlsVerificationFailed
        /// TLS failed for another reason (protocol mismatch, not TLS at all…).
        case tlsHandshakeFailed
        /// Connecting took longer than `timeouts.connect`.
        case connectTimedOut
        /// The whole request took longer than `timeouts.request`.
        case requestTimedOut
        /// The connection closed before the response was complete.
        case connectionClosed
        /// The response body was larger than the cap.
        case bodyTooLarge
        /// The request itself cannot be sent (not an http(s) URL).
        case invalidRequest
        /// Anything else the HTTP stack reported.
        case other
    }

    public var kind: Kind
    /// The request's URL (no credentials: URLs in this project never carry them).
    public var url: String
    /// The proxy the request went through, as `http://user@host:port`.
    public var proxy: String?
    /// The host the message names (the TLS host, the target).
    public var host: String
    /// What went wrong, in words.
    public var reason: String

    public init(kind: Kind, url: String, host: String, proxy: String? = nil, reason: String) {
        self.kind = kind
        self.url = url
        self.host = host
        self.proxy = proxy
        self.reason = reason
    }

    public var description: String {
        let proxyName = "'\(proxy ?? "")'"
        switch kind {
        case .proxyAuthenticationFailed:
            return "proxy \(proxyName) refused the request to '\(host)': \(reason)"
        case .proxyRefused:
            return "proxy \(proxyName) refused to open a tunnel to '\(host)': \(reason)"
        case .proxyUnreachable:
            return "cannot connect to proxy \(proxyName): \(reason)"
        case .connectFailed:
            return "cannot connect to '\(host)': \(reason)"
        case .tlsVerificationFailed:
            return "TLS certificate of '\(host)' was not accepted: \(reason)"
        case .tlsHandshakeFailed:
            return "TLS handshake with '\(host)' failed: \(reason)"
        case .connectTimedOut:
            let via = proxy.map { " (through proxy '\($0)')" } ?? ""
            return "connecting to '\(host)'\(via) timed out: \(reason)"
        case .requestTimedOut:
            return "request to '\(url)' timed out: \(reason)"
        case .connectionClosed:
            return "connection to '\(host)' closed before the response was complete: \(reason)"
        case .bodyTooLarge:
            return "response from '\(url)' is too large: \(reason)"
        case .invalidRequest, .other:
            return "request to '\(url)' failed: \(reason)"
        }
    }
}

extension TransportError: RetryClassifiable {
    /// Connection problems, timeouts and cut connections may pass; refused credentials, TLS verification and oversized
    /// bodies will not.
    public func retryDisposition(under policy: RetryPolicy) -> RetryDisposition {
        switch kind {
        case .proxyUnreachable, .connectFailed, .connectTimedOut, .requestTimedOut, .connectionClosed, .other,
            .proxyRefused:
            return .retry(after: nil)
        case .proxyAuthenticationFailed, .tlsVerificationFailed, .tlsHandshakeFailed, .bodyTooLarge, .invalidRequest:
            return .fail
        }
    }
}
