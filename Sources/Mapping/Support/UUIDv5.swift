import CSHA1
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
        // The first 16 bytes of the SHA-1 digest, as two little-endian words.
        let (first, second) = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: length) { message in
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
            return digestWords(UnsafeBufferPointer(message))
        }
        // Version 5 in the high nibble of byte 6, the RFC variant in the top two bits of byte 8.
        let low = first & ~(0xF0 << 48) | 0x50 << 48  // bytes 0…7
        let high = second & ~0xC0 | 0x80  // 8…15
        return String(unsafeUninitializedCapacity: 36) { buffer in
            let out = UnsafeMutableRawPointer(buffer.baseAddress!)
            let first = hexDigits(UInt32(truncatingIfNeeded: low))  // bytes 0…3
            let second = hexDigits(UInt32(truncatingIfNeeded: low >> 32))  // 4…7
            let third = hexDigits(UInt32(truncatingIfNeeded: high))  // 8…11
            let fourth = hexDigits(UInt32(truncatingIfNeeded: high >> 32))  // 12…15
            // 8-4-4-4-12 digits: bytes 0…3, 4…5, 6…7, 8…9, 10…15.
            out.storeBytes(of: first.littleEndian, toByteOffset: 0, as: UInt64.self)
            out.storeBytes(of: UInt8(ascii: "-"), toByteOffset: 8, as: UInt8.self)
            out.storeBytes(of: UInt32(truncatingIfNeeded: second).littleEndian, toByteOffset: 9, as: UInt32.self)
            out.storeBytes(of: UInt8(ascii: "-"), toByteOffset: 13, as: UInt8.self)
            out.storeBytes(
                of: UInt32(truncatingIfNeeded: second >> 32).littleEndian, toByteOffset: 14, as: UInt32.self)
            out.storeBytes(of: UInt8(ascii: "-"), toByteOffset: 18, as: UInt8.self)
            out.storeBytes(of: UInt32(truncatingIfNeeded: third).littleEndian, toByteOffset: 19, as: UInt32.self)
            out.storeBytes(of: UInt8(ascii: "-"), toByteOffset: 23, as: UInt8.self)
            out.storeBytes(
                of: UInt32(truncatingIfNeeded: third >> 32).littleEndian, toByteOffset: 24, as: UInt32.self)
            out.storeBytes(of: fourth.littleEndian, toByteOffset: 28, as: UInt64.self)
            return 36
        }
    }

    /// The first 16 bytes of the SHA-1 digest of `message`, as two little-endian words: by the CPU's SHA
    /// extensions when it has them (`CSHA1`) and `hardware` allows, else by swift-crypto.
    @inline(__always)
    static func digestWords(_ message: UnsafeBufferPointer<UInt8>, hardware: Bool = true) -> (UInt64, UInt64) {
        var digest: (UInt64, UInt64, UInt32) = (0, 0, 0)
        let hashed =
            hardware
            ? withUnsafeMutableBytes(of: &digest) { out in
                csha1_hash(message.baseAddress, message.count, out.baseAddress!.assumingMemoryBound(to: UInt8.self))
            } : 0
        if hashed == 1 { return (digest.0.littleEndian, digest.1.littleEndian) }
        return Insecure.SHA1.hash(data: UnsafeRawBufferPointer(message)).withUnsafeBytes { raw in
            (
                raw.loadUnaligned(as: UInt64.self).littleEndian,
                raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self).littleEndian
            )
        }
    }

    /// The 8 lowercase hex digits of 4 bytes (the first byte least significant), as a `UInt64` whose first digit
    /// is its least significant byte: each byte spread over two, split into nibbles, made ASCII all at once.
    @inline(__always)
    static func hexDigits(_ bytes: UInt32) -> UInt64 {
        var spread = UInt64(bytes)
        spread = (spread | spread << 16) & 0x0000_FFFF_0000_FFFF
        spread = (spread | spread << 8) & 0x00FF_00FF_00FF_00FF
        // The high nibble of each byte first.
        let nibbles = (spread >> 4) & 0x000F_000F_000F_000F | (spread & 0x000F_000F_000F_000F) << 8
        let letters = ((nibbles &+ 0x0606_0606_0606_0606) >> 4) & 0x0101_0101_0101_0101  // 1 where the nibble > 9
        return nibbles &+ 0x3030_3030_3030_3030 &+ letters &* 39  // '0'…'9', or 'a'…'f' (39 = 'a' - '0' - 10)
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
