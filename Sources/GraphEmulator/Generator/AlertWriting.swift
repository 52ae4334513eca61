/// Writes the evidence of one generated alert. It owns the JSON writer and the alert's random stream while the
/// alert is written; every evidence type of GRAPH.md §6 has a method here or in an extension.
///
/// Nested evidence follows OData: a nested object carries `@odata.type` only where the declared type is the base
/// `alertEvidence` (e.g. `kubernetesClusterEvidence.cloudResource`); where the declared type is the object's own
/// (the `ipEvidence` inside `dnsEvidence`), it does not.
struct AlertWriting {
    var writer: JSONStreamWriter
    var random: SplitMix64
    let pools: IndicatorPools
    let organization: Organization
    /// The alert's `createdDateTime`: evidence is created with the alert.
    let created: GraphTimestamp
    let includeUnknown: Bool
    /// The alert's main device and user (evidence of one alert tells one story).
    let device: Organization.Device
    let user: Organization.User

    // MARK: shared pieces

    /// Writes one evidence object: the base members, the type's own members, then roles, detailed roles and tags.
    /// `type` is nil for nested evidence whose declared type is its own.
    mutating func evidence(
        _ type: StaticString?, verdict: String = "unknown", roles: [String] = [], detailedRoles: [String] = [],
        tags: [String] = [], _ members: (inout AlertWriting) -> Void
    ) {
        writer.beginObject()
        if let type {
            writer.key("@odata.type")
            writer.plain(type)
        }
        writer.key("createdDateTime")
        writer.timestamp(created)
        writer.key("verdict")
        writer.plain(verdict)
        writer.key("remediationStatus")
        let status = remediation()
        writer.plain(status)
        writer.key("remediationStatusDetails")
        writer.null()
        members(&self)
        writer.key("roles")
        writer.strings(roles)
        writer.key("detailedRoles")
        writer.strings(detailedRoles)
        writer.key("tags")
        writer.strings(tags)
        writer.endObject()
    }

    /// Writes a nested object (not evidence) under the current key.
    mutating func object(_ members: (inout AlertWriting) -> Void) {
        writer.beginObject()
        members(&self)
        writer.endObject()
    }

    mutating func array(_ elements: (inout AlertWriting) -> Void) {
        writer.beginArray()
        elements(&self)
        writer.endArray()
    }

    /// A remediation status, members after `unknownFutureValue` included (hidden unless the client opted in).
    static let remediationStatuses = SecurityEnums.remediationStatus.members.filter { $0 != "unknownFutureValue" }

    mutating func remediation() -> String {
        let value =
            random.chance(0.7)
            ? "none" : random.pick(Self.remediationStatuses)
        return SecurityEnums.remediationStatus.wireValue(value, includeUnknown: includeUnknown)
    }

    mutating func key(_ key: StaticString, _ value: String?) {
        writer.key(key)
        writer.string(value)
    }

    mutating func key(_ key: StaticString, int value: Int?) {
        writer.key(key)
        writer.int(value)
    }

    mutating func key(_ key: StaticString, time value: GraphTimestamp?) {
        writer.key(key)
        writer.timestamp(value)
    }

    mutating func key(_ key: StaticString, bool value: Bool) {
        writer.key(key)
        writer.bool(value)
    }

    mutating func key(_ key: StaticString, strings values: [String]) {
        writer.key(key)
        writer.strings(values)
    }

    /// A time shortly before the alert (activity that led to it).
    mutating func before(minutes: ClosedRange<Int>) -> GraphTimestamp {
        created.adding(seconds: -Double(random.int(minutes)) * 60 - Double(random.below(60)) - random.unit())
    }

    /// An index into the C2 address pool, skewed so a few servers recur often.
    mutating func threatAddress() -> Int { random.skewed(pools.ipAddresses.count) }

    mutating func maliciousVerdict() -> String { random.chance(0.75) ? "malicious" : "suspicious" }
}
