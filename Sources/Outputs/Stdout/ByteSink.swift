#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the stdout output writes: the process's standard output, or memory in tests. One sink is shared by every
/// job of a run, so each `write` (a batch of whole lines) lands in one piece, never interleaved with another job's.
public protocol ByteSink: Sendable {
    func write(_ bytes: [UInt8]) async throws
}

/// The process's standard output (file descriptor 1).
public actor StandardOutputSink: ByteSink {
    public static let shared = StandardOutputSink()

    public func write(_ bytes: [UInt8]) async throws {
        try bytes.withUnsafeBytes { (buffer) in
            try FileSystem.writeAll(1, buffer, path: "stdout")
        }
    }
}

/// Collects what is written (tests, and callers that want the lines as a value).
public actor MemorySink: ByteSink {
    public private(set) var bytes: [UInt8] = []

    public init() {}

    public func write(_ bytes: [UInt8]) async throws {
        self.bytes.append(contentsOf: bytes)
    }

    public var text: String { String(decoding: bytes, as: UTF8.self) }
}
