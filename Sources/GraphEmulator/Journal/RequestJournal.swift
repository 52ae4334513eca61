import Foundation

/// What the emulator received, for tests to assert what a client sent: methods, URLs, headers (including
/// `client-request-id`), bodies — and where a secret travelled.
public actor RequestJournal {
    private let options: JournalOptions
    private var stored: [JournalEntry] = []
    private var nextSequence = 1

    init(options: JournalOptions) {
        self.options = options
    }

    /// Every entry kept, oldest first.
    public var entries: [JournalEntry] { stored }

    public func entries(for route: EmulatorRoute) -> [JournalEntry] {
        stored.filter { $0.route == route }
    }

    /// The entries that carry `secret` anywhere (see `JournalEntry.reveals`). A client that behaves sends its
    /// client secret to the token route only.
    public func entries(revealing secret: String) -> [JournalEntry] {
        stored.filter { $0.reveals(secret) }
    }

    public func removeAll() {
        stored.removeAll()
    }

    func record(_ entry: JournalEntry) {
        guard options.capacity > 0 else { return }
        var entry = entry
        entry.sequence = nextSequence
        nextSequence += 1
        if !options.keepsSecrets { entry.body = Self.redacted(entry.body) }
        stored.append(entry)
        if stored.count > options.capacity { stored.removeFirst(stored.count - options.capacity) }
    }

    /// A form body with the values of `client_secret` and `client_assertion` replaced.
    static func redacted(_ body: [UInt8]) -> [UInt8] {
        let text = String(decoding: body, as: UTF8.self)
        let pairs = text.split(separator: "&", omittingEmptySubsequences: false).map { pair -> String in
            let name = pair.split(separator: "=", maxSplits: 1).first.map(String.init) ?? ""
            return ["client_secret", "client_assertion"].contains(name) ? "\(name)=<redacted>" : String(pair)
        }
        return Array(pairs.joined(separator: "&").utf8)
    }
}
