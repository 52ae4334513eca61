extension IndicatorNormalizer {
    /// The host of a URL, for exclusions and the private-address rule.
    enum URLHost: Sendable, Hashable {
        case domain(String)
        case ip(IPAddress)
    }

    private static let schemes: [(name: [UInt8], defaultPort: [UInt8])] = [
        ("http", "80"), ("https", "443"), ("ftp", "21"), ("ftps", ""), ("ws", "80"), ("wss", "443"),
    ].map { (Array($0.0.utf8), Array($0.1.utf8)) }

    /// A web URL with a lowercase scheme (`http` added when there is none) and host (IDN as Punycode, IPv6
    /// canonical in brackets), the scheme's default port removed, `/` as the path when it is empty; the path, query
    /// and fragment are kept as written. Refused: other schemes, spaces or control characters, a bad host or port,
    /// a scheme-less value with `@` (an e-mail address, or `mailto:`).
    static func url(_ text: String) -> (value: String, host: URLHost)? {
        let bytes = Array(refang(text).utf8)
        guard !bytes.isEmpty, bytes.count <= 8192,
            !bytes.contains(where: { $0 <= 32 || $0 == 127 || $0 == UInt8(ascii: "\\") })
        else { return nil }
        // Scheme.
        var scheme = schemes[0]
        var index = 0
        var hasScheme = false
        if let colon = bytes.firstIndex(of: UInt8(ascii: ":")), colon + 2 < bytes.count,
            bytes[colon + 1] == UInt8(ascii: "/"), bytes[colon + 2] == UInt8(ascii: "/")
        {
            let written = bytes[0..<colon].map { $0 | 0x20 }
            guard let known = schemes.first(where: { $0.name == written }) else { return nil }
            scheme = known
            index = colon + 3
            hasScheme = true
        } else if bytes[0] == UInt8(ascii: "/") {
            return nil
        }
        // Authority: [userinfo@]host[:port], up to the first '/', '?' or '#'.
        var authorityEnd = index
        while authorityEnd < bytes.count, bytes[authorityEnd] != UInt8(ascii: "/"),
            bytes[authorityEnd] != UInt8(ascii: "?"),
            bytes[authorityEnd] != UInt8(ascii: "#")
        {
            authorityEnd += 1
        }
        var hostStart = index
        if let at = bytes[index..<authorityEnd].lastIndex(of: UInt8(ascii: "@")) {
            guard hasScheme else { return nil }
            hostStart = at + 1
        }
        var hostEnd = authorityEnd
        var portStart: Int? = nil
        if hostStart < authorityEnd, bytes[hostStart] == UInt8(ascii: "[") {
            guard let close = bytes[hostStart..<authorityEnd].firstIndex(of: UInt8(ascii: "]")) else { return nil }
            if close + 1 < authorityEnd {
                guard bytes[close + 1] == UInt8(ascii: ":") else { return nil }
                portStart = close + 2
            }
            hostEnd = close
            hostStart += 1
        } else if let colon = bytes[hostStart..<authorityEnd].lastIndex(of: UInt8(ascii: ":")) {
            hostEnd = colon
            portStart = colon + 1
        }
        guard hostStart < hostEnd else { return nil }
        let hostText = String(decoding: bytes[hostStart..<hostEnd], as: UTF8.self)
        let host: URLHost
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 8)
        out.append(contentsOf: scheme.name)
        out.append(contentsOf: "://".utf8)
        out.append(contentsOf: bytes[index..<hostStart])  // user info, kept as written
        if hostStart > index, bytes[hostStart - 1] == UInt8(ascii: "[") { out.removeLast() }
        if let address = IPAddress(hostText) {
            host = .ip(address)
            if address.isV4 {
                out.append(contentsOf: address.canonical.utf8)
            } else {
                out.append(UInt8(ascii: "["))
                out.append(contentsOf: address.canonical.utf8)
                out.append(UInt8(ascii: "]"))
            }
        } else {
            guard let domain = domain(hostText) else { return nil }
            host = .domain(domain)
            out.append(contentsOf: domain.utf8)
        }
        if let portStart, portStart < authorityEnd {
            var port = Array(bytes[portStart..<authorityEnd])
            guard port.count <= 5, port.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
            while port.count > 1, port[0] == 48 { port.removeFirst() }
            guard Int(String(decoding: port, as: UTF8.self))! <= 65535 else { return nil }
            if port != scheme.defaultPort {
                out.append(UInt8(ascii: ":"))
                out.append(contentsOf: port)
            }
        } else if portStart != nil && portStart! > authorityEnd {
            return nil
        }
        if authorityEnd == bytes.count || bytes[authorityEnd] != UInt8(ascii: "/") { out.append(UInt8(ascii: "/")) }
        out.append(contentsOf: bytes[authorityEnd...])
        return (String(decoding: out, as: UTF8.self), host)
    }
}
