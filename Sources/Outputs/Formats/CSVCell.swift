import JSON

/// How one value becomes one CSV cell: RFC 4180 quoting, and neutralisation of text a spreadsheet would run as a
/// formula.
enum CSVCell {
    /// Separates the elements of a list inside one cell.
    static let listSeparator = ";"

    /// The cell text of a value (objects are flattened into columns before this is called; here they, and lists
    /// inside lists, are written as compact JSON). `neutralise` is false for JSON numbers and booleans, which cannot
    /// carry a formula.
    static func text(of value: JSON) -> (text: String, neutralise: Bool) {
        switch value {
        case .null: return ("", false)
        case .bool(let flag): return (flag ? "true" : "false", false)
        case .int, .double: return (value.encodedString(), false)
        case .string(let string): return (string, true)
        case .array(let elements):
            let parts = elements.map { element -> String in
                switch element {
                case .string(let string): return string
                case .null: return ""
                default: return element.encodedString()
                }
            }
            return (parts.joined(separator: listSeparator), true)
        case .object(let object): return (object.isEmpty ? "" : value.encodedString(), true)
        }
    }

    /// True when a spreadsheet would read `text` as a formula or command: it starts with `=`, `+`, `-`, `@`, a tab
    /// or a carriage return (OWASP's list for CSV injection).
    static func isDangerous(_ text: String) -> Bool {
        guard let first = text.utf8.first else { return false }
        switch first {
        case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D: return true
        default: return false
        }
    }

    /// Appends the cell: a dangerous text gets a leading `'` (shown as text, not evaluated), then the cell is quoted
    /// when it holds a comma, a quote, CR or LF, with quotes doubled.
    static func write(_ text: String, neutralise: Bool, to output: inout [UInt8]) {
        let prefixed = neutralise && isDangerous(text)
        let needsQuotes = text.utf8.contains { byte in
            byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\"") || byte == 0x0A || byte == 0x0D
        }
        if !needsQuotes {
            if prefixed { output.append(UInt8(ascii: "'")) }
            output.append(contentsOf: text.utf8)
            return
        }
        output.append(UInt8(ascii: "\""))
        if prefixed { output.append(UInt8(ascii: "'")) }
        for byte in text.utf8 {
            if byte == UInt8(ascii: "\"") { output.append(byte) }
            output.append(byte)
        }
        output.append(UInt8(ascii: "\""))
    }
}
