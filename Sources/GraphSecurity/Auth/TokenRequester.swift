import Foundation
import JSON
import Logging
import NIOHTTP1
import Transport

/// One client-credentials request to the identity platform: builds the form, sends it, and reads the token or the
/// Entra error.
struct TokenRequester: Sendable {
    let connection: GraphConnection
    let transport: HTTPTransport
    let runtime: RetryRuntime

    var tokenURL: String { connection.endpoints.tokenURL(tenant: connection.tenantID) }

    var context: EntraErrorContext {
        EntraErrorContext(
            tenantID: connection.tenantID, clientID: connection.clientID, cloud: connection.cloud,
            scope: connection.endpoints.scope,
            customEndpoints: connection.endpoints != (try? GraphEndpoints(cloud: connection.cloud)))
    }

    /// Sends the request once (the caller retries).
    func request(logger: Logger) async throws -> AccessToken {
        let form = [
            ("client_id", connection.clientID),
            ("scope", connection.endpoints.scope),
            ("client_secret", connection.clientSecret.reveal()),
            ("grant_type", "client_credentials"),
        ]
        .map { "\(Self.formEncode($0.0))=\(Self.formEncode($0.1))" }
        .joined(separator: "&")
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        headers.add(name: "Accept", value: "application/json")
        headers.add(name: "client-request-id", value: UUID().uuidString.lowercased())
        let response = try await transport.send(
            TransportRequest(method: .POST, url: tokenURL, headers: headers, body: Array(form.utf8)),
            maxBodyBytes: 1024 * 1024, logger: logger)
        let json = try? JSON(parsing: response.body)
        guard response.isSuccess else {
            throw entraError(response: response, json: json)
        }
        guard let json, let token = json["access_token"]?.stringValue, !token.isEmpty else {
            throw TokenResponseError(
                tokenURL: tokenURL, status: response.status,
                reason: json == nil ? "the body is not JSON" : "the body has no access_token")
        }
        let expiresIn: Int? = json["expires_in"]?.intValue ?? json["expires_in"]?.stringValue.flatMap { Int($0) }
        guard let expiresIn, expiresIn > 0 else {
            throw TokenResponseError(
                tokenURL: tokenURL, status: response.status, reason: "the body has no positive expires_in")
        }
        let tokenType = json["token_type"]?.stringValue ?? "Bearer"
        logger.debug(
            "access token acquired",
            metadata: [
                "auth.tenant_id": "\(connection.tenantID)", "auth.client_id": "\(connection.clientID)",
                "auth.expires_in": "\(expiresIn)",
            ])
        return AccessToken(
            value: Secret(token), tokenType: tokenType, lifetime: .seconds(expiresIn), receivedAt: runtime.now(),
            receivedDate: Date())
    }

    private func entraError(response: TransportResponse, json: JSON?) -> EntraError {
        let secret = connection.clientSecret.reveal()
        func scrubbed(_ text: String?) -> String? {
            guard let text else { return nil }
            return secret.isEmpty ? text : text.replacingOccurrences(of: secret, with: "<redacted>")
        }
        let description = json?["error_description"]?.stringValue
        let firstLine = description?.split(whereSeparator: \.isNewline).first.map(String.init)
        let codes = (json?["error_codes"]?.arrayValue ?? []).compactMap(\.intValue)
        return EntraError(
            httpStatus: response.status, error: scrubbed(json?["error"]?.stringValue) ?? "", errorCodes: codes,
            serverMessage: scrubbed(firstLine), traceID: scrubbed(json?["trace_id"]?.stringValue),
            correlationID: scrubbed(json?["correlation_id"]?.stringValue),
            timestamp: scrubbed(json?["timestamp"]?.stringValue), errorURI: scrubbed(json?["error_uri"]?.stringValue),
            retryAfter: RetryAfter.parse(response.header("Retry-After")), tokenURL: tokenURL, context: context)
    }

    /// `application/x-www-form-urlencoded`: everything but the unreserved characters is percent-encoded.
    static func formEncode(_ text: String) -> String {
        var result = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                result += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return result
    }
}

/// The token endpoint answered 2xx with a body that is not a token response (malformed, cut). Retried.
public struct TokenResponseError: Error, Sendable, CustomStringConvertible, RetryClassifiable {
    public var tokenURL: String
    public var status: Int
    public var reason: String

    public var description: String { "token response from '\(tokenURL)' is unusable: \(reason)" }

    public func retryDisposition(under policy: RetryPolicy) -> RetryDisposition { .retry(after: nil) }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
