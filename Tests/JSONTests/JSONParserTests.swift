import Testing

@testable import JSON

@Suite struct JSONParserTests {
    @Test func parsesEveryKindOfValue() throws {
        let value = try JSON(parsing: #"{"a":1,"b":-2.5,"c":"x\ny","d":[true,false,null],"e":{},"f":[],"g":1e3}"#)
        #expect(value["a"] == .int(1))
        #expect(value["b"] == .double(-2.5))
        #expect(value["c"] == .string("x\ny"))
        #expect(value["d"] == .array([.bool(true), .bool(false), .null]))
        #expect(value["e"] == .object([:]))
        #expect(value["f"] == .array([]))
        #expect(value["g"] == .double(1000))
    }

    @Test func keepsMemberOrderButComparesWithoutIt() throws {
        let first = try JSON(parsing: #"{"z":1,"a":2}"#)
        let second = try JSON(parsing: #"{"a":2,"z":1}"#)
        #expect(first.objectValue?.keys == ["z", "a"])
        #expect(first == second)
        #expect(first.hashValue == second.hashValue)
        #expect(first.encodedString() == #"{"z":1,"a":2}"#)
        #expect(first.encodedString(options: .init(sortedKeys: true)) == #"{"a":2,"z":1}"#)
    }

    @Test func decodesEscapesAndSurrogatePairs() throws {
        let value = try JSON(parsing: #""\u00e9\ud83d\ude00\/\\\"\t""#)
        #expect(value == .string("é😀/\\\"\t"))
    }

    @Test func writesWithoutEscapingSlashesAndEscapesControls() {
        let value: JSON = ["url": "https://security.microsoft.com/a", "c": .string("\u{01}\"")]
        #expect(value.encodedString() == #"{"url":"https://security.microsoft.com/a","c":"\u0001\""}"#)
    }

    @Test func roundTripsNumbers() throws {
        let text = #"[0,-1,9223372036854775807,1.5,-0.25,3.0,1e-05]"#
        let value = try JSON(parsing: text)
        #expect(value[2] == .int(Int.max))
        #expect(value[5] == .double(3))
        #expect(try JSON(parsing: value.encodedString()) == value)
    }

    @Test func integersBeyondIntBecomeDoubles() throws {
        #expect(try JSON(parsing: "18446744073709551616") == .double(18446744073709551616))
    }

    @Test(arguments: [
        (#"{"a":1,}"#, "expected a string key", 1, 8),
        (#"[1 2]"#, "expected ',' or ']'", 1, 4),
        ("{\n  \"a\": tru\n}", "invalid literal", 2, 8),
        (#""abc"#, "unterminated string", 1, 1),
        (#"01"#, "leading zero in a number", 1, 1),
        (#"{"a":1} x"#, "unexpected content after the value", 1, 9),
        (#""\x""#, #"invalid escape '\x'"#, 1, 3),
    ])
    func reportsWhereInputIsInvalid(text: String, reason: String, line: Int, column: Int) {
        #expect(throws: JSONParseError.self) { try JSON(parsing: text) }
        do {
            _ = try JSON(parsing: text)
        } catch {
            #expect(error.reason == reason)
            #expect(error.line == line)
            #expect(error.column == column)
        }
    }

    @Test func trailingCommasOnlyWhenAllowed() throws {
        let text = #"{"a":[1,2,],}"#
        #expect(throws: JSONParseError.self) { try JSON(parsing: text) }
        let value = try JSON(parsing: text, options: .init(allowTrailingCommas: true))
        #expect(value == ["a": [1, 2]])
    }

    @Test func refusesDeepNesting() {
        let text = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
        #expect(throws: JSONParseError.self) { try JSON(parsing: text) }
    }

    @Test func prettyPrintsDeterministically() {
        let value: JSON = ["b": [1, ["c": nil]], "a": "x"]
        let expected = """
            {
              "a": "x",
              "b": [
                1,
                {
                  "c": null
                }
              ]
            }
            """
        #expect(value.encodedString(options: .init(sortedKeys: true, prettyPrinted: true)) == expected)
    }

    @Test func objectSubscriptSetsAndRemoves() {
        var object: JSONObject = ["a": 1, "b": 2]
        object["a"] = nil
        object["c"] = 3
        object["b"] = 4
        #expect(object.keys == ["b", "c"])
        #expect(object.values == [4, 3])
    }
}
