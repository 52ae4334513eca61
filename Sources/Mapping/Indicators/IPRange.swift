/// A CIDR block (`10.0.0.0/8`, `2001:db8::/32`).
struct IPRange: Sendable, Hashable {
    var address: IPAddress
    var prefixLength: Int

    init(_ address: IPAddress, prefixLength: Int) {
        self.address = address
        self.prefixLength = prefixLength
    }

    /// `nil` unless `text` is `address/prefix` (or a bare address, a single-address block).
    /// `hostBitsSet` tells the caller the block was written with bits beyond the prefix (`10.0.0.1/8`).
    static func parse(_ text: String) -> (range: IPRange, hostBitsSet: Bool)? {
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard let first = parts.first else { return nil }
        let addressText = String(first)
        // A mapped IPv6 block such as ::ffff:10.0.0.0/104 is not converted: refuse it rather than guess.
        guard let address = IPAddress(addressText) else { return nil }
        if !address.isV4, addressText.contains(".") { return nil }
        let maximum = address.isV4 ? 32 : 128
        var prefix = maximum
        if parts.count == 2 {
            let digits = parts[1]
            guard !digits.isEmpty, digits.count <= 3, digits.allSatisfy(\.isASCIIDigit), let value = Int(digits),
                value <= maximum, !(digits.count > 1 && digits.first == "0")
            else { return nil }
            prefix = value
        }
        let range = IPRange(address, prefixLength: prefix)
        let masked = range.network
        return (IPRange(masked, prefixLength: prefix), masked != address)
    }

    /// The address with the host bits cleared.
    var network: IPAddress {
        switch address {
        case .v4(let value):
            let mask: UInt32 = prefixLength == 0 ? 0 : ~UInt32(0) << UInt32(32 - prefixLength)
            return .v4(value & mask)
        case .v6(let high, let low):
            let (highMask, lowMask) = Self.v6Mask(prefixLength)
            return .v6(high & highMask, low & lowMask)
        }
    }

    func contains(_ other: IPAddress) -> Bool {
        switch (address, other) {
        case (.v4(let network), .v4(let value)):
            let mask: UInt32 = prefixLength == 0 ? 0 : ~UInt32(0) << UInt32(32 - prefixLength)
            return value & mask == network
        case (.v6(let networkHigh, let networkLow), .v6(let high, let low)):
            let (highMask, lowMask) = Self.v6Mask(prefixLength)
            return high & highMask == networkHigh && low & lowMask == networkLow
        default:
            return false
        }
    }

    static func v6Mask(_ prefix: Int) -> (UInt64, UInt64) {
        if prefix == 0 { return (0, 0) }
        if prefix <= 64 { return (~UInt64(0) << UInt64(64 - prefix), 0) }
        if prefix == 128 { return (~UInt64(0), ~UInt64(0)) }
        return (~UInt64(0), ~UInt64(0) << UInt64(128 - prefix))
    }

    var description: String { "\(address.canonical)/\(prefixLength)" }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}

/// Address blocks that are not globally reachable, so never belong on a blocklist (unless `include_private`).
///
/// IPv4: IANA's special-purpose registry (RFC 6890 and successors). IPv6: everything outside global unicast
/// `2000::/3`, and inside it the documentation, benchmarking and ORCHID blocks and SRv6 SIDs.
enum SpecialAddress {
    struct Block: Sendable {
        var range: IPRange
        var reason: String
    }

    static let blocks: [Block] = [
        ("0.0.0.0/8", "unspecified"), ("10.0.0.0/8", "private"), ("100.64.0.0/10", "cgnat"),
        ("127.0.0.0/8", "loopback"), ("169.254.0.0/16", "link-local"), ("172.16.0.0/12", "private"),
        ("192.0.0.0/24", "reserved"), ("192.0.2.0/24", "documentation"), ("192.88.99.0/24", "reserved"),
        ("192.168.0.0/16", "private"), ("198.18.0.0/15", "benchmarking"), ("198.51.100.0/24", "documentation"),
        ("203.0.113.0/24", "documentation"), ("224.0.0.0/4", "multicast"), ("240.0.0.0/4", "reserved"),
        ("2001:db8::/32", "documentation"), ("3fff::/20", "documentation"), ("2001:2::/48", "benchmarking"),
        ("2001:10::/28", "reserved"), ("2001:20::/28", "reserved"), ("5f00::/16", "reserved"),
        ("fc00::/7", "private"), ("fe80::/10", "link-local"), ("fec0::/10", "link-local"), ("ff00::/8", "multicast"),
        ("::1/128", "loopback"), ("::/128", "unspecified"),
    ].map { Block(range: IPRange.parse($0.0)!.range, reason: $0.1) }

    /// Why `address` is not a public address, or `nil` when it is one.
    static func reason(_ address: IPAddress) -> String? {
        if case .v4(let value) = address {
            // Most addresses are public: rule out the special blocks by their first octet before scanning them.
            switch value >> 24 {
            case 0, 10, 100, 127, 169, 172, 192, 198, 203, 224...255: break
            default: return nil
            }
        }
        for block in blocks where block.range.contains(address) { return block.reason }
        if case .v6(let high, _) = address, high >> 61 != 0b001 {
            return "reserved"  // outside 2000::/3: IANA reserved, NAT64, discard-only, IPv4-compatible …
        }
        return nil
    }
}
