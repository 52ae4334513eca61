/// Compact forms of an indicator's context while it is merged, turned into `Set<String>` only at the end.
enum ContextSets {
    static let verdicts = EvidenceVerdict.allCases

    static func bit(_ verdict: EvidenceVerdict) -> UInt8 {
        switch verdict {
        case .unknown: 1
        case .suspicious: 2
        case .malicious: 4
        case .noThreatsFound: 8
        }
    }

    /// The 16 possible verdict sets, built once.
    static let verdictSets: [Set<String>] = (0..<16).map { mask in
        Set(verdicts.filter { mask & Int(bit($0)) != 0 }.map(\.rawValue))
    }

    @inline(__always)
    static func bit(_ kind: EvidenceKind) -> UInt64 { 1 << UInt64(kind.rawValue) }

    static let singleTypeSets: [Set<String>] = EvidenceKind.allCases.map { [$0.name] }

    static func evidenceTypes(_ mask: UInt64) -> Set<String> {
        if mask.nonzeroBitCount == 1 { return singleTypeSets[mask.trailingZeroBitCount] }
        var names = Set<String>()
        for kind in EvidenceKind.allCases where mask & bit(kind) != 0 { names.insert(kind.name) }
        return names
    }

    static let singleRoleSets: [Set<String>] = EvidenceRoles.names.map { [$0] }

    static func roles(_ mask: UInt32, extra: some Sequence<String>) -> Set<String> {
        var names = Set(extra)
        if names.isEmpty {
            if mask == 0 { return [] }
            if mask.nonzeroBitCount == 1 { return singleRoleSets[mask.trailingZeroBitCount] }
        }
        for (index, name) in EvidenceRoles.names.enumerated() where mask & (1 << UInt32(index)) != 0 {
            names.insert(name)
        }
        return names
    }
}

extension Indicator.Kind {
    /// The position in `Indicator.Kind.allCases`, the order records are sorted in.
    public var rank: Int {
        switch self {
        case .ipv4: 0
        case .ipv6: 1
        case .domain: 2
        case .url: 3
        case .md5: 4
        case .sha1: 5
        case .sha256: 6
        case .email: 7
        }
    }
}

/// Strings interned to small numbers, so an indicator's context is a few integers rather than a set of strings.
struct StringTable: Sendable {
    private var numbers: [String: UInt32] = [:]
    private(set) var strings: [String] = []

    mutating func intern(_ string: String) -> UInt32 {
        if let number = numbers[string] { return number }
        let number = UInt32(strings.count)
        numbers[string] = number
        strings.append(string)
        return number
    }

    func set(_ members: [UInt32]) -> Set<String> {
        Set(members.map { strings[Int($0)] })
    }
}
