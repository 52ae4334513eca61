import Crypto

/// Name-based UUIDs (RFC 9562 §5.5: SHA-1 over namespace and name, version 5, RFC variant), written lowercase.
public enum UUIDv5 {
    /// The namespace of indicator ids: UUIDv5 of the URL namespace and the name `urn:temsync:indicator`.
    /// Indicator ids are `UUIDv5(indicatorNamespace, "<type>|<value>")`; the STIX output uses the same ids.
    public static let indicatorNamespace: [UInt8] = bytes(of: "f189aac1-dab1-51e4-b857-6912a3ece631")!

    /// The namespace of record ids: UUIDv5 of the URL namespace and the name `urn:temsync:record`.
    public static let recordNamespace: [UInt8] = bytes(of: "4665999d-12a9-5377-951b-9031c4656177")!

    /// The UUID named `name` in `namespace` (16 bytes), as `xxxxxxxx-xxxx-5xxx-yxxx-xxxxxxxxxxxx`.
    public static func make(namespace: [UInt8], name: String) -> String {
        var hasher = Insecure.SHA1()
        hasher.update(data: namespace)
        hasher.update(data: Array(name.utf8))
        let digest = hasher.finalize()
        var uuid = [UInt8](repeating: 0, count: 16)
        var index = 0
        for byte in digest {
            if index == 16 { break }
            uuid[index] = byte
            index += 1
        }
        uuid[6] = (uuid[6] & 0x0F) | 0x50
        uuid[8] = (uuid[8] & 0x3F) | 0x80
        return format(uuid)
    }

    static func format(_ uuid: [UInt8]) -> String {
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(36)
        for (position, byte) in uuid.enumerated() {
            if position == 4 || position == 6 || position == 8 || position == 10 { out.append(UInt8(ascii: "-")) }
            out.append(hex[Int(byte >> 4)])
            out.append(hex[Int(byte & 0x0F)])
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
