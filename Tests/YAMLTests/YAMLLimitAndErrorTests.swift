import Diagnostics
import Testing

@testable import YAML

@Suite struct YAMLLimitTests {
    @Test func aFileOverTheSizeLimitIsRefused() {
        let stream = parse(String(repeating: "a", count: 101), limits: YAMLLimits(maxInputBytes: 100))
        #expect(stream.diagnostics == [.error("file is 101 bytes, over the limit of 100 bytes", at: at(1, 1))])
        #expect(stream.documents.isEmpty)
    }

    @Test func nestingDeeperThanTheLimitIsRefused() {
        let text = String(repeating: "[", count: 5) + String(repeating: "]", count: 5)
        let stream = parse(text, limits: YAMLLimits(maxDepth: 4))
        #expect(stream.diagnostics == [.error("nesting is deeper than 4 levels (the limit)", at: at(1, 5))])
    }

    @Test func theDefaultDepthLimitStopsAHostileFile() {
        let text = String(repeating: "[", count: 10_000)
        let stream = parse(text)
        #expect(stream.diagnostics.map(\.message) == ["nesting is deeper than 64 levels (the limit)"])
    }

    @Test func tooManyAliasesToCollectionsAreRefused() {
        let text = "a: &a [1]\nb: [*a, *a, *a]\n"
        let stream = parse(text, limits: YAMLLimits(maxCollectionAliases: 2))
        #expect(
            stream.diagnostics == [
                .error("more than 2 aliases to sequences or mappings in this file (the limit)", at: at(2, 13))
            ])
    }

    @Test func aBillionLaughsFileIsRefusedWithoutExpandingIt() {
        var text = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for level in 1...9 {
            let previous = "*a\(level - 1)"
            text += "a\(level): &a\(level) [" + Array(repeating: previous, count: 9).joined(separator: ", ") + "]\n"
        }
        let stream = parse(text, limits: YAMLLimits(maxCollectionAliases: 1000))
        #expect(
            stream.diagnostics.map(\.message) == [
                "aliases in this file stand for more than 100000 nodes (the limit); refusing to expand them"
            ])
        #expect(stream.diagnostics.first?.location?.line == 6)
    }
}

@Suite struct YAMLErrorTests {
    @Test func invalidUTF8IsAnErrorWithItsPosition() {
        let bytes = Array("name: ok\nvalue: é".utf8) + [0xFF] + Array("\n".utf8)
        let stream = YAMLParser().parse(bytes, file: "t.yaml")
        #expect(
            stream.diagnostics == [
                .error("invalid UTF-8: byte 0xFF cannot appear here; save the file as UTF-8", at: at(2, 9))
            ])
    }

    @Test func aTruncatedUTF8SequenceIsInvalid() {
        let stream = YAMLParser().parse(Array("a: ".utf8) + [0xE2, 0x82], file: "t.yaml")
        #expect(stream.diagnostics.map(\.location) == [at(1, 4)])
    }

    @Test func aScannerErrorCarriesLibyamlsContextAsANote() {
        let stream = parse("name: job\nsources:\n  alerts: [high\n  x: 1\n")
        #expect(
            stream.diagnostics == [
                .error(
                    "YAML syntax error: did not find expected ',' or ']'", at: at(4, 4),
                    notes: [.init("while parsing a flow sequence", at: at(3, 11))])
            ])
    }

    @Test func aParserErrorCarriesLibyamlsContextAsANote() {
        let stream = parse("name: a\n  version: 1\n")
        #expect(
            stream.diagnostics == [
                .error(
                    "YAML syntax error: mapping values are not allowed in this context", at: at(2, 10))
            ])
    }

    @Test func aTabThatIndentsGetsAHint() {
        let stream = parse("sources:\n\talerts: {}\n")
        #expect(
            stream.diagnostics == [
                .error(
                    "YAML syntax error: found character that cannot start any token", at: at(2, 1),
                    notes: [
                        .init("while scanning for the next token", at: at(2, 1)),
                        .init("YAML indentation uses spaces; a tab cannot indent or start a token"),
                    ])
            ])
    }

    @Test func aControlCharacterIsAReaderError() {
        let stream = parse("name: a\u{01}b\n")
        #expect(stream.diagnostics == [.error("invalid character: control characters are not allowed", at: at(1, 8))])
    }
}
