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
    var createdText: String?
    var lastUpdateText: String?
    var serviceSource: String?
    var detectionSource: String?
    var mitreTechniques: [String] = []
    var categories: [String] = []

    /// `lastUpdateDateTime` (else `createdDateTime`): which of two equally severe alerts is the later.
    var updated: Timestamp? {
        lastUpdateText.flatMap(Timestamp.init(iso8601:)) ?? createdText.flatMap(Timestamp.init(iso8601:))
    }

    /// `incidentID`: the incident the alert was read through (an expanded incident), if any.
    ///
    /// One pass over the alert's members (a Graph alert has some 40), matching the wanted names by length first.
    init(alert: JSON, incidentID: String? = nil) {
        incidentIDs = []
        severity = .unknown
        var first: Timestamp?
        var last: Timestamp?
        var category: String?
        if case .object(let object) = alert {
            let keys = object.keys
            let values = object.values
            for index in keys.indices {
                let key = keys[index]
                switch key.utf8.count {
                case 2 where key == "id": alertID = Self.text(values[index])
                case 8 where key == "severity": severity = Self.severity(values[index])
                case 8 where key == "category": category = values[index].stringValue
                case 10 where key == "incidentId":
                    if let own = Self.text(values[index]) { incidentIDs.insert(own, at: 0) }
                case 10 where key == "categories": categories = Self.strings(values[index])
                case 13 where key == "serviceSource": serviceSource = values[index].stringValue
                case 15 where key == "detectionSource": detectionSource = values[index].stringValue
                case 15 where key == "mitreTechniques": mitreTechniques = Self.strings(values[index])
                case 15 where key == "createdDateTime": createdText = values[index].stringValue
                case 18 where key == "lastUpdateDateTime": lastUpdateText = values[index].stringValue
                case 20 where key == "lastActivityDateTime": last = Self.time(values[index])
                case 21 where key == "firstActivityDateTime": first = Self.time(values[index])
                default: break
                }
            }
        }
        if let incidentID, !incidentIDs.contains(incidentID) { incidentIDs.append(incidentID) }
        if let category, !categories.contains(category) { categories.append(category) }
        // Graph's descriptions of the two activity times read as if swapped; take the earlier and the later.
        switch (first, last) {
        case (let a?, let b?):
            firstSeen = min(a, b)
            lastSeen = max(a, b)
        case (let only?, nil), (nil, let only?):
            firstSeen = only
            lastSeen = only
        case (nil, nil):
            let created = createdText.flatMap(Timestamp.init(iso8601:))
            let lastUpdate = lastUpdateText.flatMap(Timestamp.init(iso8601:))
            firstSeen = created ?? lastUpdate
            lastSeen = lastUpdate ?? created
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
