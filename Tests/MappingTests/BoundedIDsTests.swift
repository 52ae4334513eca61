import Testing

@testable import GraphEmulator
@testable import Mapping

@Suite struct BoundedIDsTests {
    /// Texts near the packed form's edges: Graph's ids, lengths 1 to 33, bytes just inside and outside its alphabet.
    static func randomText(_ random: inout SplitMix64) -> String {
        let tailBytes = Array("-0123456789_".utf8)
        let oddBytes = Array(".a/:`~Z".utf8)
        let length = random.int(1...(PackedID.maxLength + 1))
        var bytes: [UInt8] = []
        for position in 0..<length {
            if random.chance(0.02) {
                bytes.append(oddBytes[random.below(oddBytes.count)])
            } else if position < 2 {
                bytes.append(random.chance(0.5) ? UInt8(random.int(0x61...0x7A)) : tailBytes[random.below(12)])
            } else {
                bytes.append(tailBytes[random.below(tailBytes.count)])
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test func packsGraphIdsAndGivesTheirTextBack() throws {
        for text in [
            "da637551227677560813_-961444813", "fa638712345678901234_2147483647", "da000000000000000000_-2147483648",
            "2972395", "7", "a", "ab", "a-", "ab" + String(repeating: "_", count: 30),
        ] {
            let packed = try #require(PackedID(text), "\(text) should pack")
            #expect(packed.text == text)
        }
    }

    @Test func leavesWhatItCannotHoldAsText() {
        for text in [
            "", "da637551227677560813_-961444813xx", "ab" + String(repeating: "_", count: 31),
            "ea1c9e7d1d-8d49-e0d6-0800-08d9f1a3b5c7",
            "da63755122767756081.", "é1", "a\u{0}1", "\u{0}",
        ] {
            #expect(PackedID(text) == nil, "\(text.debugDescription) should not pack")
        }
    }

    @Test func packedOrderIsByteOrder() throws {
        var random = SplitMix64(seed: 41)
        var packedPairs = 0
        for _ in 0..<20_000 {
            let a = Self.randomText(&random)
            let b = random.chance(0.1) ? a : Self.randomText(&random)
            if let packedA = PackedID(a) {
                #expect(packedA.text == a)
                if let packedB = PackedID(b) {
                    packedPairs += 1
                    #expect((packedA < packedB) == Bytewise.less(a, b), "\(a) < \(b)")
                    #expect((packedA == packedB) == (a == b), "\(a) == \(b)")
                }
            }
        }
        #expect(packedPairs > 10_000)
    }

    @Test func keepsTheSmallestWhateverTheOrder() {
        var random = SplitMix64(seed: 7)
        for round in 0..<300 {
            let limit = [1, 2, 3, 5, 20][round % 5]
            let count = random.int(0...60)
            let texts = (0..<count).map { _ in Self.randomText(&random) }
            let expected = Array(Set(texts).sorted(by: Bytewise.less).prefix(limit))
            for order in [texts, texts.reversed(), texts.shuffled(using: &random)] {
                var ids = BoundedIDs(limit: limit)
                for text in order { ids.insert(text) }
                #expect(ids.ids == expected, "limit \(limit), \(order)")
                #expect(ids.set == Set(expected))
            }
        }
    }

    @Test func goesOverToTextWhenAnIdDoesNotPack() {
        var ids = BoundedIDs(limit: 3)
        ids.insert("da637551227677560813_-961444813")
        ids.insert("da637551227677560813_5")
        ids.insert("ea1c9e7d1d-8d49-e0d6-0800-08d9f1a3b5c7")
        ids.insert("2972395")
        #expect(ids.ids == ["2972395", "da637551227677560813_-961444813", "da637551227677560813_5"])
        ids.insert("0a")
        #expect(ids.ids == ["0a", "2972395", "da637551227677560813_-961444813"])

        var one = BoundedIDs(limit: 1)
        one.insert("b-alert")
        one.insert("da1_1")
        one.insert("a-alert")
        #expect(one.ids == ["a-alert"])
    }
}

@Suite struct SmallIDsTests {
    @Test func holdsEachNumberOnceInlineOrNot() {
        var random = SplitMix64(seed: 5)
        for round in 0..<200 {
            let bound = [4, 64, 128, 129, 400][round % 5]
            var ids = SmallIDs()
            var expected = Set<UInt32>()
            #expect(ids.isEmpty)
            for _ in 0..<random.int(0...80) {
                let member = UInt32(random.below(bound))
                ids.insert(member)
                expected.insert(member)
            }
            #expect(Set(ids.members) == expected)
            #expect(ids.members.count == expected.count)
            #expect(ids.isEmpty == expected.isEmpty)
            #expect((ids.inlineKey == nil) == expected.contains { $0 >= 128 })
        }
    }

    @Test func equalSetsShareAnInlineKeyWhateverTheOrder() {
        var forward = SmallIDs()
        var backward = SmallIDs()
        for member: UInt32 in [0, 5, 63, 64, 100, 127] { forward.insert(member) }
        for member: UInt32 in [127, 100, 64, 63, 5, 0, 5] { backward.insert(member) }
        #expect(forward.inlineKey == backward.inlineKey)
        #expect(forward.members == [0, 5, 63, 64, 100, 127])
        var other = forward
        other.insert(1)
        #expect(other.inlineKey != forward.inlineKey)
    }
}
