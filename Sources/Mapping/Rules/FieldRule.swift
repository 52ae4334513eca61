import Diagnostics
import JSON

/// One field of a record, as written: a path (the plain-string form) or a mapping with exactly one source
/// (`path`, `const`, `template`, `fields`) and optional `transforms`, `map` and `default`.
///
/// The binder passes every key it found; checking that exactly one source is present is the compiler's job, so
/// the diagnostic is the same whoever builds the rule.
public struct FieldRule: Sendable {
    /// A named field of an object of fields.
    public struct Member: Sendable {
        public var name: Located<String>
        public var rule: FieldRule

        public init(name: Located<String>, rule: FieldRule) {
            self.name = name
            self.rule = rule
        }
    }

    /// One `map` entry: `from: to`. `from` is the key's text (a YAML number or boolean key as written).
    public struct MapEntry: Sendable {
        public var from: Located<String>
        public var to: JSON

        public init(from: Located<String>, to: JSON) {
            self.from = from
            self.to = to
        }
    }

    /// Where the rule is (the plain string, or the mapping's first key).
    public var location: SourceLocation
    public var path: Located<String>?
    public var constant: Located<JSON>?
    public var template: Located<String>?
    public var fields: Located<[Member]>?
    public var transforms: [TransformRule]
    public var map: Located<[MapEntry]>?
    public var defaultValue: Located<JSON>?

    public init(
        at location: SourceLocation, path: Located<String>? = nil, constant: Located<JSON>? = nil,
        template: Located<String>? = nil, fields: Located<[Member]>? = nil, transforms: [TransformRule] = [],
        map: Located<[MapEntry]>? = nil, defaultValue: Located<JSON>? = nil
    ) {
        self.location = location
        self.path = path
        self.constant = constant
        self.template = template
        self.fields = fields
        self.transforms = transforms
        self.map = map
        self.defaultValue = defaultValue
    }

    /// The plain-string form: `severity: alert.severity`.
    public static func path(_ path: Located<String>) -> FieldRule {
        FieldRule(at: path.location, path: path)
    }
}

/// One transform: a name (`lowercase`), or a one-key mapping with its argument (`{ join: " | " }`).
public struct TransformRule: Sendable {
    public var name: Located<String>
    public var argument: Located<JSON>?

    public init(name: Located<String>, argument: Located<JSON>? = nil) {
        self.name = name
        self.argument = argument
    }
}
