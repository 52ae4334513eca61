import JSON

/// Extracts the threat indicators of alerts, as `docs/INDICATORS.md` describes, judged by an `IndicatorPolicy`.
///
/// Never fails: missing, null or oddly typed fields are skipped, and evidence of an unknown `@odata.type` is
/// counted and skipped.
public struct IndicatorExtractor: Sendable {
    public var policy: IndicatorPolicy

    public init(policy: IndicatorPolicy = IndicatorPolicy()) {
        self.policy = policy
    }

    /// One indicator's findings within one alert.
    struct Group {
        var kind: Indicator.Kind
        var value: String
        var count = 0
        var roleBits: UInt32 = 0
        var extraRoles: [String] = []
        var verdictBits: UInt8 = 0
        var typeBits: UInt64 = 0

        mutating func add(_ finding: EvidenceFinding) {
            count += 1
            roleBits |= finding.roles.bits
            for role in finding.roles.extra where !extraRoles.contains(role) { extraRoles.append(role) }
            verdictBits |= ContextSets.bit(finding.verdict)
            typeBits |= ContextSets.bit(finding.evidenceType)
        }
    }

    /// The indicators of one alert (each value once, with this alert's context), sorted by type then value.
    /// `incidentID`: the incident the alert was read through, when it came inside an expanded incident.
    public func indicators(inAlert alert: JSON, incidentID: String? = nil) -> [Indicator] {
        var groups: [Group] = []
        groups.reserveCapacity(8)  // one allocation, not one per doubling (alerts carry a handful of indicators)
        var context: AlertContext?
        forEachAccepted(in: alert, incidentID: incidentID) { finding, alertContext in
            if context == nil { context = alertContext }  // the same for every finding: copied once
            if let position = groups.firstIndex(where: { $0.kind == finding.kind && $0.value == finding.value }) {
                groups[position].add(finding)
            } else {
                var group = Group(kind: finding.kind, value: finding.value)
                group.add(finding)
                groups.append(group)
            }
        } dropped: { _ in
        } asset: { _ in
        }
        guard let context else { return [] }
        // Sort positions, reading the groups in place: a group is too large to move around cheaply.
        var order = Array(groups.indices)
        if groups.count > 1 {
            groups.withUnsafeBufferPointer { groups in
                order.sort { lhs, rhs in
                    let a = groups[lhs].kind.rank
                    let b = groups[rhs].kind.rank
                    return a != b ? a < b : Bytewise.less(groups[lhs].value, groups[rhs].value)
                }
            }
        }
        // The alert's context is the same for each of its indicators: built once, shared (copy on write).
        let alertIDs = Self.set(context.alertID)
        let incidentIDs = Set(context.incidentIDs)
        let serviceSources = Self.set(context.serviceSource)
        let detectionSources = Self.set(context.detectionSource)
        let techniques = Set(context.mitreTechniques)
        let categories = Set(context.categories)
        let firstSeen = context.firstSeen?.date
        let lastSeen = context.lastSeen?.date
        // Indicators of one alert often share their evidence types (a file's three hashes): the last set is reused.
        var lastTypeBits: UInt64 = 0
        var lastTypes: Set<String> = []
        return order.map { position in
            let group = groups[position]
            if group.typeBits != lastTypeBits {
                lastTypeBits = group.typeBits
                lastTypes = ContextSets.evidenceTypes(group.typeBits)
            }
            return Indicator(
                type: group.kind, value: group.value, id: Indicator.id(type: group.kind, value: group.value),
                firstSeen: firstSeen, lastSeen: lastSeen, severity: context.severity, count: group.count,
                alertIDs: alertIDs, incidentIDs: incidentIDs, serviceSources: serviceSources,
                detectionSources: detectionSources, mitreTechniques: techniques, categories: categories,
                roles: ContextSets.roles(group.roleBits, extra: group.extraRoles),
                verdicts: ContextSets.verdictSets[Int(group.verdictBits)], evidenceTypes: lastTypes)
        }
    }

    /// A set of the value, or an empty set (without the array a set literal is built from).
    static func set(_ value: String?) -> Set<String> {
        guard let value else { return [] }
        var set = Set<String>(minimumCapacity: 1)
        set.insert(value)
        return set
    }

    /// The indicators of every alert of an incident (`incident.alerts`, when it was read with its alerts), merged.
    public func indicators(inIncident incident: JSON) -> [Indicator] {
        var set = IndicatorSet()
        collect(incident: incident, into: &set)
        return set.indicators
    }

    /// Adds one alert's indicators and assets to a run's set.
    public func collect(alert: JSON, incidentID: String? = nil, into set: inout IndicatorSet) {
        let serial = set.beginAlert()
        var interned: InternedAlert?
        forEachAccepted(in: alert, incidentID: incidentID) { finding, context in
            set.statistics.accepted += 1
            if interned == nil { interned = InternedAlert(context, table: &set.table) }
            set.add(finding, alert: interned!, alertJSON: alert, serial: serial)
        } dropped: { reason in
            set.drop(reason)
        } asset: { value in
            set.addAsset(value)
        } unknownTypes: { count in
            set.statistics.unknownEvidenceTypes += count
        } findings: { count in
            set.statistics.findings += count
        }
    }

    /// Adds the indicators of every alert of an expanded incident (`incident.alerts`) to a run's set.
    public func collect(incident: JSON, into set: inout IndicatorSet) {
        guard case .array(let alerts)? = incident.member("alerts") else { return }
        let incidentID = AlertContext.text(incident.member("id"))
        for alert in alerts { collect(alert: alert, incidentID: incidentID, into: &set) }
    }

    /// Walks the alert, drops what the policy or the alert's own assets rule out, hands on the rest.
    func forEachAccepted(
        in alert: JSON, incidentID: String?, accepted: (EvidenceFinding, AlertContext) -> Void,
        dropped: (IndicatorPolicy.DropReason) -> Void, asset: (String) -> Void,
        unknownTypes: (Int) -> Void = { _ in }, findings: (Int) -> Void = { _ in }
    ) {
        let found = EvidenceWalker.walk(alert: alert)
        for value in found.assets { asset(value) }
        if found.unknownTypes > 0 { unknownTypes(found.unknownTypes) }
        findings(found.threats.count)
        guard !found.threats.isEmpty else { return }
        func reason(_ finding: EvidenceFinding) -> IndicatorPolicy.DropReason? {
            found.assets.contains(finding.value) ? .asset : policy.judge(finding)
        }
        // The alert's context is read once, when the first finding is accepted, and lent to every accepted one.
        var first = 0
        while first < found.threats.count, let reason = reason(found.threats[first]) {
            dropped(reason)
            first += 1
        }
        guard first < found.threats.count else { return }
        let context = AlertContext(alert: alert, incidentID: incidentID)
        accepted(found.threats[first], context)
        for index in (first + 1)..<found.threats.count {
            if let reason = reason(found.threats[index]) {
                dropped(reason)
            } else {
                accepted(found.threats[index], context)
            }
        }
    }
}
