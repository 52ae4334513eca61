import Foundation
import JSON

/// One indicator's merged context in an `IndicatorSet`. Bit sets, interned numbers and bounded id lists keep it
/// small: its size depends on how varied the context is, never on how many alerts carried the indicator.
struct IndicatorAccumulator: Sendable {
    var kind: Indicator.Kind
    var value: String
    var firstSeen: Timestamp?
    var lastSeen: Timestamp?
    var severity: Severity = .unknown
    var count = 0
    var alertIDs: BoundedIDs
    var incidentIDs: BoundedIDs
    /// Interned in the set's `StringTable`.
    var serviceSources = SmallIDs()
    var detectionSources = SmallIDs()
    var mitreTechniques = SmallIDs()
    var categories = SmallIDs()
    var extraRoles = SmallIDs()
    var roleBits: UInt32 = 0
    var verdictBits: UInt8 = 0
    var evidenceTypeBits: UInt64 = 0
    /// Types of indicators merged from outside (`IndicatorSet.insert`) that are not evidence kinds temsync knows.
    var otherEvidenceTypes = SmallIDs()
    /// The serial of the last alert merged, so several findings in one alert merge its context once.
    var lastAlertSerial = -1

    init(kind: Indicator.Kind, value: String, maxIDs: Int) {
        self.kind = kind
        self.value = value
        alertIDs = BoundedIDs(limit: maxIDs)
        incidentIDs = BoundedIDs(limit: maxIDs)
    }

    mutating func merge(_ finding: EvidenceFinding, alert: InternedAlert, serial: Int, table: inout StringTable) {
        count += 1
        roleBits |= finding.roles.bits
        for role in finding.roles.extra { extraRoles.insert(table.intern(role)) }
        verdictBits |= ContextSets.bit(finding.verdict)
        evidenceTypeBits |= ContextSets.bit(finding.evidenceType)
        guard serial != lastAlertSerial else { return }
        lastAlertSerial = serial
        mergeTimes(alert.context.firstSeen, alert.context.lastSeen)
        if alert.context.severity > severity { severity = alert.context.severity }
        if let id = alert.alertID { alertIDs.insert(id) }
        for id in alert.incidentIDs { incidentIDs.insert(id) }
        if let source = alert.serviceSource { serviceSources.insert(source) }
        if let source = alert.detectionSource { detectionSources.insert(source) }
        for technique in alert.mitreTechniques { mitreTechniques.insert(technique) }
        for category in alert.categories { categories.insert(category) }
    }

    mutating func mergeTimes(_ first: Timestamp?, _ last: Timestamp?) {
        if let first, firstSeen.map({ first < $0 }) ?? true { firstSeen = first }
        if let last, lastSeen.map({ last > $0 }) ?? true { lastSeen = last }
    }

    mutating func merge(_ indicator: Indicator, table: inout StringTable) {
        count += indicator.count
        mergeTimes(indicator.firstSeen.map(Timestamp.init(date:)), indicator.lastSeen.map(Timestamp.init(date:)))
        if indicator.severity > severity { severity = indicator.severity }
        for id in indicator.alertIDs { alertIDs.insert(id) }
        for id in indicator.incidentIDs { incidentIDs.insert(id) }
        for source in indicator.serviceSources { serviceSources.insert(table.intern(source)) }
        for source in indicator.detectionSources { detectionSources.insert(table.intern(source)) }
        for technique in indicator.mitreTechniques { mitreTechniques.insert(table.intern(technique)) }
        for category in indicator.categories { categories.insert(table.intern(category)) }
        for role in indicator.roles {
            if let bit = EvidenceRoles.bit(named: role) {
                roleBits |= bit
            } else {
                extraRoles.insert(table.intern(role))
            }
        }
        for verdict in indicator.verdicts {
            if let known = EvidenceVerdict(name: verdict) { verdictBits |= ContextSets.bit(known) }
        }
        for type in indicator.evidenceTypes {
            if let kind = EvidenceKind(odataType: type) {
                evidenceTypeBits |= ContextSets.bit(kind)
            } else {
                otherEvidenceTypes.insert(table.intern(type))
            }
        }
    }

    /// Merges another set's accumulator, whose numbers are in `otherTable`.
    mutating func merge(_ other: IndicatorAccumulator, from otherTable: StringTable, into table: inout StringTable) {
        func translate(_ members: SmallIDs, into target: inout SmallIDs) {
            for member in members.members { target.insert(table.intern(otherTable.strings[Int(member)])) }
        }
        count += other.count
        mergeTimes(other.firstSeen, other.lastSeen)
        if other.severity > severity { severity = other.severity }
        for id in other.alertIDs.ids { alertIDs.insert(id) }
        for id in other.incidentIDs.ids { incidentIDs.insert(id) }
        translate(other.serviceSources, into: &serviceSources)
        translate(other.detectionSources, into: &detectionSources)
        translate(other.mitreTechniques, into: &mitreTechniques)
        translate(other.categories, into: &categories)
        translate(other.extraRoles, into: &extraRoles)
        translate(other.otherEvidenceTypes, into: &otherEvidenceTypes)
        roleBits |= other.roleBits
        verdictBits |= other.verdictBits
        evidenceTypeBits |= other.evidenceTypeBits
    }
}

/// An alert's context with its strings interned in a set's table, once per alert. A class: it is handed to the
/// merge of each of the alert's findings, and a reference is cheaper to pass on than a dozen strings and lists.
final class InternedAlert: Sendable {
    let context: AlertContext
    /// The ids with their packed forms, worked out once for all the alert's indicators.
    let alertID: IDKey?
    let incidentIDs: [IDKey]
    let serviceSource: UInt32?
    let detectionSource: UInt32?
    let mitreTechniques: [UInt32]
    let categories: [UInt32]

    init(_ context: AlertContext, table: inout StringTable) {
        self.context = context
        alertID = context.alertID.map(IDKey.init)
        incidentIDs = context.incidentIDs.map(IDKey.init)
        serviceSource = context.serviceSource.map { table.intern($0) }
        detectionSource = context.detectionSource.map { table.intern($0) }
        mitreTechniques = context.mitreTechniques.map { table.intern($0) }
        categories = context.categories.map { table.intern($0) }
    }
}

/// A set of interned numbers (sources, techniques, categories of the alerts an indicator was seen in): a bit per
/// number below 128, inline, and the rest in an array. A table's first 128 names cover most runs, so an indicator
/// seen in thousands of alerts with dozens of techniques still costs no allocation for them.
struct SmallIDs: Sendable {
    private static let inlineLimit: UInt32 = 128
    private var low: UInt64 = 0
    private var high: UInt64 = 0
    /// Numbers from 128 up, unsorted, unique.
    private var overflow: [UInt32] = []

    @inline(__always)
    mutating func insert(_ member: UInt32) {
        if member < 64 {
            low |= 1 << UInt64(member)
        } else if member < Self.inlineLimit {
            high |= 1 << UInt64(member - 64)
        } else if !overflow.contains(member) {
            overflow.append(member)
        }
    }

    var isEmpty: Bool { low == 0 && high == 0 && overflow.isEmpty }

    /// The inline members as one value, when there are no others: a cache key that costs no allocation.
    struct InlineKey: Hashable {
        var high: UInt64
        var low: UInt64
    }

    var inlineKey: InlineKey? {
        guard overflow.isEmpty else { return nil }
        return InlineKey(high: high, low: low)
    }

    /// The members: those below 128 ascending, then the others in the order they came.
    var members: [UInt32] {
        var members: [UInt32] = []
        members.reserveCapacity(low.nonzeroBitCount + high.nonzeroBitCount + overflow.count)
        for (word, base) in [(low, UInt32(0)), (high, UInt32(64))] {
            var bits = word
            while bits != 0 {
                members.append(base + UInt32(bits.trailingZeroBitCount))
                bits &= bits - 1
            }
        }
        return members + overflow
    }
}
