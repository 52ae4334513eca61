import JSON

/// A compiled field rule: where the value comes from, then transforms, `map` and `default`.
struct FieldProgram: Sendable {
    indirect enum Source: Sendable {
        case path(Path)
        case constant(JSON)
        case template(Template)
        case object([(name: String, field: FieldProgram)])
    }

    var source: Source
    var transforms: [Transform] = []
    var map: ValueMap?
    var defaultValue: JSON?

    func evaluate(in scope: Scope) -> JSON {
        var value: JSON
        switch source {
        case .path(let path): value = path.evaluate(in: scope)
        case .constant(let constant): value = constant
        case .template(let template): value = template.render(in: scope)
        case .object(let members):
            var object = JSONObject()
            object.reserveCapacity(members.count)
            for member in members { object.appendUnchecked(member.name, member.field.evaluate(in: scope)) }
            value = .object(object)
        }
        for transform in transforms { value = transform.apply(value) }
        if let map {
            value = map.apply(value, default: defaultValue)
        } else if let defaultValue, value.isNull {
            value = defaultValue
        }
        return value
    }
}

/// A compiled `map`: exact keys first, then keys that differ only in case (Graph writes some enums PascalCase).
struct ValueMap: Sendable {
    var exact: [String: JSON]
    var folded: [String: JSON]

    init(_ entries: [(String, JSON)]) {
        exact = [:]
        folded = [:]
        var ambiguous = Set<String>()
        for (key, value) in entries {
            exact[key] = value
            let fold = key.lowercased()
            if folded[fold] != nil { ambiguous.insert(fold) }
            folded[fold] = value
        }
        for fold in ambiguous { folded[fold] = nil }
    }

    func lookup(_ value: JSON) -> JSON? {
        guard let key = ValueText.scalar(value) else { return nil }
        return exact[key] ?? folded[key.lowercased()]
    }

    /// Each element of a list, or the value: replaced when found; else `fallback` when there is one (and for
    /// `null`); else unchanged.
    func apply(_ value: JSON, default fallback: JSON?) -> JSON {
        if case .array(let items) = value { return .array(items.map { applyOne($0, fallback) }) }
        return applyOne(value, fallback)
    }

    private func applyOne(_ value: JSON, _ fallback: JSON?) -> JSON {
        if let found = lookup(value) { return found }
        return fallback ?? value
    }
}
