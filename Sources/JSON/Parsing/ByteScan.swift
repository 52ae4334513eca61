/// Word-at-a-time helpers over UTF-8 bytes: eight bytes are loaded as one `UInt64` and tested together with the
/// classic SWAR ("SIMD within a register") tricks, so runs of ordinary text cost one test per eight bytes.
///
/// Words are read little-endian (`UInt64(littleEndian:)`), so byte `i` of the text is bits `8i..<8i+8` on every
/// platform and the lowest flagged byte is the first in the text.
enum ByteScan {
    static let ones: UInt64 = 0x0101_0101_0101_0101
    static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// Eight bytes from `pointer` (any alignment).
    @inline(__always)
    static func load(_ pointer: UnsafePointer<UInt8>) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(pointer).loadUnaligned(as: UInt64.self))
    }

    /// The high bit of each byte of `word` that is zero, exact up to and including the lowest such byte (bits above
    /// it may be set spuriously by a borrow, which does not matter: only the lowest is used).
    @inline(__always)
    static func zeroBytes(_ word: UInt64) -> UInt64 {
        (word &- ones) & ~word & highBits
    }

    /// The high bit of each byte of `word` below `bound` (`bound <= 0x80`), exact up to the lowest such byte.
    @inline(__always)
    static func bytesBelow(_ word: UInt64, _ bound: UInt8) -> UInt64 {
        (word &- ones &* UInt64(bound)) & ~word & highBits
    }

    /// Flags the bytes that end or interrupt the plain run of a JSON string: `"`, `\` and controls below 0x20.
    @inline(__always)
    static func stringSpecials(_ word: UInt64) -> UInt64 {
        zeroBytes(word ^ (ones &* 0x22)) | zeroBytes(word ^ (ones &* 0x5C)) | bytesBelow(word, 0x20)
    }

    /// The index (0...7) of the lowest flagged byte of a non-zero mask from the functions above.
    @inline(__always)
    static func firstFlagged(_ mask: UInt64) -> Int {
        mask.trailingZeroBitCount &>> 3
    }

    /// A 64-bit hash of `count` bytes at `start`, for the key table and duplicate-key checks. Not a defence against
    /// chosen collisions: both users compare the bytes or strings behind an equal hash, and bound their work.
    @inline(__always)
    static func hash(_ start: UnsafePointer<UInt8>, count: Int) -> UInt64 {
        let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15
        var hash = UInt64(truncatingIfNeeded: count) &* 0xC2B2_AE3D_27D4_EB4F
        var position = 0
        while position + 8 < count {
            hash = (hash ^ load(start + position)) &* multiplier
            hash ^= hash &>> 29
            position += 8
        }
        // The last eight bytes, or for a shorter text two overlapping halves (the count, in the hash already, tells
        // the cases apart).
        let last: UInt64
        switch count {
        case 8...: last = load(start + count - 8)
        case 4..<8: last = UInt64(load32(start)) | UInt64(load32(start + count - 4)) &<< 32
        case 1..<4: last = UInt64(start[0]) | UInt64(start[count &>> 1]) &<< 8 | UInt64(start[count - 1]) &<< 16
        default: last = 0
        }
        hash = (hash ^ last) &* multiplier
        return hash ^ (hash &>> 32)
    }

    /// Whether `count` bytes at `lhs` and `rhs` are equal (in words, the last one overlapping the one before).
    @inline(__always)
    static func equal(_ lhs: UnsafePointer<UInt8>, _ rhs: UnsafePointer<UInt8>, count: Int) -> Bool {
        switch count {
        case 8...:
            var position = 0
            while position + 8 < count {
                if load(lhs + position) != load(rhs + position) { return false }
                position += 8
            }
            return load(lhs + count - 8) == load(rhs + count - 8)
        case 4..<8:
            return load32(lhs) == load32(rhs) && load32(lhs + count - 4) == load32(rhs + count - 4)
        case 2..<4:
            return load16(lhs) == load16(rhs) && lhs[count - 1] == rhs[count - 1]
        case 1:
            return lhs[0] == rhs[0]
        default:
            return true
        }
    }

    @inline(__always)
    static func load32(_ pointer: UnsafePointer<UInt8>) -> UInt32 {
        UnsafeRawPointer(pointer).loadUnaligned(as: UInt32.self)
    }

    @inline(__always)
    static func load16(_ pointer: UnsafePointer<UInt8>) -> UInt16 {
        UnsafeRawPointer(pointer).loadUnaligned(as: UInt16.self)
    }

    /// Copies `count` bytes from `source` to `target` (not overlapping). Short copies, the usual case for JSON
    /// strings, are done inline with overlapping word moves instead of a call to `memmove`.
    @inline(__always)
    static func copy(from source: UnsafePointer<UInt8>, to target: UnsafeMutablePointer<UInt8>, count: Int) {
        let from = UnsafeRawPointer(source)
        let to = UnsafeMutableRawPointer(target)
        switch count {
        case 16...32:
            let words = (
                from.loadUnaligned(as: UInt64.self), from.loadUnaligned(fromByteOffset: 8, as: UInt64.self),
                from.loadUnaligned(fromByteOffset: count - 16, as: UInt64.self),
                from.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
            )
            to.storeBytes(of: words.0, as: UInt64.self)
            to.storeBytes(of: words.1, toByteOffset: 8, as: UInt64.self)
            to.storeBytes(of: words.2, toByteOffset: count - 16, as: UInt64.self)
            to.storeBytes(of: words.3, toByteOffset: count - 8, as: UInt64.self)
        case 8..<16:
            let words = (
                from.loadUnaligned(as: UInt64.self), from.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
            )
            to.storeBytes(of: words.0, as: UInt64.self)
            to.storeBytes(of: words.1, toByteOffset: count - 8, as: UInt64.self)
        case 4..<8:
            let words = (
                from.loadUnaligned(as: UInt32.self), from.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)
            )
            to.storeBytes(of: words.0, as: UInt32.self)
            to.storeBytes(of: words.1, toByteOffset: count - 4, as: UInt32.self)
        case 0..<4:
            for offset in 0..<count { target[offset] = source[offset] }
        default:
            target.update(from: source, count: count)
        }
    }
}
