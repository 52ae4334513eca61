import Diagnostics
import Testing

@testable import YAML

@Suite struct YAMLAliasTests {
    @Test func anAliasStandsForItsAnchoredNode() throws {
        let stream = parse("base: &b {x: 1}\ncopy: *b\nword: &w hello\nagain: *w\n")
        #expect(stream.diagnostics.isEmpty)
        let root = try #require(stream.documents.first?.root)
        #expect(root["copy"]?["x"]?.scalar == "1")
        #expect(root["copy"]?.location == at(1, 7))
        #expect(root["again"]?.scalar == "hello")
    }

    @Test func anUndefinedAliasIsAnErrorAtTheAlias() throws {
        let stream = parse("a: &base 1\nb: *bsae\n")
        #expect(
            stream.diagnostics == [.error("undefined alias '*bsae'; did you mean 'base'?", at: at(2, 4))])
        #expect(stream.documents.first?.isSound == false)
    }

    @Test func anchorsAreResetAtEveryDocument() {
        let stream = parse("a: &x 1\n---\nb: *x\n")
        #expect(stream.diagnostics == [.error("undefined alias '*x'", at: at(3, 4))])
        #expect(stream.documents.map(\.isSound) == [true, false])
    }

    @Test func anAliasInsideItsOwnAnchorIsRefused() {
        let stream = parse("a: &loop [1, *loop]\n")
        #expect(stream.diagnostics == [.error("alias '*loop' refers to a collection that contains it", at: at(1, 14))])
    }
}

@Suite struct YAMLMergeTests {
    @Test func writtenKeysBeatMergedOnes() throws {
        let root = try #require(parse("base: &b {x: 1, y: 2}\njob:\n  <<: *b\n  y: 3\n").documents.first?.root)
        let job = try #require(root["job"])
        #expect(job.mapping?.map { $0.key.scalar } == ["x", "y"])
        #expect(job["x"]?.scalar == "1")
        #expect(job["y"]?.scalar == "3")
        #expect(job.pair(for: "x")?.key.location == at(1, 11))
    }

    @Test func earlierMergedMappingsBeatLaterOnes() throws {
        let text = "a: &a {x: from-a}\nb: &b {x: from-b, z: from-b}\njob:\n  <<: [*a, *b]\n"
        let job = try #require(parse(text).documents.first?.root["job"])
        #expect(job["x"]?.scalar == "from-a")
        #expect(job["z"]?.scalar == "from-b")
    }

    @Test func mergedPairsTakeThePlaceOfTheMergeKey() throws {
        let text = "c: &c {id: 1}\nfields:\n  first: a\n  <<: *c\n  last: b\n"
        let fields = try #require(parse(text).documents.first?.root["fields"])
        #expect(fields.mapping?.map { $0.key.scalar } == ["first", "id", "last"])
    }

    @Test func aQuotedMergeKeyIsAnOrdinaryKey() throws {
        let root = try #require(parse("'<<': 1\n").documents.first?.root)
        #expect(root["<<"]?.scalar == "1")
    }

    @Test func mergingAScalarIsAnErrorAtTheValue() {
        let stream = parse("job:\n  <<: 5\n")
        #expect(
            stream.diagnostics == [
                .error("the merge key '<<' takes a mapping or a list of mappings, found the number 5", at: at(2, 7))
            ])
        #expect(stream.documents.first?.isSound == false)
    }

    @Test func mergingAListWithAScalarIsAnErrorAtTheElement() {
        let stream = parse("a: &a {x: 1}\njob:\n  <<: [*a, text]\n")
        #expect(
            stream.diagnostics == [
                .error("the merge key '<<' takes mappings, found the string 'text' in its list", at: at(3, 12))
            ])
    }
}

@Suite struct YAMLDuplicateKeyTests {
    @Test func aDuplicateKeyIsAnErrorAtTheSecondWithANoteAtTheFirst() throws {
        let stream = parse("name: a\nversion: 1\nname: b\n")
        #expect(
            stream.diagnostics == [
                .error("duplicate key 'name'", at: at(3, 1), notes: [.init("first defined here", at: at(1, 1))])
            ])
        let root = try #require(stream.documents.first?.root)
        #expect(root["name"]?.scalar == "a")
        #expect(stream.documents.first?.isSound == true)
    }

    @Test func quotedAndPlainSpellingsOfAKeyAreTheSameKey() {
        let stream = parse("{a: 1, \"a\": 2}\n")
        #expect(stream.diagnostics.map(\.message) == ["duplicate key 'a'"])
    }
}
