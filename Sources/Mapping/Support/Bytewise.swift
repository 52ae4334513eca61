import Foundation

/// Byte-wise (UTF-8) ordering of strings, independent of locale and Unicode normalisation, and fast: a `memcmp`
/// over contiguous storage instead of a generic walk over two `UTF8View`s.
enum Bytewise {
    @inline(__always)
    static func less(_ lhs: String, _ rhs: String) -> Bool {
        // Native strings lend their storage as they are; only a bridged or odd string is copied to be read.
        if let order = lhs.utf8.withContiguousStorageIfAvailable({ a in
            rhs.utf8.withContiguousStorageIfAvailable { b in less(a, b) }
        }), let order {
            return order
        }
        var left = lhs
        var right = rhs
        return left.withUTF8 { a in right.withUTF8 { b in less(a, b) } }
    }

    @inline(__always)
    static func less(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        let common = min(a.count, b.count)
        if common > 0 {
            let order = memcmp(a.baseAddress!, b.baseAddress!, common)
            if order != 0 { return order < 0 }
        }
        return a.count < b.count
    }

}
