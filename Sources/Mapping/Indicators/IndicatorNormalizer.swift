import Foundation

/// Turns raw evidence strings into canonical indicator values, or refuses them when they are not what they claim.
///
/// Every function is total: any input gives a value or `nil`, never a crash. The common case (already canonical
/// ASCII) returns the input string itself without allocating.
enum IndicatorNormalizer {
    // MARK: refanging

    /// Undoes the usual defanging: `hxxp`/`hxxps`/`hxtp`/`fxp` schemes, `[.]`, `(.)`, `{.}`, `[dot]`, `(dot)`,
    /// `[:]`, `[://]`, `[/]`, `[@]`, `[at]`, `(at)` (any case). Also trims surrounding ASCII whitespace.
    static func refang(_ text: String) -> String {
        guard needsRefang(text) else { return text }
        var bytes = Array(text.utf8)
        while let last = bytes.last, last <= 32 { bytes.removeLast() }
        var start = 0
        while start < bytes.count, bytes[start] <= 32 { start += 1 }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = start
        scan: while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "[") || byte == UInt8(ascii: "(") || byte == UInt8(ascii: "{") {
                for (token, replacement) in defangTokens where matches(token, in: bytes, at: index) {
                    out.append(contentsOf: replacement)
                    index += token.count
                    continue scan
                }
            }
            out.append(byte)
            index += 1
        }
        if out.count > 4 {
            let prefix = out[0..<4].map { $0 | 0x20 }
            let afterPrefix =
                out[4] == UInt8(ascii: ":")
                || (out[4] | 0x20 == UInt8(ascii: "s") && out.count > 5 && out[5] == UInt8(ascii: ":"))
            if afterPrefix, prefix == Array("hxxp".utf8) || prefix == Array("hxtp".utf8) {
                out.replaceSubrange(0..<4, with: "http".utf8)
            } else if Array(prefix[0..<3]) == Array("fxp".utf8), out[3] == UInt8(ascii: ":") {
                out.replaceSubrange(0..<3, with: "ftp".utf8)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static let defangTokens: [([UInt8], [UInt8])] = [
        ("[://]", "://"), ("[.]", "."), ("(.)", "."), ("{.}", "."), ("[dot]", "."), ("(dot)", "."), ("[:]", ":"),
        ("[/]", "/"), ("[@]", "@"), ("[at]", "@"), ("(at)", "@"),
    ].map { (Array($0.0.utf8), Array($0.1.utf8)) }

    private static func matches(_ token: [UInt8], in bytes: [UInt8], at index: Int) -> Bool {
        guard index + token.count <= bytes.count else { return false }
        for offset in 0..<token.count where bytes[index + offset] | 0x20 != token[offset] | 0x20 {
            return false
        }
        return true
    }

    /// Whether `refang` would change anything: no allocation for the common, clean value.
    private static func needsRefang(_ text: String) -> Bool {
        var count = 0
        var head: UInt32 = 0
        var last: UInt8 = 33
        for byte in text.utf8 {
            if count == 0 && byte <= 32 { return true }
            if byte == UInt8(ascii: "[") || byte == UInt8(ascii: "(") || byte == UInt8(ascii: "{") { return true }
            if count < 4 { head = head << 8 | UInt32(byte | 0x20) }
            last = byte
            count += 1
        }
        if last <= 32 { return true }
        return count >= 4 && (head == fourCC("hxxp") || head == fourCC("hxtp") || head == fourCC("fxp:"))
    }

    private static func fourCC(_ text: StaticString) -> UInt32 {
        var value: UInt32 = 0
        text.withUTF8Buffer { for byte in $0 { value = value << 8 | UInt32(byte) } }
        return value
    }

    // MARK: hashes

    /// The digests of zero bytes: an empty file names no threat.
    static func emptyFileHash(_ kind: Indicator.Kind) -> String {
        switch kind {
        case .md5: "d41d8cd98f00b204e9800998ecf8427e"
        case .sha1: "da39a3ee5e6b4b0d3255bfef95601890afd80709"
        default: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        }
    }

    /// A lowercase hex digest whose length matches `claimed` (or, with no claim, one of 32/40/64 hex digits).
    /// All-zero digests and digests of the empty file are refused: they name no threat.
    static func hash(_ text: String, claimed: Indicator.Kind?) -> (Indicator.Kind, String)? {
        enum Scan {
            case hex(length: Int, hasUpper: Bool, allZero: Bool)
            case padded
            case invalid
        }
        var copy = text
        let scan: Scan = copy.withUTF8 { bytes in
            var hasUpper = false
            var nonZero = false
            // Eight bytes at a time while they are all hex digits (every byte of a digest; no branch per digit),
            // then byte by byte from the first word that is not.
            var start = 0
            while start + 8 <= bytes.count {
                let word = UnsafeRawPointer(bytes.baseAddress! + start).loadUnaligned(as: UInt64.self)
                guard let upper = hexWordUpper(word) else { break }
                hasUpper = hasUpper || upper
                nonZero = nonZero || word != 0x3030_3030_3030_3030
                start += 8
            }
            for byte in bytes[start...] {
                switch byte {
                case 48: break
                case 49...57, 97...102: nonZero = true
                case 65...70:
                    nonZero = true
                    hasUpper = true
                case 32, 9, 10, 13: return .padded
                default: return .invalid
                }
            }
            return .hex(length: bytes.count, hasUpper: hasUpper, allZero: !nonZero)
        }
        switch scan {
        case .invalid:
            return nil
        case .padded:
            let trimmed = Substring(text.utf8.drop { $0 <= 32 })
            let end = trimmed.utf8.lastIndex { $0 > 32 }.map { trimmed.utf8.index(after: $0) } ?? trimmed.startIndex
            let value = String(trimmed[..<end])
            guard !value.isEmpty, !value.utf8.contains(where: { $0 <= 32 }) else { return nil }
            return hash(value, claimed: claimed)
        case .hex(let length, let hasUpper, let allZero):
            guard !allZero else { return nil }
            let kind: Indicator.Kind
            switch length {
            case 32: kind = .md5
            case 40: kind = .sha1
            case 64: kind = .sha256
            default: return nil
            }
            if let claimed, claimed != kind { return nil }
            let value = hasUpper ? text.lowercased() : text
            guard emptyFileHash(kind) != value else { return nil }
            return (kind, value)
        }
    }

    /// Whether 8 bytes hold an uppercase hex digit, when all 8 are hex digits; `nil` when one is not.
    @inline(__always)
    static func hexWordUpper(_ word: UInt64) -> Bool? {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let high: UInt64 = 0x8080_8080_8080_8080
        guard word & high == 0 else { return nil }
        // With each byte's top bit set, subtracting `low` leaves it set exactly where the byte is >= `low`.
        func within(_ low: UInt64, _ highest: UInt64) -> UInt64 {
            let biased = word | high
            let atLeastLow = biased &- low &* ones
            let aboveHighest = biased &- (highest + 1) &* ones
            return atLeastLow & ~aboveHighest & high
        }
        let digit = within(0x30, 0x39)
        let lower = within(0x61, 0x66)
        let upper = within(0x41, 0x46)
        guard digit | lower | upper == high else { return nil }
        return upper != 0
    }

    // MARK: addresses

    /// The address and its canonical text; a dotted-quad that parses is already canonical, so it is returned as
    /// given without building a new string.
    static func ipValue(_ text: String) -> (address: IPAddress, value: String)? {
        guard let address = ip(text) else { return nil }
        if case .v4 = address, text.utf8.count <= 15, !text.utf8.contains(where: { $0 < 46 || $0 > 57 }) {
            return (address, text)
        }
        return (address, address.canonical)
    }

    /// A canonical IPv4 or IPv6 address (refanged first).
    static func ip(_ text: String) -> IPAddress? {
        if let address = IPAddress(text) { return address }
        let refanged = refang(text)
        guard refanged != text else { return nil }
        return IPAddress(refanged)
    }

    // MARK: domains

    /// A lowercase host name with at least two labels, each 1…63 of letters, digits, `-` or `_` (not starting or
    /// ending with `-`), 253 bytes at most, and a top-level label that is not all digits; internationalised labels
    /// become their `xn--` (Punycode) form; one trailing dot is dropped.
    static func domain(_ text: String) -> String? {
        if let fast = asciiDomain(text) { return fast }
        var value = refang(text)
        if value.hasSuffix(".") { value.removeLast() }
        if value.unicodeScalars.contains(where: { !$0.isASCII }) {
            let mapped = value.precomposedStringWithCanonicalMapping.lowercased()
            var labels: [String] = []
            for label in mapped.split(separator: ".", omittingEmptySubsequences: false) {
                if label.unicodeScalars.allSatisfy(\.isASCII) {
                    labels.append(String(label))
                } else {
                    guard let encoded = Punycode.encode(String(label)) else { return nil }
                    labels.append("xn--" + encoded)
                }
            }
            value = labels.joined(separator: ".")
        }
        return asciiDomain(value)
    }

    /// Validates an ASCII host name, lowercasing it; `nil` when anything is off.
    private static func asciiDomain(_ text: String) -> String? {
        var labels = 0
        var labelLength = 0
        var labelAllDigits = true
        var previous: UInt8 = UInt8(ascii: ".")
        var hasUpper = false
        var length = 0
        for byte in text.utf8 {
            length += 1
            switch byte {
            case UInt8(ascii: "."):
                guard labelLength > 0, previous != UInt8(ascii: "-") else { return nil }
                labels += 1
                labelLength = 0
                labelAllDigits = true
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "_"):
                labelLength += 1
                labelAllDigits = false
            case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                labelLength += 1
                labelAllDigits = false
                hasUpper = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                labelLength += 1
            case UInt8(ascii: "-"):
                guard labelLength > 0 else { return nil }
                labelLength += 1
                labelAllDigits = false
            default:
                return nil
            }
            guard labelLength <= 63 else { return nil }
            previous = byte
        }
        guard labelLength > 0, previous != UInt8(ascii: "-"), !labelAllDigits, labels >= 1, length <= 253 else {
            return nil
        }
        return hasUpper ? text.lowercased() : text
    }

    // MARK: e-mail

    /// A lowercase `local@domain` address: `mailto:`, angle brackets and a display name are removed; the domain
    /// follows `domain(_:)`; the local part is 1…64 printable characters without spaces, `@`, `<`, `>`, `"`.
    static func email(_ text: String) -> (value: String, domain: String)? {
        var value = text
        if let fast = simpleEmail(text) { return fast }
        value = refang(value)
        if let open = value.lastIndex(of: "<"), let close = value.lastIndex(of: ">"), open < close {
            value = String(value[value.index(after: open)..<close])
        }
        if value.lowercased().hasPrefix("mailto:") { value = String(value.dropFirst(7)) }
        value = value.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let at = value.lastIndex(of: "@") else { return nil }
        let local = value[..<at]
        guard !local.isEmpty, local.utf8.count <= 64,
            !local.utf8.contains(where: { $0 <= 32 || $0 == 127 || $0 == 64 || $0 == 60 || $0 == 62 || $0 == 34 }),
            let domain = domain(String(value[value.index(after: at)...]))
        else { return nil }
        return (local.lowercased() + "@" + domain, domain)
    }

    private static func simpleEmail(_ text: String) -> (value: String, domain: String)? {
        var at: Int? = nil
        var offset = 0
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "@"):
                guard at == nil else { return nil }
                at = offset
            case 33...126:
                if byte == 60 || byte == 62 || byte == 34 || byte == UInt8(ascii: "[") || byte == UInt8(ascii: "(") {
                    return nil
                }
            default: return nil
            }
            offset += 1
        }
        guard let at, at > 0, at <= 64 else { return nil }
        let utf8 = text.utf8
        let split = utf8.index(utf8.startIndex, offsetBy: at)
        guard let local = String(utf8[..<split]), let domainPart = String(utf8[utf8.index(after: split)...]),
            let domain = asciiDomain(domainPart)
        else { return nil }
        let hasUpper = local.utf8.contains { $0 >= 65 && $0 <= 90 }
        let lowerLocal = hasUpper ? local.lowercased() : local
        if lowerLocal.hasPrefix("mailto:") { return nil }
        if !hasUpper && domain == domainPart { return (text, domain) }
        return (lowerLocal + "@" + domain, domain)
    }
}
