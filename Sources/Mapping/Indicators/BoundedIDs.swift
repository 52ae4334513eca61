import JSON

/// A set of ids that keeps at most `limit` of them — the smallest (byte-wise), so which ones are kept does not
/// depend on the order alerts arrive in.
///
/// Ids are kept as `PackedID`s while every id packs (Graph's alert and incident ids all do), and as strings once
/// one does not. A packed id is 16 bytes and no allocation: an alert id as text is 31 characters, too long for a
/// Swift string to hold inline, so a full list of 20 of them cost some 20 allocations. The first id is stored
/// inline: most indicators are seen in one alert, and an array per indicator would be an allocation per indicator.
struct BoundedIDs: Sendable {
    private enum Storage: Sendable {
        case empty
        case one(PackedID)
        case oneText(String)
        /// Sorted ascending, unique; two ids or more, every one packed.
        case packed([PackedID])
        /// Sorted ascending (byte-wise), unique; two ids or more, at least one that does not pack.
        case texts([String])
    }

    let limit: Int
    private var storage = Storage.empty

    init(limit: Int) {
        self.limit = max(1, limit)
    }

    /// The ids, sorted ascending (byte-wise).
    var ids: [String] {
        switch storage {
        case .empty: []
        case .one(let id): [id.text]
        case .oneText(let text): [text]
        case .packed(let ids): ids.map(\.text)
        case .texts(let texts): texts
        }
    }

    /// The ids as a set.
    var set: Set<String> { Set(ids) }

    /// The ids as a JSON array of strings, sorted ascending (byte-wise).
    var json: JSON { .array(ids.map(JSON.string)) }

    mutating func insert(_ id: String) {
        insert(IDKey(id))
    }

    mutating func insert(_ key: IDKey) {
        switch storage {
        case .empty:
            storage = key.packed.map(Storage.one) ?? .oneText(key.text)
        case .one(let existing):
            if let packed = key.packed {
                guard packed != existing else { return }
                let (low, high) = packed < existing ? (packed, existing) : (existing, packed)
                storage = limit == 1 ? .one(low) : .packed([low, high])
            } else {
                insertText(key.text, into: [existing.text])
            }
        case .oneText(let existing):
            insertText(key.text, into: [existing])
        case .packed(var ids):
            storage = .empty  // the array is uniquely referenced while it changes
            if let packed = key.packed {
                Self.insert(packed, into: &ids, limit: limit, less: <)
                storage = .packed(ids)
            } else {
                insertText(key.text, into: ids.map(\.text))
            }
        case .texts(var texts):
            storage = .empty
            Self.insert(key.text, into: &texts, limit: limit, less: Bytewise.less)
            storage = .texts(texts)
        }
    }

    /// Goes over to strings: `texts` are the ids so far, sorted ascending.
    private mutating func insertText(_ text: String, into texts: [String]) {
        var texts = texts
        Self.insert(text, into: &texts, limit: limit, less: Bytewise.less)
        storage = texts.count == 1 ? .oneText(texts[0]) : .texts(texts)
    }

    /// Inserts `id` into sorted, unique `ids`, keeping the smallest `limit`.
    @inline(__always)
    private static func insert<ID: Equatable>(
        _ id: ID, into ids: inout [ID], limit: Int, less: (ID, ID) -> Bool
    ) {
        if let last = ids.last {
            if last == id { return }
            if ids.count == limit, !less(id, last) { return }
            if less(last, id) {
                // Grow straight to the limit past 16 ids (not to 32): a full list holds exactly `limit`.
                if ids.count == ids.capacity, ids.count >= 16 { ids.reserveCapacity(limit) }
                ids.append(id)
                return
            }
        }
        var low = 0
        var high = ids.count
        while low < high {
            let middle = (low + high) / 2
            if less(ids[middle], id) { low = middle + 1 } else { high = middle }
        }
        if low < ids.count, ids[low] == id { return }
        if ids.count == ids.capacity, ids.count >= 16 { ids.reserveCapacity(limit + 1) }
        ids.insert(id, at: low)
        if ids.count > limit { ids.removeLast() }
    }
}

/// An id with its packed form worked out once, to go into many indicators' lists.
struct IDKey: Sendable {
    let text: String
    let packed: PackedID?

    init(_ text: String) {
        self.text = text
        packed = PackedID(text)
    }
}

/// An id in 16 bytes, ordered as its text is byte-wise.
///
/// It packs a text of 1 to 32 bytes whose first two bytes are ASCII (not NUL) and whose other bytes are digits,
/// `-` or `_`: Graph's alert ids (`da637551227677560813_-961444813`, two letters, the creation time in .NET ticks,
/// `_`, a signed 32-bit number) and incident ids (`2972395`). The first two bytes take 7 bits each, at the top; the
/// rest is a number in base 13, one digit per position, 30 positions, where 0 is "the text has ended" and `-`,
/// `0`…`9`, `_` are 1…12 in their byte order. A shorter text has 0 where a longer one has a character, so comparing
/// the two 128-bit numbers compares the texts byte-wise.
struct PackedID: Hashable, Comparable, Sendable {
    let high: UInt64
    let low: UInt64

    static let maxLength = 32
    private static let tailPositions = 30
    private static let halfPositions = 15
    /// 13^15.
    private static let halfBase: UInt64 = 51_185_893_014_090_757

    init?(_ text: String) {
        var text = text
        guard let value = text.withUTF8({ Self.pack($0) }) else { return nil }
        high = UInt64(truncatingIfNeeded: value >> 64)
        low = UInt64(truncatingIfNeeded: value)
    }

    private static func pack(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt128? {
        guard !bytes.isEmpty, bytes.count <= maxLength else { return nil }
        let first = bytes[0]
        let second = bytes.count > 1 ? bytes[1] : 0
        guard first != 0, first < 0x80, second < 0x80, bytes.count == 1 || second != 0 else { return nil }
        // The 30 positions as two halves of 15 digits, each fitting in 64 bits (13^15 < 2^56).
        var halves: (UInt64, UInt64) = (0, 0)
        for position in 0..<tailPositions {
            let index = position + 2
            var digit: UInt64 = 0
            if index < bytes.count {
                guard let code = code(of: bytes[index]) else { return nil }
                digit = UInt64(code)
            }
            if position < halfPositions {
                halves.0 = halves.0 &* 13 &+ digit
            } else {
                halves.1 = halves.1 &* 13 &+ digit
            }
        }
        let tail = UInt128(halves.0) &* UInt128(halfBase) &+ UInt128(halves.1)
        return UInt128(first) << 121 | UInt128(second) << 114 | tail
    }

    @inline(__always)
    private static func code(of byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "-"): 1
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0") + 2
        case UInt8(ascii: "_"): 12
        default: nil
        }
    }

    /// The id's text.
    var text: String {
        let value = UInt128(high) << 64 | UInt128(low)
        let (upper, lower) = (value & (UInt128(1) << 114 - 1)).quotientAndRemainder(dividingBy: UInt128(Self.halfBase))
        var halves = (UInt64(truncatingIfNeeded: upper), UInt64(truncatingIfNeeded: lower))
        let first = UInt8(truncatingIfNeeded: value >> 121)
        let second = UInt8(truncatingIfNeeded: value >> 114) & 0x7F
        return String(unsafeUninitializedCapacity: Self.maxLength) { buffer in
            // The 30 positions from the last, each half's digits from its least significant; then the length is
            // where the first 0 ("ended") is.
            for position in stride(from: Self.halfPositions - 1, through: 0, by: -1) {
                buffer[2 + position] = Self.byte(ofCode: halves.0 % 13)
                buffer[2 + Self.halfPositions + position] = Self.byte(ofCode: halves.1 % 13)
                halves.0 /= 13
                halves.1 /= 13
            }
            buffer[0] = first
            buffer[1] = second
            guard second != 0 else { return 1 }
            var length = 2
            while length < Self.maxLength, buffer[length] != 0 { length += 1 }
            return length
        }
    }

    /// The byte of a base-13 digit: 0 (the text has ended), `-`, `0`…`9`, `_`.
    @inline(__always)
    private static func byte(ofCode code: UInt64) -> UInt8 {
        switch code {
        case 0: 0
        case 1: UInt8(ascii: "-")
        case 12: UInt8(ascii: "_")
        default: UInt8(truncatingIfNeeded: code) - 2 + UInt8(ascii: "0")
        }
    }

    static func < (lhs: PackedID, rhs: PackedID) -> Bool {
        lhs.high != rhs.high ? lhs.high < rhs.high : lhs.low < rhs.low
    }
}
