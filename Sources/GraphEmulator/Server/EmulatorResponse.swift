import Foundation
import JSON
import NIOCore

/// What a handler answers, and how the transport delivers it (faults can delay it, cut it or drop it).
struct EmulatorResponse: Sendable {
    var status: Int
    var headers: [(name: String, value: String)]
    var body: ByteBuffer
    var delivery: Delivery = .complete
    /// Wait this long before writing anything (a slow response).
    var delay: Duration?

    enum Delivery: Sendable, Hashable {
        case complete
        /// Send the head (with the full `Content-Length`) and this many body bytes, then close the connection.
        case cutAfter(bytes: Int)
        /// Close the connection without answering.
        case dropConnection
    }

    init(status: Int, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.init(status: status, headers: headers, buffer: ByteBuffer(bytes: body))
    }

    init(status: Int, headers: [(name: String, value: String)], buffer: ByteBuffer) {
        self.status = status
        self.headers = headers
        self.body = buffer
    }

    static func json(
        _ status: Int, _ value: JSON, contentType: String = GraphResponse.jsonContentType
    )
        -> EmulatorResponse
    {
        EmulatorResponse(status: status, headers: [("Content-Type", contentType)], body: value.encoded())
    }

    mutating func setHeader(_ name: String, _ value: String) {
        headers.removeAll { $0.name.caseInsensitiveCompare(name) == .orderedSame }
        headers.append((name, value))
    }
}
