import Diagnostics

/// Where records go. Each output has a `type` and a name (default: the type, or `<type>-<n>` when repeated).
public struct OutputSpec: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case stdout
        case file(FileOutput)
        case edl(EDLOutput)
        case stix(STIXOutput)
        case http(HTTPOutput)
    }

    public struct FileOutput: Sendable, Hashable {
        public enum Format: String, Sendable, Hashable, CaseIterable { case jsonl, json, csv }
        public enum Mode: String, Sendable, Hashable, CaseIterable { case replace, append }
        public var path: Located<String>
        public var format: Format
        public var mode: Mode
        /// `append` only: a marker line before each run's records.
        public var runMarker: Bool
        /// `csv` only: the first columns, in order.
        public var columns: [String]?
    }

    public struct EDLOutput: Sendable, Hashable {
        public enum Layout: String, Sendable, Hashable, CaseIterable {
            case perType = "per_type"
            case combined
        }
        public var dir: Located<String>
        public var layout: Layout
        public var types: [IndicatorType]
        public var maxEntries: Int?
        /// Keep indicators of earlier runs this long after they were last received; zero: this run's only.
        public var expireAfter: Duration
        public var domainWildcards: Bool
    }

    public struct STIXOutput: Sendable, Hashable {
        public var path: Located<String>
        public var identity: String
        public var validFor: Duration?
    }

    public struct HTTPOutput: Sendable, Hashable {
        public enum Method: String, Sendable, Hashable, CaseIterable {
            case post = "POST"
            case put = "PUT"
        }

        public enum HeaderValue: Sendable, Hashable {
            case text(String)
            case secret(SecretReference)
        }

        public struct Header: Sendable, Hashable {
            public var name: Located<String>
            public var value: HeaderValue
        }

        public var url: Located<String>
        public var method: Method
        public var headers: [Header]
        public var batchSize: Int
        public var gzip: Bool
        public var timeout: Duration
    }

    public var name: Located<String>
    public var kind: Kind
    public var location: SourceLocation

    /// The type as written in job files.
    public var typeName: String {
        switch kind {
        case .stdout: "stdout"
        case .file: "file"
        case .edl: "edl"
        case .stix: "stix"
        case .http: "http"
        }
    }

    init?(_ object: ValueObject, defaultName: String) {
        guard let type = object.string("type")?.value else { return nil }
        self.location = object.location
        self.name = object.string("name") ?? Located(defaultName, at: object.location)
        switch type {
        case "stdout": kind = .stdout
        case "file":
            guard let path = object.string("path") else { return nil }
            let format =
                object.string("format").flatMap { FileOutput.Format(rawValue: $0.value) }
                ?? Self.format(forPath: path.value)
            kind = .file(
                FileOutput(
                    path: path, format: format,
                    mode: object.string("mode").flatMap { FileOutput.Mode(rawValue: $0.value) } ?? .replace,
                    runMarker: object.boolean("run_marker") ?? true,
                    columns: object.strings("columns")?.map(\.value)))
        case "edl":
            guard let dir = object.string("dir") else { return nil }
            kind = .edl(
                EDLOutput(
                    dir: dir,
                    layout: object.string("layout").flatMap { EDLOutput.Layout(rawValue: $0.value) } ?? .perType,
                    types: object.strings("types")?.compactMap { IndicatorType(rawValue: $0.value) }
                        ?? IndicatorType.allCases,
                    maxEntries: object.integer("max_entries"),
                    expireAfter: object.duration("expire_after") ?? .seconds(30 * 86400),
                    domainWildcards: object.boolean("domain_wildcards") ?? false))
        case "stix":
            guard let path = object.string("path") else { return nil }
            kind = .stix(
                STIXOutput(
                    path: path, identity: object.string("identity")?.value ?? "temsync",
                    validFor: object.duration("valid_for")))
        case "http":
            guard let url = object.string("url") else { return nil }
            let headers = (object.object("headers")?.entries ?? []).compactMap { entry -> HTTPOutput.Header? in
                switch entry.value.value {
                case .string(let text): return .init(name: entry.key, value: .text(text))
                case .secret(let reference): return .init(name: entry.key, value: .secret(reference))
                default: return nil
                }
            }
            kind = .http(
                HTTPOutput(
                    url: url,
                    method: object.string("method").flatMap { HTTPOutput.Method(rawValue: $0.value) } ?? .post,
                    headers: headers, batchSize: object.integer("batch_size") ?? 500,
                    gzip: object.boolean("gzip") ?? false, timeout: object.duration("timeout") ?? .seconds(30)))
        default: return nil
        }
    }

    /// `format` when not written: from the path's extension, else `jsonl`.
    static func format(forPath path: String) -> FileOutput.Format {
        let lowered = path.lowercased()
        if lowered.hasSuffix(".csv") { return .csv }
        if lowered.hasSuffix(".json") { return .json }
        return .jsonl
    }
}
