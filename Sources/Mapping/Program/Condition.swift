import Foundation
import JSON

/// A compiled `where` condition.
struct Condition: Sendable {
    enum Test: Sendable {
        case equals(JSON)
        case notEquals(JSON)
        case `in`([JSON])
        case notIn([JSON])
        case exists(Bool)
        case matches(CompiledRegex)
    }

    var path: Path
    var test: Test
    var ignoreCase: Bool

    /// Whether the condition holds. On a list: `equals`, `in`, `matches` hold when one element passes;
    /// `not_equals`, `not_in` when every element passes; `exists` when the list is not empty.
    func holds(in scope: Scope) -> Bool {
        let value = path.evaluate(in: scope)
        switch test {
        case .exists(let expected):
            let present: Bool
            switch value {
            case .null: present = false
            case .array(let items): present = !items.isEmpty
            default: present = true
            }
            return present == expected
        case .equals(let expected):
            return any(value) { same($0, expected) }
        case .notEquals(let expected):
            return every(value) { !same($0, expected) }
        case .in(let expected):
            return any(value) { item in expected.contains { same(item, $0) } }
        case .notIn(let expected):
            return every(value) { item in !expected.contains { same(item, $0) } }
        case .matches(let regex):
            return any(value) { item in ValueText.scalar(item).map { regex.matches($0) } ?? false }
        }
    }

    private func any(_ value: JSON, _ test: (JSON) -> Bool) -> Bool {
        if case .array(let items) = value { return items.contains(where: test) }
        return test(value)
    }

    private func every(_ value: JSON, _ test: (JSON) -> Bool) -> Bool {
        if case .array(let items) = value { return items.allSatisfy(test) }
        return test(value)
    }

    /// Scalars compare by text (`75` equals `"75"`), numbers numerically, `null` only with `null`; with
    /// `ignore_case`, text case-insensitively.
    private func same(_ value: JSON, _ expected: JSON) -> Bool {
        switch (value, expected) {
        case (.null, .null): return true
        case (.null, _), (_, .null): return false
        case (.int, .double), (.double, .int), (.double, .double):
            return value.doubleValue == expected.doubleValue
        default:
            guard let left = ValueText.scalar(value), let right = ValueText.scalar(expected) else {
                return value == expected
            }
            if ignoreCase { return left.caseInsensitiveCompare(right) == .orderedSame }
            return left == right
        }
    }
}
