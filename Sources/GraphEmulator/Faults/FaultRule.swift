import Foundation

/// The routes the emulator serves, as faults, budgets and the journal name them.
public enum EmulatorRoute: String, Sendable, Hashable, CaseIterable {
    /// `POST /{tenant}/oauth2/v2.0/token`
    case token
    /// `GET /v1.0/security/alerts_v2`
    case alerts
    /// `GET /v1.0/security/alerts_v2/{id}`
    case alert
    /// `GET /v1.0/security/incidents`
    case incidents
    /// `GET /v1.0/security/incidents/{id}`
    case incident
    /// `GET /v1.0/security/incidents/{id}/alerts`
    case incidentAlerts
    /// Anything else.
    case other

    public static let graph: Set<EmulatorRoute> = [.alerts, .alert, .incidents, .incident, .incidentAlerts]
}

/// A fault: what happens to which requests. Requests are counted per route from 1 (every request to the route
/// counts, faulted or not), so "the 3rd and 4th requests to alerts_v2" is
/// `FaultRule(.alerts, requests: [3, 4], action: .throttle(retryAfter: .seconds(2.128)))`.
public struct FaultRule: Sendable, Hashable {
    public var routes: Set<EmulatorRoute>
    public var requests: RequestSelector
    public var action: FaultAction

    public init(_ routes: Set<EmulatorRoute>, requests: RequestSelector = .all, action: FaultAction) {
        self.routes = routes
        self.requests = requests
        self.action = action
    }

    public init(_ route: EmulatorRoute, requests: RequestSelector = .all, action: FaultAction) {
        self.init([route], requests: requests, action: action)
    }
}

/// Which requests of a route a fault applies to (1-based counts).
public enum RequestSelector: Sendable, Hashable, ExpressibleByArrayLiteral {
    case all
    case numbers(Set<Int>)
    case range(ClosedRange<Int>)
    /// The n-th request and every one after it.
    case from(Int)

    public init(arrayLiteral elements: Int...) {
        self = .numbers(Set(elements))
    }

    func matches(_ count: Int) -> Bool {
        switch self {
        case .all: true
        case .numbers(let numbers): numbers.contains(count)
        case .range(let range): range.contains(count)
        case .from(let first): count >= first
        }
    }
}

/// What a fault does.
public enum FaultAction: Sendable, Hashable {
    /// 429 Too Many Requests with Graph's throttling body (Entra's AADSTS90055 on the token route), with or
    /// without `Retry-After`.
    case throttle(retryAfter: RetryAfter?)
    /// A server error (500, 502, 503, 504, 509 …) with Graph's error body, with or without `Retry-After`.
    case serverError(status: Int, retryAfter: RetryAfter?)
    /// Wait this long, then answer normally (a slow response; the client's deadline decides the rest).
    case delay(Duration)
    /// Send the head with the full `Content-Length` and half of the body, then close the connection.
    case cutMidBody
    /// Close the connection without answering.
    case dropConnection
    /// Answer 200 with a body that is not valid JSON (a page cut short and garbled).
    case malformedBody
    /// Answer a list request normally but without `@odata.nextLink`, even when the page is full (observed on
    /// alerts_v2, GRAPH.md §2).
    case omitNextLink
    /// Answer a list request normally but with an `@odata.nextLink` on another origin (`scheme://host:port`): not
    /// something Graph does, but what a client must refuse to follow with its token.
    case nextLinkOrigin(String)
    /// Every access token issued so far counts as expired from this request on (a token that expires mid-run);
    /// the request itself is then refused with 401 like any request bearing such a token.
    case expireTokens
}

extension FaultAction: CustomStringConvertible {
    /// Words for the journal: `429, Retry-After: 2.128`, `503`, `delay 5 seconds`, `cut mid-body` …
    public var description: String {
        func withRetry(_ status: Int, _ retryAfter: RetryAfter?) -> String {
            retryAfter.map { "\(status), Retry-After: \($0.headerValue)" } ?? "\(status)"
        }
        switch self {
        case .throttle(let retryAfter): return withRetry(429, retryAfter)
        case .serverError(let status, let retryAfter): return withRetry(status, retryAfter)
        case .delay(let duration): return "delay \(duration)"
        case .cutMidBody: return "cut mid-body"
        case .dropConnection: return "drop connection"
        case .malformedBody: return "malformed body"
        case .omitNextLink: return "omit nextLink"
        case .nextLinkOrigin(let origin): return "nextLink on \(origin)"
        case .expireTokens: return "expire tokens"
        }
    }
}

/// A `Retry-After` value: seconds (whole or fractional, e.g. Graph's sample `2.128`) or an HTTP date.
public enum RetryAfter: Sendable, Hashable {
    case seconds(Double)
    case httpDate(Date)

    public var headerValue: String {
        switch self {
        case .seconds(let seconds):
            if seconds.rounded() == seconds, abs(seconds) < 1e12 { return String(Int(seconds)) }
            return String(seconds)
        case .httpDate(let date):
            return GraphTimestamp(date).httpDateText
        }
    }
}
