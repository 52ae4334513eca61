/// One output of a job, as the runner translates it from the job file's `outputs` entry.
public struct OutputDefinition: Sendable, Hashable {
    public enum Configuration: Sendable, Hashable {
        case stdout
        case file(FileOutputOptions)
        case edl(EDLOptions)
        case stix(STIXOptions)
        case http(HTTPOutputOptions)
    }

    /// Unique within the job: the job file's `name`, else `<type>` (or `<type>-<n>` when the type repeats).
    public var name: String
    public var configuration: Configuration

    public init(name: String, configuration: Configuration) {
        self.name = name
        self.configuration = configuration
    }

    /// The default names of a job's outputs of these types, in order: the type, or `<type>-<n>` (n from 1, in file
    /// order) when the type appears more than once (`["file", "edl", "file"]` → `["file-1", "edl", "file-2"]`).
    public static func defaultNames(forTypes types: [String]) -> [String] {
        var seen: [String: Int] = [:]
        return types.map { type in
            seen[type, default: 0] += 1
            return types.filter { $0 == type }.count == 1 ? type : "\(type)-\(seen[type]!)"
        }
    }

    /// `stdout`, `file`, `edl`, `stix` or `http`.
    public var type: String {
        switch configuration {
        case .stdout: "stdout"
        case .file: "file"
        case .edl: "edl"
        case .stix: "stix"
        case .http: "http"
        }
    }

    /// One line saying where the records go, for plans, dry runs and reports.
    public var target: String {
        switch configuration {
        case .stdout:
            return "stdout (jsonl)"
        case .file(let options):
            return "file \(options.path) (\(options.format.rawValue), \(options.mode.rawValue))"
        case .edl(let options):
            var details = [options.layout.rawValue]
            if options.layout == .perType { details.append(options.types.map(\.rawValue).joined(separator: ",")) }
            if let maxEntries = options.maxEntries { details.append("max \(maxEntries) per file") }
            if options.keepsState, let expireAfter = options.expireAfter {
                details.append("expire after \(DurationText.format(expireAfter))")
            } else {
                details.append("this run only")
            }
            return "edl \(options.directory) (\(details.joined(separator: "; ")))"
        case .stix(let options):
            return "stix \(options.path) (STIX 2.1 bundle, identity '\(options.identity)')"
        case .http(let options):
            var details = ["batches of \(options.batchSize)"]
            if options.gzip { details.append("gzip") }
            return "http \(options.method.rawValue) \(options.url) (\(details.joined(separator: ", ")))"
        }
    }

    /// Problems with this output's options, each prefixed with the output's name; empty when it can work.
    public var problems: [String] {
        let own: [String]
        switch configuration {
        case .stdout: own = []
        case .file(let options): own = options.problems
        case .edl(let options): own = options.problems
        case .stix(let options): own = options.problems
        case .http(let options): own = options.problems
        }
        return own.map { "output '\(name)': \($0)" }
    }
}

/// Durations the way job files write them (`30d`, `12h`, `90s`, `1500ms`).
enum DurationText {
    static func format(_ duration: Duration) -> String {
        let milliseconds =
            Int64(duration.components.seconds) * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
        for (unit, size) in [("d", Int64(86_400_000)), ("h", 3_600_000), ("m", 60_000), ("s", 1000)]
        where milliseconds % size == 0 && milliseconds >= size {
            return "\(milliseconds / size)\(unit)"
        }
        return "\(milliseconds)ms"
    }
}
