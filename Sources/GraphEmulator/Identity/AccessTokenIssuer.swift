import Crypto
import Foundation
import JSON

/// Mints and checks the emulator's access tokens. They are shaped like Entra's app-only tokens for Graph (a JWT:
/// header, claims with `aud`, `iss`, `iat`, `nbf`, `exp`, `appid`, `roles`, `tid`, …, signature), signed with
/// HMAC-SHA256 under a key of the emulator's own (Entra signs with RS256; a client must not verify either).
struct AccessTokenIssuer: Sendable {
    private let keyBytes: [UInt8]

    init(keyBytes: [UInt8] = SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }) {
        self.keyBytes = keyBytes
    }

    private var key: SymmetricKey { SymmetricKey(data: keyBytes) }

    struct Claims: Sendable, Hashable {
        var tenantID: String
        var appID: String
        var appDisplayName: String
        var roles: [String]
        var audience: String
        var issuedAt: Int
        var expires: Int
        /// Serial number of the token (in `uti`); tokens up to a revoked serial count as expired.
        var serial: Int
    }

    func issue(_ claims: Claims) -> String {
        let header: JSON = ["typ": "JWT", "alg": "HS256", "kid": "temsync-emulator"]
        let objectID = Self.guid(from: SHA256.hash(data: Data(("oid:" + claims.tenantID + claims.appID).utf8)))
        var payload: JSON = [
            "aud": .string(claims.audience),
            "iss": .string("https://sts.windows.net/\(claims.tenantID)/"),
            "iat": .int(claims.issuedAt),
            "nbf": .int(claims.issuedAt),
            "exp": .int(claims.expires),
            "aio": "E2ZgYJjw8tXn3vBwlemulator==",
            "app_displayname": .string(claims.appDisplayName),
            "appid": .string(claims.appID),
            "appidacr": "1",
            "idp": .string("https://sts.windows.net/\(claims.tenantID)/"),
            "idtyp": "app",
            "oid": .string(objectID),
            "rh": "0.AAAAemulator.",
            "roles": .array(claims.roles.map { .string($0) }),
            "sub": .string(objectID),
            "tenant_region_scope": "EU",
            "tid": .string(claims.tenantID),
            "uti": .string(Self.base64URL(Array(String(claims.serial).utf8))),
            "ver": "1.0",
            "wids": ["0997a1d0-0d1d-4acb-b408-d5ca73121e90"],
            "xms_tcdt": .int(1_600_000_000),
        ]
        // Entra leaves `roles` out of an app-only token when the app was granted no application permission.
        if claims.roles.isEmpty { payload["roles"] = nil }
        let signingInput = Self.base64URL(header.encoded()) + "." + Self.base64URL(payload.encoded())
        let signature = HMAC<SHA256>.authenticationCode(for: Data(signingInput.utf8), using: key)
        return signingInput + "." + Self.base64URL(Array(signature))
    }

    /// Why a bearer token was refused.
    enum Rejection: Error, Sendable, Hashable {
        case malformed
        case badSignature
        case expired
        case wrongAudience
    }

    func validate(_ token: String, now: Date, audiences: [String]) -> Result<Claims, Rejection> {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let payloadBytes = Self.decodeBase64URL(parts[1]),
            let signature = Self.decodeBase64URL(parts[2]),
            let payload = try? JSON(parsing: payloadBytes)
        else { return .failure(.malformed) }
        let signingInput = Data("\(parts[0]).\(parts[1])".utf8)
        guard HMAC<SHA256>.isValidAuthenticationCode(signature, authenticating: signingInput, using: key) else {
            return .failure(.badSignature)
        }
        guard let tenantID = payload["tid"]?.stringValue, let appID = payload["appid"]?.stringValue,
            let audience = payload["aud"]?.stringValue, let issuedAt = payload["iat"]?.intValue,
            let expires = payload["exp"]?.intValue, let uti = payload["uti"]?.stringValue,
            let serialBytes = Self.decodeBase64URL(Substring(uti)),
            let serial = Int(String(decoding: serialBytes, as: UTF8.self))
        else { return .failure(.malformed) }
        let roles = payload["roles"]?.arrayValue?.compactMap(\.stringValue) ?? []
        guard audiences.contains(audience) else { return .failure(.wrongAudience) }
        guard Int(now.timeIntervalSince1970) < expires else { return .failure(.expired) }
        return .success(
            Claims(
                tenantID: tenantID, appID: appID, appDisplayName: payload["app_displayname"]?.stringValue ?? "",
                roles: roles, audience: audience, issuedAt: issuedAt, expires: expires, serial: serial))
    }

    static func base64URL(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func decodeBase64URL(_ text: Substring) -> [UInt8]? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        return Data(base64Encoded: base64).map { Array($0) }
    }

    static func guid(from digest: SHA256.Digest) -> String {
        let hex = digest.map { String(format: "%02x", $0) }.joined()
        let characters = Array(hex)
        func slice(_ start: Int, _ length: Int) -> String { String(characters[start..<start + length]) }
        return "\(slice(0, 8))-\(slice(8, 4))-\(slice(12, 4))-\(slice(16, 4))-\(slice(20, 12))"
    }
}
