import Crypto
import Foundation

/// Name-based UUIDs (RFC 9562 version 5: SHA-1 over a namespace and a name), lowercase, for the STIX ids the output
/// makes itself. (Named apart from Mapping's `UUIDv5` so both modules can be imported together.)
enum STIXIdentifier {
    /// temsync's namespace for the identity and bundle ids.
    static let outputNamespace = UUID(uuidString: "6f1d3c52-7a0e-4c8b-9e55-2b7d0f4a9c31")!
    /// Mapping's indicator namespace (UUIDv5 of the URL namespace and `urn:temsync:indicator`): an indicator id made
    /// here is the one `Indicator.id(type:value:)` gives.
    static let indicatorNamespace = UUID(uuidString: "f189aac1-dab1-51e4-b857-6912a3ece631")!

    static func uuid5(namespace: UUID = outputNamespace, name: String) -> String {
        var hash = Insecure.SHA1()
        withUnsafeBytes(of: namespace.uuid) { hash.update(bufferPointer: $0) }
        hash.update(data: Array(name.utf8))
        var bytes = Array(hash.finalize().prefix(16))
        bytes[6] = (bytes[6] & 0x0F) | 0x50
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let uuid = UUID(
            uuid: (
                bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7], bytes[8], bytes[9],
                bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]
            ))
        return uuid.uuidString.lowercased()
    }

    /// `true` for a lowercase RFC 9562 UUID (8-4-4-4-12 hex digits).
    static func isUUID(_ text: String) -> Bool {
        guard let uuid = UUID(uuidString: text) else { return false }
        return uuid.uuidString.lowercased() == text
    }
}
