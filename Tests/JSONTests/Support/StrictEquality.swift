@testable import JSON

extension JSON {
    /// Equality that also requires the same key order and the same UTF-8 bytes of every string and key (`==` ignores
    /// member order and compares strings by canonical equivalence), and the same bits of every double.
    func isIdentical(to other: JSON) -> Bool {
        switch (self, other) {
        case (.null, .null): return true
        case (.bool(let lhs), .bool(let rhs)): return lhs == rhs
        case (.int(let lhs), .int(let rhs)): return lhs == rhs
        case (.double(let lhs), .double(let rhs)): return lhs.bitPattern == rhs.bitPattern
        case (.string(let lhs), .string(let rhs)): return lhs.utf8.elementsEqual(rhs.utf8)
        case (.array(let lhs), .array(let rhs)):
            return lhs.count == rhs.count && zip(lhs, rhs).allSatisfy { $0.isIdentical(to: $1) }
        case (.object(let lhs), .object(let rhs)):
            return lhs.count == rhs.count
                && zip(lhs.keys, rhs.keys).allSatisfy { $0.utf8.elementsEqual($1.utf8) }
                && zip(lhs.values, rhs.values).allSatisfy { $0.isIdentical(to: $1) }
        default: return false
        }
    }
}
