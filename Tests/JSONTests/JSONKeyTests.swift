import Testing

@testable import JSON

/// Keys are shared through the parse (`KeyTable`), objects follow a tree of shapes (`ShapeTree`), duplicates are
/// found by hash first: none of it may conflate two keys, lose a duplicate, or change the order.
@Suite struct JSONKeyTests {
    /// Keys with the same length and the same first and last eight bytes, which differ only in the middle.
    static let lookAlikes = [
        "abcdefgh_middle_12345678", "abcdefgh_MIDDLE_12345678", "abcdefgh_middlf_12345678", "abcdefgh_niddle_12345678",
    ]

    @Test func neverConflatesKeysThatLookAlike() throws {
        var text = "["
        for round in 0..<50 {
            let keys = round % 2 == 0 ? Self.lookAlikes : Self.lookAlikes.reversed()
            if round > 0 { text += "," }
            text += "{" + keys.enumerated().map { "\"\($0.element)\":\($0.offset)" }.joined(separator: ",") + "}"
        }
        text += "]"
        let value = try JSON(parsing: text)
        for round in 0..<50 {
            let object = try #require(value[round]?.objectValue)
            let keys = round % 2 == 0 ? Self.lookAlikes : Self.lookAlikes.reversed()
            #expect(object.keys == keys)
            #expect(object.values == [0, 1, 2, 3])
        }
        JSONDifferentialTests.expectSameParse(Array(text.utf8))
    }

    @Test func laterDuplicateReplacesInPlaceOnEveryPath() throws {
        // The first object makes the shape a,b,c; the others follow it, then repeat a key.
        let text = #"[{"a":1,"b":2,"c":3},{"a":1,"b":2,"a":9},{"a":1,"b":2,"c":3,"b":8},{"b":0,"a":1,"b":2}]"#
        let value = try JSON(parsing: text)
        #expect(value[1]?.objectValue?.keys == ["a", "b"])
        #expect(value[1]?.objectValue?.values == [9, 2])
        #expect(value[2]?.objectValue?.keys == ["a", "b", "c"])
        #expect(value[2]?.objectValue?.values == [1, 8, 3])
        #expect(value[3]?.objectValue?.keys == ["b", "a"])
        #expect(value[3]?.objectValue?.values == [2, 1])
        JSONDifferentialTests.expectSameParse(Array(text.utf8))
    }

    @Test(arguments: [
        // An escaped spelling of a key already read plainly, and the other way round.
        (#"{"A":1,"\u0041":2}"#, ["A"], [JSON.int(2)]),
        (#"{"\u0041":1,"A":2,"B":3}"#, ["A", "B"], [2, 3]),
        // Canonically equivalent keys are equal `String`s, so the later replaces the earlier.
        (#"{"K":1,"\u212A":2}"#, ["K"], [2]),
        ("{\"\u{212A}\":1,\"K\":2}", ["\u{212A}"], [2]),
        ("{\"é\":1,\"e\u{301}\":2,\"x\":3}", ["é", "x"], [2, 3]),
        // Distinct non-ASCII keys stay distinct.
        ("{\"é\":1,\"è\":2}", ["é", "è"], [1, 2]),
    ])
    func duplicatesAreFoundWhateverTheSpelling(text: String, keys: [String], values: [JSON]) throws {
        // Twice in one document: the second object meets keys already in the key table and the shape tree.
        let value = try JSON(parsing: "[\(text),\(text)]")
        for index in 0..<2 {
            let object = try #require(value[index]?.objectValue)
            #expect(object.keys.map { Array($0.utf8) } == keys.map { Array($0.utf8) })
            #expect(object.values == values)
        }
        JSONDifferentialTests.expectSameParse(Array("[\(text),\(text)]".utf8))
    }

    /// More distinct keys than the key table keeps and more shapes than the tree holds: past both limits keys are
    /// created unshared and objects take the general path, duplicates included.
    @Test func keepsWorkingPastTheTableAndTreeLimits() throws {
        let distinct = ShapeTree.maximumNodes + 100
        #expect(distinct > KeyTable.maximumSlots / 2)
        var text = "["
        for index in 0..<distinct {
            text += "{\"key\(index)\":\(index),\"shared\":\(index)},"
        }
        // After the limits: known keys, new keys, duplicates of both.
        text += #"{"key1":1,"shared":2,"key1":3},{"fresh":1,"fresh":2,"shared":3},{"key1":1,"shared":2}]"#
        let value = try JSON(parsing: text)
        #expect(value[distinct - 1]?.objectValue?.keys == ["key\(distinct - 1)", "shared"])
        #expect(value[distinct]?.objectValue?.keys == ["key1", "shared"])
        #expect(value[distinct]?.objectValue?.values == [3, 2])
        #expect(value[distinct + 1]?.objectValue?.keys == ["fresh", "shared"])
        #expect(value[distinct + 1]?.objectValue?.values == [2, 3])
        #expect(value[distinct + 2]?.objectValue?.values == [1, 2])
        JSONDifferentialTests.expectSameParse(Array(text.utf8))
    }

    /// Objects of one shape share their keys array; changing one object's keys does not reach the others.
    @Test func objectsOfOneShapeShareKeysButNotChanges() throws {
        let value = try JSON(parsing: #"[{"a":1,"b":2},{"a":3,"b":4}]"#)
        var first = try #require(value[0]?.objectValue)
        let second = try #require(value[1]?.objectValue)
        first["c"] = 5
        first["a"] = nil
        #expect(first.keys == ["b", "c"])
        #expect(second.keys == ["a", "b"])
        #expect(value[0]?.objectValue?.keys == ["a", "b"])
    }

    /// A shape that is a prefix of another, and objects that end part-way along a known path.
    @Test func objectsEndingAlongAKnownPathHaveTheirOwnKeys() throws {
        let text = #"[{"a":1,"b":2,"c":3},{"a":1},{"a":1,"b":2},{"a":1,"b":2,"c":3,"d":4},{"a":1,"c":3}]"#
        let value = try JSON(parsing: text)
        let keys = (0..<5).map { value[$0]?.objectValue?.keys ?? [] }
        #expect(keys == [["a", "b", "c"], ["a"], ["a", "b"], ["a", "b", "c", "d"], ["a", "c"]])
        JSONDifferentialTests.expectSameParse(Array(text.utf8))
    }

    /// Nesting as deep as allowed, of objects and arrays, on the thread the test runs on (a Swift concurrency
    /// thread): the parser and the writer recurse once per level.
    @Test func parsesAndWritesTheDeepestNestingAllowed() throws {
        let depth = JSONParseOptions().maxDepth
        let text = String(repeating: #"{"a":["#, count: depth / 2) + "1" + String(repeating: "]}", count: depth / 2)
        let value = try JSON(parsing: text)
        #expect(value.encodedString() == text)
        JSONDifferentialTests.expectSameParse(Array(text.utf8))
        JSONDifferentialTests.expectSameParse(Array(("[" + text + "]").utf8))  // one level too deep
    }
}
