import Testing

@testable import JSON

/// Parsing with a projection gives what parsing everything and then leaving out the members gives — the same values in
/// the same order — and the same errors at the same places, over seeded random documents and projections.
@Suite struct JSONProjectionTests {
    /// The projection applied to an already parsed value (the reference).
    static func project(_ value: JSON, _ projection: JSONProjection, node: Int32 = 0) -> JSON {
        guard !projection.keepsEverything, node != JSONProjection.whole else { return value }
        switch value {
        case .array(let items):
            return .array(items.map { project($0, projection, node: node) })
        case .object(let object):
            let rules = projection.nodes[Int(node)]
            var kept = JSONObject()
            for (key, member) in object {
                guard let target = rules.members[key] ?? (rules.keepsOthers ? JSONProjection.whole : nil) else {
                    continue
                }
                kept.appendUnchecked(key, project(member, projection, node: target))
            }
            return .object(kept)
        default:
            return value
        }
    }

    static func randomProjection(_ random: inout SeededGenerator, keys: [String]) -> JSONProjection {
        let kept = keys.filter { _ in Bool.random(using: &random) }
        let whole = keys.filter { _ in Int.random(in: 0..<6, using: &random) == 0 }
        var projection = JSONProjection(keys: kept, whole: whole)
        switch Int.random(in: 0..<4, using: &random) {
        case 0:
            let inner = JSONProjection(keys: keys.filter { _ in Bool.random(using: &random) })
            projection = JSONProjection.everything.reading(keys.randomElement(using: &random)!, through: inner)
        case 1:
            projection = projection.reading(keys.randomElement(using: &random)!, through: .everything)
        case 2:
            projection = projection.keeping([keys.randomElement(using: &random)!])
        default:
            break
        }
        return projection
    }

    static func expectSameAsReference(
        _ text: [UInt8], options: JSONParseOptions, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        var wholeOptions = options
        wholeOptions.projection = .everything
        let whole = Result { () throws(JSONParseError) in try JSON(parsing: text, options: wholeOptions) }
        let projected = Result { () throws(JSONParseError) in try JSON(parsing: text, options: options) }
        switch (whole, projected) {
        case (.success(let whole), .success(let projected)):
            #expect(
                projected.isIdentical(to: project(whole, options.projection)),
                "\(String(decoding: text, as: UTF8.self))", sourceLocation: sourceLocation)
        case (.failure(let expected), .failure(let actual)):
            #expect(actual == expected, "\(String(decoding: text, as: UTF8.self))", sourceLocation: sourceLocation)
        default:
            Issue.record(
                "\(String(decoding: text, as: UTF8.self)): whole \(whole), projected \(projected)",
                sourceLocation: sourceLocation)
        }
    }

    @Test(arguments: 0..<8)
    func projectsRandomDocuments(seed: UInt64) {
        var generator = RandomJSONText(seed: 500 + seed)
        generator.allowTrailingCommas = seed % 2 == 1
        var random = SeededGenerator(seed: 900 + seed)
        for _ in 0..<400 {
            let options = JSONParseOptions(
                allowTrailingCommas: generator.allowTrailingCommas,
                projection: Self.randomProjection(&random, keys: RandomJSONText.trickyKeys))
            Self.expectSameAsReference(generator.document(), options: options)
        }
    }

    @Test(arguments: 0..<8)
    func reportsTheSameErrorsForCorruptedDocuments(seed: UInt64) {
        var generator = RandomJSONText(seed: 700 + seed)
        generator.allowTrailingCommas = seed % 2 == 1
        var random = SeededGenerator(seed: 1100 + seed)
        for _ in 0..<600 {
            let options = JSONParseOptions(
                allowTrailingCommas: generator.allowTrailingCommas, maxDepth: 4,
                projection: Self.randomProjection(&random, keys: RandomJSONText.trickyKeys))
            Self.expectSameAsReference(generator.corrupted(generator.document()), options: options)
        }
    }

    /// Large documents: repeated shapes (the shape tree), more distinct keys than the key table keeps.
    @Test(arguments: [(UInt64(1), 40), (2, 3000)])
    func projectsLargeDocuments(seed: UInt64, distinctKeys: Int) {
        let keys = (0..<distinctKeys).map { "key\($0)" } + RandomJSONText.trickyKeys
        var generator = RandomJSONText(seed: seed, keys: keys)
        var random = SeededGenerator(seed: seed)
        var text = Array("[".utf8)
        for index in 0..<2000 {
            if index > 0 { text.append(UInt8(ascii: ",")) }
            generator.object(&text, depth: 1)
        }
        text.append(UInt8(ascii: "]"))
        for _ in 0..<6 {
            let projection = Self.randomProjection(&random, keys: Array(keys.shuffled(using: &random).prefix(60)))
            Self.expectSameAsReference(text, options: JSONParseOptions(projection: projection))
        }
    }

    @Test func skipsWhatItLeavesOut() throws {
        let text =
            #"{"value":[{"id":"a","big":{"x":[1,2,{"y":"z"}]},"evidence":[{"ip":"1.2.3.4","other":true}]}],"n":1}"#
        let projection = JSONProjection.everything.reading(
            "value", through: JSONProjection(keys: ["id", "evidence", "ip"]))
        let parsed = try JSON(parsing: text, options: JSONParseOptions(projection: projection))
        #expect(parsed.encodedString() == #"{"value":[{"id":"a","evidence":[{"ip":"1.2.3.4"}]}],"n":1}"#)
        // A skipped value is still checked.
        #expect(throws: JSONParseError.self) {
            try JSON(
                parsing: #"{"id":"a","big":[1,tru]}"#,
                options: JSONParseOptions(projection: JSONProjection(keys: ["id"])))
        }
        #expect(throws: JSONParseError.self) {
            try JSON(
                parsing: #"{"id":"a","big":"\q"}"#, options: JSONParseOptions(projection: JSONProjection(keys: ["id"])))
        }
    }
}
