/// The object keys met so far in one parse, so each distinct key becomes one `String` shared by every object that
/// carries it ("@odata.type", "createdDateTime", … recur in every alert of a page).
///
/// A shared key costs a retain where a fresh one costs an allocation, a copy and UTF-8 validation (keys of up to 15
/// bytes are stored inline by `String` and cost neither, but still skip the validation). Only keys written without
/// escapes are kept: their text is the input bytes themselves, so a slot records where in the input its key was first
/// seen and a look-up compares the bytes there with the candidate's. The caller passes the same input to every call.
///
/// Open addressing with linear probing over a power-of-two table kept at most half full. The table grows from a small
/// start up to `maximumSlots`; once full, or when a probe runs longer than `maximumProbes` (only chosen collisions
/// do that), keys are simply created unshared. Sharing never changes a value: a key is returned from the table only
/// when its bytes are equal.
struct KeyTable: ~Copyable {
    private struct Slot {
        var hash: UInt64 = 0
        /// Where the key's bytes start in the input; `-1` for an empty slot.
        var offset = -1
        var length = 0
        var key = ""
        var id: Int32 = -1
    }

    static let initialSlots = 64
    static let maximumSlots = 4096
    static let maximumProbes = 16

    private var slots: UnsafeMutablePointer<Slot>?
    private var slotCount = 0
    private var used = 0

    init() {}

    deinit {
        if let slots {
            slots.deinitialize(count: slotCount)
            slots.deallocate()
        }
    }

    /// The key whose bytes are the `length` bytes at `offset` of `input` (written without escapes), whose hash is
    /// `hash` (`ByteScan.hash`), and its id: a number from 0 up given to each distinct key the table keeps (equal
    /// ids, equal bytes), or `-1` when the table does not keep it.
    mutating func key(
        in input: UnsafePointer<UInt8>, at offset: Int, length: Int, hash: UInt64
    ) -> (key: String, id: Int32) {
        if slots == nil { allocate(Self.initialSlots) }
        let mask = slotCount - 1
        var index = Int(truncatingIfNeeded: hash) & mask
        for _ in 0..<Self.maximumProbes {
            let slot = slots! + index
            if slot.pointee.offset < 0 {
                let key = String(decoding: UnsafeBufferPointer(start: input + offset, count: length), as: UTF8.self)
                guard used * 2 < slotCount || slotCount < Self.maximumSlots else { return (key, -1) }
                let id = Int32(used)
                slot.pointee = Slot(hash: hash, offset: offset, length: length, key: key, id: id)
                used += 1
                if used * 2 > slotCount, slotCount < Self.maximumSlots { allocate(slotCount * 2) }
                return (key, id)
            }
            if slot.pointee.hash == hash, slot.pointee.length == length,
                ByteScan.equal(input + slot.pointee.offset, input + offset, count: length)
            {
                slot.pointee.offset = offset  // likelier in the processor's cache next time than the first place
                return (slot.pointee.key, slot.pointee.id)
            }
            index = (index + 1) & mask
        }
        return (String(decoding: UnsafeBufferPointer(start: input + offset, count: length), as: UTF8.self), -1)
    }

    /// Replaces the table by one of `count` slots holding the same keys.
    private mutating func allocate(_ count: Int) {
        let fresh = UnsafeMutablePointer<Slot>.allocate(capacity: count)
        fresh.initialize(repeating: Slot(), count: count)
        if let old = slots {
            for index in 0..<slotCount where old[index].offset >= 0 {
                var target = Int(truncatingIfNeeded: old[index].hash) & (count - 1)
                while fresh[target].offset >= 0 { target = (target + 1) & (count - 1) }
                fresh[target] = old[index]
            }
            old.deinitialize(count: slotCount)
            old.deallocate()
        }
        slots = fresh
        slotCount = count
    }
}
