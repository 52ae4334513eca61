extension IndicatorNormalizer {
    /// The host of a URL, for exclusions and the private-address rule.
    enum URLHost: Sendable, Hashable {
        case domain(String)
        case ip(IPAddress)
    }

    static let urlSchemes: Set<String> = ["http", "https", "ftp", "ftps", "ws", "wss"]
    static let defaultPorts: [String: String] = ["http": "80", "https": "443", "ftp": "21", "ws": "80", "wss": "443"]

    /// A web URL with a lowercase scheme (`http` added when there is none) and host (IDN as Punycode, IPv6
    /// canonical in brackets), the scheme's default port removed, `/` as the path when it is empty; the path, query
    /// and fragment are kept as written. Refused: other schemes, spaces or control characters, a bad host or port.
    static func url(_ text: String) -> (value: String, host: URLHost)? {
        var value = refang(text)
        guard !value.isEmpty, value.utf8.count <= 8192,
            !value.utf8.contains(where: { $0 <= 32 || $0 == 127 || $0 == UInt8(ascii: "\\") })
        else { return nil }
        var scheme = "http"
        let hasScheme = value.range(of: "://") != nil
        if let separator = value.range(of: "://") {
            let written = value[..<separator.lowerBound]
            guard let firstByte = written.utf8.first, isLetter(firstByte),
                written.utf8.allSatisfy({ isLetter($0) || isDigit($0) || $0 == 43 || $0 == 45 || $0 == 46 })
            else { return nil }
            scheme = written.lowercased()
            value = String(value[separator.upperBound...])
        } else if value.utf8.first == UInt8(ascii: "/") {
            return nil
        }
        guard urlSchemes.contains(scheme) else { return nil }
        let authorityEnd = value.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? value.endIndex
        var authority = value[..<authorityEnd]
        var rest = String(value[authorityEnd...])
        var userInfo = ""
        if let at = authority.lastIndex(of: "@") {
            guard hasScheme else { return nil }  // `mailto:a@b.example`, or an e-mail address: not a web URL
            userInfo = String(authority[...at])
            authority = authority[authority.index(after: at)...]
        }
        var hostText = Substring(authority)
        var port: Substring? = nil
        if hostText.hasPrefix("[") {
            guard let close = hostText.firstIndex(of: "]") else { return nil }
            let after = hostText[hostText.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { return nil }
                port = after.dropFirst()
            }
            hostText = hostText[hostText.index(after: hostText.startIndex)..<close]
        } else if let colon = hostText.lastIndex(of: ":") {
            port = hostText[hostText.index(after: colon)...]
            hostText = hostText[..<colon]
        }
        let host: URLHost
        let hostOut: String
        if let address = IPAddress(String(hostText)) {
            host = .ip(address)
            hostOut = address.isV4 ? address.canonical : "[" + address.canonical + "]"
        } else {
            guard let domain = domain(String(hostText)) else { return nil }
            host = .domain(domain)
            hostOut = domain
        }
        var portOut = ""
        if let port, !port.isEmpty {
            guard port.utf8.count <= 5, port.utf8.allSatisfy(isDigit), let number = Int(port), number <= 65535 else {
                return nil
            }
            let digits = String(number)
            if defaultPorts[scheme] != digits { portOut = ":" + digits }
        }
        if rest.isEmpty || rest.first != "/" { rest = "/" + rest }
        return (scheme + "://" + userInfo + hostOut + portOut + rest, host)
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122)
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }
}
