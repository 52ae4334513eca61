import JSON

/// The distinct assets of the organisation named in a run's alerts (`emit: assets`): devices, users, mailboxes,
/// applications, service principals and cloud resources, deduplicated by (kind, key), with the context of the
/// alerts that named them — for prioritisation, never for blocking.
public struct AssetSet: Sendable {
    struct Key: Hashable, Sendable {
        var kind: AssetKind
        var key: String
    }

    struct Entry: Sendable {
        var kind: AssetKind
        var key: String
        var name: String?
        /// The descriptive properties from the latest alert that named the asset (ties: the larger alert id).
        var attributes: [(String, JSON)] = []
        var attributesFrom: (updated: Timestamp?, alertID: String)?
        /// That alert, for `alert.*` paths of asset records.
        var alert: JSON = .null
        var firstSeen: Timestamp?
        var lastSeen: Timestamp?
        var severity: Severity = .unknown
        var count = 0
        var alertIDs: BoundedIDs
        var incidentIDs: BoundedIDs
        var serviceSources: Set<String> = []
        var roleBits: UInt32 = 0
        var extraRoles: Set<String> = []
        var verdictBits: UInt8 = 0
        var evidenceTypeBits: UInt64 = 0
        var lastAlertSerial = -1
    }

    public let maxIDsPerAsset: Int
    /// Keep, per asset, the alert that `alert.*` paths of an asset record read.
    var keepsAlerts = false
    var index: [Key: Int] = [:]
    var entries: [Entry] = []
    var serial = 0

    public init(maxIDsPerAsset: Int = 100) {
        self.maxIDsPerAsset = maxIDsPerAsset
    }

    /// Distinct assets so far.
    public var count: Int { entries.count }

    /// Adds the assets one alert names. `incidentID`: the incident it was read through, if any.
    public mutating func collect(alert: JSON, incidentID: String? = nil) {
        let findings = AssetWalker.walk(alert: alert)
        guard !findings.isEmpty else { return }
        serial += 1
        let context = AlertContext(alert: alert, incidentID: incidentID)
        let updated = context.updated
        for finding in findings {
            let key = Key(kind: finding.kind, key: finding.key)
            let position: Int
            if let known = index[key] {
                position = known
            } else {
                position = entries.count
                index[key] = position
                entries.append(
                    Entry(
                        kind: finding.kind, key: finding.key, alertIDs: BoundedIDs(limit: maxIDsPerAsset),
                        incidentIDs: BoundedIDs(limit: maxIDsPerAsset)))
            }
            merge(finding, context: context, updated: updated, alertJSON: alert, into: &entries[position])
        }
    }

    /// Adds the assets every alert of an expanded incident names.
    public mutating func collect(incident: JSON) {
        guard case .array(let alerts)? = incident.member("alerts") else { return }
        let incidentID = AlertContext.text(incident.member("id"))
        for alert in alerts { collect(alert: alert, incidentID: incidentID) }
    }

    private func merge(
        _ finding: AssetFinding, context: AlertContext, updated: Timestamp?, alertJSON: JSON, into entry: inout Entry
    ) {
        entry.count += 1
        entry.roleBits |= finding.roles.bits
        entry.extraRoles.formUnion(finding.roles.extra)
        entry.verdictBits |= ContextSets.bit(finding.verdict)
        entry.evidenceTypeBits |= ContextSets.bit(finding.evidenceType)
        let alertID = context.alertID ?? ""
        var newer = true
        if let current = entry.attributesFrom {
            if current.updated != updated {
                newer = (updated ?? Timestamp(seconds: .min)) > (current.updated ?? Timestamp(seconds: .min))
            } else {
                newer = Bytewise.less(current.alertID, alertID)  // the same alert again: its first mention stays
            }
        }
        if newer {
            entry.attributes = finding.attributes
            entry.name = finding.name ?? entry.name
            entry.attributesFrom = (updated, alertID)
            if keepsAlerts { entry.alert = alertJSON }
        }
        guard entry.lastAlertSerial != serial else { return }
        entry.lastAlertSerial = serial
        if let first = context.firstSeen, entry.firstSeen.map({ first < $0 }) ?? true { entry.firstSeen = first }
        if let last = context.lastSeen, entry.lastSeen.map({ last > $0 }) ?? true { entry.lastSeen = last }
        if context.severity > entry.severity { entry.severity = context.severity }
        if let id = context.alertID { entry.alertIDs.insert(id) }
        for id in context.incidentIDs { entry.incidentIDs.insert(id) }
        if let source = context.serviceSource { entry.serviceSources.insert(source) }
    }

    /// Positions in output order: by kind (in `AssetKind` order), then key.
    var sortedPositions: [Int] {
        let order = Dictionary(uniqueKeysWithValues: AssetKind.allCases.enumerated().map { ($0.element, $0.offset) })
        return entries.indices.sorted { lhs, rhs in
            let a = entries[lhs]
            let b = entries[rhs]
            return a.kind != b.kind ? order[a.kind]! < order[b.kind]! : Bytewise.less(a.key, b.key)
        }
    }

    /// The record id of an asset: UUIDv5 of `"asset|<kind>|<key>"` in the record namespace.
    static func id(_ entry: Entry) -> String {
        UUIDv5.make(namespace: UUIDv5.recordNamespace, parts: "asset|", entry.kind.rawValue, "|", entry.key)
    }

    /// The `asset` object of the mapping language (and the default shape of an asset record).
    static func json(_ entry: Entry) -> JSON {
        func list(_ values: some Sequence<String>) -> JSON { .array(values.sorted(by: Bytewise.less).map(JSON.string)) }
        var object = JSONObject()
        object.appendUnchecked("id", .string(id(entry)))
        object.appendUnchecked("kind", .string(entry.kind.rawValue))
        object.appendUnchecked("key", .string(entry.key))
        object.appendUnchecked("name", entry.name.map(JSON.string) ?? .null)
        object.appendUnchecked("attributes", .object(JSONObject(entry.attributes)))
        object.appendUnchecked("first_seen", entry.firstSeen.map { .string($0.iso8601) } ?? .null)
        object.appendUnchecked("last_seen", entry.lastSeen.map { .string($0.iso8601) } ?? .null)
        object.appendUnchecked("severity", .string(entry.severity.rawValue))
        object.appendUnchecked("count", .int(entry.count))
        object.appendUnchecked("alert_ids", .array(entry.alertIDs.ids.map(JSON.string)))
        object.appendUnchecked("incident_ids", .array(entry.incidentIDs.ids.map(JSON.string)))
        object.appendUnchecked("service_sources", list(entry.serviceSources))
        object.appendUnchecked("roles", list(ContextSets.roles(entry.roleBits, extra: entry.extraRoles)))
        object.appendUnchecked("verdicts", list(ContextSets.verdictSets[Int(entry.verdictBits)]))
        object.appendUnchecked("evidence_types", list(ContextSets.evidenceTypes(entry.evidenceTypeBits)))
        return .object(object)
    }
}
