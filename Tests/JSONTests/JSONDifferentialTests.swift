import Testing

@testable import JSON

/// The fast parser and writer against the originals they replaced (`Reference/`), over seeded random input: the same
/// values in the same order, the same bytes, the same errors at the same places.
@Suite struct JSONDifferentialTests {
    /// Parses `text` with both parsers and records any difference.
    static func expectSameParse(
        _ text: [UInt8], options: JSONParseOptions = .init(), sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let expected = ReferenceJSONParser.parse(text, options: options)
        let actual = Result { () throws(JSONParseError) in try JSON(parsing: text, options: options) }
        switch (expected, actual) {
        case (.success(let expected), .success(let actual)):
            #expect(
                actual.isIdentical(to: expected), "\(String(decoding: text, as: UTF8.self))",
                sourceLocation: sourceLocation)
        case (.failure(let expected), .failure(let actual)):
            #expect(actual == expected, "\(String(decoding: text, as: UTF8.self))", sourceLocation: sourceLocation)
        default:
            Issue.record(
                "\(String(decoding: text, as: UTF8.self)): expected \(expected), got \(actual)",
                sourceLocation: sourceLocation)
        }
    }

    @Test(arguments: 0..<8)
    func parsesRandomDocumentsAsTheReferenceDoes(seed: UInt64) {
        var generator = RandomJSONText(seed: seed)
        generator.allowTrailingCommas = seed % 2 == 1
        let options = JSONParseOptions(allowTrailingCommas: generator.allowTrailingCommas)
        for _ in 0..<400 {
            Self.expectSameParse(generator.document(), options: options)
        }
    }

    @Test(arguments: 0..<8)
    func reportsTheReferenceErrorsForCorruptedDocuments(seed: UInt64) {
        var generator = RandomJSONText(seed: 1000 + seed)
        generator.allowTrailingCommas = seed % 2 == 1
        let options = JSONParseOptions(allowTrailingCommas: generator.allowTrailingCommas, maxDepth: 4)
        for _ in 0..<600 {
            let text = generator.corrupted(generator.document())
            Self.expectSameParse(text, options: options)
        }
    }

    /// Large documents (past the size where string values are cached), with many distinct keys (past the capacity
    /// of the key table) and many shapes, repeated and duplicated.
    @Test(arguments: [(UInt64(1), 40), (2, 400), (3, 6000)])
    func parsesLargeDocumentsAsTheReferenceDoes(seed: UInt64, distinctKeys: Int) {
        var keys = (0..<distinctKeys).map { "key\($0)" }
        keys += RandomJSONText.trickyKeys
        var generator = RandomJSONText(seed: seed, keys: keys)
        var text = Array("[".utf8)
        for index in 0..<3000 {
            if index > 0 { text.append(UInt8(ascii: ",")) }
            generator.object(&text, depth: 1)
        }
        text += Array("]".utf8)
        #expect(text.count > 100_000)
        Self.expectSameParse(text)
    }

    @Test(arguments: 0..<8)
    func writesWhatTheReferenceWrites(seed: UInt64) {
        var generator = RandomJSONValue(seed: seed)
        let allOptions = [
            JSONWriteOptions(), JSONWriteOptions(sortedKeys: true), JSONWriteOptions(prettyPrinted: true),
            JSONWriteOptions(sortedKeys: true, prettyPrinted: true),
        ]
        for _ in 0..<300 {
            let value = generator.value()
            for options in allOptions {
                #expect(value.encoded(options: options) == ReferenceJSONWriter.encoded(value, options: options))
            }
            var appended = Array("prefix ".utf8)
            value.write(to: &appended)
            #expect(appended == Array("prefix ".utf8) + ReferenceJSONWriter.encoded(value))
        }
    }

    /// parse(write(x)) == x over generated values, and writing again gives the same bytes.
    @Test(arguments: 0..<8)
    func roundTripsRandomValues(seed: UInt64) throws {
        var generator = RandomJSONValue(seed: 500 + seed)
        for _ in 0..<300 {
            let value = generator.value()
            let text = value.encoded()
            let parsed = try JSON(parsing: text)
            #expect(parsed == value)
            #expect(parsed.encoded() == text)
        }
    }
}
