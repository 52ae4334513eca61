import Foundation

/// One request as the emulator's handlers see it: the head, the (collected) body and the ids of the exchange.
struct EmulatorRequest: Sendable {
    var method: String
    /// The path without the query, percent-encoded as received.
    var path: String
    /// The raw query string (without `?`), percent-encoded as received; nil when there was none.
    var query: String?
    /// Header fields in the order received; names as sent.
    var headers: [(name: String, value: String)]
    var body: [UInt8]
    /// Graph's `request-id` (and Entra's trace id) for this exchange.
    var requestID: String
    /// The client's `client-request-id`, or a fresh one when it sent none (Graph echoes or creates it).
    var clientRequestID: String
    var clientSentRequestID: Bool
    var received: Date

    func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    /// `name=value` pairs of the query string in order, percent-decoded (`+` is a space), keys kept as sent.
    var queryItems: [(name: String, value: String)] {
        guard let query, !query.isEmpty else { return [] }
        return FormEncoding.decode(query)
    }
}

/// `application/x-www-form-urlencoded` and query-string decoding.
enum FormEncoding {
    static func decode(_ text: String) -> [(name: String, value: String)] {
        text.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = percentDecode(parts[0])
            let value = parts.count > 1 ? percentDecode(parts[1]) : ""
            return (name, value)
        }
    }

    static func percentDecode(_ text: Substring) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var iterator = Array(text.utf8).makeIterator()
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "+"): bytes.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                guard let high = iterator.next(), let low = iterator.next(),
                    let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16)
                else {
                    bytes.append(byte)
                    continue
                }
                bytes.append(value)
            default: bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Percent-encodes a query value (RFC 3986 unreserved characters stay as they are).
    static func percentEncode(_ text: String) -> String {
        var output = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                output.unicodeScalars.append(UnicodeScalar(byte))
            default:
                output += String(format: "%%%02X", byte)
            }
        }
        return output
    }
}
