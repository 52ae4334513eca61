/// Recently read string values of one parse, so a value that recurs ("#microsoft.graph.security.ipEvidence",
/// a tenant id, a product name, a recommended action) becomes one shared `String` instead of one allocation each.
///
/// Direct-mapped, like a CPU cache: a value's hash picks one slot, a hit returns the slot's string, a miss replaces
/// it. Values that recur stay; one-off values (ids, timestamps) pass through and evict each other. On Graph alert
/// pages about half the values longer than 15 bytes are hits, which saves an allocation each; shorter values, which
/// `String` stores inline, are cached too: a hit still saves UTF-8 validation and building the string. Only values
/// written without escapes and of at most `maximumLength` bytes are cached (a slot records where in the input its
/// bytes are, and a hit compares them).
///
/// Sharing never changes a value: a string is returned from the cache only when its bytes are equal.
struct StringCache: ~Copyable {
    private struct Slot {
        var hash: UInt64 = 0
        /// Where the value's bytes start in the input; `-1` for an empty slot.
        var offset = -1
        var length = 0
        var string = ""
    }

    static let minimumLength = 1
    static let maximumLength = 256
    /// Inputs shorter than this are parsed without a cache: it would cost more to set up than it could save.
    static let minimumInput = 16 * 1024
    static let slotCount = 1024

    private let slots: UnsafeMutablePointer<Slot>?

    /// A cache for an input of `inputCount` bytes (none for a short input).
    init(inputCount: Int) {
        if inputCount >= Self.minimumInput {
            slots = .allocate(capacity: Self.slotCount)
            slots!.initialize(repeating: Slot(), count: Self.slotCount)
        } else {
            slots = nil
        }
    }

    deinit {
        if let slots {
            slots.deinitialize(count: Self.slotCount)
            slots.deallocate()
        }
    }

    /// The string whose UTF-8 is the `length` bytes at `offset` of `input` (a string value written without escapes).
    /// The caller passes the same input to every call.
    @inline(__always)
    func string(in input: UnsafePointer<UInt8>, at offset: Int, length: Int) -> String {
        guard let slots, length >= Self.minimumLength, length <= Self.maximumLength else {
            return String(decoding: UnsafeBufferPointer(start: input + offset, count: length), as: UTF8.self)
        }
        let hash = ByteScan.hash(input + offset, count: length)
        let slot = slots + (Int(truncatingIfNeeded: hash) & (Self.slotCount - 1))
        if slot.pointee.hash == hash, slot.pointee.length == length,
            ByteScan.equal(input + slot.pointee.offset, input + offset, count: length)
        {
            // The latest place is likelier in the processor's cache than the first, for the next comparison.
            slot.pointee.offset = offset
            return slot.pointee.string
        }
        let string = String(decoding: UnsafeBufferPointer(start: input + offset, count: length), as: UTF8.self)
        slot.pointee = Slot(hash: hash, offset: offset, length: length, string: string)
        return string
    }
}
