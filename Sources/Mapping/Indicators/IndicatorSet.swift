import JSON

/// The distinct indicators of a run: deduplicated by (type, value), their context merged — first and last seen,
/// highest severity, alert and incident ids, service and detection sources, MITRE techniques, categories, roles,
/// verdicts, evidence types, occurrence count.
///
/// Memory grows with the number of distinct indicators, not with the number of alerts: per indicator, id lists
/// keep at most `maxIDsPerIndicator` ids (the smallest, so the choice is deterministic), and the rest is bit sets
/// and short lists of interned names.
///
/// Values of the organisation's own assets seen anywhere in the run (a device's public address in one alert) are
/// remembered, and `indicators` leaves them out even when another alert names them as a threat.
public struct IndicatorSet: Sendable {
    /// What went in and what was left out, for the run report.
    public struct Statistics: Sendable, Hashable, Codable {
        /// Alerts walked.
        public var alerts = 0
        /// Threat artifacts found in evidence (before the job's options judged them).
        public var findings = 0
        /// Findings that became (or merged into) an indicator.
        public var accepted = 0
        /// Findings left out, by reason.
        public var dropped: [IndicatorPolicy.DropReason: Int] = [:]
        /// Evidence entries with an `@odata.type` temsync does not know (skipped).
        public var unknownEvidenceTypes = 0

        public init() {}
    }

    struct Representative: Sendable {
        var severity: Severity
        var updated: Timestamp?
        var alertID: String
        var alert: JSON

        /// More severe first, then the later update, then the larger id (any fixed rule will do for ties).
        func outranks(_ other: Representative) -> Bool {
            if severity != other.severity { return severity > other.severity }
            if updated != other.updated {
                return (updated ?? Timestamp(seconds: .min)) > (other.updated ?? Timestamp(seconds: .min))
            }
            return Bytewise.less(other.alertID, alertID)
        }
    }

    public let maxIDsPerIndicator: Int
    /// Keep, per indicator, the alert that `alert.*` paths of an indicator record read.
    var keepsRepresentatives = false
    var index = EntryIndex()
    var entries: [IndicatorAccumulator] = []
    var representatives: [Representative?] = []
    var table = StringTable()
    var assets: Set<String> = []
    var nextSerial = 0
    public internal(set) var statistics = Statistics()

    public init(maxIDsPerIndicator: Int = IndicatorPolicy.defaultMaxIDs) {
        self.maxIDsPerIndicator = maxIDsPerIndicator
    }

    /// Distinct (type, value) pairs merged so far, assets included.
    public var count: Int { entries.count }

    public var isEmpty: Bool { entries.isEmpty }

    /// The indicators, sorted by type (in `Indicator.Kind` order) then value, without the organisation's assets.
    public var indicators: [Indicator] {
        var renderer = IndicatorRenderer(table: table)
        return sortedPositions.map { position in
            renderer.indicator(
                entries[position], id: Indicator.id(type: entries[position].kind, value: entries[position].value))
        }
    }

    /// Positions of the entries to emit, in output order.
    var sortedPositions: [Int] {
        // Sort on (type, first 15 bytes of the value) packed in two integers, zero-padded (so a shorter value sorts
        // first); compare whole values only on a tie.
        var keys: [(high: UInt64, low: UInt64, position: Int)] = []
        keys.reserveCapacity(entries.count)
        for position in entries.indices where assets.isEmpty || !assets.contains(entries[position].value) {
            var high = UInt64(entries[position].kind.rank) << 56
            var low: UInt64 = 0
            var offset = 0
            for byte in entries[position].value.utf8.prefix(15) {
                if offset < 7 {
                    high |= UInt64(byte) << UInt64(48 - 8 * offset)
                } else {
                    low |= UInt64(byte) << UInt64(56 - 8 * (offset - 7))
                }
                offset += 1
            }
            keys.append((high, low, position))
        }
        entries.withUnsafeBufferPointer { entries in
            keys.sort { lhs, rhs in
                if lhs.high != rhs.high { return lhs.high < rhs.high }
                if lhs.low != rhs.low { return lhs.low < rhs.low }
                return Bytewise.less(entries[lhs.position].value, entries[rhs.position].value)
            }
        }
        return keys.map(\.position)
    }

    /// Values left out because they are the organisation's own (seen as assets somewhere in the run).
    public var suppressedAssetCount: Int {
        entries.indices.filter { assets.contains(entries[$0].value) }.count
    }

    /// Merges an indicator made elsewhere (say, the indicators of each alert record) into the set.
    public mutating func insert(_ indicator: Indicator) {
        let position = self.position(kind: indicator.type, value: indicator.value)
        entries[position].merge(indicator, table: &table)
    }

    /// Merges every indicator, asset and statistic of `other`.
    public mutating func formUnion(_ other: IndicatorSet) {
        for offset in other.entries.indices {
            let entry = other.entries[offset]
            let position = self.position(kind: entry.kind, value: entry.value)
            entries[position].merge(entry, from: other.table, into: &table)
            if let candidate = other.representatives[offset] { offer(candidate, at: position) }
        }
        assets.formUnion(other.assets)
        statistics.alerts += other.statistics.alerts
        statistics.findings += other.statistics.findings
        statistics.accepted += other.statistics.accepted
        statistics.unknownEvidenceTypes += other.statistics.unknownEvidenceTypes
        statistics.dropped.merge(other.statistics.dropped, uniquingKeysWith: +)
    }

    // MARK: internal

    mutating func position(kind: Indicator.Kind, value: String) -> Int {
        let hash = EntryIndex.hash(kind: kind, value: value)
        let (found, slot) = index.find(kind: kind, value: value, hash: hash, in: entries)
        if let found { return found }
        let position = entries.count
        index.insert(hash: hash, slot: slot)
        entries.append(IndicatorAccumulator(kind: kind, value: value, maxIDs: maxIDsPerIndicator))
        representatives.append(nil)
        return position
    }

    mutating func offer(_ candidate: Representative, at position: Int) {
        if let current = representatives[position], !candidate.outranks(current) { return }
        representatives[position] = candidate
    }

    /// A new serial for the next alert's findings.
    mutating func beginAlert() -> Int {
        nextSerial += 1
        statistics.alerts += 1
        return nextSerial
    }

    mutating func addAsset(_ value: String) { assets.insert(value) }

    mutating func add(_ finding: EvidenceFinding, alert: InternedAlert, alertJSON: JSON, serial: Int) {
        let position = self.position(kind: finding.kind, value: finding.value)
        entries[position].merge(finding, alert: alert, serial: serial, table: &table)
        if keepsRepresentatives {
            offer(
                Representative(
                    severity: alert.context.severity, updated: alert.context.updated,
                    alertID: alert.context.alertID ?? "", alert: alertJSON),
                at: position)
        }
    }

    mutating func drop(_ reason: IndicatorPolicy.DropReason) {
        statistics.dropped[reason, default: 0] += 1
    }
}
