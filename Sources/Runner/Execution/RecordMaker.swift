import GraphSecurity
import JSON
import Mapping

/// The mapping stage of a job: turns the pages of its sources into records, in the job's emit mode.
///
/// One instance runs in one task (it is not shared), so its run-wide state — the indicator or asset set, the ids
/// already emitted when both sources carry the same alerts — needs no lock.
struct RecordMaker {
    let program: MappingProgram
    /// Whether any output reads `Record.indicators` (EDL, STIX); extraction is skipped otherwise.
    let includeIndicators: Bool
    /// Alerts may arrive twice (from alerts_v2 and inside expanded incidents): emit each record once.
    let deduplicates: Bool
    /// Whether any output reads `Record.fields` (all but EDL and STIX); indicator records skip them otherwise.
    let includeFields: Bool

    private var emittedIDs: Set<String> = []
    private var indicators: IndicatorSet
    private var assets: AssetSet

    init(program: MappingProgram, includeIndicators: Bool, deduplicates: Bool, includeFields: Bool = true) {
        self.program = program
        self.includeIndicators = includeIndicators
        self.deduplicates = deduplicates
        self.includeFields = includeFields
        indicators = program.makeIndicatorSet()
        assets = program.makeAssetSet()
    }

    /// The records a page gives now (none in indicators and assets mode: those come from `finish`).
    mutating func records(from page: GraphPage, source: GraphSource) -> [Record] {
        var records: [Record] = []
        switch (program.emit, source) {
        case (.alerts, .alerts):
            records.reserveCapacity(page.records.count)
            let raw = page.rawRecords
            for (index, alert) in page.records.enumerated() {
                if let record = program.record(
                    forAlert: alert, includeIndicators: includeIndicators, raw: raw?[index])
                {
                    records.append(record)
                }
            }
        case (.alerts, .incidents):
            for incident in page.records {
                guard case .array(let alerts)? = incident["alerts"] else { continue }
                let incidentID = incident["id"]?.stringValue
                for alert in alerts {
                    if let record = program.record(
                        forAlert: alert, incidentID: incidentID, includeIndicators: includeIndicators)
                    {
                        records.append(record)
                    }
                }
            }
        case (.incidents, .incidents):
            for incident in page.records {
                if let record = program.record(forIncident: incident, includeIndicators: includeIndicators) {
                    records.append(record)
                }
            }
        case (.incidents, .alerts):
            break
        case (.indicators, .alerts):
            for alert in page.records { program.collect(alert: alert, into: &indicators) }
        case (.indicators, .incidents):
            for incident in page.records { program.collect(incident: incident, into: &indicators) }
        case (.assets, .alerts):
            for alert in page.records { program.collect(alert: alert, into: &assets) }
        case (.assets, .incidents):
            for incident in page.records { program.collect(incident: incident, into: &assets) }
        }
        guard deduplicates else { return records }
        return records.filter { emittedIDs.insert($0.id).inserted }
    }

    /// The records that exist only once every page was seen: one per indicator or asset of the run.
    /// Made a batch at a time, as the outputs take them.
    func finish(batchSize: Int) -> RecordBatches {
        switch program.emit {
        case .alerts, .incidents: RecordBatches(positions: [], size: batchSize) { _ in [] }
        case .indicators:
            program.recordBatches(
                from: indicators, size: batchSize, includeFields: includeFields, includeIndicators: includeIndicators)
        case .assets: program.recordBatches(from: assets, size: batchSize)
        }
    }
}
