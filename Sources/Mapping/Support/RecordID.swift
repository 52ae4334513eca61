import JSON

/// Deterministic record ids: UUIDv5 in `UUIDv5.recordNamespace`.
enum RecordID {
    /// `"<kind>|<tenantId>|<id>"` (`latest`), plus `"|<lastUpdateDateTime>"` in UTC ISO 8601 (`versions`).
    /// The tenant is part of the name because incident ids are small numbers, unique only within a tenant. An
    /// entity without an id is named by its whole content (sorted-key JSON), so the same content gets the same id.
    /// The members `entity` reads (without an `id`, it reads the whole entity).
    static let membersRead: Set<String> = ["tenantId", "id", "lastUpdateDateTime"]

    static func entity(kind: Record.Kind, _ entity: JSON, history: History) -> String {
        let tenant = AlertContext.text(entity.member("tenantId")) ?? ""
        let id =
            AlertContext.text(entity.member("id"))
            ?? "content:" + entity.encodedString(options: JSONWriteOptions(sortedKeys: true))
        guard history == .versions else {
            return UUIDv5.make(namespace: UUIDv5.recordNamespace, parts: kind.rawValue, "|", tenant, "|", id)
        }
        var update = ""
        if case .string(let text)? = entity.member("lastUpdateDateTime") {
            update = Timestamp(iso8601: text)?.iso8601 ?? text
        }
        return UUIDv5.make(namespace: UUIDv5.recordNamespace, parts: kind.rawValue, "|", tenant, "|", id, "|", update)
    }
}
