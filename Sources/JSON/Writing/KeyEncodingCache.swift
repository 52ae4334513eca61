/// The written form of the keys of objects that share one `keys` array, for one write.
///
/// Objects from the parser share the keys array of their shape (`ShapeTree`): a page of alerts has tens of thousands
/// of objects and a few dozen keys arrays. For such an array the writer can copy `"key":` (with the comma before
/// every key but the first) from here instead of scanning and escaping each key again, and without touching the key
/// strings at all.
///
/// Arrays are told apart by the address of their storage. That is sound for the length of one write: every array in
/// the value being written stays alive (and unchanged) until the write returns, so no two different arrays seen in
/// one write can have the same address. Direct-mapped: an array's address picks one slot; its encoding is made the
/// second time the array is met (an array met once, as in objects built one by one, costs only the look-up).
struct KeyEncodingCache {
    /// The keys of one array as written: `"a":,"b":,"c":`, and where each key's part ends.
    struct Encoding {
        var bytes: [UInt8]
        var ends: [Int]
    }

    private struct Slot {
        var address: UnsafeRawPointer?
        var encoding: Encoding?
    }

    static let slotCount = 256
    private var slots = [Slot](repeating: Slot(), count: slotCount)

    /// The encoding of `keys` (not empty) if this is at least the second time this array is met in the write.
    mutating func encoding(of keys: [String]) -> Encoding? {
        let address = keys.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) }
        guard let address else { return nil }
        let hash = UInt(bitPattern: address) &>> 4 &* 0x9E37_79B9_7F4A_7C15
        let index = Int(truncatingIfNeeded: hash &>> 56) & (Self.slotCount - 1)
        guard slots[index].address == address else {
            slots[index] = Slot(address: address, encoding: nil)
            return nil
        }
        if let encoding = slots[index].encoding { return encoding }
        let encoding = Self.encode(keys)
        slots[index].encoding = encoding
        return encoding
    }

    static func encode(_ keys: [String]) -> Encoding {
        var encoding = Encoding(bytes: [], ends: [])
        for key in keys {
            if !encoding.bytes.isEmpty { encoding.bytes.append(UInt8(ascii: ",")) }
            JSON.string(key).write(to: &encoding.bytes)
            encoding.bytes.append(UInt8(ascii: ":"))
            encoding.ends.append(encoding.bytes.count)
        }
        return encoding
    }
}
