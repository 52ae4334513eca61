import Foundation

/// The seeded, deterministic data set: incidents of 1 to 6 alerts each, spread over `span` seconds before `end`.
/// Only the grouping and the organisation are held in memory; each record is written on demand from the seed and
/// its index, so a million alerts cost a few bytes each and the same seed always gives the same bytes.
struct DataGenerator: Sendable {
    let options: GeneratorOptions
    let endTicks: Int64
    let spanTicks: Int64
    let pools: IndicatorPools
    let organization: Organization
    /// For each incident, the index of its first alert; one more entry holds the alert count.
    private let incidentStarts: [Int32]
    /// For each alert, its incident's index.
    let alertIncidents: [Int32]

    static let alertStream: UInt64 = 0x414C_4552
    static let incidentStream: UInt64 = 0x494E_4349
    static let firstIncidentNumber = 3_000_000
    private static let indexMultiplier: UInt32 = 2_654_435_761
    private static let indexInverse: UInt32 = {
        var inverse: UInt32 = indexMultiplier
        for _ in 0..<5 { inverse = inverse &* (2 &- indexMultiplier &* inverse) }
        return inverse
    }()
    /// .NET ticks at the Unix epoch (Defender's MDE alert ids carry .NET ticks).
    private static let dotNetEpochTicks: Int64 = 621_355_968_000_000_000

    init(options: GeneratorOptions, end: Date) {
        self.options = options
        endTicks = GraphTimestamp(end).ticks
        spanTicks = Int64(options.span * Double(GraphTimestamp.ticksPerSecond))
        pools = IndicatorPools(seed: options.seed, sizes: options.pools)
        organization = Organization(seed: options.seed, end: endTicks)
        var starts: [Int32] = []
        var incidents: [Int32] = []
        incidents.reserveCapacity(options.alertCount)
        var next = 0
        while next < options.alertCount {
            var random = SplitMix64(seed: options.seed, stream: Self.incidentStream, index: starts.count)
            let size = min(options.alertCount - next, [1, 1, 1, 1, 2, 2, 2, 3, 3, 4, 5, 6][random.below(12)])
            starts.append(Int32(next))
            incidents.append(contentsOf: repeatElement(Int32(starts.count - 1), count: size))
            next += size
        }
        starts.append(Int32(next))
        incidentStarts = starts
        alertIncidents = incidents
    }

    var alertCount: Int { alertIncidents.count }
    var incidentCount: Int { incidentStarts.count - 1 }
    var analysts: [String] { organization.analysts }

    func alertRange(ofIncident index: Int) -> Range<Int> {
        Int(incidentStarts[index])..<Int(incidentStarts[index + 1])
    }

    // MARK: identifiers

    func alertID(_ index: Int) -> String {
        var random = SplitMix64(seed: options.seed, stream: Self.alertStream, index: index)
        let facts = AlertFacts(generator: self, index: index, random: &random)
        return alertID(index, facts: facts)
    }

    func alertID(_ index: Int, facts: AlertFacts) -> String {
        let encoded = Int32(bitPattern: UInt32(truncatingIfNeeded: index) &* Self.indexMultiplier)
        let scenario = AlertScenario.all[facts.scenario]
        return "\(scenario.idPrefix)\(facts.created + Self.dotNetEpochTicks)_\(encoded)"
    }

    func alertIndex(id: String) -> Int? {
        guard let underscore = id.lastIndex(of: "_"), let encoded = Int32(id[id.index(after: underscore)...]) else {
            return nil
        }
        let index = Int(UInt32(bitPattern: encoded) &* Self.indexInverse)
        guard index < alertCount, alertID(index) == id else { return nil }
        return index
    }

    func incidentID(_ index: Int) -> String { String(Self.firstIncidentNumber + index) }

    func incidentIndex(id: String) -> Int? {
        guard let number = Int(id), String(number) == id else { return nil }
        let index = number - Self.firstIncidentNumber
        return (0..<incidentCount).contains(index) ? index : nil
    }

    // MARK: summaries

    /// When an incident's first alert was created: incidents are spread evenly over the span, newest last.
    func incidentStart(_ incident: Int) -> Int64 {
        let usable = max(spanTicks - 8 * 3600 * GraphTimestamp.ticksPerSecond, 1)
        let position = incidentCount > 1 ? Double(incident) / Double(incidentCount) : 0
        var random = SplitMix64(seed: options.seed, stream: Self.incidentStream ^ 0xFF, index: incident)
        let jitter = Int64(random.below(600)) * GraphTimestamp.ticksPerSecond + Int64(random.below(10_000_000))
        return endTicks - spanTicks + Int64(Double(usable) * position) + jitter
    }

    func alertSummary(_ index: Int) -> RecordSummary {
        var random = SplitMix64(seed: options.seed, stream: Self.alertStream, index: index)
        return AlertFacts(generator: self, index: index, random: &random).summary
    }

    /// The incident's summary from its alerts' (`alert(i)` is the summary of alert `i`).
    func incidentSummary(_ index: Int, alert: (Int) -> RecordSummary) -> RecordSummary {
        let range = alertRange(ofIncident: index)
        var summary = alert(range.lowerBound)
        for alert in range.dropFirst().map(alert) {
            summary.created = min(summary.created, alert.created)
            summary.lastUpdate = max(summary.lastUpdate, alert.lastUpdate)
            if alert.severity < RecordSummary.unknownMember,
                alert.severity > summary.severity || summary.severity >= RecordSummary.unknownMember
            {
                summary.severity = alert.severity
            }
            if summary.assignedTo < 0 { summary.assignedTo = alert.assignedTo }
        }
        summary.serviceSource = RecordSummary.nullMember
        summary.status = UInt8(incidentStatus(index, alerts: range.map(alert)))
        return summary
    }

    /// active, resolved, inProgress, redirected or awaitingAction (index into incidentStatus).
    private func incidentStatus(_ index: Int, alerts: [RecordSummary]) -> Int {
        var random = SplitMix64(seed: options.seed, stream: Self.incidentStream ^ 0x5757, index: index)
        let roll = random.below(100)
        if roll < 2 { return 3 }  // redirected
        if roll < 3 { return 5 }  // awaitingAction
        if alerts.allSatisfy({ $0.status == 3 }) { return 1 }  // every alert resolved
        if alerts.contains(where: { $0.status == 2 }) { return 2 }  // one in progress
        return 0
    }
}

/// The drawn facts of one alert that its summary and its text share: scenario, enum values, times.
struct AlertFacts {
    var scenario: Int
    var detectionSource: String
    var status: Int
    var severity: Int
    var classification: Int
    var determination: Int
    var assignedTo: Int
    var created: Int64
    var lastUpdate: Int64
    var resolved: Int64?

    init(generator: DataGenerator, index: Int, random: inout SplitMix64) {
        scenario = AlertScenario.weighted[random.below(AlertScenario.weighted.count)]
        detectionSource = random.pick(AlertScenario.all[scenario].detectionSources)
        let statusRoll = random.below(100)
        status = statusRoll < 2 ? 0 : statusRoll < 47 ? 1 : statusRoll < 67 ? 2 : 3
        let severityRoll = random.below(100)
        severity = severityRoll < 2 ? 0 : severityRoll < 15 ? 1 : severityRoll < 45 ? 2 : severityRoll < 80 ? 3 : 4
        let determinations: [Int]
        if status == 3 || random.chance(0.15) {
            classification = [2, 2, 1, 3][random.below(4)]
            switch classification {
            case 2: determinations = [1, 2, 5, 6, 7, 8, 9, 10]
            case 1: determinations = [11, 12, 6]
            default: determinations = [3, 4, 13, 14, 6]
            }
            determination = random.pick(determinations)
        } else {
            classification = 0
            determination = 0
        }
        assignedTo = status == 1 && random.chance(0.7) ? -1 : random.below(generator.organization.analysts.count)
        let incident = Int(generator.alertIncidents[index])
        let tick = GraphTimestamp.ticksPerSecond
        created =
            generator.incidentStart(incident) + Int64(random.below(6 * 3600)) * tick + Int64(random.below(10_000_000))
        let delay: Int64
        switch status {
        case 1: delay = Int64(random.below(300)) * tick
        case 2: delay = Int64(random.int(300...36_000)) * tick
        case 3: delay = Int64(random.int(1800...5 * 86_400)) * tick
        default: delay = 0
        }
        lastUpdate = min(created + delay + Int64(random.below(10_000_000)), generator.endTicks)
        if random.chance(0.12) {
            // Alerts touched together by one automated action share the instant exactly.
            var shared = SplitMix64(seed: generator.options.seed, stream: 0x5449_4553, index: incident)
            let instant = generator.incidentStart(incident) + Int64(shared.int(6 * 3600...9 * 3600)) * tick
            lastUpdate = max(created, min(instant, generator.endTicks))
        }
        resolved = status == 3 ? lastUpdate : nil
        lastUpdate = max(lastUpdate, created)
    }

    var summary: RecordSummary {
        RecordSummary(
            created: created, lastUpdate: lastUpdate, assignedTo: Int32(assignedTo), status: UInt8(status),
            severity: UInt8(severity), classification: UInt8(classification), determination: UInt8(determination),
            serviceSource: UInt8(SecurityEnums.serviceSource.code(exactly: AlertScenario.all[scenario].serviceSource)!))
    }
}
