/// The positions of an `IndicatorSet`'s entries by (type, value): an open-addressing table of positions over the
/// entries themselves. The value is hashed once per look-up and not stored a second time, where a
/// `[Key: Int]` dictionary hashed its key twice (the value, then the key's hash) and kept a copy of every value.
struct EntryIndex: Sendable {
    /// Positions in the set's entries; -1: an empty slot. The count is a power of two, at most half full.
    private var slots: [Int32] = []
    /// The hash of each entry, by position: compared before the values, and used to grow the table.
    private var hashes: [Int] = []

    var count: Int { hashes.count }

    static func hash(kind: Indicator.Kind, value: String) -> Int {
        var hasher = Hasher()
        hasher.combine(kind.rank)
        hasher.combine(value)
        return hasher.finalize()
    }

    /// The position of (kind, value) among `entries`, or `nil` with the slot a new entry would take.
    func find(
        kind: Indicator.Kind, value: String, hash: Int, in entries: [IndicatorAccumulator]
    ) -> (position: Int?, slot: Int) {
        guard !slots.isEmpty else { return (nil, -1) }
        let mask = slots.count - 1
        var slot = hash & mask
        while true {
            let position = Int(slots[slot])
            if position < 0 { return (nil, slot) }
            if hashes[position] == hash, entries[position].kind == kind, entries[position].value == value {
                return (position, slot)
            }
            slot = (slot + 1) & mask
        }
    }

    /// Records that the entry at position `count` (the next one) has `hash`; `slot` is from `find`.
    mutating func insert(hash: Int, slot: Int) {
        let position = hashes.count
        hashes.append(hash)
        if slot >= 0, hashes.count * 2 <= slots.count {
            slots[slot] = Int32(position)
        } else {
            grow()
        }
    }

    /// Doubles the table (from 64 slots) and places every entry again.
    private mutating func grow() {
        var size = max(64, slots.count)
        while hashes.count * 2 > size { size *= 2 }
        slots = [Int32](repeating: -1, count: size)
        let mask = size - 1
        slots.withUnsafeMutableBufferPointer { slots in
            for (position, hash) in hashes.enumerated() {
                var slot = hash & mask
                while slots[slot] >= 0 { slot = (slot + 1) & mask }
                slots[slot] = Int32(position)
            }
        }
    }
}
