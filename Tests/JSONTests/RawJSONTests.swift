import Testing

@testable import JSON

/// `RawJSON.elements(ofArrayMember:in:)` gives, for each element of a page's `value` array, a one-line text that
/// parses to exactly the element the parser gives.
@Suite struct RawJSONTests {
    /// A Graph-like page around random values: other members before and after `value`, whitespace everywhere.
    static func page(_ generator: inout RandomJSONText, elements: Int) -> [UInt8] {
        var text: [UInt8] = []
        generator.whitespace(&text)
        text += Array("{".utf8)
        generator.whitespace(&text)
        text += Array(#""@odata.context":"#.utf8) + generator.document() + Array(",".utf8)
        generator.whitespace(&text)
        text += Array(#""value""#.utf8)
        generator.whitespace(&text)
        text += Array(":".utf8)
        generator.whitespace(&text)
        text += Array("[".utf8)
        for index in 0..<elements {
            if index > 0 { text += Array(",".utf8) }
            text += generator.document()
        }
        if generator.allowTrailingCommas, elements > 0, Bool.random(using: &generator.random) {
            text += Array(",".utf8)
        }
        generator.whitespace(&text)
        text += Array("],".utf8)
        generator.whitespace(&text)
        text += Array(#""@odata.nextLink":"#.utf8) + generator.document()
        text += Array("}".utf8)
        generator.whitespace(&text)
        return text
    }

    @Test(arguments: 0..<6)
    func elementsParseAsTheParsedPageHasThem(seed: UInt64) throws {
        var generator = RandomJSONText(seed: 300 + seed)
        generator.allowTrailingCommas = seed % 2 == 1
        var compacted = 0
        for round in 0..<150 {
            let text = Self.page(&generator, elements: round % 7)
            let options = JSONParseOptions(allowTrailingCommas: generator.allowTrailingCommas)
            let parsed: JSON
            do {
                parsed = try JSON(parsing: text, options: options)
            } catch {
                Issue.record("\(error): \(String(decoding: text, as: UTF8.self))")
                continue
            }
            let expected = try #require(parsed["value"]?.arrayValue)
            let raw = try #require(RawJSON.elements(ofArrayMember: "value", in: text))
            #expect(raw.count == expected.count)
            for (element, value) in zip(raw, expected) {
                let line = element.description
                #expect(!line.utf8.contains { $0 < 0x20 }, "\(line)")
                #expect(line.first != " " && line.last != " ", "\(line)")
                #expect(try element.parsed(options: options).isIdentical(to: value), "\(line)")
                var written: [UInt8] = []
                element.write(to: &written)
                #expect(written == Array(line.utf8))
                if !text.contains(Array(line.utf8)) { compacted += 1 }
            }
        }
        #expect(compacted > 0, "some elements had whitespace to drop")
    }

    @Test func graphsExamplePage() throws {
        let text = Array(
            """
            {
              "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#security/alerts_v2",
              "value": [
                {"id": "da637551227677560813_-961444813", "severity": "medium", "evidence": [ {"@odata.type": "#x"} ]},
                {"id":"b","title":"quote \\" and ] and } inside","n":[1, 2.5e3,{"k":null}]}
              ],
              "@odata.nextLink": "https://graph.microsoft.com/v1.0/security/alerts_v2?$skiptoken=2"
            }
            """.utf8)
        let raw = try #require(RawJSON.elements(ofArrayMember: "value", in: text))
        #expect(
            raw.map(\.description) == [
                ##"{"id":"da637551227677560813_-961444813","severity":"medium","evidence":[{"@odata.type":"#x"}]}"##,
                #"{"id":"b","title":"quote \" and ] and } inside","n":[1,2.5e3,{"k":null}]}"#,
            ])
    }

    @Test func refusesWhatItCannotSplitSafely() {
        // Not an object; no `value`; `value` not an array; a top-level key written with an escape.
        for text in [
            #"[1,2]"#, #"{"values":[1]}"#, #"{"value":{"a":1}}"#, #"{"valu\u0065":[1]}"#, #"{"a\"":1,"value":[]}"#,
        ] {
            #expect(RawJSON.elements(ofArrayMember: "value", in: Array(text.utf8)) == nil, "\(text)")
        }
        // A later `value` replaces an earlier one, as in the parser.
        let twice = RawJSON.elements(ofArrayMember: "value", in: Array(#"{"value":[1],"value":[2, 3]}"#.utf8))
        #expect(twice?.map(\.description) == ["2", "3"])
        #expect(RawJSON.elements(ofArrayMember: "value", in: Array(#"{"value":[]}"#.utf8)) == [])
    }
}
