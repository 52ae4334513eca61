import Foundation

/// The string formats of job files, each with its JSON Schema pattern and the binder's check.
enum Formats {
    static let namePattern = "^[a-z0-9][a-z0-9-]{0,62}$"
    static let guidPattern = "^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$"
    static let domainPattern = "^([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}$"

    /// Job and connection names.
    static let name = StringFormat("a name", pattern: namePattern, minLength: 1) { text in
        isName(text)
            ? nil : "must be 1 to 63 lowercase letters, digits and '-', starting with a letter or a digit"
    }

    static let guid = StringFormat("a GUID", pattern: guidPattern, minLength: 1) { text in
        isGUID(text) ? nil : "must be a GUID such as 66666666-7777-8888-9999-000000000000 (the application (client) ID)"
    }

    static let tenant = StringFormat(
        "a tenant ID", pattern: "(\(guidPattern))|(\(domainPattern))", minLength: 1
    ) { text in
        isGUID(text) || isDomain(text)
            ? nil : "must be the directory (tenant) ID, a GUID, or a verified domain such as contoso.onmicrosoft.com"
    }

    /// Graph and login endpoints: HTTPS, or HTTP on a loopback address (emulator, tests).
    static let endpoint = StringFormat("a URL", pattern: "^https?://[^/?#\\s]+([/?#]\\S*)?$", minLength: 1) { text in
        guard let url = URLComponents(string: text), let scheme = url.scheme?.lowercased(), let host = url.host,
            !host.isEmpty, scheme == "https" || scheme == "http"
        else { return "must be an https:// URL" }
        if scheme == "http", !isLoopback(host) { return "must use https:// (http:// only on a loopback address)" }
        return nil
    }

    /// Where records are sent: http:// or https://.
    static let httpURL = StringFormat("a URL", pattern: "^https?://[^/?#\\s]+([/?#]\\S*)?$", minLength: 1) { text in
        guard let url = URLComponents(string: text), let scheme = url.scheme?.lowercased(), let host = url.host,
            !host.isEmpty, scheme == "https" || scheme == "http"
        else { return "must be an http:// or https:// URL" }
        return nil
    }

    static let proxyURL = StringFormat(
        "a proxy URL", pattern: "^http://[^/?#\\s@]+:[0-9]{1,5}/?$", minLength: 1
    ) { text in
        guard let url = URLComponents(string: text), url.scheme?.lowercased() == "http", let host = url.host,
            !host.isEmpty
        else { return "must be an HTTP proxy URL such as http://proxy.example.com:3128" }
        if url.user != nil || url.password != nil {
            return "must not carry credentials: use 'username' and 'password' (a secret reference)"
        }
        guard let port = url.port, (1...65535).contains(port) else {
            return "must name the proxy's port, such as http://proxy.example.com:3128"
        }
        if !url.path.isEmpty && url.path != "/" || url.query != nil {
            return "must be only scheme, host and port, such as http://proxy.example.com:3128"
        }
        return nil
    }

    static let noProxy = StringFormat(
        "a host, domain suffix, address or CIDR", pattern: "^(\\*|[^\\s,/]+|[0-9A-Fa-f.:]+/[0-9]{1,3})$", minLength: 1
    ) { text in
        if text == "*" || IPAddressText.isCIDR(text) || IPAddressText.isAddress(text) { return nil }
        var host = Substring(text)
        if host.hasPrefix("*.") { host = host.dropFirst(2) } else if host.hasPrefix(".") { host = host.dropFirst() }
        return isHostName(String(host))
            ? nil
            : "must be a host (login.example.com), a domain suffix (.example.com or *.example.com), '*', an address or a CIDR (10.0.0.0/8)"
    }

    static let cidr = StringFormat("a CIDR", pattern: "^[0-9A-Fa-f.:]+/[0-9]{1,3}$", minLength: 1) { text in
        IPAddressText.isCIDR(text) ? nil : "must be a CIDR such as 10.0.0.0/8 or fd00::/8"
    }

    static let domainRule = StringFormat(
        "a domain", pattern: "^(\\*\\.)?([A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?\\.)*[A-Za-z0-9-]{1,63}$",
        minLength: 1
    ) { text in
        let host = text.hasPrefix("*.") ? String(text.dropFirst(2)) : text
        return isHostName(host) ? nil : "must be a domain (contoso.com) or a wildcard domain (*.contoso.com)"
    }

    static let headerName = StringFormat("a header name", pattern: "^[!#$%&'*+.^_`|~0-9A-Za-z-]+$", minLength: 1) {
        text in
        let allowed = Set("!#$%&'*+-.^_`|~".unicodeScalars)
        return text.unicodeScalars.allSatisfy {
            ($0.isASCII && $0.properties.isAlphabetic) || ("0"..."9").contains($0) || allowed.contains($0)
        }
            ? nil : "must be an HTTP header name (letters, digits and !#$%&'*+-.^_`|~)"
    }

    // MARK: predicates

    static func isName(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        guard (1...63).contains(scalars.count), scalars[0] != "-" else { return false }
        return scalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    static func isGUID(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 36 else { return false }
        for (index, byte) in bytes.enumerated() {
            if [8, 13, 18, 23].contains(index) {
                guard byte == UInt8(ascii: "-") else { return false }
            } else {
                guard let scalar = Unicode.Scalar(UInt32(byte)), scalar.properties.isASCIIHexDigit else { return false }
            }
        }
        return true
    }

    /// A domain name with at least two labels and an alphabetic top-level label.
    static func isDomain(_ text: String) -> Bool {
        let labels = text.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, let last = labels.last, last.count >= 2,
            last.unicodeScalars.allSatisfy({ $0.isASCII && $0.properties.isAlphabetic })
        else { return false }
        return isHostName(text)
    }

    static func isHostName(_ text: String) -> Bool {
        let labels = text.split(separator: ".", omittingEmptySubsequences: false)
        guard !text.isEmpty, text.utf8.count <= 253 else { return false }
        return labels.allSatisfy { label in
            guard (1...63).contains(label.count), label.first != "-", label.last != "-" else { return false }
            return label.unicodeScalars.allSatisfy {
                ($0.isASCII && $0.properties.isAlphabetic) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_"
            }
        }
    }

    static func isLoopback(_ host: String) -> Bool {
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        return bare == "localhost" || bare == "::1" || (IPAddressText.ipv4(bare)?.first == 127)
    }
}
