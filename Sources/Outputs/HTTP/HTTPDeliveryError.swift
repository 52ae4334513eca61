import AsyncHTTPClient
import Transport

/// One failed attempt to deliver an HTTP batch, classified for the shared retry policy: 429, 5xx (the policy's
/// retryable statuses) and transport failures are retried; other answers fail at once.
///
/// The message names the method, the URL without its query or user info, the status and the receiver's own
/// message — with every secret header value replaced by `<redacted>`, in case the receiver echoes it.
struct HTTPDeliveryError: Error, RetryClassifiable, CustomStringConvertible {
    enum Reason {
        case status(code: Int, reason: String, message: String?, retryAfter: Duration?)
        case transport(String, retryable: Bool)
    }

    var method: String
    var url: String
    var reason: Reason

    var status: Int? {
        if case .status(let code, _, _, _) = reason { return code }
        return nil
    }

    func retryDisposition(under policy: RetryPolicy) -> RetryDisposition {
        switch reason {
        case .status(let code, _, _, let retryAfter):
            policy.retryableStatuses.contains(code) ? .retry(after: retryAfter) : .fail
        case .transport(_, let retryable):
            retryable ? .retry(after: nil) : .fail
        }
    }

    var description: String {
        switch reason {
        case .status(let code, let reason, let message, _):
            let answer = "\(method) \(url) answered \(code)\(reason.isEmpty ? "" : " " + reason)"
            guard let message, !message.isEmpty else { return answer }
            return answer + ": " + message
        case .transport(let text, _):
            return "\(method) \(url) failed: \(text)"
        }
    }

    /// A transport failure. Configuration problems (bad URL, redirect loops, refused headers) are not retried;
    /// connection, timeout and TLS-handshake-timeout failures are.
    static func transport(_ error: any Error, method: String, url: String) -> HTTPDeliveryError {
        let permanent: [HTTPClientError] = [
            .invalidURL, .emptyHost, .emptyScheme, .unsupportedScheme(""), .missingSocketPath,
            .redirectLimitReached, .redirectCycleDetected, .traceRequestWithBody,
            .identityCodingIncorrectlyPresent, .bodyLengthMismatch,
            .proxyAuthenticationRequired, .alreadyShutdown, .invalidProxyConfiguration,
        ]
        var retryable = true
        var text = "\(error)"
        if let clientError = error as? HTTPClientError {
            retryable = !permanent.contains(clientError) && !"\(clientError)".contains("unsupportedScheme")
            text = Self.describe(clientError)
        } else if "\(type(of: error))".hasPrefix("NIOSSL") || "\(error)".contains("handshakeFailed") {
            // A certificate that does not verify will not verify on the next attempt either.
            retryable = false
        }
        return HTTPDeliveryError(method: method, url: url, reason: .transport(text, retryable: retryable))
    }

    private static func describe(_ error: HTTPClientError) -> String {
        switch error {
        case .remoteConnectionClosed: "the receiver closed the connection before answering"
        case .connectTimeout: "connecting timed out"
        case .deadlineExceeded, .readTimeout: "the request timed out"
        default: "\(error)"
        }
    }
}
