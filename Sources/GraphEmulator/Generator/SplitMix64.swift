/// A small, fast, seedable random number generator (SplitMix64): the same seed gives the same sequence on every
/// platform, which is what makes the generated data set reproducible.
struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    /// A generator for one record: the data set's seed mixed with a stream name and the record's index.
    init(seed: UInt64, stream: UInt64, index: Int) {
        var mixer = SplitMix64(
            seed: seed ^ (stream &* 0x9E37_79B9_7F4A_7C15) ^ UInt64(truncatingIfNeeded: index &* 0x2545_F491))
        state = mixer.next() ^ UInt64(truncatingIfNeeded: index)
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A value in `0..<bound` (bound > 0).
    mutating func below(_ bound: Int) -> Int {
        Int((next() >> 11) % UInt64(bound))
    }

    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.count)
    }

    /// A value in [0, 1).
    mutating func unit() -> Double {
        Double(next() >> 11) / Double(1 << 53)
    }

    mutating func chance(_ probability: Double) -> Bool {
        unit() < probability
    }

    mutating func pick<T>(_ values: [T]) -> T {
        values[below(values.count)]
    }

    /// An index in `0..<count` skewed towards small indexes: a few entries of a pool recur often, most rarely
    /// (as a handful of C2 servers appear in many alerts).
    mutating func skewed(_ count: Int) -> Int {
        min(count - 1, Int(Double(count) * pow3(unit())))
    }

    private func pow3(_ value: Double) -> Double { value * value * value }

    /// Up to `count` distinct elements, in pool order.
    mutating func sample<T>(_ values: [T], count: Int) -> [T] {
        var chosen = Set<Int>()
        let wanted = min(count, values.count)
        while chosen.count < wanted { chosen.insert(below(values.count)) }
        return chosen.sorted().map { values[$0] }
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    mutating func hex(_ length: Int) -> String {
        var bytes = [UInt8](repeating: 0, count: length)
        var bits: UInt64 = 0
        for position in 0..<length {
            if position % 16 == 0 { bits = next() }
            bytes[position] = Self.hexDigits[Int(bits & 0xF)]
            bits >>= 4
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A lowercase GUID.
    mutating func guid() -> String {
        var bytes = [UInt8](repeating: UInt8(ascii: "-"), count: 36)
        var bits = next()
        var used = 0
        for position in 0..<36 where position != 8 && position != 13 && position != 18 && position != 23 {
            if used == 16 {
                bits = next()
                used = 0
            }
            bytes[position] = Self.hexDigits[Int(bits & 0xF)]
            bits >>= 4
            used += 1
        }
        bytes[14] = UInt8(ascii: "4")
        return String(decoding: bytes, as: UTF8.self)
    }
}
