/// What a string must look like: a regular expression for the JSON Schema and a check for the binder that explains
/// what is wrong in words.
public struct StringFormat: Sendable {
    /// What the string is, for messages and the schema's description (`a GUID`).
    public var noun: String
    /// An ECMA-262 / Python-compatible pattern the JSON Schema uses; the check below must accept exactly what it
    /// matches or be stricter.
    public var pattern: String?
    public var minLength: Int
    /// Returns what is wrong with the value (completing "… for 'key': "), or `nil` when it is fine.
    public var check: @Sendable (String) -> String?

    public init(
        _ noun: String, pattern: String? = nil, minLength: Int = 0,
        check: @escaping @Sendable (String) -> String? = {
            _ in nil
        }
    ) {
        self.noun = noun
        self.pattern = pattern
        self.minLength = minLength
        self.check = check
    }

    /// Any string.
    public static let any = StringFormat("a string")
    /// Any string but the empty one.
    public static let nonEmpty = StringFormat("a non-empty string", minLength: 1)
}
