import Transport

/// The identity platform refused the token request. Keyed on Entra's `error` and `error_codes` (never on the text of
/// `error_description`, as Microsoft asks); carries the trace and correlation ids for a support case.
///
/// `description` says what is wrong and how to fix it, e.g.
/// `token request failed: AADSTS7000215 (invalid_client): the client secret is not valid; use the secret's Value …`.
/// It never holds a secret: any text from the server is scrubbed of the client secret before it is kept.
public struct EntraError: Error, Sendable, CustomStringConvertible {
    /// The HTTP status of the token response (400, 401, 5xx…).
    public var httpStatus: Int
    /// The OAuth `error` value (`invalid_client`, `invalid_request`…); empty when the body was not an Entra error.
    public var error: String
    /// `error_codes` (the AADSTS numbers).
    public var errorCodes: [Int]
    /// The first line of `error_description` (for support; not used to decide anything).
    public var serverMessage: String?
    public var traceID: String?
    public var correlationID: String?
    public var timestamp: String?
    public var errorURI: String?
    /// `Retry-After` of the response, if any.
    public var retryAfter: Duration?
    public var tokenURL: String
    public var explanation: EntraExplanation

    public init(
        httpStatus: Int, error: String, errorCodes: [Int], serverMessage: String? = nil, traceID: String? = nil,
        correlationID: String? = nil, timestamp: String? = nil, errorURI: String? = nil, retryAfter: Duration? = nil,
        tokenURL: String, context: EntraErrorContext
    ) {
        self.httpStatus = httpStatus
        self.error = error
        self.errorCodes = errorCodes
        self.serverMessage = serverMessage
        self.traceID = traceID
        self.correlationID = correlationID
        self.timestamp = timestamp
        self.errorURI = errorURI
        self.retryAfter = retryAfter
        self.tokenURL = tokenURL
        self.explanation = EntraError.explain(
            error: error, codes: errorCodes, httpStatus: httpStatus, context: context)
    }

    /// `AADSTS7000215`, the first error code as Entra prints it; `nil` without codes.
    public var primaryCode: String? { errorCodes.first.map { "AADSTS\($0)" } }

    public var description: String {
        var label: [String] = []
        if let primaryCode { label.append(primaryCode) }
        if !error.isEmpty { label.append(label.isEmpty ? error : "(\(error))") }
        if label.isEmpty { label.append("HTTP \(httpStatus)") }
        var ids: [String] = []
        if let traceID { ids.append("trace ID \(traceID)") }
        if let correlationID { ids.append("correlation ID \(correlationID)") }
        let support = ids.isEmpty ? "" : " [\(ids.joined(separator: ", "))]"
        return
            "token request failed: \(label.joined(separator: " ")): \(explanation.problem); \(explanation.fix)\(support)"
    }
}

extension EntraError: RetryClassifiable {
    /// Transient Entra errors (temporarily unavailable, throttled, 5xx) and the policy's statuses retry; a refused
    /// credential never does.
    public func retryDisposition(under policy: RetryPolicy) -> RetryDisposition {
        if explanation.isTransient || policy.retryableStatuses.contains(httpStatus) {
            return .retry(after: retryAfter)
        }
        return .fail
    }
}
