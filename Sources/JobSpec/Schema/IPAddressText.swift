/// IPv4 and IPv6 addresses and CIDR blocks as written in job files (`10.0.0.0/8`, `fd00::/8`).
enum IPAddressText {
    static func ipv4(_ text: String) -> [UInt8]? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var bytes: [UInt8] = []
        for part in parts {
            guard (1...3).contains(part.count), part.allSatisfy({ $0.isASCII && $0.isNumber }),
                part.count == 1 || part.first != "0", let value = UInt8(part)
            else { return nil }
            bytes.append(value)
        }
        return bytes
    }

    static func isIPv6(_ text: String) -> Bool {
        guard text.contains(":") else { return false }
        let halves = text.components(separatedBy: "::")
        guard halves.count <= 2 else { return false }
        var groups = 0
        for (index, half) in halves.enumerated() where !half.isEmpty {
            let parts = half.split(separator: ":", omittingEmptySubsequences: false)
            for (position, part) in parts.enumerated() {
                let isLast = index == halves.count - 1 && position == parts.count - 1
                if isLast, part.contains(".") {
                    guard ipv4(String(part)) != nil else { return false }
                    groups += 2
                    continue
                }
                guard (1...4).contains(part.count), part.unicodeScalars.allSatisfy(\.properties.isASCIIHexDigit) else {
                    return false
                }
                groups += 1
            }
        }
        return halves.count == 2 ? groups < 8 : groups == 8
    }

    static func isAddress(_ text: String) -> Bool {
        ipv4(text) != nil || isIPv6(text)
    }

    static func isCIDR(_ text: String) -> Bool {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[1].isEmpty, parts[1].allSatisfy({ $0.isASCII && $0.isNumber }),
            parts[1].count <= 3, let prefix = Int(parts[1])
        else { return false }
        if ipv4(String(parts[0])) != nil { return prefix <= 32 }
        if isIPv6(String(parts[0])) { return prefix <= 128 }
        return false
    }
}
