import Diagnostics
import JSON

extension MappingCompiler {
    mutating func condition(_ rule: ConditionRule) -> Condition? {
        var valid = true
        let tests = ConditionRule.Test.allCases.map(\.rawValue)
        guard let first = rule.tests.first else {
            error("condition needs one test: \(Self.quotedList(tests))", at: rule.location)
            return nil
        }
        for extra in rule.tests.dropFirst() {
            error(
                "condition has both '\(first.test.value.rawValue)' and '\(extra.test.value.rawValue)'; a condition "
                    + "takes exactly one test",
                at: extra.test.location,
                notes: [.init("'\(first.test.value.rawValue)' is here", at: first.test.location)])
            valid = false
        }
        guard let written = rule.path else {
            error("condition needs a 'path'", at: rule.location)
            return nil
        }
        let compiledPath = path(written.value, at: written.location)
        let ignoreCase = rule.ignoreCase?.value ?? false
        let name = first.test.value.rawValue
        let value = first.value
        var test: Condition.Test?
        switch first.test.value {
        case .equals, .notEquals:
            switch value.value {
            case .array, .object:
                error(
                    "'\(name)' takes a single value, not \(value.value.kindName) (for several values use "
                        + "'\(first.test.value == .equals ? "in" : "not_in")')",
                    at: value.location)
            default:
                test = first.test.value == .equals ? .equals(value.value) : .notEquals(value.value)
            }
        case .in, .notIn:
            if case .array(let items) = value.value {
                test = first.test.value == .in ? .in(items) : .notIn(items)
            } else {
                error("'\(name)' takes a list of values, not \(value.value.kindName)", at: value.location)
            }
        case .exists:
            if case .bool(let flag) = value.value {
                test = .exists(flag)
            } else {
                error("'exists' takes true or false, not \(value.value.kindName)", at: value.location)
            }
            if let ignore = rule.ignoreCase {
                warning("'ignore_case' has no effect on 'exists'", at: ignore.location)
            }
        case .matches:
            if case .string(let pattern) = value.value {
                do {
                    test = .matches(try CompiledRegex(pattern, ignoreCase: ignoreCase))
                } catch {
                    self.error("invalid regular expression '\(pattern)': \(error)", at: value.location)
                }
            } else {
                error("'matches' takes a regular expression string, not \(value.value.kindName)", at: value.location)
            }
        }
        guard valid, let compiledPath, let test else { return nil }
        return Condition(path: compiledPath, test: test, ignoreCase: ignoreCase)
    }
}
