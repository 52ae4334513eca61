import JSON

/// The `roles` of an evidence object as a bit set of Graph's `evidenceRole` members, matched case-insensitively
/// (incidents carry PascalCase values) and written back in Graph's camelCase; unrecognised roles are kept as sent.
struct EvidenceRoles: Sendable, Hashable {
    static let names: [String] = [
        "unknown", "contextual", "scanned", "source", "destination", "created", "added", "compromised", "edited",
        "attacked", "attacker", "commandAndControl", "loaded", "suspicious", "policyViolator", "unknownFutureValue",
    ]

    private static let byName: [String: Int] = {
        var table: [String: Int] = [:]
        for (index, name) in names.enumerated() {
            table[name] = index
            table[name.lowercased()] = index
        }
        return table
    }()

    var bits: UInt32 = 0
    var extra: [String] = []

    static let attacker = bit("attacker")
    static let commandAndControl = bit("commandAndControl")
    static let suspicious = bit("suspicious")
    static let compromised = bit("compromised")
    static let attacked = bit("attacked")
    /// Roles that say an object is the organisation's own (the victim), whatever else it is.
    static let victim = compromised | attacked
    /// Roles that say an object is the threat.
    static let threat = attacker | commandAndControl | suspicious

    static func bit(_ name: String) -> UInt32 { 1 << UInt32(names.firstIndex(of: name)!) }

    /// The bit of a role name, or `nil` when Graph has no such role.
    static func bit(named name: String) -> UInt32? {
        // Graph's own spellings first, without hashing; then any case.
        switch name {
        case "contextual": return 1 << 1
        case "source": return 1 << 3
        case "destination": return 1 << 4
        case "compromised": return 1 << 7
        case "attacker": return 1 << 10
        case "commandAndControl": return 1 << 11
        case "suspicious": return 1 << 13
        default: break
        }
        if let index = byName[name] ?? byName[name.lowercased()] { return 1 << UInt32(index) }
        return nil
    }

    init() {}

    init(_ value: JSON?) {
        guard case .array(let items)? = value else { return }
        for item in items {
            guard case .string(let name) = item else { continue }
            if let bit = Self.bit(named: name) {
                bits |= bit
            } else if !extra.contains(name) {
                extra.append(name)
            }
        }
    }

    var isEmpty: Bool { bits == 0 && extra.isEmpty }

    func contains(any mask: UInt32) -> Bool { bits & mask != 0 }

    /// The roles as Graph spells them.
    var names: [String] {
        var out: [String] = []
        for (index, name) in Self.names.enumerated() where bits & (1 << UInt32(index)) != 0 { out.append(name) }
        return out + extra
    }
}

/// An evidence `verdict`: Graph's members matched case-insensitively; absent, null or unrecognised is `unknown`.
enum EvidenceVerdict: String, Sendable, Hashable, CaseIterable {
    case unknown, suspicious, malicious, noThreatsFound

    init(_ value: JSON?) {
        guard case .string(let text)? = value else {
            self = .unknown
            return
        }
        switch text {
        case "malicious": self = .malicious
        case "suspicious": self = .suspicious
        case "unknown": self = .unknown
        case "noThreatsFound": self = .noThreatsFound
        default: self = EvidenceVerdict(name: text) ?? .unknown
        }
    }

    init?(name: String) {
        let folded = name.lowercased()
        guard let match = Self.allCases.first(where: { $0.rawValue.lowercased() == folded }) else { return nil }
        self = match
    }
}
