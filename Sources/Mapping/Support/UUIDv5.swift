import Crypto
import Foundation

/// Name-based UUIDs (RFC 9562 §5.5: SHA-1 over namespace and name, version 5, RFC variant), written lowercase.
public enum UUIDv5 {
    /// The namespace of indicator ids: UUIDv5 of the URL namespace and the name `urn:temsync:indicator`.
    /// Indicator ids are `UUIDv5(indicatorNamespace, "<type>|<value>")`; the STIX output uses the same ids.
    public static let indicatorNamespace: [UInt8] = bytes(of: "f189aac1-dab1-51e4-b857-6912a3ece631")!

    /// The namespace of record ids: UUIDv5 of the URL namespace and the name `urn:temsync:record`.
    public static let recordNamespace: [UInt8] = bytes(of: "4665999d-12a9-5377-951b-9031c4656177")!

    /// The UUID named `name` in `namespace` (16 bytes), as `xxxxxxxx-xxxx-5xxx-yxxx-xxxxxxxxxxxx`.
    public static func make(namespace: [UInt8], name: String) -> String {
        make(namespace: namespace, parts: name)
    }

    /// The UUID named by the concatenation of `parts`, without building the concatenated string.
    static func make(namespace: [UInt8], parts: String...) -> String {
        // One contiguous message hashed in one call: the per-call overhead of the digest API outweighs the
        // hashing itself for names this short.
        var length = namespace.count
        for part in parts { length += part.utf8.count }
        let digest = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: length) { message in
            var position = namespace.withUnsafeBufferPointer { bytes in
                message.baseAddress!.update(from: bytes.baseAddress!, count: bytes.count)
                return bytes.count
            }
            for var part in parts {
                part.withUTF8 { utf8 in
                    if let base = utf8.baseAddress {
                        (message.baseAddress! + position).update(from: base, count: utf8.count)
                    }
                    position += utf8.count
                }
            }
            return Insecure.SHA1.hash(data: UnsafeRawBufferPointer(message))
        }
        return digest.withUnsafeBytes { raw in
            String(unsafeUninitializedCapacity: 36) { out in
                var position = 0
                for index in 0..<16 {
                    if index == 4 || index == 6 || index == 8 || index == 10 {
                        out[position] = UInt8(ascii: "-")
                        position += 1
                    }
                    var byte = raw[index]
                    if index == 6 { byte = (byte & 0x0F) | 0x50 }
                    if index == 8 { byte = (byte & 0x3F) | 0x80 }
                    out[position] = hexDigit(byte >> 4)
                    out[position + 1] = hexDigit(byte & 0x0F)
                    position += 2
                }
                return 36
            }
        }
    }

    @inline(__always)
    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? 48 + nibble : 87 + nibble
    }

    static func format(_ uuid: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(36)
        for (position, byte) in uuid.enumerated() {
            if position == 4 || position == 6 || position == 8 || position == 10 { out.append(UInt8(ascii: "-")) }
            out.append(hexDigit(byte >> 4))
            out.append(hexDigit(byte & 0x0F))
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The 16 bytes of a UUID written in its usual text form; `nil` when it is not one.
    public static func bytes(of text: String) -> [UInt8]? {
        var nibbles: [UInt8] = []
        for byte in text.utf8 where byte != UInt8(ascii: "-") {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): nibbles.append(byte - 48)
            case UInt8(ascii: "a")...UInt8(ascii: "f"): nibbles.append(byte - 87)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): nibbles.append(byte - 55)
            default: return nil
            }
        }
        guard nibbles.count == 32 else { return nil }
        return stride(from: 0, to: 32, by: 2).map { nibbles[$0] << 4 | nibbles[$0 + 1] }
    }
}
