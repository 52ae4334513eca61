import JSON

/// Deterministic record ids: UUIDv5 in `UUIDv5.recordNamespace`.
enum RecordID {
    /// `"<kind>|<tenantId>|<id>"` (`latest`), plus `"|<lastUpdateDateTime>"` in UTC ISO 8601 (`versions`).
    /// The tenant is part of the name because incident ids are small numbers, unique only within a tenant. An
    /// entity without an id is named by its whole content (sorted-key JSON), so the same content gets the same id.
    static func entity(kind: Record.Kind, _ entity: JSON, history: History) -> String {
        let tenant = AlertContext.text(entity["tenantId"]) ?? ""
        var name = kind.rawValue + "|" + tenant + "|"
        if let id = AlertContext.text(entity["id"]) {
            name += id
        } else {
            name += "content:" + entity.encodedString(options: JSONWriteOptions(sortedKeys: true))
        }
        if history == .versions {
            name += "|"
            if case .string(let text)? = entity["lastUpdateDateTime"] {
                name += Timestamp(iso8601: text)?.iso8601 ?? text
            }
        }
        return UUIDv5.make(namespace: UUIDv5.recordNamespace, name: name)
    }
}
