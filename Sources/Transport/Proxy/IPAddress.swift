#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// An IPv4 or IPv6 address as its network-order bytes (4 or 16), for `no_proxy` matching and loopback checks.
public struct IPAddress: Sendable, Hashable, CustomStringConvertible {
    public let bytes: [UInt8]

    /// Parses a textual address (`10.1.2.3`, `::1`, `[::1]`); `nil` when the text is not an address.
    public init?(_ text: String) {
        var text = Substring(text)
        if text.hasPrefix("[") && text.hasSuffix("]") { text = text.dropFirst().dropLast() }
        if text.contains("%") { return nil }  // zone ids are not supported
        if let bytes = Self.parse(String(text), family: AF_INET, size: 4) {
            self.bytes = bytes
        } else if let bytes = Self.parse(String(text), family: AF_INET6, size: 16) {
            self.bytes = bytes
        } else {
            return nil
        }
    }

    public var isIPv4: Bool { bytes.count == 4 }

    /// `127.0.0.0/8` or `::1`.
    public var isLoopback: Bool {
        if isIPv4 { return bytes[0] == 127 }
        return bytes == [UInt8](repeating: 0, count: 15) + [1]
    }

    /// Whether the first `prefixLength` bits equal those of `other` (same family only).
    public func sharesPrefix(_ prefixLength: Int, with other: IPAddress) -> Bool {
        guard bytes.count == other.bytes.count, prefixLength >= 0, prefixLength <= bytes.count * 8 else {
            return false
        }
        var remaining = prefixLength
        for index in bytes.indices where remaining > 0 {
            let bits = min(8, remaining)
            let mask = UInt8(truncatingIfNeeded: 0xFF << (8 - bits))
            if bytes[index] & mask != other.bytes[index] & mask { return false }
            remaining -= bits
        }
        return true
    }

    public var description: String {
        if isIPv4 { return bytes.map(String.init).joined(separator: ".") }
        var groups: [String] = []
        for index in stride(from: 0, to: 16, by: 2) {
            groups.append(String(UInt16(bytes[index]) << 8 | UInt16(bytes[index + 1]), radix: 16))
        }
        return groups.joined(separator: ":")
    }

    private static func parse(_ text: String, family: Int32, size: Int) -> [UInt8]? {
        var buffer = [UInt8](repeating: 0, count: 16)
        let result = buffer.withUnsafeMutableBytes { raw in
            inet_pton(family, text, raw.baseAddress)
        }
        return result == 1 ? Array(buffer.prefix(size)) : nil
    }
}
