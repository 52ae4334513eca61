import Foundation

/// Turns raw evidence strings into canonical indicator values, or refuses them when they are not what they claim.
///
/// Every function is total: any input gives a value or `nil`, never a crash. The common case (already canonical
/// ASCII) returns the input string itself without allocating.
enum IndicatorNormalizer {
    // MARK: refanging

    /// Undoes the usual defanging: `hxxp`/`hxxps`/`fxp` schemes, `[.]`, `(.)`, `{.}`, `[dot]`, `(dot)`, `[:]`,
    /// `[://]`, `[/]`, `[@]`, `[at]`. Also trims surrounding whitespace.
    static func refang(_ text: String) -> String {
        var needsWork = false
        var first = true
        var leadingSpace = false
        var lastByte: UInt8 = 0
        for byte in text.utf8 {
            if first {
                leadingSpace = byte <= 32
                first = false
                if byte == UInt8(ascii: "h") || byte == UInt8(ascii: "H") || byte == UInt8(ascii: "f")
                    || byte == UInt8(ascii: "F")
                {
                    needsWork = needsWork || text.utf8.count > 3 && isDefangedScheme(text)
                }
            }
            switch byte {
            case UInt8(ascii: "["), UInt8(ascii: "("), UInt8(ascii: "{"): needsWork = true
            default: break
            }
            lastByte = byte
        }
        if !needsWork && !leadingSpace && lastByte > 32 { return text }
        var result = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let replacements: [(String, String)] = [
            ("[://]", "://"), ("[.]", "."), ("(.)", "."), ("{.}", "."), ("[dot]", "."), ("(dot)", "."), ("[:]", ":"),
            ("[/]", "/"), ("[@]", "@"), ("[at]", "@"), ("(at)", "@"),
        ]
        for (from, to) in replacements where result.range(of: from, options: .caseInsensitive) != nil {
            result = result.replacingOccurrences(of: from, with: to, options: .caseInsensitive)
        }
        let lower = result.prefix(6).lowercased()
        for (from, to) in [("hxxps", "https"), ("hxxp", "http"), ("hxtp", "http"), ("fxp", "ftp")]
        where lower.hasPrefix(from + ":") {
            result = to + result.dropFirst(from.count)
            break
        }
        return result
    }

    private static func isDefangedScheme(_ text: String) -> Bool {
        let lower = text.prefix(6).lowercased()
        return lower.hasPrefix("hxxp") || lower.hasPrefix("hxtp") || lower.hasPrefix("fxp:")
    }

    // MARK: hashes

    static let placeholderHashes: Set<String> = [
        "d41d8cd98f00b204e9800998ecf8427e",  // md5 of zero bytes
        "da39a3ee5e6b4b0d3255bfef95601890afd80709",  // sha1 of zero bytes
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",  // sha256 of zero bytes
    ]

    /// A lowercase hex digest whose length matches `claimed` (or, with no claim, one of 32/40/64 hex digits).
    /// All-zero digests and digests of the empty file are refused: they name no threat.
    static func hash(_ text: String, claimed: Indicator.Kind?) -> (Indicator.Kind, String)? {
        var hasUpper = false
        var allZero = true
        var length = 0
        var clean = true
        for byte in text.utf8 {
            switch byte {
            case 48...57: if byte != 48 { allZero = false }
            case 97...102: allZero = false
            case 65...70:
                allZero = false
                hasUpper = true
            case 32, 9, 10, 13: clean = false
            default: return nil
            }
            length += 1
        }
        var value = text
        if !clean {
            value = text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !value.utf8.contains(where: { $0 <= 32 }) else { return nil }
            length = value.utf8.count
        }
        guard !allZero else { return nil }
        let kind: Indicator.Kind
        switch length {
        case 32: kind = .md5
        case 40: kind = .sha1
        case 64: kind = .sha256
        default: return nil
        }
        if let claimed, claimed != kind { return nil }
        if hasUpper { value = value.lowercased() }
        guard !placeholderHashes.contains(value) else { return nil }
        return (kind, value)
    }

    // MARK: addresses

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
        guard let local = String(utf8[..<split]), !local.lowercased().hasPrefix("mailto:"),
            let domainPart = String(utf8[utf8.index(after: split)...]), let domain = asciiDomain(domainPart)
        else { return nil }
        let lowerLocal = local.lowercased()
        if lowerLocal == local && domain == domainPart { return (text, domain) }
        return (lowerLocal + "@" + domain, domain)
    }
}
