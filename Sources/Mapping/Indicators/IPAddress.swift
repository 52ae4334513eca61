/// An IPv4 or IPv6 address, parsed strictly and written canonically (dotted decimal; RFC 5952 for IPv6).
enum IPAddress: Sendable, Hashable {
    case v4(UInt32)
    /// The 128 bits as high and low halves.
    case v6(UInt64, UInt64)

    // MARK: parsing

    /// Parses a dotted-quad IPv4 or an IPv6 address (with an optional `%zone`, dropped). IPv4 octets with leading
    /// zeros are refused: `010.0.0.1` is octal to some parsers and decimal to others, so it is not what it claims.
    /// An IPv4-mapped IPv6 address (`::ffff:192.0.2.1`) is returned as the IPv4 address it carries.
    init?(_ text: String) {
        var text = text
        guard let value = text.withUTF8({ IPAddress.parse($0) }) else { return nil }
        self = value
    }

    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> IPAddress? {
        guard !bytes.isEmpty, bytes.count <= 64 else { return nil }
        var hasColon = false
        for byte in bytes where byte == UInt8(ascii: ":") {
            hasColon = true
            break
        }
        if !hasColon {
            return parseV4(bytes, from: 0, to: bytes.count).map { .v4($0) }
        }
        var end = bytes.count
        if let percent = bytes.firstIndex(of: UInt8(ascii: "%")) {
            guard percent + 1 < bytes.count else { return nil }
            end = percent
        }
        guard let (high, low) = parseV6(bytes, to: end) else { return nil }
        if high == 0, low >> 32 == 0xFFFF { return .v4(UInt32(truncatingIfNeeded: low)) }
        return .v6(high, low)
    }

    static func parseV4(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> UInt32? {
        var result: UInt32 = 0
        var octets = 0
        var index = start
        while index < end {
            var value: UInt32 = 0
            var length = 0
            let first = index
            while index < end, bytes[index] >= 48, bytes[index] <= 57 {
                value = value * 10 + UInt32(bytes[index] - 48)
                length += 1
                index += 1
                if length > 3 { return nil }
            }
            guard length > 0, value <= 255 else { return nil }
            if length > 1, bytes[first] == 48 { return nil }
            result = result << 8 | value
            octets += 1
            if index < end {
                guard bytes[index] == UInt8(ascii: "."), octets < 4, index + 1 < end else { return nil }
                index += 1
            }
        }
        return octets == 4 ? result : nil
    }

    static func parseV6(_ bytes: UnsafeBufferPointer<UInt8>, to end: Int) -> (UInt64, UInt64)? {
        var groups = [UInt16](repeating: 0, count: 8)
        var count = 0
        var gap: Int? = nil
        var index = 0
        if end >= 2, bytes[0] == UInt8(ascii: ":") {
            guard bytes[1] == UInt8(ascii: ":") else { return nil }
            gap = 0
            index = 2
            if index == end { return (0, 0) }
        }
        while index < end {
            // An embedded IPv4 address may end the address.
            var lookahead = index
            var sawDot = false
            while lookahead < end, bytes[lookahead] != UInt8(ascii: ":") {
                if bytes[lookahead] == UInt8(ascii: ".") { sawDot = true }
                lookahead += 1
            }
            if sawDot {
                guard lookahead == end, count <= 6, let v4 = parseV4(bytes, from: index, to: end) else { return nil }
                groups[count] = UInt16(v4 >> 16)
                groups[count + 1] = UInt16(v4 & 0xFFFF)
                count += 2
                index = end
                break
            }
            var value: UInt16 = 0
            var length = 0
            while index < end, let digit = hexValue(bytes[index]) {
                guard length < 4 else { return nil }
                value = value << 4 | UInt16(digit)
                length += 1
                index += 1
            }
            guard length > 0, count < 8 else { return nil }
            groups[count] = value
            count += 1
            if index < end {
                guard bytes[index] == UInt8(ascii: ":"), index + 1 < end else { return nil }
                index += 1
                if bytes[index] == UInt8(ascii: ":") {
                    guard gap == nil else { return nil }
                    gap = count
                    index += 1
                    if index == end { break }
                }
            }
        }
        if let gap {
            guard count < 8 else { return nil }
            let tail = Array(groups[gap..<count])
            for position in gap..<8 { groups[position] = 0 }
            for (offset, value) in tail.enumerated() { groups[8 - tail.count + offset] = value }
        } else {
            guard count == 8 else { return nil }
        }
        var high: UInt64 = 0
        var low: UInt64 = 0
        for position in 0..<4 { high = high << 16 | UInt64(groups[position]) }
        for position in 4..<8 { low = low << 16 | UInt64(groups[position]) }
        return (high, low)
    }

    @inline(__always)
    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 48...57: return byte - 48
        case 97...102: return byte - 87
        case 65...70: return byte - 55
        default: return nil
        }
    }

    // MARK: writing

    var isV4: Bool {
        if case .v4 = self { return true }
        return false
    }

    /// Dotted decimal, or RFC 5952: lowercase hex, no leading zeros, the longest run of two or more zero groups
    /// (the first on a tie) written `::`.
    var canonical: String {
        switch self {
        case .v4(let value):
            var out: [UInt8] = []
            out.reserveCapacity(15)
            for shift in stride(from: 24, through: 0, by: -8) {
                Self.appendDecimal(Int(value >> UInt32(shift) & 0xFF), to: &out)
                if shift > 0 { out.append(UInt8(ascii: ".")) }
            }
            return String(decoding: out, as: UTF8.self)
        case .v6(let high, let low):
            func group(_ position: Int) -> UInt16 {
                UInt16(truncatingIfNeeded: (position < 4 ? high : low) >> UInt64(48 - 16 * (position & 3)))
            }
            var bestStart = -1
            var bestLength = 0
            var position = 0
            while position < 8 {
                if group(position) == 0 {
                    var length = 0
                    while position + length < 8, group(position + length) == 0 { length += 1 }
                    if length > bestLength {
                        bestStart = position
                        bestLength = length
                    }
                    position += length
                } else {
                    position += 1
                }
            }
            if bestLength < 2 { bestStart = -1 }
            // Written in place (39 bytes at most: eight groups of four digits and seven colons).
            return String(unsafeUninitializedCapacity: 39) { out in
                var count = 0
                func appendGroups(_ range: Range<Int>) {
                    for position in range {
                        if position != range.lowerBound {
                            out[count] = UInt8(ascii: ":")
                            count += 1
                        }
                        Self.appendHex(group(position), to: out, at: &count)
                    }
                }
                if bestStart < 0 {
                    appendGroups(0..<8)
                } else {
                    appendGroups(0..<bestStart)
                    out[count] = UInt8(ascii: ":")
                    out[count + 1] = UInt8(ascii: ":")
                    count += 2
                    appendGroups((bestStart + bestLength)..<8)
                }
                return count
            }
        }
    }

    private static func appendDecimal(_ value: Int, to out: inout [UInt8]) {
        if value >= 100 { out.append(UInt8(48 + value / 100)) }
        if value >= 10 { out.append(UInt8(48 + value / 10 % 10)) }
        out.append(UInt8(48 + value % 10))
    }

    /// The group in lowercase hex without leading zeros, written at `count` (digits computed, not looked up in an
    /// array made per call).
    private static func appendHex(_ value: UInt16, to out: UnsafeMutableBufferPointer<UInt8>, at count: inout Int) {
        var started = false
        for shift in stride(from: 12, through: 0, by: -4) {
            let nibble = UInt8(truncatingIfNeeded: value >> UInt16(shift)) & 0xF
            if nibble != 0 || started || shift == 0 {
                out[count] = nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") - 10 + nibble
                count += 1
                started = true
            }
        }
    }
}
