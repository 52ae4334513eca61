/// What an output did in a run, for the run summary and `--report`.
public struct OutputReport: Sendable, Hashable, Codable {
    public enum Status: String, Sendable, Hashable, Codable {
        /// Opened and receiving; neither committed nor aborted yet.
        case open
        case committed
        case aborted
        /// A dry run: nothing was written; `sample` shows what the output would have received.
        case previewed
    }

    public var name: String
    /// `stdout`, `file`, `edl`, `stix` or `http`.
    public var type: String
    public var target: String
    public var status: Status
    /// Records received.
    public var records: Int
    /// What reached the destination: lines or rows (stdout, file), entries over all lists (edl), indicator objects
    /// (stix), records accepted by the receiver (http).
    public var delivered: Int
    /// HTTP requests that succeeded (http only).
    public var batches: Int
    /// Retried HTTP attempts (http only).
    public var retries: Int
    /// Bytes written to files or sent in request bodies (after compression).
    public var bytes: Int
    /// Values left out: EDL entries that are not valid for their list, or over `max_entries`; indicators of types
    /// the output does not take are not counted.
    public var skipped: Int
    /// EDL: indicators from earlier runs that aged out in this run.
    public var expired: Int
    /// Files this output writes (resolved paths), in a stable order.
    public var files: [String]
    /// Dry run only: the first entries the output would have written.
    public var sample: [String]

    public init(
        name: String, type: String, target: String, status: Status = .open, records: Int = 0, delivered: Int = 0,
        batches: Int = 0, retries: Int = 0, bytes: Int = 0, skipped: Int = 0, expired: Int = 0, files: [String] = [],
        sample: [String] = []
    ) {
        self.name = name
        self.type = type
        self.target = target
        self.status = status
        self.records = records
        self.delivered = delivered
        self.batches = batches
        self.retries = retries
        self.bytes = bytes
        self.skipped = skipped
        self.expired = expired
        self.files = files
        self.sample = sample
    }
}
