/// A regular expression of a `matches` condition (Swift `Regex` syntax), compiled once.
///
/// `Regex` is not declared `Sendable`. It is safe to share here: it is an immutable value whose only mutable
/// state is the lazily lowered matching program, which the standard library initialises with an atomic
/// compare-and-exchange; `init` runs one match so that it is built before the value is ever shared.
struct CompiledRegex: @unchecked Sendable {
    let pattern: String
    let ignoreCase: Bool
    private let regex: Regex<AnyRegexOutput>

    /// Compiles `pattern`, or throws the parser's message (`expected ')'`).
    init(_ pattern: String, ignoreCase: Bool) throws {
        var regex = try Regex(pattern)
        if ignoreCase { regex = regex.ignoresCase() }
        self.pattern = pattern
        self.ignoreCase = ignoreCase
        self.regex = regex
        _ = "".contains(regex)
    }

    /// Whether the expression matches somewhere in `text` (unanchored).
    func matches(_ text: String) -> Bool {
        text.contains(regex)
    }
}
