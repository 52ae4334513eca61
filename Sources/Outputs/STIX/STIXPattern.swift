import Mapping

/// STIX 2.1 patterns for one indicator: the Cyber-observable object and property each type is, and the value as a
/// pattern string literal.
enum STIXPattern {
    static func make(_ kind: Indicator.Kind, _ value: String) -> String {
        "[\(objectPath(kind)) = '\(escaped(value))']"
    }

    static func objectPath(_ kind: Indicator.Kind) -> String {
        switch kind {
        case .ipv4: "ipv4-addr:value"
        case .ipv6: "ipv6-addr:value"
        case .domain: "domain-name:value"
        case .url: "url:value"
        case .email: "email-addr:value"
        case .md5: "file:hashes.MD5"
        case .sha1: "file:hashes.'SHA-1'"
        case .sha256: "file:hashes.'SHA-256'"
        }
    }

    /// A pattern string literal's content: `\` and `'` escaped with a backslash (STIX 2.1 Patterning, §9.2).
    static func escaped(_ value: String) -> String {
        var result = ""
        result.reserveCapacity(value.utf8.count)
        for character in value {
            if character == "\\" || character == "'" { result.append("\\") }
            result.append(character)
        }
        return result
    }

    /// How a type reads in a description.
    static func noun(_ kind: Indicator.Kind) -> String {
        switch kind {
        case .ipv4: "IPv4 address"
        case .ipv6: "IPv6 address"
        case .domain: "Domain name"
        case .url: "URL"
        case .email: "Email address"
        case .md5: "File with MD5 hash"
        case .sha1: "File with SHA-1 hash"
        case .sha256: "File with SHA-256 hash"
        }
    }
}
