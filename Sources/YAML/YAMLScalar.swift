/// The shapes of plain scalars that YAML 1.2's core schema reads as numbers, kept strict: decimal integers only
/// (no `0x1F`, no `1_000`), and `true`/`false` the only booleans.
public enum YAMLScalar {
    /// `[-+]?[0-9]+`
    public static func isInteger(_ text: String) -> Bool {
        var bytes = Substring(text).utf8[...]
        if let first = bytes.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            bytes = bytes.dropFirst()
        }
        return !bytes.isEmpty && bytes.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }

    /// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?` with a fraction or an exponent (so not an integer).
    public static func isFloat(_ text: String) -> Bool {
        var bytes = Array(text.utf8)[...]
        if let first = bytes.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            bytes = bytes.dropFirst()
        }
        func digits(_ slice: inout ArraySlice<UInt8>) -> Int {
            var count = 0
            while let byte = slice.first, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                slice = slice.dropFirst()
                count += 1
            }
            return count
        }
        let whole = digits(&bytes)
        var fraction = 0
        var hasPoint = false
        if bytes.first == UInt8(ascii: ".") {
            hasPoint = true
            bytes = bytes.dropFirst()
            fraction = digits(&bytes)
        }
        guard whole + fraction > 0 else { return false }
        var hasExponent = false
        if let byte = bytes.first, byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            if let sign = bytes.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") {
                bytes = bytes.dropFirst()
            }
            guard digits(&bytes) > 0 else { return false }
            hasExponent = true
        }
        return bytes.isEmpty && (hasPoint || hasExponent)
    }
}

/// The standard tags, as libyaml resolves their `!!` shorthand.
public enum YAMLTag {
    public static let string = "tag:yaml.org,2002:str"
    public static let integer = "tag:yaml.org,2002:int"
    public static let float = "tag:yaml.org,2002:float"
    public static let boolean = "tag:yaml.org,2002:bool"
    public static let null = "tag:yaml.org,2002:null"
    public static let mapping = "tag:yaml.org,2002:map"
    public static let sequence = "tag:yaml.org,2002:seq"
    public static let merge = "tag:yaml.org,2002:merge"
    /// The non-specific tag `!`: the scalar is a string.
    public static let nonSpecific = "!"
}
