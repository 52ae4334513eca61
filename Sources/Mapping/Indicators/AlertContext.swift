import JSON

/// What an indicator inherits from the alert it was found in, read once per alert.
struct AlertContext: Sendable {
    var alertID: String?
    var incidentIDs: [String]
    var severity: Severity
    /// The earliest and latest activity of the alert (Graph's first/last activity times; the creation and last
    /// update times when those are missing).
    var firstSeen: Timestamp?
    var lastSeen: Timestamp?
    /// `lastUpdateDateTime` (else `createdDateTime`): which of two equally severe alerts is the later.
    var updated: Timestamp?
    var serviceSource: String?
    var detectionSource: String?
    var mitreTechniques: [String]
    var categories: [String]

    /// `incidentID`: the incident the alert was read through (an expanded incident), if any.
    init(alert: JSON, incidentID: String? = nil) {
        let object = alert.objectValue ?? JSONObject()
        alertID = Self.text(object.member("id"))
        incidentIDs = []
        if let own = Self.text(object.member("incidentId")) { incidentIDs.append(own) }
        if let incidentID, !incidentIDs.contains(incidentID) { incidentIDs.append(incidentID) }
        severity = Self.severity(object.member("severity"))
        let first = Self.time(object.member("firstActivityDateTime"))
        let last = Self.time(object.member("lastActivityDateTime"))
        let created = Self.time(object.member("createdDateTime"))
        let lastUpdate = Self.time(object.member("lastUpdateDateTime"))
        // Graph's descriptions of the two activity times read as if swapped; take the earlier and the later.
        switch (first, last) {
        case (let a?, let b?):
            firstSeen = min(a, b)
            lastSeen = max(a, b)
        case (let only?, nil), (nil, let only?):
            firstSeen = only
            lastSeen = only
        case (nil, nil):
            firstSeen = created ?? lastUpdate
            lastSeen = lastUpdate ?? created
        }
        updated = lastUpdate ?? created
        serviceSource = object.member("serviceSource")?.stringValue
        detectionSource = object.member("detectionSource")?.stringValue
        mitreTechniques = Self.strings(object.member("mitreTechniques"))
        categories = Self.strings(object.member("categories"))
        if let category = object.member("category")?.stringValue, !categories.contains(category) {
            categories.append(category)
        }
    }

    /// Graph's severity, fast for the camelCase Graph writes, case-insensitive for incidents' PascalCase.
    static func severity(_ value: JSON?) -> Severity {
        guard case .string(let text)? = value else { return .unknown }
        switch text {
        case "high": return .high
        case "medium": return .medium
        case "low": return .low
        case "informational": return .informational
        default: return Severity(graphValue: text)
        }
    }

    static func time(_ value: JSON?) -> Timestamp? {
        guard case .string(let text)? = value else { return nil }
        return Timestamp(iso8601: text)
    }

    /// A string, or a number's text (ids are strings, but a hand-written record may carry a number).
    static func text(_ value: JSON?) -> String? {
        switch value {
        case .string(let text)?: return text.isEmpty ? nil : text
        case .int(let number)?: return String(number)
        default: return nil
        }
    }

    static func strings(_ value: JSON?) -> [String] {
        guard case .array(let items)? = value else { return [] }
        return items.compactMap { $0.stringValue }
    }
}
