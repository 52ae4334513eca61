import Foundation
import JSON

/// One indicator's merged context while findings arrive. Bit sets and bounded id lists keep it small: its size
/// depends on how varied the context is, never on how many alerts carried the indicator.
struct IndicatorAccumulator: Sendable {
    var kind: Indicator.Kind
    var value: String
    var firstSeen: Timestamp?
    var lastSeen: Timestamp?
    var severity: Severity = .unknown
    var count = 0
    var alertIDs: BoundedIDs
    var incidentIDs: BoundedIDs
    var serviceSources: Set<String> = []
    var detectionSources: Set<String> = []
    var mitreTechniques: Set<String> = []
    var categories: Set<String> = []
    var roleBits: UInt32 = 0
    var extraRoles: Set<String> = []
    var verdicts: Set<String> = []
    var evidenceTypes: Set<String> = []
    /// The serial of the last alert merged, so several findings in one alert merge its context once.
    var lastAlertSerial = -1

    init(kind: Indicator.Kind, value: String, maxIDs: Int) {
        self.kind = kind
        self.value = value
        alertIDs = BoundedIDs(limit: maxIDs)
        incidentIDs = BoundedIDs(limit: maxIDs)
    }

    mutating func merge(_ finding: EvidenceFinding, alert: AlertContext, serial: Int) {
        count += 1
        roleBits |= finding.roles.bits
        for role in finding.roles.extra { extraRoles.insert(role) }
        verdicts.insert(finding.verdict.rawValue)
        evidenceTypes.insert(finding.evidenceType.rawValue)
        guard serial != lastAlertSerial else { return }
        lastAlertSerial = serial
        if let first = alert.firstSeen, firstSeen.map({ first < $0 }) ?? true { firstSeen = first }
        if let last = alert.lastSeen, lastSeen.map({ last > $0 }) ?? true { lastSeen = last }
        if alert.severity > severity { severity = alert.severity }
        if let id = alert.alertID { alertIDs.insert(id) }
        for id in alert.incidentIDs { incidentIDs.insert(id) }
        if let source = alert.serviceSource { serviceSources.insert(source) }
        if let source = alert.detectionSource { detectionSources.insert(source) }
        for technique in alert.mitreTechniques { mitreTechniques.insert(technique) }
        for category in alert.categories { categories.insert(category) }
    }

    mutating func merge(_ indicator: Indicator) {
        count += indicator.count
        if let first = indicator.firstSeen.map(Timestamp.init(date:)), firstSeen.map({ first < $0 }) ?? true {
            firstSeen = first
        }
        if let last = indicator.lastSeen.map(Timestamp.init(date:)), lastSeen.map({ last > $0 }) ?? true {
            lastSeen = last
        }
        if indicator.severity > severity { severity = indicator.severity }
        for id in indicator.alertIDs { alertIDs.insert(id) }
        for id in indicator.incidentIDs { incidentIDs.insert(id) }
        serviceSources.formUnion(indicator.serviceSources)
        detectionSources.formUnion(indicator.detectionSources)
        mitreTechniques.formUnion(indicator.mitreTechniques)
        categories.formUnion(indicator.categories)
        for role in indicator.roles {
            if let bit = EvidenceRoles.bit(named: role) {
                roleBits |= bit
            } else {
                extraRoles.insert(role)
            }
        }
        verdicts.formUnion(indicator.verdicts)
        evidenceTypes.formUnion(indicator.evidenceTypes)
    }

    mutating func merge(_ other: IndicatorAccumulator) {
        count += other.count
        if let first = other.firstSeen, firstSeen.map({ first < $0 }) ?? true { firstSeen = first }
        if let last = other.lastSeen, lastSeen.map({ last > $0 }) ?? true { lastSeen = last }
        if other.severity > severity { severity = other.severity }
        for id in other.alertIDs.ids { alertIDs.insert(id) }
        for id in other.incidentIDs.ids { incidentIDs.insert(id) }
        serviceSources.formUnion(other.serviceSources)
        detectionSources.formUnion(other.detectionSources)
        mitreTechniques.formUnion(other.mitreTechniques)
        categories.formUnion(other.categories)
        roleBits |= other.roleBits
        extraRoles.formUnion(other.extraRoles)
        verdicts.formUnion(other.verdicts)
        evidenceTypes.formUnion(other.evidenceTypes)
    }

    var roles: Set<String> {
        var names = extraRoles
        for (index, name) in EvidenceRoles.names.enumerated() where roleBits & (1 << UInt32(index)) != 0 {
            names.insert(name)
        }
        return names
    }

    var indicator: Indicator {
        Indicator(
            type: kind, value: value, id: Indicator.id(type: kind, value: value), firstSeen: firstSeen?.date,
            lastSeen: lastSeen?.date, severity: severity, count: count, alertIDs: Set(alertIDs.ids),
            incidentIDs: Set(incidentIDs.ids), serviceSources: serviceSources, detectionSources: detectionSources,
            mitreTechniques: mitreTechniques, categories: categories, roles: roles, verdicts: verdicts,
            evidenceTypes: evidenceTypes)
    }

    /// The `indicator` object of the mapping language (and the default shape of an indicator record).
    var json: JSON {
        func list(_ values: some Sequence<String>) -> JSON {
            .array(values.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.map(JSON.string))
        }
        var object = JSONObject()
        object.reserveCapacity(17)
        object.appendUnchecked("id", .string(Indicator.id(type: kind, value: value)))
        object.appendUnchecked("type", .string(kind.rawValue))
        object.appendUnchecked("value", .string(value))
        object.appendUnchecked("first_seen", firstSeen.map { .string($0.iso8601) } ?? .null)
        object.appendUnchecked("last_seen", lastSeen.map { .string($0.iso8601) } ?? .null)
        object.appendUnchecked("severity", .string(severity.rawValue))
        object.appendUnchecked("count", .int(count))
        object.appendUnchecked("alert_ids", list(alertIDs.ids))
        object.appendUnchecked("incident_ids", list(incidentIDs.ids))
        object.appendUnchecked("service_sources", list(serviceSources))
        object.appendUnchecked("detection_sources", list(detectionSources))
        object.appendUnchecked("mitre_techniques", list(mitreTechniques))
        object.appendUnchecked("categories", list(categories))
        object.appendUnchecked("roles", list(roles))
        object.appendUnchecked("verdicts", list(verdicts))
        object.appendUnchecked("evidence_types", list(evidenceTypes))
        return .object(object)
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
        if ids.count == limit, let last = ids.last, !id.utf8.lexicographicallyPrecedes(last.utf8) { return }
        var low = 0
        var high = ids.count
        while low < high {
            let middle = (low + high) / 2
            if ids[middle].utf8.lexicographicallyPrecedes(id.utf8) { low = middle + 1 } else { high = middle }
        }
        if low < ids.count, ids[low] == id { return }
        ids.insert(id, at: low)
        if ids.count > limit { ids.removeLast() }
    }
}
