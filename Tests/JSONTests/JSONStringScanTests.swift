import Testing

@testable import JSON

/// Strings are scanned eight bytes at a time, in the parser and in the writer: every length around a word and every
/// position of the byte that matters, against the reference parser and writer.
@Suite struct JSONStringScanTests {
    static let specials: [[UInt8]] = [
        Array(#"\""#.utf8), Array(#"\\"#.utf8), Array(#"\n"#.utf8), Array(#"\u00e9"#.utf8),
        Array(#"\ud83d\ude00"#.utf8),
        [0x09], [0x01], [0x1F], [0x0A], [0x7F], [0xC3, 0xA9], [0xE2, 0x84, 0xAA], [0xFF], [UInt8(ascii: "\"")],
    ]

    @Test func parsesEveryLengthWithEveryByteKindAtEveryPosition() {
        for length in 0...40 {
            let plain = (0..<length).map { UInt8(ascii: "a") + UInt8($0 % 26) }
            JSONDifferentialTests.expectSameParse(Array("\"".utf8) + plain + Array("\"".utf8))
            JSONDifferentialTests.expectSameParse(Array("\"".utf8) + plain)  // unterminated
            for position in 0...length {
                for special in Self.specials {
                    let text = plain[..<position] + special + plain[position...]
                    // As a value, as a key (twice: the second time from the key table or the shape tree), and
                    // (for one position) twice in a document long enough for the string cache.
                    let value = Array("\"".utf8) + text + Array("\"".utf8)
                    JSONDifferentialTests.expectSameParse(value)
                    let member = Array("{".utf8) + value + Array(":1}".utf8)
                    JSONDifferentialTests.expectSameParse(Array("[".utf8) + member + Array(",".utf8) + member + [93])
                    guard position == length / 2 else { continue }
                    let padding = [UInt8](repeating: UInt8(ascii: " "), count: StringCache.minimumInput)
                    JSONDifferentialTests.expectSameParse(Array("[".utf8) + value + [44] + value + [93] + padding)
                }
            }
        }
    }

    @Test func writesEveryLengthWithEveryByteKindAtEveryPosition() {
        let specials: [String] = ["\"", "\\", "\n", "\t", "\u{01}", "\u{1F}", "\u{7F}", "é", "😀", "/"]
        for length in 0...40 {
            let plain = String((0..<length).map { Character(Unicode.Scalar(UInt8(ascii: "a") + UInt8($0 % 26))) })
            for position in 0...length {
                for special in specials {
                    var text = plain
                    text.insert(contentsOf: special, at: text.index(text.startIndex, offsetBy: position))
                    let value: JSON = [text: .string(text)]
                    #expect(value.encoded() == ReferenceJSONWriter.encoded(value), "\(text.debugDescription)")
                }
            }
        }
    }

    /// Strings around the writer's staging buffer: longer than it, longer than half of it, escapes across its end,
    /// written after enough bytes that they straddle a flush.
    @Test(arguments: [0, 1, 100, 4000, 8100])
    func writesStringsAroundTheStagingBuffer(prefixLength: Int) {
        let prefix = String(repeating: "p", count: prefixLength)
        let capacity = JSONWriter.stagingCapacity
        for length in [
            capacity / 2 - 10, capacity / 2 + 1, capacity - 12, capacity - 1, capacity, capacity + 1, 20_000,
        ] {
            for escapes in [false, true] {
                var text = String(repeating: "x", count: length)
                if escapes {
                    text = String(text.enumerated().map { $0.offset % 700 == 3 ? "\n" : $0.element })
                }
                let value: JSON = [.string(prefix), .string(text), .string(text), ["k\"": .string(text)]]
                #expect(value.encoded() == ReferenceJSONWriter.encoded(value))
                var appended = Array("already here,".utf8)
                value.write(to: &appended)
                #expect(appended == Array("already here,".utf8) + ReferenceJSONWriter.encoded(value))
            }
        }
    }
}
