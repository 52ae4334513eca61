import Foundation
import Transport

/// `type: http` — records POSTed (or PUT) as JSON arrays in batches, with retries and idempotency keys.
public struct HTTPOutputOptions: Sendable, Hashable {
    public enum Method: String, Sendable, Hashable, CaseIterable, Codable {
        case post = "POST"
        case put = "PUT"
    }

    /// A header's value: text from the job file, or a secret the runner resolved (with its non-secret prefix, such
    /// as `Bearer `). Secret values are sent and never printed, logged or put into an error.
    public enum HeaderValue: Sendable, Hashable, CustomStringConvertible {
        case plain(String)
        case secret(Secret, prefix: String = "")

        /// The value to send.
        func reveal() -> String {
            switch self {
            case .plain(let text): text
            case .secret(let secret, let prefix): prefix + secret.reveal()
            }
        }

        public var description: String {
            switch self {
            case .plain(let text): text
            case .secret(_, let prefix): prefix + "<redacted>"
            }
        }
    }

    public struct Header: Sendable, Hashable {
        public var name: String
        public var value: HeaderValue

        public init(name: String, value: HeaderValue) {
            self.name = name
            self.value = value
        }
    }

    public var url: String
    public var method: Method
    public var headers: [Header]
    /// Records per request (1…10000).
    public var batchSize: Int
    /// Compress request bodies (`Content-Encoding: gzip`).
    public var gzip: Bool
    /// The deadline of one attempt (connection, upload and answer).
    public var timeout: Duration
    /// The job's retry policy (429, 5xx and transport errors are retried; `Retry-After` is honoured).
    public var retry: RetryPolicy

    /// Headers temsync sets itself; a job may not set them.
    public static let reservedHeaders: Set<String> = [
        "content-length", "content-encoding", "content-type", "idempotency-key", "host", "transfer-encoding",
    ]

    public init(
        url: String, method: Method = .post, headers: [Header] = [], batchSize: Int = 500, gzip: Bool = false,
        timeout: Duration = .seconds(30), retry: RetryPolicy = RetryPolicy()
    ) {
        self.url = url
        self.method = method
        self.headers = headers
        self.batchSize = batchSize
        self.gzip = gzip
        self.timeout = timeout
        self.retry = retry
    }

    public var problems: [String] {
        var problems: [String] = []
        if let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
            scheme == "http" || scheme == "https", components.host?.isEmpty == false
        {
        } else {
            problems.append("'url' must be an absolute http or https URL, not '\(url)'")
        }
        if !(1...10_000).contains(batchSize) { problems.append("'batch_size' must be 1…10000, not \(batchSize)") }
        if timeout <= .zero { problems.append("'timeout' must be longer than zero") }
        for header in headers {
            if !Self.isToken(header.name) {
                problems.append("header name '\(header.name)' is not a valid HTTP field name")
            } else if Self.reservedHeaders.contains(header.name.lowercased()) {
                problems.append("header '\(header.name)' is set by temsync and cannot be configured")
            }
            if case .plain(let text) = header.value, text.contains(where: { $0 == "\r" || $0 == "\n" }) {
                problems.append("the value of header '\(header.name)' must not contain a line break")
            }
        }
        return problems
    }

    /// RFC 9110 `token`: the characters an HTTP field name may hold.
    static func isToken(_ name: String) -> Bool {
        !name.isEmpty
            && name.unicodeScalars.allSatisfy { scalar in
                scalar.isASCII
                    && (CharacterSet.alphanumerics.contains(scalar)
                        || "!#$%&'*+-.^_`|~".unicodeScalars.contains(scalar))
            }
    }
}
