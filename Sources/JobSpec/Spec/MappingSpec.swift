import Diagnostics
import JSON

/// How entities become records: the emit mode, conditions, indicator options and field rules.
///
/// Paths, templates, transform names and regular expressions are kept as written, with their locations; the
/// `Mapping` module compiles them (the Runner does so at validate time) and reports on them.
public struct MappingSpec: Sendable, Hashable {
    public enum Emit: String, Sendable, Hashable, CaseIterable {
        case alerts, incidents, indicators, assets
    }

    public enum History: String, Sendable, Hashable, CaseIterable {
        case latest, versions
    }

    public var emit: Located<Emit>
    public var history: History
    public var conditions: [ConditionSpec]
    public var indicators: IndicatorOptionsSpec
    /// The record's shape; `nil`: the whole entity, or the default indicator object.
    public var fields: FieldRulesSpec?
    public var location: SourceLocation

    init?(_ object: ValueObject) {
        guard let emit = object.string("emit"), let emitValue = Emit(rawValue: emit.value),
            let history = object.string("history").flatMap({ History(rawValue: $0.value) }),
            let indicators = object.object("indicators").flatMap(IndicatorOptionsSpec.init)
        else { return nil }
        self.emit = Located(emitValue, at: emit.location)
        self.history = history
        self.conditions = (object["where"]?.value.list ?? []).compactMap { $0.value.object.flatMap(ConditionSpec.init) }
        self.indicators = indicators
        self.fields = object.object("fields").map(FieldRulesSpec.init)
        self.location = object.location
    }

    static let shape = ObjectShape(
        [
            Field(
                "emit", .enumeration(EnumShape(Emit.allCases.map(\.rawValue))), default: "alerts",
                "one record per alert, per incident, or per distinct indicator"),
            Field(
                "history", .enumeration(EnumShape(History.allCases.map(\.rawValue))), default: "latest",
                "latest: one record id per entity; versions: a new record for every update"),
            Field(
                "where", .list(.named("condition", { .object(ConditionSpec.shape) })), default: [],
                "conditions that must all hold"),
            Field(
                "indicators", .object(IndicatorOptionsSpec.shape), default: [:], "options of the indicator extractor"),
            Field("fields", FieldRulesSpec.shape, "the record's fields; absent: the whole entity"),
        ], summary: "how entities become records")
}

/// Field rules in written order.
public struct FieldRulesSpec: Sendable, Hashable {
    public struct Entry: Sendable, Hashable {
        public var name: Located<String>
        public var rule: FieldRuleSpec
    }

    public var entries: [Entry]
    public var location: SourceLocation

    init(_ object: ValueObject) {
        entries = object.entries.compactMap { entry in
            FieldRuleSpec(entry.value).map { Entry(name: entry.key, rule: $0) }
        }
        location = object.location
    }

    static let shape: Shape = .named("fields") {
        .dictionary(key: .nonEmpty, value: FieldRuleSpec.shape, minEntries: 1)
    }
}

/// One field: where its value comes from, then transforms, a value map and a default.
public struct FieldRuleSpec: Sendable, Hashable {
    public indirect enum Source: Sendable, Hashable {
        case path(Located<String>)
        case constant(Located<JSON>)
        case template(Located<String>)
        case fields(FieldRulesSpec)
    }

    public struct Transform: Sendable, Hashable {
        public var name: Located<String>
        public var argument: Located<String>?
    }

    public struct MapEntry: Sendable, Hashable {
        public var from: Located<String>
        public var to: Located<JSON>
    }

    public var source: Source
    public var transforms: [Transform]
    public var map: [MapEntry]?
    public var defaultValue: Located<JSON>?
    public var location: SourceLocation

    init?(_ value: Located<Value>) {
        location = value.location
        switch value.value {
        case .string(let path):
            source = .path(Located(path, at: value.location))
            transforms = []
            return
        case .object(let object):
            if let path = object.string("path") {
                source = .path(path)
            } else if let constant = object.json("const") {
                source = .constant(constant)
            } else if let template = object.string("template") {
                source = .template(template)
            } else if let fields = object.object("fields") {
                source = .fields(FieldRulesSpec(fields))
            } else {
                return nil
            }
            transforms = (object["transforms"]?.value.list ?? []).compactMap(Self.transform)
            map = object.object("map")?.entries.compactMap { entry in
                guard case .json(let json) = entry.value.value else { return nil }
                return MapEntry(from: entry.key, to: Located(json, at: entry.value.location))
            }
            defaultValue = object.json("default")
        default:
            return nil
        }
    }

    private static func transform(_ value: Located<Value>) -> Transform? {
        switch value.value {
        case .string(let name): return Transform(name: Located(name, at: value.location), argument: nil)
        case .object(let object):
            guard let entry = object.entries.first, let argument = entry.value.value.string else { return nil }
            return Transform(name: entry.key, argument: Located(argument, at: entry.value.location))
        default: return nil
        }
    }

    static let shape: Shape = .named("field_rule") {
        .alternatives(
            [
                .string(.nonEmpty),
                .object(
                    ObjectShape(
                        [
                            Field("path", .string(.nonEmpty), "the value at a path (alert.severity)"),
                            Field("const", .any, "a constant"),
                            Field("template", .string(.any), "a string with {{path}} placeholders"),
                            Field("fields", FieldRulesSpec.shape, "a nested object of field rules"),
                            Field("transforms", .list(transformShape), "applied in order"),
                            Field("map", .dictionary(key: .any, value: .any), "replace values found in this map"),
                            Field("default", .any, "used when the value is null or missing"),
                        ], exactlyOne: [["path", "const", "template", "fields"]], summary: "a field rule")),
            ], expected: "a field rule (a path, or a mapping with path, const, template or fields)")
    }

    static let transformShape: Shape = .named("transform") {
        .alternatives(
            [.string(.nonEmpty), .dictionary(key: .nonEmpty, value: .text, minEntries: 1, maxEntries: 1)],
            expected: "a transform (a name, or a one-key mapping of its name to its argument)")
    }
}
