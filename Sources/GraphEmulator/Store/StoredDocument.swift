import JSON

/// A record held as JSON (loaded from files, added or changed by a test), with its encodings ready to serve.
struct StoredDocument: Sendable {
    var json: JSON
    /// The record as given: what a client that sends `Prefer: include-unknown-enum-members` receives.
    var bytes: [UInt8]
    /// The record with members after `unknownFutureValue` written as `unknownFutureValue`; nil when the same.
    var hidingUnknownBytes: [UInt8]?

    init(_ json: JSON, entitySet: EntitySet) {
        self.json = json
        bytes = json.encoded()
        let hidden = UnknownMembers.hide(in: json, entitySet: entitySet)
        hidingUnknownBytes = hidden == json ? nil : hidden.encoded()
    }

    func bytes(includeUnknown: Bool) -> [UInt8] {
        includeUnknown ? bytes : hidingUnknownBytes ?? bytes
    }
}

/// Rewrites the evolvable-enum members a client did not opt into (GRAPH.md §5): `serviceSource` and
/// `detectionSource` of alerts, `status` of incidents, and `remediationStatus` anywhere in an alert's evidence.
enum UnknownMembers {
    static func hide(in record: JSON, entitySet: EntitySet) -> JSON {
        guard case .object(var object) = record else { return record }
        switch entitySet {
        case .alerts:
            for (key, table) in [
                ("serviceSource", SecurityEnums.serviceSource), ("detectionSource", SecurityEnums.detectionSource),
            ] {
                if let value = object[key]?.stringValue, table.isAfterSentinel(value) {
                    object[key] = "unknownFutureValue"
                }
            }
            if let evidence = object["evidence"] { object["evidence"] = hideRemediationStatus(in: evidence) }
        case .incidents:
            if let value = object["status"]?.stringValue, SecurityEnums.incidentStatus.isAfterSentinel(value) {
                object["status"] = "unknownFutureValue"
            }
        }
        return .object(object)
    }

    private static func hideRemediationStatus(in value: JSON) -> JSON {
        switch value {
        case .array(let elements): return .array(elements.map(hideRemediationStatus))
        case .object(var object):
            for index in 0..<object.count {
                let key = object.keys[index]
                let member = object.values[index]
                if key == "remediationStatus", let text = member.stringValue,
                    SecurityEnums.remediationStatus.isAfterSentinel(text)
                {
                    object[key] = "unknownFutureValue"
                } else if case .object = member {
                    object[key] = hideRemediationStatus(in: member)
                } else if case .array = member {
                    object[key] = hideRemediationStatus(in: member)
                }
            }
            return .object(object)
        default: return value
        }
    }
}
