import Foundation
import JSON
import Transport

/// An access token from the identity platform. The token itself is a `Secret`: it never prints.
public struct AccessToken: Sendable {
    public let value: Secret
    /// `Bearer`.
    public let tokenType: String
    /// The lifetime the token endpoint announced (`expires_in`).
    public let lifetime: Duration
    /// When it was received (the retry runtime's clock).
    public let receivedAt: ContinuousClock.Instant
    /// When it was received, by the wall clock.
    public let receivedDate: Date

    public init(
        value: Secret, tokenType: String, lifetime: Duration, receivedAt: ContinuousClock.Instant, receivedDate: Date
    ) {
        self.value = value
        self.tokenType = tokenType
        self.lifetime = lifetime
        self.receivedAt = receivedAt
        self.receivedDate = receivedDate
    }

    public var expiresAt: ContinuousClock.Instant { receivedAt + lifetime }
    public var expiresDate: Date { receivedDate.addingTimeInterval(lifetime.seconds) }

    /// Renewed this long before it expires: a tenth of its life, at most five minutes.
    public var renewalMargin: Duration { min(.seconds(300), lifetime / 10) }

    /// From this instant on, the cache asks for a new token.
    public var renewAt: ContinuousClock.Instant { expiresAt - renewalMargin }

    /// The claims of the token (Entra application tokens are JWTs: `roles`, `tid`, `appid`, `aud`, `exp`…), decoded
    /// without verifying the signature — for diagnosis (`temsync connect`), never for a security decision.
    public func claims() throws(TokenClaimsError) -> JSONObject {
        let parts = value.reveal().split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3 else { throw TokenClaimsError("the access token is not a JWT (expected 3 parts)") }
        var base64 = parts[1].replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard let data = Data(base64Encoded: base64) else {
            throw TokenClaimsError("the access token's claims are not base64url")
        }
        guard let json = try? JSON(parsing: Array(data)), let object = json.objectValue else {
            throw TokenClaimsError("the access token's claims are not a JSON object")
        }
        return object
    }

    /// The application roles granted to the app (`roles` claim), sorted; empty when the claim is absent.
    public func roles() throws(TokenClaimsError) -> [String] {
        let claims = try claims()
        return (claims["roles"]?.arrayValue ?? []).compactMap(\.stringValue).sorted()
    }
}

/// The access token's claims could not be read. Never holds the token.
public struct TokenClaimsError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
