/// Random JSON text for differential tests: valid documents with the awkward parts a parser must get right (escaped
/// and non-ASCII keys, canonically equivalent keys, duplicates, repeated shapes, literal tabs, surrogates, numbers at
/// the edges of `Int`), and corrupted copies of them.
struct RandomJSONText {
    var random: SeededGenerator
    /// The keys drawn from; a small list makes objects share shapes and repeat keys.
    var keys: [String]
    var maximumDepth = 5
    var allowTrailingCommas = false

    /// Keys that look alike: same length, same first and last eight bytes, canonically equivalent spellings,
    /// lengths around 8, 15 and 16 bytes.
    static let trickyKeys: [String] = [
        "id", "a", "b", "", "@odata.type", "createdDateTime", "lastUpdateDateTime", "remediationStatus",
        "remediationStatusDetails", "abcdefgh12345678", "abcdefgX12345678", "abcdefgh1234567X",
        "abcdefgh_middle_12345678", "abcdefgh_MIDDLE_12345678", "abcdefg", "abcdefgh", "abcdefghi", "K", "\u{212A}",
        "é", "e\u{301}", "évidence", "😀", "key with space", "tab\tkey", "quote\"key", "back\\slash", "slash/key",
        "new\nline", "null", "true", "0123456789abcdef0123",
    ]

    init(seed: UInt64, keys: [String] = RandomJSONText.trickyKeys) {
        random = SeededGenerator(seed: seed)
        self.keys = keys
    }

    mutating func document() -> [UInt8] {
        var text: [UInt8] = []
        whitespace(&text)
        value(&text, depth: 0)
        whitespace(&text)
        return text
    }

    mutating func value(_ text: inout [UInt8], depth: Int) {
        let choice =
            depth >= maximumDepth ? Int.random(in: 2..<8, using: &random) : Int.random(in: 0..<8, using: &random)
        switch choice {
        case 0: object(&text, depth: depth + 1)
        case 1: array(&text, depth: depth + 1)
        case 2, 3: string(&text)
        case 4, 5: text += number().utf8
        default: text += ["true", "false", "null"].randomElement(using: &random)!.utf8
        }
    }

    mutating func object(_ text: inout [UInt8], depth: Int) {
        text.append(UInt8(ascii: "{"))
        let count = Int.random(in: 0...8, using: &random)
        for index in 0..<count {
            if index > 0 { text.append(UInt8(ascii: ",")) }
            whitespace(&text)
            key(keys.randomElement(using: &random)!, &text)
            whitespace(&text)
            text.append(UInt8(ascii: ":"))
            whitespace(&text)
            value(&text, depth: depth)
            whitespace(&text)
        }
        if count > 0, allowTrailingCommas, Bool.random(using: &random) { text.append(UInt8(ascii: ",")) }
        text.append(UInt8(ascii: "}"))
    }

    mutating func array(_ text: inout [UInt8], depth: Int) {
        text.append(UInt8(ascii: "["))
        let count = Int.random(in: 0...6, using: &random)
        for index in 0..<count {
            if index > 0 { text.append(UInt8(ascii: ",")) }
            whitespace(&text)
            value(&text, depth: depth)
            whitespace(&text)
        }
        if count > 0, allowTrailingCommas, Bool.random(using: &random) { text.append(UInt8(ascii: ",")) }
        text.append(UInt8(ascii: "]"))
    }

    /// A key written plainly most of the time, otherwise with some or all of its characters escaped.
    mutating func key(_ key: String, _ text: inout [UInt8]) {
        text.append(UInt8(ascii: "\""))
        let escapeAll = Int.random(in: 0..<8, using: &random) == 0
        for scalar in key.unicodeScalars {
            let mustEscape = scalar == "\"" || scalar == "\\" || scalar.value < 0x20 && scalar != "\t"
            if mustEscape || escapeAll {
                escape(scalar, &text)
            } else {
                text += Array(String(scalar).utf8)
            }
        }
        text.append(UInt8(ascii: "\""))
    }

    mutating func escape(_ scalar: Unicode.Scalar, _ text: inout [UInt8]) {
        let short: [Unicode.Scalar: String] = ["\"": "\\\"", "\\": "\\\\", "\n": "\\n", "\t": "\\t", "/": "\\/"]
        if let written = short[scalar], Bool.random(using: &random) {
            text += written.utf8
            return
        }
        for unit in String(scalar).utf16 {
            let hex = String(unit, radix: 16)
            let padded = String(repeating: "0", count: 4 - hex.count) + hex
            text += Array("\\u".utf8) + Array((Bool.random(using: &random) ? padded : padded.uppercased()).utf8)
        }
    }

    /// A string value of random pieces; some values recur verbatim (as Graph's enumerations and types do).
    mutating func string(_ text: inout [UInt8]) {
        let recurring = [
            "#microsoft.graph.security.deviceEvidence", "microsoftDefenderForEndpoint", "exactly 16 bytes",
            "fifteen bytes!!", "four-a-b-c-d-e-f-g-h-i-j-k-l-m-n-o-p-q-r-s-t-u-v-w-x-y-z-0123456789",
            "#microsoft.graph.security.deviceEvidencf", "tab\tinside a recurring value",
        ]
        if Int.random(in: 0..<3, using: &random) == 0 {
            key(recurring.randomElement(using: &random)!, &text)
            return
        }
        text.append(UInt8(ascii: "\""))
        for _ in 0..<Int.random(in: 0...6, using: &random) {
            switch Int.random(in: 0..<10, using: &random) {
            case 0...3:
                let length = [0, 1, 7, 8, 9, 15, 16, 17, 40, 255, 256, 257].randomElement(using: &random)!
                text += (0..<length).map { _ in UInt8.random(in: 0x20...0x7E, using: &random) }
                    .map { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") ? UInt8(ascii: "x") : $0 }
            case 4: text += Array("é😀ß\u{301}中".utf8)
            case 5: text.append(0x09)
            case 6: escape(Unicode.Scalar(UInt32.random(in: 0...0x7F, using: &random))!, &text)
            case 7: escape(["é", "😀", "\u{212A}", "\u{FFFF}"].randomElement(using: &random)!, &text)
            case 8:
                text +=
                    ["\\ud83d\\ude00", "\\ud83d", "\\ude00", "\\ud83dx", "\\ud83d\\u0041"].randomElement(
                        using: &random)!.utf8
            default: text += [0xC3, 0xA9]  // é as raw UTF-8
            }
        }
        text.append(UInt8(ascii: "\""))
    }

    mutating func number() -> String {
        [
            "0", "-0", "7", "-12", "123456789", "9223372036854775807", "-9223372036854775808", "9223372036854775808",
            "-9223372036854775809", "18446744073709551616", "1.5", "-0.25", "0.0", "-0.0", "1e5", "1E+5", "2.5e-3",
            "1e400", "3.0",
        ].randomElement(using: &random)!
    }

    mutating func whitespace(_ text: inout [UInt8]) {
        guard Int.random(in: 0..<4, using: &random) == 0 else { return }
        for _ in 0..<Int.random(in: 1...3, using: &random) {
            text.append([0x20, 0x0A, 0x0D, 0x09].randomElement(using: &random)!)
        }
    }

    /// `text` with one to three random edits: a byte deleted, inserted or replaced, or the end cut off.
    mutating func corrupted(_ text: [UInt8]) -> [UInt8] {
        var text = text
        let interesting = Array("{}[]:,\"\\ \n\tu0-9eE.+atrfln".utf8) + [0x01, 0x1F, 0x7F, 0x80, 0xC3, 0xFF]
        for _ in 0..<Int.random(in: 1...3, using: &random) {
            let position = Int.random(in: 0...text.count, using: &random)
            switch Int.random(in: 0..<4, using: &random) {
            case 0 where position < text.count: text.remove(at: position)
            case 1: text.insert(interesting.randomElement(using: &random)!, at: position)
            case 2 where position < text.count: text[position] = interesting.randomElement(using: &random)!
            default: text.removeSubrange(position...)
            }
        }
        return text
    }
}
