import Foundation
import JSON

/// An error of the identity platform's token endpoint, with the body Entra sends (GRAPH.md §9): `error`,
/// `error_description` (`AADSTSnnn: text` + trace id, correlation id and timestamp lines), `error_codes`,
/// `timestamp`, `trace_id`, `correlation_id`, `error_uri`.
struct EntraError: Error, Sendable, Hashable {
    var code: Int
    var error: String
    var message: String
    var status: Int = 400

    static func missingParameter(_ name: String) -> EntraError {
        EntraError(
            code: 900144, error: "invalid_request",
            message: "The request body must contain the following parameter: '\(name)'.")
    }

    static let onlyPost = EntraError(
        code: 900561, error: "invalid_request",
        message: "The endpoint only accepts POST requests. Received a GET request.")

    static func unsupportedGrantType(_ grantType: String) -> EntraError {
        EntraError(
            code: 70003, error: "unsupported_grant_type",
            message: "The app requested an unsupported grant type '\(grantType)'.")
    }

    static func invalidTenantName(_ tenant: String) -> EntraError {
        EntraError(
            code: 90002, error: "invalid_request",
            message: "Tenant '\(tenant)' not found. Check to make sure you have the correct tenant ID and are signing "
                + "into the correct cloud. Check with your subscription administrator, this may happen if there are "
                + "no active subscriptions for the tenant.")
    }

    static func malformedTenant(_ tenant: String) -> EntraError {
        EntraError(
            code: 900023, error: "invalid_request",
            message: "Specified tenant identifier '\(tenant)' is neither a valid DNS name, nor a valid external domain."
        )
    }

    static func unknownApplication(_ clientID: String, tenant: String) -> EntraError {
        EntraError(
            code: 700016, error: "unauthorized_client",
            message: "Application with identifier '\(clientID)' was not found in the directory '\(tenant)'. This can "
                + "happen if the application has not been installed by the administrator of the tenant or consented "
                + "to by any user in the tenant. You may have sent your authentication request to the wrong tenant.")
    }

    static func disabledApplication(_ clientID: String, name: String) -> EntraError {
        EntraError(
            code: 7000112, error: "unauthorized_client", message: "Application '\(clientID)'(\(name)) is disabled.")
    }

    static let missingCredential = EntraError(
        code: 7000218, error: "invalid_client",
        message: "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.")

    static func invalidSecret(_ clientID: String) -> EntraError {
        EntraError(
            code: 7000215, error: "invalid_client",
            message: "Invalid client secret provided. Ensure the secret being sent in the request is the client "
                + "secret value, not the client secret ID, for a secret added to app '\(clientID)'.")
    }

    static func expiredSecret(_ clientID: String) -> EntraError {
        EntraError(
            code: 7000222, error: "invalid_client",
            message: "The provided client secret keys for app '\(clientID)' are expired. Visit the Azure portal to "
                + "create new keys for your app: https://aka.ms/NewClientSecret, or consider using certificate "
                + "credentials for added security: https://aka.ms/certCreds.")
    }

    static func invalidScope(_ scope: String) -> EntraError {
        EntraError(
            code: 70011, error: "invalid_scope",
            message: "The provided value for the input parameter 'scope' is not valid. The scope \(scope) is not valid."
        )
    }

    static let throttled = EntraError(
        code: 90055, error: "temporarily_unavailable", message: "There are too many incoming requests.", status: 429)

    static let transient = EntraError(
        code: 90033, error: "temporarily_unavailable",
        message: "A transient error has occurred. Please try again.", status: 503)

    /// The JSON body, with fresh trace and correlation ids (the correlation id echoes the client's
    /// `client-request-id` when it sent one, as Entra does).
    func body(traceID: String, correlationID: String, at date: Date, loginRoot: String) -> JSON {
        let timestamp = GraphTimestamp(date).entraText
        let description =
            "AADSTS\(code): \(message)\r\nTrace ID: \(traceID)\r\nCorrelation ID: \(correlationID)\r\n"
            + "Timestamp: \(timestamp)"
        return [
            "error": .string(error),
            "error_description": .string(description),
            "error_codes": [.int(code)],
            "timestamp": .string(timestamp),
            "trace_id": .string(traceID),
            "correlation_id": .string(correlationID),
            "error_uri": .string("\(loginRoot)/error?code=\(code)"),
        ]
    }
}
