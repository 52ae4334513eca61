import Mapping

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// One line of an external dynamic list, in the form firewall vendors read, with the key it sorts by.
///
/// - `ipv4`, `ipv6`: the address (IPv6 in RFC 5952 form), sorted numerically. Single addresses: PAN-OS IP lists,
///   FortiGate IP threat feeds and Check Point network feeds take them as they are (a CIDR is not needed).
/// - `domain`: the lowercase name without a trailing dot (must contain a dot: a bare TLD is refused); with
///   `domain_wildcards` a `*.name` line follows it.
/// - `url`: without the scheme, user info and fragment (`evil.example/path?q`), as PAN-OS URL lists require and
///   FortiGate URL threat feeds accept; bytes outside ASCII are percent-encoded.
/// - `md5`, `sha1`, `sha256`: lowercase hex of the right length (FortiGate malware hash feeds, Check Point IoC feeds).
/// - `email`: the address (mail gateways' sender blocklists).
///
/// A value that does not have its type's form — or holds a space or a control character, which could smuggle a
/// second entry onto the list — is refused (`nil`) and counted as skipped.
struct EDLEntry: Comparable {
    var kind: Indicator.Kind
    /// ASCII only (non-ASCII is refused or percent-encoded), so `String` order is byte order.
    var line: String
    /// Addresses sort by their number; zero for the other types.
    var number: UInt128 = 0

    static func < (lhs: EDLEntry, rhs: EDLEntry) -> Bool {
        if lhs.kind != rhs.kind { return lhs.kind.order < rhs.kind.order }
        if lhs.number != rhs.number { return lhs.number < rhs.number }
        return lhs.line < rhs.line
    }

    init?(kind: Indicator.Kind, value: String) {
        self.kind = kind
        guard !value.isEmpty, value.utf8.count <= 2048 else { return nil }
        switch kind {
        case .ipv4, .ipv6:
            guard let (text, bytes) = Self.address(value, family: kind == .ipv4 ? AF_INET : AF_INET6) else {
                return nil
            }
            line = text
            number = bytes.reduce(0) { $0 << 8 | UInt128($1) }
        case .domain:
            guard let domain = Self.domain(value) else { return nil }
            line = domain
        case .url:
            guard let url = Self.url(value) else { return nil }
            line = url
        case .md5, .sha1, .sha256:
            let length = kind == .md5 ? 32 : kind == .sha1 ? 40 : 64
            let hash = value.lowercased()
            guard hash.utf8.count == length, hash.utf8.allSatisfy(Self.isHexDigit) else { return nil }
            line = hash
        case .email:
            let parts = value.split(separator: "@", omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, Self.domain(String(parts[1])) != nil,
                value.utf8.allSatisfy(Self.isVisibleASCII), !value.contains(",")
            else { return nil }
            line = parts[0] + "@" + parts[1].lowercased()
        }
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x61...0x66).contains(byte)
    }

    private static func isVisibleASCII(_ byte: UInt8) -> Bool {
        byte > 0x20 && byte < 0x7F
    }

    private static func address(_ value: String, family: Int32) -> (String, [UInt8])? {
        var bytes = [UInt8](repeating: 0, count: family == AF_INET ? 4 : 16)
        guard bytes.withUnsafeMutableBytes({ inet_pton(family, value, $0.baseAddress) }) == 1 else { return nil }
        var text = [CChar](repeating: 0, count: 64)
        let written = bytes.withUnsafeBytes { address in
            inet_ntop(family, address.baseAddress, &text, socklen_t(text.count))
        }
        guard written != nil else { return nil }
        let length = text.firstIndex(of: 0) ?? text.count
        return (String(decoding: text[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self), bytes)
    }

    private static func domain(_ value: String) -> String? {
        var name = value.lowercased()
        if name.hasSuffix(".") { name.removeLast() }
        guard name.utf8.count <= 253, name.contains("."), !name.hasPrefix("."), !name.contains(".."),
            name.utf8.allSatisfy({ byte in
                (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte) || byte == UInt8(ascii: "-")
                    || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_")
            })
        else { return nil }
        return name
    }

    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    private static func url(_ value: String) -> String? {
        let bytes = Array(value.utf8)
        var start = 0
        var end = bytes.count
        // After the scheme (`http://`, `hxxps://`, …); before the fragment.
        if let colon = bytes.firstIndex(of: UInt8(ascii: ":")), colon + 2 < bytes.count,
            bytes[colon + 1] == UInt8(ascii: "/"), bytes[colon + 2] == UInt8(ascii: "/"),
            bytes[..<colon].allSatisfy({ $0 != UInt8(ascii: "/") && $0 != UInt8(ascii: "?") })
        {
            start = colon + 3
        }
        if let hash = bytes[start...].firstIndex(of: UInt8(ascii: "#")) { end = hash }
        let authorityEnd =
            bytes[start..<end].firstIndex { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") } ?? end
        if let at = bytes[start..<authorityEnd].lastIndex(of: UInt8(ascii: "@")) { start = at + 1 }
        guard start < end, bytes[start] != UInt8(ascii: "/") else { return nil }
        var line: [UInt8] = []
        line.reserveCapacity(end - start)
        for byte in bytes[start..<end] {
            if byte <= 0x20 || byte == 0x7F { return nil }
            if byte >= 0x80 {
                line.append(UInt8(ascii: "%"))
                line.append(hexDigits[Int(byte >> 4)])
                line.append(hexDigits[Int(byte & 0x0F)])
            } else {
                line.append(byte)
            }
        }
        return String(decoding: line, as: UTF8.self)
    }
}
