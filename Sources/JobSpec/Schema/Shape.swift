import Diagnostics
import JSON

/// The declarative description of a job file's sections: what the binder checks and what `temsync schema` prints
/// come from the same value, so the two cannot disagree.
///
/// A later issue extends a section by adding a `Field` to its `ObjectShape` (and reading it in the typed spec).
public indirect enum Shape: Sendable {
    /// A string (never a plain number, boolean or null: quote those).
    case string(StringFormat)
    /// Any scalar, taken as its text (`join: 1` is the separator `"1"`).
    case text
    /// A plain decimal integer, optionally bounded.
    case integer(minimum: Int?, maximum: Int?)
    /// A plain number (integer or decimal), optionally with a lower bound.
    case number(minimum: Double?)
    /// `true` or `false` only.
    case boolean
    /// `500ms`, `30s`, `5m`, `2h`, `7d`, compounds such as `1h30m`.
    case duration
    /// `512B`, `64KiB`, `10MiB`, `1GiB`, `10MB`.
    case size
    /// A duration (that long ago) or an RFC 3339 timestamp with a zone.
    case timeBound
    /// One of a fixed set of strings.
    case enumeration(EnumShape)
    /// A list of items.
    case list(Shape, minItems: Int = 0)
    /// One item or a list of them (a filter value: a list is an `or` group).
    case oneOrList(Shape)
    /// A mapping with known keys.
    case object(ObjectShape)
    /// A mapping with free keys (field rules, headers, value maps), kept in written order.
    case dictionary(key: StringFormat, value: Shape, minEntries: Int = 0, maxEntries: Int? = nil)
    /// A mapping whose `type` key selects its other keys (outputs).
    case union(UnionShape)
    /// `{ env: NAME }` or `{ file: PATH }`: never an inline value.
    case secret(SecretShape)
    /// Any YAML value (constants, comparison values); bound as JSON.
    case any
    /// The shape, or `null`.
    case nullable(Shape)
    /// Alternatives told apart by the kind of node: the first scalar shape takes scalars, the first mapping shape
    /// takes mappings, the first list shape takes lists.
    case alternatives([Shape], expected: String)
    /// A shape defined once and referred to by name (`$defs` in the JSON Schema); allows recursion.
    case named(String, @Sendable () -> Shape)
}

/// One key of an object.
public struct Field: Sendable {
    public var name: String
    public var shape: Shape
    public var isRequired: Bool
    /// Used when the key is absent; bound through `shape` like a written value, and printed in the JSON Schema.
    public var defaultValue: JSON?
    public var summary: String

    public init(
        _ name: String, _ shape: Shape, required: Bool = false, default defaultValue: JSON? = nil, _ summary: String
    ) {
        self.name = name
        self.shape = shape
        self.isRequired = required
        self.defaultValue = defaultValue
        self.summary = summary
    }
}

/// A mapping with known keys and rules between them.
public struct ObjectShape: Sendable {
    public var fields: [Field]
    /// Groups of keys of which exactly one must be present (`path` | `const` | `template` | `fields`).
    public var exactlyOne: [[String]]
    /// Groups of keys of which at least one must be present (`alerts` | `incidents`).
    public var atLeastOne: [[String]]
    /// A key that needs others (`password` needs `username`).
    public var requires: [String: [String]]
    public var summary: String
    /// Rules between values that a JSON Schema cannot state (`append` only for `jsonl`): checked by the binder
    /// once the keys themselves are sound. Documented in docs/JOBS.md.
    public var rules: @Sendable (ValueObject) -> [Diagnostic]

    public init(
        _ fields: [Field], exactlyOne: [[String]] = [], atLeastOne: [[String]] = [],
        requires: [String: [String]] = [:], summary: String = "",
        rules: @escaping @Sendable (ValueObject) -> [Diagnostic] = { _ in [] }
    ) {
        self.fields = fields
        self.exactlyOne = exactlyOne
        self.atLeastOne = atLeastOne
        self.requires = requires
        self.summary = summary
        self.rules = rules
    }

    public func field(_ name: String) -> Field? { fields.first { $0.name == name } }
}

/// A fixed set of strings, as written (Graph's camelCase members stay camelCase).
public struct EnumShape: Sendable {
    public var members: [String]
    /// Values refused with a reason of their own (`unknownFutureValue`, cloud `china`).
    public var refused: [String: String]
    /// Values that are not members but deserve a specific explanation (an incident status on an alert source).
    public var hints: [String: String]

    public init(_ members: [String], refused: [String: String] = [:], hints: [String: String] = [:]) {
        self.members = members
        self.refused = refused
        self.hints = hints
    }
}

/// A mapping tagged by `type`: the common keys plus those of the selected variant.
public struct UnionShape: Sendable {
    public var discriminator: String
    /// What a variant is called in messages (`output type`).
    public var noun: String
    public var common: [Field]
    public var variants: [(tag: String, shape: ObjectShape)]

    public init(discriminator: String, noun: String, common: [Field], variants: [(tag: String, shape: ObjectShape)]) {
        self.discriminator = discriminator
        self.noun = noun
        self.common = common
        self.variants = variants
    }

    public func variant(_ tag: String) -> ObjectShape? { variants.first { $0.tag == tag }?.shape }
}

/// Where a secret goes, for the message refusing an inline value.
public struct SecretShape: Sendable {
    /// `client secret`, `proxy password`, `header value`.
    public var noun: String
    /// Whether `prefix:` is allowed (HTTP header values only).
    public var allowsPrefix: Bool
    /// Whether an inline string is accepted as a plain value instead (a non-credential header).
    public var allowsInline: Bool

    public init(noun: String, allowsPrefix: Bool = false, allowsInline: Bool = false) {
        self.noun = noun
        self.allowsPrefix = allowsPrefix
        self.allowsInline = allowsInline
    }
}
