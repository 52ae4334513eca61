import JSON

/// Turns a set's accumulators into `Indicator` values and `indicator` JSON objects.
///
/// Contexts repeat from one indicator to the next (the same service source, the same techniques): the sets and
/// lists made for one are kept and shared, copy-on-write, with the next, so a run's records hold one copy of each.
struct IndicatorRenderer {
    let table: StringTable
    private var sets: [[UInt32]: Set<String>] = [:]
    private var lists: [[UInt32]: JSON] = [:]
    /// The same, keyed without building an array, for members that fit inline (nearly all).
    private var inlineSets: [SmallIDs.InlineKey: Set<String>] = [:]
    private var inlineLists: [SmallIDs.InlineKey: JSON] = [:]
    /// Role and evidence-type lists by bit set, for entries with no names outside Graph's (the common case).
    private var roleSets: [UInt32: Set<String>] = [:]
    private var roleLists: [UInt32: JSON] = [:]
    private var evidenceTypeLists: [UInt64: JSON] = [:]
    /// The sorted `verdicts` list of each of the 16 verdict sets.
    private static let verdictLists: [JSON] = ContextSets.verdictSets.map { sortedList(Array($0)) }

    init(table: StringTable) {
        self.table = table
    }

    /// The value kept under `key` in `cache`, made by `make` the first time.
    @inline(__always)
    private static func cached<Key: Hashable, Value>(
        _ key: Key, in cache: inout [Key: Value], _ make: () -> Value
    ) -> Value {
        if let value = cache[key] { return value }
        let made = make()
        cache[key] = made
        return made
    }

    mutating func set(_ members: SmallIDs) -> Set<String> {
        if members.isEmpty { return [] }
        let table = table
        if let inline = members.inlineKey {
            return Self.cached(inline, in: &inlineSets) { table.set(members.members) }
        }
        let key = members.members
        if key.isEmpty { return [] }
        return Self.cached(key, in: &sets) { table.set(key) }
    }

    mutating func list(_ members: SmallIDs) -> JSON {
        if members.isEmpty { return [] }
        let table = table
        if let inline = members.inlineKey {
            return Self.cached(inline, in: &inlineLists) {
                Self.sortedList(members.members.map { table.strings[Int($0)] })
            }
        }
        let key = members.members
        if key.isEmpty { return [] }
        return Self.cached(key, in: &lists) { Self.sortedList(key.map { table.strings[Int($0)] }) }
    }

    static func sortedList(_ values: [String]) -> JSON {
        .array(values.sorted(by: Bytewise.less).map(JSON.string))
    }

    mutating func roles(_ entry: IndicatorAccumulator) -> Set<String> {
        guard entry.extraRoles.isEmpty else {
            return ContextSets.roles(entry.roleBits, extra: entry.extraRoles.members.map { table.strings[Int($0)] })
        }
        return Self.cached(entry.roleBits, in: &roleSets) { ContextSets.roles(entry.roleBits, extra: []) }
    }

    mutating func roleList(_ entry: IndicatorAccumulator) -> JSON {
        guard entry.extraRoles.isEmpty else { return Self.sortedList(Array(roles(entry))) }
        return Self.cached(entry.roleBits, in: &roleLists) {
            Self.sortedList(Array(ContextSets.roles(entry.roleBits, extra: [])))
        }
    }

    mutating func evidenceTypeList(_ entry: IndicatorAccumulator) -> JSON {
        guard entry.otherEvidenceTypes.isEmpty else { return Self.sortedList(Array(evidenceTypes(entry))) }
        return Self.cached(entry.evidenceTypeBits, in: &evidenceTypeLists) {
            Self.sortedList(Array(ContextSets.evidenceTypes(entry.evidenceTypeBits)))
        }
    }

    func evidenceTypes(_ entry: IndicatorAccumulator) -> Set<String> {
        let known = ContextSets.evidenceTypes(entry.evidenceTypeBits)
        let others = entry.otherEvidenceTypes.members
        return others.isEmpty ? known : known.union(others.map { table.strings[Int($0)] })
    }

    mutating func indicator(_ entry: IndicatorAccumulator, id: String) -> Indicator {
        Indicator(
            type: entry.kind, value: entry.value, id: id, firstSeen: entry.firstSeen?.date,
            lastSeen: entry.lastSeen?.date, severity: entry.severity, count: entry.count,
            alertIDs: entry.alertIDs.set, incidentIDs: entry.incidentIDs.set,
            serviceSources: set(entry.serviceSources), detectionSources: set(entry.detectionSources),
            mitreTechniques: set(entry.mitreTechniques), categories: set(entry.categories), roles: roles(entry),
            verdicts: ContextSets.verdictSets[Int(entry.verdictBits)], evidenceTypes: evidenceTypes(entry))
    }

    /// The `indicator` object of the mapping language (and the default shape of an indicator record).
    mutating func json(_ entry: IndicatorAccumulator, id: String) -> JSON {
        var object = JSONObject()
        object.reserveCapacity(16)
        object.appendUnchecked("id", .string(id))
        object.appendUnchecked("type", .string(entry.kind.rawValue))
        object.appendUnchecked("value", .string(entry.value))
        object.appendUnchecked("first_seen", entry.firstSeen.map { .string($0.iso8601) } ?? .null)
        object.appendUnchecked("last_seen", entry.lastSeen.map { .string($0.iso8601) } ?? .null)
        object.appendUnchecked("severity", .string(entry.severity.rawValue))
        object.appendUnchecked("count", .int(entry.count))
        object.appendUnchecked("alert_ids", entry.alertIDs.json)
        object.appendUnchecked("incident_ids", entry.incidentIDs.json)
        object.appendUnchecked("service_sources", list(entry.serviceSources))
        object.appendUnchecked("detection_sources", list(entry.detectionSources))
        object.appendUnchecked("mitre_techniques", list(entry.mitreTechniques))
        object.appendUnchecked("categories", list(entry.categories))
        object.appendUnchecked("roles", roleList(entry))
        object.appendUnchecked("verdicts", Self.verdictLists[Int(entry.verdictBits)])
        object.appendUnchecked("evidence_types", evidenceTypeList(entry))
        return .object(object)
    }
}
