import Diagnostics
import JSON

/// One `where` condition as written: `{ path: PATH, <test>: VALUE }`, optionally `ignore_case: true`.
///
/// The binder passes every test key it found (the compiler requires exactly one) and the values as written (the
/// compiler checks that `in` has a list, `exists` a boolean, `matches` a valid regular expression).
public struct ConditionRule: Sendable {
    public enum Test: String, Sendable, Hashable, CaseIterable {
        case equals
        case notEquals = "not_equals"
        case `in`
        case notIn = "not_in"
        case exists
        case matches
    }

    /// Where the condition is (its first key).
    public var location: SourceLocation
    public var path: Located<String>?
    public var tests: [(test: Located<Test>, value: Located<JSON>)]
    public var ignoreCase: Located<Bool>?

    public init(
        at location: SourceLocation, path: Located<String>?, tests: [(test: Located<Test>, value: Located<JSON>)],
        ignoreCase: Located<Bool>? = nil
    ) {
        self.location = location
        self.path = path
        self.tests = tests
        self.ignoreCase = ignoreCase
    }
}
