import AsyncHTTPClient
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a failed request was going, to name the right party in the message.
struct RequestRoute: Sendable {
    var url: String
    /// `host:port` of the target.
    var target: String
    var host: String
    var isHTTPS: Bool
    var proxy: ProxyConfiguration?
    var timeouts: HTTPTimeouts
}

extension TransportError {
    /// Turns whatever AsyncHTTPClient, NIO or NIOSSL threw into a message naming the proxy or the host, and why.
    static func classify(_ error: any Error, route: RequestRoute) -> TransportError {
        if let error = error as? TransportError { return error }
        let proxyName = route.proxy?.description
        func make(_ kind: Kind, _ reason: String) -> TransportError {
            TransportError(kind: kind, url: route.url, host: route.target, proxy: proxyName, reason: reason)
        }
        let connectLimit = "no connection within \(format(route.timeouts.connect)) (timeouts.connect)"
        let requestLimit = "no complete response within \(format(route.timeouts.request)) (timeouts.request)"

        if let error = error as? HTTPClientError {
            switch error {
            case .proxyAuthenticationRequired:
                let reason =
                    route.proxy?.username == nil
                    ? "407 Proxy Authentication Required: the proxy wants credentials; set proxy.username and proxy.password"
                    : "407 Proxy Authentication Required: the proxy did not accept user '\(route.proxy?.username ?? "")'; check proxy.username and proxy.password"
                return make(.proxyAuthenticationFailed, reason)
            case .invalidProxyResponse:
                return make(
                    .proxyRefused,
                    "the proxy answered CONNECT with an error (is '\(route.target)' allowed by the proxy and reachable from it?)"
                )
            case .connectTimeout, .socksHandshakeTimeout:
                return make(.connectTimedOut, connectLimit)
            case .httpProxyHandshakeTimeout:
                return make(
                    .connectTimedOut, "the proxy did not open the tunnel within \(format(route.timeouts.connect))")
            case .tlsHandshakeTimeout:
                return make(
                    .connectTimedOut, "the TLS handshake did not finish within \(format(route.timeouts.connect))")
            case .deadlineExceeded, .readTimeout, .writeTimeout, .getConnectionFromPoolTimeout:
                return make(.requestTimedOut, requestLimit)
            case .remoteConnectionClosed, .uncleanShutdown, .bodyLengthMismatch:
                return make(.connectionClosed, "the server closed the connection")
            default:
                return make(.other, "\(error)")
            }
        }
        if let error = error as? NIOSSLExtraError, error == .failedToValidateHostname {
            return make(
                .tlsVerificationFailed,
                "the certificate is not valid for the host name '\(route.host)' (it names other hosts)")
        }
        if let error = error as? NIOSSLError {
            switch error {
            case .handshakeFailed(let inner):
                if "\(inner)".contains("CERTIFICATE_VERIFY_FAILED") {
                    return make(
                        .tlsVerificationFailed,
                        "the certificate chain does not lead to a trusted root (self-signed, issued by an unknown CA "
                            + "such as a TLS-inspecting proxy's, or expired); add the issuing root to tls.ca_file")
                }
                return make(.tlsHandshakeFailed, "\(inner)")
            case .uncleanShutdown:
                return make(.connectionClosed, "the server closed the TLS connection without close_notify")
            default:
                return make(.tlsHandshakeFailed, "\(error)")
            }
        }
        if let error = error as? NIOConnectionError {
            let reason: String
            if error.dnsAError != nil || error.dnsAAAAError != nil, error.connectionErrors.isEmpty {
                reason = "the name '\(error.host)' could not be resolved"
            } else if let first = error.connectionErrors.first {
                reason = describe(first.error)
            } else {
                reason = "no address to connect to"
            }
            if route.proxy != nil { return make(.proxyUnreachable, reason) }
            return make(.connectFailed, reason)
        }
        if let error = error as? ChannelError {
            switch error {
            case .connectTimeout:
                return route.proxy != nil ? make(.proxyUnreachable, connectLimit) : make(.connectTimedOut, connectLimit)
            case .eof, .ioOnClosedChannel, .alreadyClosed, .outputClosed, .inputClosed:
                return make(.connectionClosed, "the server closed the connection")
            default:
                return make(.other, "\(error)")
            }
        }
        if let error = error as? IOError {
            switch error.errnoCode {
            case ECONNREFUSED, EHOSTUNREACH, ENETUNREACH:
                return route.proxy != nil
                    ? make(.proxyUnreachable, describe(error)) : make(.connectFailed, describe(error))
            default:
                return make(.connectionClosed, describe(error))
            }
        }
        if let error = error as? HTTPParserError {
            if error == .invalidEOFState { return make(.connectionClosed, "the server closed the connection") }
            return make(.other, "malformed HTTP response (\(error))")
        }
        if error is NIOTooManyBytesError {
            return make(.bodyTooLarge, "the body exceeds the limit")
        }
        return make(.other, "\(error)")
    }

    private static func describe(_ error: any Error) -> String {
        if let error = error as? IOError {
            return String(cString: strerror(error.errnoCode)).lowercased()
        }
        return "\(error)"
    }
}

/// `10s`, `1.5s`, `250ms`: durations as job files write them.
func format(_ duration: Duration) -> String {
    let milliseconds = Int64((duration.seconds * 1000).rounded())
    if milliseconds % 1000 == 0 { return "\(milliseconds / 1000)s" }
    if milliseconds < 1000 { return "\(milliseconds)ms" }
    return "\(Double(milliseconds) / 1000)s"
}
