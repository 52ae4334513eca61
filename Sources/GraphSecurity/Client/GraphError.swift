import Transport

/// Graph answered with an error status: carries Graph's error `code` and `message` (`{"error":{"code","message"}}`),
/// the request ids for support, and a hint for the statuses an operator can fix (401, 403).
public struct GraphError: Error, Sendable, CustomStringConvertible {
    public var status: Int
    /// Graph's `error.code` (`accessDenied`, `TooManyRequests`, `BadRequest`…), when the body had one.
    public var code: String?
    /// Graph's `error.message`.
    public var message: String?
    public var url: String
    /// Graph's `request-id` response header.
    public var requestID: String?
    /// The `client-request-id` temsync sent.
    public var clientRequestID: String
    public var retryAfter: Duration?

    public init(
        status: Int, code: String?, message: String?, url: String, requestID: String?, clientRequestID: String,
        retryAfter: Duration?
    ) {
        self.status = status
        self.code = code
        self.message = message
        self.url = url
        self.requestID = requestID
        self.clientRequestID = clientRequestID
        self.retryAfter = retryAfter
    }

    /// The application permission the request's API needs (from the URL's path).
    public var requiredPermission: String? {
        if url.contains("/security/alerts_v2") { return "SecurityAlert.Read.All" }
        if url.contains("/security/incidents") {
            return url.contains("/alerts") && !url.contains("$expand")
                ? "SecurityAlert.Read.All"
                : "SecurityIncident.Read.All"
        }
        return nil
    }

    /// What to do about it, for the statuses that need an operator.
    public var hint: String? {
        switch status {
        case 401:
            return "Graph did not accept the access token (a renewed token was refused too); check that cloud and "
                + "endpoints belong together"
        case 403:
            guard let permission = requiredPermission else { return nil }
            return "the app needs the application permission \(permission) with admin consent (API permissions → "
                + "Add a permission → Microsoft Graph → Application permissions → \(permission) → Grant admin consent)"
        default:
            return nil
        }
    }

    public var description: String {
        var text = "Graph answered \(status)"
        if let code { text += " (\(code))" }
        text += " for '\(url)'"
        if let message, !message.isEmpty { text += ": \(message)" }
        if let hint { text += "; \(hint)" }
        var ids = ["client-request-id \(clientRequestID)"]
        if let requestID { ids.insert("request-id \(requestID)", at: 0) }
        return text + " [\(ids.joined(separator: ", "))]"
    }
}

extension GraphError: RetryClassifiable {
    /// 429 and the 5xx statuses of the policy retry (honouring `Retry-After`); every other 4xx fails at once.
    public func retryDisposition(under policy: RetryPolicy) -> RetryDisposition {
        policy.disposition(forHTTPStatus: status, retryAfter: retryAfter)
    }
}

/// Graph answered 2xx with a body that is not the JSON expected (malformed, cut short). Retried: a second read usually
/// succeeds.
public struct GraphResponseError: Error, Sendable, CustomStringConvertible, RetryClassifiable {
    public var url: String
    public var requestID: String?
    public var reason: String

    public init(url: String, requestID: String?, reason: String) {
        self.url = url
        self.requestID = requestID
        self.reason = reason
    }

    public var description: String {
        "Graph's response for '\(url)' is unusable: \(reason)" + (requestID.map { " [request-id \($0)]" } ?? "")
    }

    public func retryDisposition(under policy: RetryPolicy) -> RetryDisposition { .retry(after: nil) }
}
