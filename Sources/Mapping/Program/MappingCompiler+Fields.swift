import Diagnostics
import JSON

extension MappingCompiler {
    /// An object of fields; `nil` when any of them is wrong (every problem is still reported).
    mutating func fields(_ members: [FieldRule.Member]) -> [(name: String, field: FieldProgram)]? {
        var result: [(name: String, field: FieldProgram)] = []
        var seen: [String: SourceLocation] = [:]
        var valid = true
        for member in members {
            let name = member.name.value
            if name.isEmpty {
                error("empty field name", at: member.name.location)
                valid = false
            } else if let first = seen[name] {
                error(
                    "duplicate field '\(name)'", at: member.name.location,
                    notes: [.init("'\(name)' is first defined here", at: first)])
                valid = false
            } else {
                seen[name] = member.name.location
            }
            if let field = field(member.rule, named: name) {
                result.append((name, field))
            } else {
                valid = false
            }
        }
        return valid ? result : nil
    }

    mutating func field(_ rule: FieldRule, named name: String) -> FieldProgram? {
        var sources: [(key: String, location: SourceLocation)] = []
        if let path = rule.path { sources.append(("path", path.location)) }
        if let constant = rule.constant { sources.append(("const", constant.location)) }
        if let template = rule.template { sources.append(("template", template.location)) }
        if let fields = rule.fields { sources.append(("fields", fields.location)) }
        guard let chosen = sources.first else {
            error("field '\(name)' needs one of 'path', 'const', 'template' or 'fields'", at: rule.location)
            return nil
        }
        var valid = true
        for extra in sources.dropFirst() {
            error(
                "field '\(name)' has both '\(chosen.key)' and '\(extra.key)'; a field takes exactly one of 'path', "
                    + "'const', 'template' or 'fields'",
                at: extra.location, notes: [.init("'\(chosen.key)' is here", at: chosen.location)])
            valid = false
        }
        var source: FieldProgram.Source?
        switch chosen.key {
        case "path": source = rule.path.flatMap { path($0.value, at: $0.location) }.map { .path($0) }
        case "const": source = rule.constant.map { .constant($0.value) }
        case "template": source = rule.template.flatMap { template($0) }.map { .template($0) }
        default: source = rule.fields.flatMap { fields($0.value) }.map { .object($0) }
        }
        var transforms: [Transform] = []
        for written in rule.transforms {
            if let transform = transform(written) { transforms.append(transform) } else { valid = false }
        }
        var map: ValueMap?
        if let entries = rule.map {
            if let compiled = valueMap(entries.value) { map = compiled } else { valid = false }
        }
        guard valid, let source else { return nil }
        return FieldProgram(source: source, transforms: transforms, map: map, defaultValue: rule.defaultValue?.value)
    }

    mutating func valueMap(_ entries: [FieldRule.MapEntry]) -> ValueMap? {
        var seen: [String: SourceLocation] = [:]
        var valid = true
        for entry in entries {
            if let first = seen[entry.from.value] {
                error(
                    "duplicate map key '\(entry.from.value)'", at: entry.from.location,
                    notes: [.init("'\(entry.from.value)' is first mapped here", at: first)])
                valid = false
            } else {
                seen[entry.from.value] = entry.from.location
            }
        }
        return valid ? ValueMap(entries.map { ($0.from.value, $0.to) }) : nil
    }

    mutating func transform(_ rule: TransformRule) -> Transform? {
        let name = rule.name.value
        guard Transform.names.contains(name) else {
            error(
                "unknown transform '\(name)'" + Self.suggestion(name, among: Transform.names, what: "transforms"),
                at: rule.name.location)
            return nil
        }
        let simple: [String: Transform] = [
            "lowercase": .lowercase, "uppercase": .uppercase, "trim": .trim, "first": .first, "last": .last,
            "unique": .unique, "compact": .compact, "count": .count, "to_string": .toString, "to_number": .toNumber,
            "to_bool": .toBool,
        ]
        if let transform = simple[name] {
            if let argument = rule.argument {
                error("transform '\(name)' takes no argument", at: argument.location)
                return nil
            }
            return transform
        }
        switch name {
        case "join":
            guard let argument = rule.argument else { return .join(",") }
            guard case .string(let separator) = argument.value else {
                error(
                    "transform 'join' takes a separator string, not \(argument.value.kindName)",
                    at: argument.location)
                return nil
            }
            return .join(separator)
        case "split":
            guard let argument = rule.argument else {
                error("transform 'split' needs a separator: { split: \",\" }", at: rule.name.location)
                return nil
            }
            guard case .string(let separator) = argument.value, !separator.isEmpty else {
                let found = argument.value.stringValue == "" ? "an empty string" : argument.value.kindName
                error("transform 'split' takes a non-empty separator string, not \(found)", at: argument.location)
                return nil
            }
            return .split(separator)
        default:  // date
            let formats = Transform.DateFormat.allCases.map(\.rawValue)
            guard let argument = rule.argument else {
                error(
                    "transform 'date' needs a format: { date: iso8601 } (formats: \(Self.quotedList(formats)))",
                    at: rule.name.location)
                return nil
            }
            guard case .string(let written) = argument.value else {
                error(
                    "transform 'date' takes a format name, not \(argument.value.kindName) (formats: "
                        + "\(Self.quotedList(formats)))",
                    at: argument.location)
                return nil
            }
            guard let format = Transform.DateFormat(rawValue: written) else {
                error(
                    "unknown date format '\(written)'" + Self.suggestion(written, among: formats, what: "formats"),
                    at: argument.location)
                return nil
            }
            return .date(format)
        }
    }
}
