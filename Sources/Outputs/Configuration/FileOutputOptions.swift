/// `type: file` — records written to one file, replaced atomically (or appended, for JSON Lines).
public struct FileOutputOptions: Sendable, Hashable {
    public enum Format: String, Sendable, Hashable, CaseIterable, Codable {
        /// JSON Lines: one compact object per line.
        case jsonl
        /// One JSON array.
        case json
        /// CSV with a header row (RFC 4180), formula-neutralised cells.
        case csv
    }

    public enum Mode: String, Sendable, Hashable, CaseIterable, Codable {
        /// Each run replaces the file (readers see the previous file or the new one, never a mix).
        case replace
        /// Each run adds its lines at the end, after a run marker line (`jsonl` only).
        case append
    }

    /// Resolved by the runner (relative paths against the working directory).
    public var path: String
    public var format: Format
    public var mode: Mode
    /// Append mode: write a `{"temsync_run":{…}}` line before each run's records.
    public var runMarker: Bool
    /// CSV: the first columns, in this order (the runner passes the mapping's field names); fields that are not
    /// listed become further columns in the order they appear.
    public var columns: [String]

    public init(
        path: String, format: Format? = nil, mode: Mode = .replace, runMarker: Bool = true, columns: [String] = []
    ) {
        self.path = path
        self.format = format ?? Self.format(forPath: path)
        self.mode = mode
        self.runMarker = runMarker
        self.columns = columns
    }

    /// The format a file name implies: `.json` → `json`, `.csv` → `csv`, anything else (`.jsonl`, `.ndjson`) → `jsonl`.
    public static func format(forPath path: String) -> Format {
        let lowered = path.lowercased()
        if lowered.hasSuffix(".json") { return .json }
        if lowered.hasSuffix(".csv") { return .csv }
        return .jsonl
    }

    /// Problems with the combination of options, as messages (empty when it can work).
    public var problems: [String] {
        var problems: [String] = []
        if path.isEmpty { problems.append("'path' must not be empty") }
        if mode == .append && format != .jsonl {
            problems.append(
                "mode 'append' works with format 'jsonl' only (a \(format.rawValue) file cannot grow by appending)")
        }
        return problems
    }
}
