import Logging
import Synchronization

/// An in-memory log destination for tests: hand `logger()` to the code under test, then assert on `entries` or search
/// `text`. Never bootstraps the global logging system.
public final class LogCapture: Sendable {
    public struct Entry: Sendable, CustomStringConvertible {
        public var level: Logger.Level
        public var message: String
        /// Metadata flattened to text (nested values rendered by swift-log).
        public var metadata: [String: String]
        public var label: String

        public var description: String {
            let pairs = metadata.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            return "\(level) \(label): \(message)" + (pairs.isEmpty ? "" : " \(pairs)")
        }
    }

    private let storage = Mutex<[Entry]>([])

    public init() {}

    /// A logger writing here, at `level` and above (trace by default: everything).
    public func logger(label: String = "temsync.test", level: Logger.Level = .trace) -> Logger {
        var logger = Logger(label: label) { label in CapturingLogHandler(label: label, capture: self) }
        logger.logLevel = level
        return logger
    }

    public var entries: [Entry] { storage.withLock { $0 } }

    /// Every entry, one per line, metadata included: what a secret search runs over.
    public var text: String { entries.map(\.description).joined(separator: "\n") }

    /// Entries whose message is `message`.
    public func entries(withMessage message: String) -> [Entry] {
        entries.filter { $0.message == message }
    }

    fileprivate func append(_ entry: Entry) {
        storage.withLock { $0.append(entry) }
    }
}

struct CapturingLogHandler: LogHandler {
    let label: String
    let capture: LogCapture
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var merged = self.metadata.merging(event.metadata ?? [:]) { _, new in new }
        if let error = event.error { merged["error"] = "\(error)" }
        capture.append(
            LogCapture.Entry(
                level: event.level, message: event.message.description, metadata: merged.mapValues { "\($0)" },
                label: label))
    }
}
