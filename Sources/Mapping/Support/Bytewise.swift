import Foundation

/// Byte-wise (UTF-8) ordering of strings, independent of locale and Unicode normalisation, and fast: a `memcmp`
/// over contiguous storage instead of a generic walk over two `UTF8View`s.
enum Bytewise {
    @inline(__always)
    static func less(_ lhs: String, _ rhs: String) -> Bool {
        var left = lhs
        var right = rhs
        return left.withUTF8 { a in
            right.withUTF8 { b in
                let common = min(a.count, b.count)
                if common > 0 {
                    let order = memcmp(a.baseAddress!, b.baseAddress!, common)
                    if order != 0 { return order < 0 }
                }
                return a.count < b.count
            }
        }
    }
}
