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

    /// The indicators of one alert (each value once, with this alert's context), sorted by type then value.
    /// `incidentID`: the incident the alert was read through, when it came inside an expanded incident.
    public func indicators(inAlert alert: JSON, incidentID: String? = nil) -> [Indicator] {
        var accumulators: [IndicatorAccumulator] = []
        forEachAccepted(in: alert, incidentID: incidentID) { finding, context in
            if let position = accumulators.firstIndex(where: { $0.kind == finding.kind && $0.value == finding.value }) {
                accumulators[position].merge(finding, alert: context, serial: 0)
            } else {
                var accumulator = IndicatorAccumulator(kind: finding.kind, value: finding.value, maxIDs: Int.max)
                accumulator.merge(finding, alert: context, serial: 0)
                accumulators.append(accumulator)
            }
        } dropped: { _ in
        } asset: { _ in
        }
        return accumulators.sorted { lhs, rhs in
            lhs.kind != rhs.kind ? lhs.kind < rhs.kind : lhs.value.utf8.lexicographicallyPrecedes(rhs.value.utf8)
        }.map(\.indicator)
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
        forEachAccepted(in: alert, incidentID: incidentID) { finding, context in
            set.statistics.accepted += 1
            set.add(finding, alert: context, alertJSON: alert, serial: serial)
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
        guard case .array(let alerts)? = incident["alerts"] else { return }
        let incidentID = AlertContext.text(incident["id"])
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
        let context = AlertContext(alert: alert, incidentID: incidentID)
        for finding in found.threats {
            if found.assets.contains(finding.value) {
                dropped(.asset)
            } else if let reason = policy.judge(finding) {
                dropped(reason)
            } else {
                accepted(finding, context)
            }
        }
    }
}
