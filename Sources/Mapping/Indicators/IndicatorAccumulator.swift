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
    var serviceSources: [UInt32] = []
    var detectionSources: [UInt32] = []
    var mitreTechniques: [UInt32] = []
    var categories: [UInt32] = []
    var extraRoles: [UInt32] = []
    var roleBits: UInt32 = 0
    var verdictBits: UInt8 = 0
    var evidenceTypeBits: UInt64 = 0
    /// Types of indicators merged from outside (`IndicatorSet.insert`) that are not evidence kinds temsync knows.
    var otherEvidenceTypes: [UInt32] = []
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
        for role in finding.roles.extra { extraRoles.insertUnique(table.intern(role)) }
        verdictBits |= ContextSets.bit(finding.verdict)
        evidenceTypeBits |= ContextSets.bit(finding.evidenceType)
        guard serial != lastAlertSerial else { return }
        lastAlertSerial = serial
        mergeTimes(alert.context.firstSeen, alert.context.lastSeen)
        if alert.context.severity > severity { severity = alert.context.severity }
        if let id = alert.context.alertID { alertIDs.insert(id) }
        for id in alert.context.incidentIDs { incidentIDs.insert(id) }
        if let source = alert.serviceSource { serviceSources.insertUnique(source) }
        if let source = alert.detectionSource { detectionSources.insertUnique(source) }
        for technique in alert.mitreTechniques { mitreTechniques.insertUnique(technique) }
        for category in alert.categories { categories.insertUnique(category) }
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
        for source in indicator.serviceSources { serviceSources.insertUnique(table.intern(source)) }
        for source in indicator.detectionSources { detectionSources.insertUnique(table.intern(source)) }
        for technique in indicator.mitreTechniques { mitreTechniques.insertUnique(table.intern(technique)) }
        for category in indicator.categories { categories.insertUnique(table.intern(category)) }
        for role in indicator.roles {
            if let bit = EvidenceRoles.bit(named: role) {
                roleBits |= bit
            } else {
                extraRoles.insertUnique(table.intern(role))
            }
        }
        for verdict in indicator.verdicts {
            if let known = EvidenceVerdict(name: verdict) { verdictBits |= ContextSets.bit(known) }
        }
        for type in indicator.evidenceTypes {
            if let kind = EvidenceKind(odataType: type) {
                evidenceTypeBits |= ContextSets.bit(kind)
            } else {
                otherEvidenceTypes.insertUnique(table.intern(type))
            }
        }
    }

    /// Merges another set's accumulator, whose numbers are in `otherTable`.
    mutating func merge(_ other: IndicatorAccumulator, from otherTable: StringTable, into table: inout StringTable) {
        func translate(_ members: [UInt32], into target: inout [UInt32]) {
            for member in members { target.insertUnique(table.intern(otherTable.strings[Int(member)])) }
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

    func indicator(id: String, table: StringTable) -> Indicator {
        Indicator(
            type: kind, value: value, id: id, firstSeen: firstSeen?.date, lastSeen: lastSeen?.date, severity: severity,
            count: count, alertIDs: Set(alertIDs.ids), incidentIDs: Set(incidentIDs.ids),
            serviceSources: table.set(serviceSources), detectionSources: table.set(detectionSources),
            mitreTechniques: table.set(mitreTechniques), categories: table.set(categories),
            roles: ContextSets.roles(roleBits, extra: extraRoles.map { table.strings[Int($0)] }),
            verdicts: ContextSets.verdictSets[Int(verdictBits)],
            evidenceTypes: ContextSets.evidenceTypes(evidenceTypeBits).union(table.set(otherEvidenceTypes)))
    }

    /// The `indicator` object of the mapping language (and the default shape of an indicator record).
    func json(id: String, table: StringTable) -> JSON {
        func list(_ values: some Sequence<String>) -> JSON {
            .array(values.sorted { Bytewise.less($0, $1) }.map(JSON.string))
        }
        func interned(_ members: [UInt32]) -> JSON { list(members.map { table.strings[Int($0)] }) }
        var object = JSONObject()
        object.reserveCapacity(16)
        object.appendUnchecked("id", .string(id))
        object.appendUnchecked("type", .string(kind.rawValue))
        object.appendUnchecked("value", .string(value))
        object.appendUnchecked("first_seen", firstSeen.map { .string($0.iso8601) } ?? .null)
        object.appendUnchecked("last_seen", lastSeen.map { .string($0.iso8601) } ?? .null)
        object.appendUnchecked("severity", .string(severity.rawValue))
        object.appendUnchecked("count", .int(count))
        object.appendUnchecked("alert_ids", .array(alertIDs.ids.map(JSON.string)))
        object.appendUnchecked("incident_ids", .array(incidentIDs.ids.map(JSON.string)))
        object.appendUnchecked("service_sources", interned(serviceSources))
        object.appendUnchecked("detection_sources", interned(detectionSources))
        object.appendUnchecked("mitre_techniques", interned(mitreTechniques))
        object.appendUnchecked("categories", interned(categories))
        object.appendUnchecked(
            "roles", list(ContextSets.roles(roleBits, extra: extraRoles.map { table.strings[Int($0)] })))
        object.appendUnchecked("verdicts", list(ContextSets.verdictSets[Int(verdictBits)]))
        object.appendUnchecked(
            "evidence_types",
            list(ContextSets.evidenceTypes(evidenceTypeBits).union(otherEvidenceTypes.map { table.strings[Int($0)] })))
        return .object(object)
    }
}

/// An alert's context with its strings interned in a set's table, once per alert.
struct InternedAlert {
    var context: AlertContext
    var serviceSource: UInt32?
    var detectionSource: UInt32?
    var mitreTechniques: [UInt32]
    var categories: [UInt32]

    init(_ context: AlertContext, table: inout StringTable) {
        self.context = context
        serviceSource = context.serviceSource.map { table.intern($0) }
        detectionSource = context.detectionSource.map { table.intern($0) }
        mitreTechniques = context.mitreTechniques.map { table.intern($0) }
        categories = context.categories.map { table.intern($0) }
    }
}

/// A set of ids that keeps at most `limit` of them — the smallest, so which ones are kept does not depend on the
/// order alerts arrive in.
struct BoundedIDs: Sendable {
    var limit: Int
    /// Sorted ascending (byte-wise), unique.
    private(set) var ids: [String] = []

    init(limit: Int) {
        self.limit = max(1, limit)
    }

    mutating func insert(_ id: String) {
        if let last = ids.last {
            if last == id { return }
            if ids.count == limit, !Bytewise.less(id, last) { return }
            if Bytewise.less(last, id) {
                ids.append(id)
                return
            }
        } else {
            ids.append(id)
            return
        }
        var low = 0
        var high = ids.count
        while low < high {
            let middle = (low + high) / 2
            if Bytewise.less(ids[middle], id) { low = middle + 1 } else { high = middle }
        }
        if low < ids.count, ids[low] == id { return }
        ids.insert(id, at: low)
        if ids.count > limit { ids.removeLast() }
    }
}
