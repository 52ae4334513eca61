import Foundation

/// One request the emulator received, as received, with what it answered.
public struct JournalEntry: Sendable, Hashable {
    public struct Header: Sendable, Hashable {
        public var name: String
        public var value: String
    }

    /// 1 for the first request the emulator received.
    public var sequence: Int
    public var received: Date
    public var route: EmulatorRoute
    public var method: String
    /// The full URL: scheme, host and port of the emulator, then the path and query as received.
    public var url: String
    public var path: String
    public var query: String?
    public var headers: [Header]
    /// The body as received (see `JournalOptions.keepsSecrets`).
    public var body: [UInt8]
    /// The status answered; nil when the connection was dropped before a head was sent.
    public var status: Int?
    /// Graph's `request-id` (Entra's trace id) of the answer.
    public var requestID: String
    /// The `client-request-id` the client sent; nil when it sent none.
    public var clientRequestID: String?
    /// The faults applied to this request, in words (e.g. `429, Retry-After: 2.128`).
    public var faults: [String]

    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    public var bodyText: String { String(decoding: body, as: UTF8.self) }

    /// Whether `secret` appears anywhere in this request: in the URL, a header or the body, as is, percent-encoded
    /// (a form body or query) or inside HTTP Basic credentials.
    public func reveals(_ secret: String) -> Bool {
        guard !secret.isEmpty else { return false }
        let forms = [secret, FormEncoding.percentEncode(secret), secret.replacingOccurrences(of: " ", with: "+")]
        let texts = [url, bodyText] + headers.map(\.value)
        for text in texts where forms.contains(where: { text.contains($0) }) { return true }
        for header in headers where header.value.lowercased().hasPrefix("basic ") {
            if let credentials = TokenEndpoint.basicCredentials(header.value),
                credentials.password == secret || credentials.user == secret
            {
                return true
            }
        }
        return false
    }
}
