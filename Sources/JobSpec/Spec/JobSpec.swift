import Diagnostics

/// One job, bound and checked: every section of docs/JOBS.md as typed values, user-written strings with their
/// source locations.
public struct JobSpec: Sendable, Hashable {
    /// The highest job file version this temsync reads.
    public static let highestSupportedVersion = 1

    public var version: Int
    public var name: Located<String>
    public var description: Located<String>?
    public var connection: ConnectionReference
    public var sources: SourcesSpec
    public var mapping: MappingSpec
    public var outputs: [OutputSpec]
    public var retry: RetrySpec
    /// Concurrent Graph requests of this job.
    public var concurrency: Int
    public var checkpoint: CheckpointSpec
    /// Where the job's document starts.
    public var location: SourceLocation

    init?(_ object: ValueObject) {
        guard let version = object.integer("version"), let name = object.string("name"),
            let connection = Self.connection(object), let sources = object.object("sources").flatMap(SourcesSpec.init),
            let mapping = object.object("mapping").flatMap(MappingSpec.init),
            let outputList = object["outputs"]?.value.list, !outputList.isEmpty
        else { return nil }
        let outputObjects = outputList.compactMap(\.value.object)
        let names = Self.defaultOutputNames(outputObjects)
        let outputs = zip(outputObjects, names).compactMap { OutputSpec($0, defaultName: $1) }
        guard outputs.count == outputList.count else { return nil }
        self.version = version
        self.name = name
        self.description = object.string("description")
        self.connection = connection
        self.sources = sources
        self.mapping = mapping
        self.outputs = outputs
        self.retry = RetrySpec(object.object("retry") ?? ValueObject(location: object.location))
        self.concurrency = object.integer("concurrency") ?? 4
        self.checkpoint = CheckpointSpec(object.object("checkpoint") ?? ValueObject(location: object.location))
        self.location = object.location
    }

    static func connection(_ object: ValueObject) -> ConnectionReference? {
        guard let value = object["connection"] else { return nil }
        switch value.value {
        case .string(let name): return .named(Located(name, at: value.location))
        case .object(let inline): return ConnectionSpec(inline).map(ConnectionReference.inline)
        default: return nil
        }
    }

    /// `<type>`, or `<type>-<n>` (1-based among outputs of that type) when the type is repeated.
    static func defaultOutputNames(_ outputs: [ValueObject]) -> [String] {
        let types = outputs.map { $0.string("type")?.value ?? "output" }
        var seen: [String: Int] = [:]
        return types.map { type in
            seen[type, default: 0] += 1
            return types.filter { $0 == type }.count > 1 ? "\(type)-\(seen[type]!)" : type
        }
    }

    static let shape = ObjectShape(
        [
            Field(
                "version", .integer(minimum: 1, maximum: JobSpec.highestSupportedVersion), required: true,
                "the job file format version: 1"),
            Field(
                "kind", .enumeration(EnumShape(["job", "connection"])), default: "job",
                "job (the default) or connection"),
            Field("name", .string(Formats.name), required: true, "unique across the loaded files: [a-z0-9][a-z0-9-]*"),
            Field("description", .string(.any), "what the job is for"),
            Field(
                "connection", ConnectionSpec.referenceShape, required: true,
                "an inline connection, or the name of a named connection"),
            Field("sources", .object(SourcesSpec.shape), required: true, "what to read from Graph"),
            Field("mapping", .object(MappingSpec.shape), default: [:], "how entities become records"),
            Field("outputs", .list(OutputSpec.shape, minItems: 1), required: true, "where records go"),
            Field("retry", .object(RetrySpec.shape), default: [:], "the retry policy"),
            Field(
                "concurrency", .integer(minimum: 1, maximum: 16), default: 4,
                "concurrent Graph requests of this job, 1 to 16"),
            Field("checkpoint", .object(CheckpointSpec.shape), default: [:], "where each run starts"),
        ], summary: "a temsync job", rules: jobRules)
}
