import JSON
import Mapping

/// A dry run's stand-in for an output: writes nothing anywhere, counts the records, and renders the first `limit`
/// of them the way the real output would (JSON lines, CSV rows, list entries, STIX patterns) into the report's
/// `sample`.
public actor OutputPreview: Output {
    public nonisolated let name: String
    public nonisolated let target: String
    private let spec: OutputDefinition
    private let limit: Int
    private var kept: [Record] = []
    private var counters: OutputReport

    public init(spec: OutputDefinition, limit: Int) {
        name = spec.name
        target = spec.target
        self.spec = spec
        self.limit = max(0, limit)
        counters = OutputReport(name: spec.name, type: spec.type, target: spec.target)
    }

    public func open() async throws {}

    public func write(_ batch: [Record]) async throws {
        counters.records += batch.count
        if kept.count < limit { kept.append(contentsOf: batch.prefix(limit - kept.count)) }
    }

    public func prepare() async throws {}

    public func commit() async throws {
        guard counters.status == .open else { return }
        counters.sample = Self.render(kept, spec: spec, limit: limit)
        counters.status = .previewed
    }

    public func abort() async {
        if counters.status == .open { counters.status = .aborted }
    }

    public func report() async -> OutputReport { counters }

    /// The entries `records` would make in the output `spec`, at most `limit` of them.
    static func render(_ records: [Record], spec: OutputDefinition, limit: Int) -> [String] {
        switch spec.configuration {
        case .stdout, .http:
            return records.map(\.jsonText)
        case .file(let options):
            switch options.format {
            case .jsonl, .json: return records.map(\.jsonText)
            case .csv:
                var lines = CSVEncoder.render(records, columns: options.columns).components(separatedBy: "\r\n")
                if lines.last == "" { lines.removeLast() }
                return lines
            }
        case .edl(let options):
            var lines = Set<String>()
            for record in records {
                for indicator in record.indicators where options.types.contains(indicator.type) {
                    guard let entry = EDLEntry(kind: indicator.type, value: indicator.value) else { continue }
                    let file = options.layout == .combined ? EDLOutput.combinedFileName : "\(indicator.type).txt"
                    lines.insert("\(file): \(entry.line)")
                    if options.domainWildcards && indicator.type == .domain { lines.insert("\(file): *.\(entry.line)") }
                }
            }
            return Array(lines.sorted().prefix(limit))
        case .stix:
            var indicators = IndicatorCollection()
            for record in records { record.indicators.forEach { indicators.add($0) } }
            return indicators.sorted.prefix(limit).map {
                "\(STIXBundle.indicatorID($0)) \(STIXPattern.make($0.type, $0.value))"
            }
        }
    }
}
