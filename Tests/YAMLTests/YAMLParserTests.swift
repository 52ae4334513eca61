import Diagnostics
import Testing

@testable import YAML

/// Parses `text` as `t.yaml` and returns the stream.
func parse(_ text: String, limits: YAMLLimits = .default) -> YAMLStream {
    YAMLParser(limits: limits).parse(text, file: "t.yaml")
}

func at(_ line: Int, _ column: Int) -> Diagnostics.SourceLocation {
    Diagnostics.SourceLocation(file: "t.yaml", line: line, column: column)
}

@Suite struct YAMLMarkTests {
    @Test func keysAndValuesKeepTheirOwnLineAndColumn() throws {
        let stream = parse("name: job\nsources:\n  alerts:\n    page_size: 10\n")
        #expect(stream.diagnostics.isEmpty)
        let root = try #require(stream.documents.first?.root)
        let pairs = try #require(root.mapping)
        #expect(pairs[0].key.location == at(1, 1))
        #expect(pairs[0].value.location == at(1, 7))
        #expect(pairs[1].key.location == at(2, 1))
        let alerts = try #require(root["sources"]?.pair(for: "alerts"))
        #expect(alerts.key.location == at(3, 3))
        let pageSize = try #require(alerts.value.pair(for: "page_size"))
        #expect(pageSize.key.location == at(4, 5))
        #expect(pageSize.value.location == at(4, 16))
        #expect(pageSize.value.scalar == "10")
    }

    @Test func columnsCountUnicodeScalarsNotBytes() throws {
        let stream = parse("description: \"é😀\"\nname: x\nkey: [é😀, z]\n")
        let root = try #require(stream.documents.first?.root)
        let list = try #require(root["key"]?.sequence)
        #expect(list[1].location == at(3, 11))
    }

    @Test func aByteOrderMarkIsAcceptedAndTakesNoColumn() throws {
        let stream = YAMLParser().parse([0xEF, 0xBB, 0xBF] + Array("name: x\n".utf8), file: "t.yaml")
        #expect(stream.diagnostics.isEmpty)
        let root = try #require(stream.documents.first?.root)
        #expect(root.mapping?[0].key.location == at(1, 1))
        #expect(root["name"]?.scalar == "x")
    }

    @Test func stylesAndTagsAreKept() throws {
        let text =
            "a: plain\nb: 'single'\nc: \"double\"\nd: |\n  literal\ne: >\n  folded\nf: !!str 5\ng: [1]\nh: {x: 1}\n"
        let root = try #require(parse(text).documents.first?.root)
        #expect(root["a"]?.style == .plain)
        #expect(root["b"]?.style == .singleQuoted)
        #expect(root["c"]?.style == .doubleQuoted)
        #expect(root["d"]?.style == .literal)
        #expect(root["d"]?.scalar == "literal\n")
        #expect(root["e"]?.style == .folded)
        #expect(root["f"]?.tag == YAMLTag.string)
        #expect(root["f"]?.isPlainScalar == false)
        #expect(root["g"]?.style == .flow)
        #expect(root["h"]?.style == .flow)
        #expect(root.style == .block)
    }

    @Test func nullsAreRecognised() throws {
        let root = try #require(parse("a:\nb: ~\nc: null\nd: 'null'\ne: !!null ''\n").documents.first?.root)
        #expect(root["a"]?.isNull == true)
        #expect(root["b"]?.isNull == true)
        #expect(root["c"]?.isNull == true)
        #expect(root["d"]?.isNull == false)
        #expect(root["e"]?.isNull == true)
    }
}

@Suite struct YAMLDocumentTests {
    @Test func multiDocumentStreamsYieldEveryDocument() throws {
        let stream = parse("name: a\n---\nname: b\n---\n# nothing\n")
        #expect(stream.diagnostics.isEmpty)
        #expect(stream.documents.count == 3)
        #expect(stream.documents[0].root["name"]?.scalar == "a")
        #expect(stream.documents[1].root["name"]?.scalar == "b")
        #expect(stream.documents[1].location == at(2, 1))
        #expect(stream.documents[2].root.isNull)
    }

    @Test func anEmptyFileHasNoDocument() {
        #expect(parse("").documents.isEmpty)
        #expect(parse("# only a comment\n").documents.isEmpty)
    }

    @Test func documentsBeforeASyntaxErrorAreKept() {
        let stream = parse("name: a\n---\nname: [b\n")
        #expect(stream.documents.count == 1)
        #expect(stream.diagnostics.count == 1)
    }
}
