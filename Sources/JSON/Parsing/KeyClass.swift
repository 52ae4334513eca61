/// The hash by which the parser tells the keys of one object apart before comparing strings.
///
/// `JSONObject` compares keys with `String` equality, which is Unicode canonical equivalence: "e\u{301}" equals "é",
/// and even "\u{212A}" (KELVIN SIGN) equals "K". For keys that are ASCII once unescaped, equality is byte equality,
/// so a hash of the bytes decides "certainly different" exactly. Every other key is `irregular` and is compared as a
/// string with every member of its object, as before.
enum KeyClass {
    /// The hash of every key that is not pure ASCII; no ASCII key hashes to it.
    static let irregular: UInt64 = 0

    /// The hash of an ASCII key's `count` bytes at `start`.
    @inline(__always)
    static func hash(_ start: UnsafePointer<UInt8>, count: Int) -> UInt64 {
        let hash = ByteScan.hash(start, count: count)
        return hash == irregular ? 1 : hash
    }

    /// What an object's keys so far hash to: a one-word Bloom filter (one of 64 bits per hash, from its top six) and
    /// whether any key is irregular.
    struct Summary {
        private var bloom: UInt64 = 0
        private(set) var hasIrregular = false

        @inline(__always)
        static func bit(_ hash: UInt64) -> UInt64 { 1 &<< (hash &>> 58) }

        @inline(__always)
        mutating func insert(_ hash: UInt64) {
            if hash == KeyClass.irregular { hasIrregular = true } else { bloom |= Self.bit(hash) }
        }

        /// `false` when no key inserted so far has `hash` (a regular hash).
        @inline(__always)
        func mayContain(_ hash: UInt64) -> Bool { bloom & Self.bit(hash) != 0 }
    }
}
