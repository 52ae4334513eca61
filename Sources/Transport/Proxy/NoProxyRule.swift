import Foundation

/// One `no_proxy` entry: which target hosts are reached directly, not through the proxy.
///
/// Forms (docs/JOBS.md): an exact host (`login.example.com`), a domain suffix (`.example.com` or `*.example.com`,
/// matching the domain itself and every name below it), `*` (everything), an IPv4/IPv6 address, or a CIDR range
/// (`10.0.0.0/8`, `fd00::/8`). Names are compared case-insensitively without a trailing dot. A host name never matches
/// an address or a range: no DNS lookup is made to decide.
public enum NoProxyRule: Sendable, Hashable, CustomStringConvertible {
    case everything
    case host(String)
    case domainSuffix(String)
    case address(IPAddress)
    case range(IPAddress, prefixLength: Int)

    /// Parses one entry; the error says what is wrong with it.
    public init(parsing entry: String) throws(TransportConfigurationError) {
        let text = entry.trimmingCharacters(in: .whitespaces).lowercased()
        guard !text.isEmpty else { throw .init("no_proxy entry is empty") }
        if text == "*" {
            self = .everything
            return
        }
        if let slash = text.firstIndex(of: "/") {
            let addressText = String(text[..<slash])
            let prefixText = text[text.index(after: slash)...]
            guard let address = IPAddress(addressText) else {
                throw .init("no_proxy entry '\(entry)' is not a CIDR range: '\(addressText)' is not an IP address")
            }
            let maximum = address.isIPv4 ? 32 : 128
            guard let prefix = Int(prefixText), prefix >= 0, prefix <= maximum, !prefixText.hasPrefix("+") else {
                throw .init("no_proxy entry '\(entry)' has an invalid prefix length (expected 0…\(maximum))")
            }
            self = .range(address, prefixLength: prefix)
            return
        }
        if let address = IPAddress(text) {
            self = .address(address)
            return
        }
        var name = Substring(text)
        var isSuffix = false
        if name.hasPrefix("*.") {
            name = name.dropFirst(2)
            isSuffix = true
        } else if name.hasPrefix(".") {
            name = name.dropFirst()
            isSuffix = true
        }
        if name.hasSuffix(".") { name = name.dropLast() }
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." || $0 == "_" })
        else {
            throw .init(
                "no_proxy entry '\(entry)' is not a host, a domain suffix (.example.com), '*', an address or a CIDR range"
            )
        }
        self = isSuffix ? .domainSuffix(String(name)) : .host(String(name))
    }

    /// Whether a request to `host` (a name or an address literal, as in the URL) bypasses the proxy.
    public func matches(host: String) -> Bool {
        var name = Substring(host.lowercased())
        if name.hasSuffix(".") { name = name.dropLast() }
        let address = IPAddress(String(name))
        switch self {
        case .everything:
            return true
        case .host(let expected):
            return address == nil && name == expected
        case .domainSuffix(let domain):
            return address == nil && (name == domain || name.hasSuffix("." + domain))
        case .address(let expected):
            return address == expected
        case .range(let network, let prefixLength):
            guard let address else { return false }
            return address.sharesPrefix(prefixLength, with: network)
        }
    }

    public var description: String {
        switch self {
        case .everything: "*"
        case .host(let host): host
        case .domainSuffix(let domain): "." + domain
        case .address(let address): address.description
        case .range(let address, let prefixLength): "\(address)/\(prefixLength)"
        }
    }
}

extension Array where Element == NoProxyRule {
    /// Whether any rule sends `host` around the proxy.
    public func bypasses(host: String) -> Bool {
        contains { $0.matches(host: host) }
    }
}
