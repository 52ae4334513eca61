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
        if let id = alert.context.alertID { alertIDs.insert(id) }
        for id in alert.context.incidentIDs { incidentIDs.insert(id) }
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
    let serviceSource: UInt32?
    let detectionSource: UInt32?
    let mitreTechniques: [UInt32]
    let categories: [UInt32]

    init(_ context: AlertContext, table: inout StringTable) {
        self.context = context
        serviceSource = context.serviceSource.map { table.intern($0) }
        detectionSource = context.detectionSource.map { table.intern($0) }
        mitreTechniques = context.mitreTechniques.map { table.intern($0) }
        categories = context.categories.map { table.intern($0) }
    }
}

/// A set of ids that keeps at most `limit` of them — the smallest, so which ones are kept does not depend on the
/// order alerts arrive in. The first id is stored inline: most indicators are seen in one alert, and an array
/// per indicator would be an allocation per indicator.
struct BoundedIDs: Sendable {
    var limit: Int
    private var single: String?
    /// Sorted ascending (byte-wise), unique; used once there are two ids or more.
    private var many: [String] = []

    init(limit: Int) {
        self.limit = max(1, limit)
    }

    /// The ids, sorted ascending (byte-wise).
    var ids: [String] {
        if let single { return [single] }
        return many
    }

    /// The ids as a set.
    var set: Set<String> {
        guard let single else { return Set(many) }
        var set = Set<String>(minimumCapacity: 1)
        set.insert(single)
        return set
    }

    /// The ids as a JSON array of strings, sorted ascending (byte-wise).
    var json: JSON {
        if let single { return .array([.string(single)]) }
        return .array(many.map(JSON.string))
    }

    mutating func insert(_ id: String) {
        if many.isEmpty {
            guard let existing = single else {
                single = id
                return
            }
            if existing == id { return }
            let (low, high) = Bytewise.less(existing, id) ? (existing, id) : (id, existing)
            single = nil
            many = limit == 1 ? [low] : [low, high]
            return
        }
        let last = many[many.count - 1]
        if last == id { return }
        if many.count == limit, !Bytewise.less(id, last) { return }
        // Grow straight to the limit past 16 ids (not to 32): a full list holds exactly `limit`.
        if many.count == many.capacity, many.count >= 16 { many.reserveCapacity(limit + 1) }
        if Bytewise.less(last, id) {
            many.append(id)
            return
        }
        var low = 0
        var high = many.count
        while low < high {
            let middle = (low + high) / 2
            if Bytewise.less(many[middle], id) { low = middle + 1 } else { high = middle }
        }
        if low < many.count, many[low] == id { return }
        many.insert(id, at: low)
        if many.count > limit { many.removeLast() }
    }
}

/// A short set of interned numbers (sources, techniques, categories of the alerts an indicator was seen in):
/// four inline, the rest in an array, so the common indicator costs no allocation.
struct SmallIDs: Sendable {
    private static let empty = UInt32.max
    private var inline: (UInt32, UInt32, UInt32, UInt32) = (empty, empty, empty, empty)
    private var overflow: [UInt32] = []

    @inline(__always)
    mutating func insert(_ member: UInt32) {
        if inline.0 == member || inline.1 == member || inline.2 == member || inline.3 == member { return }
        if inline.0 == Self.empty {
            inline.0 = member
        } else if inline.1 == Self.empty {
            inline.1 = member
        } else if inline.2 == Self.empty {
            inline.2 = member
        } else if inline.3 == Self.empty {
            inline.3 = member
        } else if !overflow.contains(member) {
            overflow.append(member)
        }
    }

    var isEmpty: Bool { inline.0 == Self.empty && overflow.isEmpty }

    /// The four inline members as one value, when there are no others: a cache key that costs no allocation.
    struct InlineKey: Hashable {
        var high: UInt64
        var low: UInt64
    }

    var inlineKey: InlineKey? {
        guard overflow.isEmpty else { return nil }
        return InlineKey(
            high: UInt64(inline.0) << 32 | UInt64(inline.1), low: UInt64(inline.2) << 32 | UInt64(inline.3))
    }

    var members: [UInt32] {
        [inline.0, inline.1, inline.2, inline.3].filter { $0 != Self.empty } + overflow
    }
}
