import Foundation
import Mapping

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Lines of a list (or values of the state) kept without reference counting: the bytes live in one arena, the
/// items are fixed-size values sorted with `memcmp`. A list can hold a million entries; sorting a million `String`s
/// would spend most of its time retaining and releasing them.
struct EDLLines {
    struct Item {
        /// `Indicator.Kind` order.
        var kind: UInt8
        /// Addresses sort by their number; zero for the other types.
        var number: UInt128
        var offset: Int
        var length: Int
        var sighting: EDLState.Sighting
    }

    private(set) var items: [Item] = []
    private var arena: [UInt8] = []

    var count: Int { items.count }

    mutating func reserveCapacity(_ count: Int) {
        items.reserveCapacity(count)
        arena.reserveCapacity(count * 24)
    }

    mutating func add(_ kind: Indicator.Kind, _ text: String, number: UInt128 = 0, sighting: EDLState.Sighting) {
        let offset = arena.count
        arena.append(contentsOf: text.utf8)
        items.append(
            Item(kind: kind.order, number: number, offset: offset, length: arena.count - offset, sighting: sighting))
    }

    /// The text of an item.
    func text(_ item: Item) -> String {
        String(decoding: arena[item.offset..<item.offset + item.length], as: UTF8.self)
    }

    func kind(_ item: Item) -> Indicator.Kind { Indicator.Kind.allCases[Int(item.kind)] }

    /// Appends an item's bytes.
    func append(_ item: Item, to buffer: inout [UInt8]) {
        buffer.append(contentsOf: arena[item.offset..<item.offset + item.length])
    }

    /// Sorts by kind, number, then bytes.
    mutating func sort() {
        guard items.count > 1 else { return }
        arena.withUnsafeBufferPointer { bytes in
            let base = bytes.baseAddress!
            items.sort { Self.precedes($0, $1, base) }
        }
    }

    /// Sorts, then keeps one item per distinct text: two values can make the same line (`http://x/a` and
    /// `https://x/a` both make `x/a`), which is listed once with the rank of the higher.
    mutating func sortUnique(ranksHigher: (EDLState.Sighting, EDLState.Sighting) -> Bool) {
        sort()
        guard items.count > 1 else { return }
        var unique: [Item] = []
        unique.reserveCapacity(items.count)
        arena.withUnsafeBufferPointer { bytes in
            let base = bytes.baseAddress!
            for item in items {
                if let last = unique.last, Self.same(last, item, base) {
                    if ranksHigher(item.sighting, last.sighting) { unique[unique.count - 1] = item }
                } else {
                    unique.append(item)
                }
            }
        }
        items = unique
    }

    /// Keeps the first `count` items in the order `ranksHigher` gives (the rest dropped), then sorts again.
    mutating func keep(
        _ isKept: (_ ranked: [Item]) -> Int, ranksHigher: (EDLState.Sighting, EDLState.Sighting) -> Bool
    ) {
        arena.withUnsafeBufferPointer { bytes in
            let base = bytes.baseAddress!
            items.sort { lhs, rhs in
                if ranksHigher(lhs.sighting, rhs.sighting) { return true }
                if ranksHigher(rhs.sighting, lhs.sighting) { return false }
                return Self.precedes(lhs, rhs, base)
            }
        }
        items.removeSubrange(isKept(items)...)
        sort()
    }

    private static func precedes(_ lhs: Item, _ rhs: Item, _ base: UnsafePointer<UInt8>) -> Bool {
        if lhs.kind != rhs.kind { return lhs.kind < rhs.kind }
        if lhs.number != rhs.number { return lhs.number < rhs.number }
        let order = memcmp(base + lhs.offset, base + rhs.offset, min(lhs.length, rhs.length))
        if order != 0 { return order < 0 }
        return lhs.length < rhs.length
    }

    private static func same(_ lhs: Item, _ rhs: Item, _ base: UnsafePointer<UInt8>) -> Bool {
        lhs.kind == rhs.kind && lhs.length == rhs.length
            && memcmp(base + lhs.offset, base + rhs.offset, lhs.length) == 0
    }
}

extension Indicator.Kind {
    /// The position in `allCases` (Mapping's `rank`), small enough for a packed item.
    var order: UInt8 { UInt8(truncatingIfNeeded: rank) }
}
