import Diagnostics

extension OutputSpec {
    /// Header names whose values are credentials: an inline value is refused.
    static func isCredentialHeader(_ name: String) -> Bool {
        let lowered = name.lowercased()
        if ["authorization", "proxy-authorization", "cookie"].contains(lowered) { return true }
        return ["key", "token", "secret", "password", "signature"].contains { lowered.contains($0) }
    }

    static let shape = Shape.union(
        UnionShape(
            discriminator: "type", noun: "output type",
            common: [Field("name", .string(Formats.name), "a name for reports and logs (default: the type)")],
            variants: [
                ("stdout", ObjectShape([], summary: "JSON Lines on standard output")),
                (
                    "file",
                    ObjectShape(
                        [
                            Field("path", .string(.nonEmpty), required: true, "the file written"),
                            Field(
                                "format", .enumeration(EnumShape(FileOutput.Format.allCases.map(\.rawValue))),
                                "jsonl, json or csv (default: from the extension, else jsonl)"),
                            Field(
                                "mode", .enumeration(EnumShape(FileOutput.Mode.allCases.map(\.rawValue))),
                                default: "replace", "replace the file, or append (jsonl only)"),
                            Field(
                                "run_marker", .boolean, default: true,
                                "append only: a marker line before each run's records"),
                            Field(
                                "columns", .list(.string(.nonEmpty), minItems: 1),
                                "csv only: the first columns, in order (nested fields as a.b)"),
                        ], summary: "a file", rules: fileRules)
                ),
                (
                    "edl",
                    ObjectShape(
                        [
                            Field("dir", .string(.nonEmpty), required: true, "the folder of the lists"),
                            Field(
                                "layout", .enumeration(EnumShape(EDLOutput.Layout.allCases.map(\.rawValue))),
                                default: "per_type", "one list per indicator type, or one combined list"),
                            Field(
                                "types",
                                .list(.enumeration(EnumShape(IndicatorType.allCases.map(\.rawValue))), minItems: 1),
                                "indicator types listed (default: all)"),
                            Field("max_entries", .integer(minimum: 1, maximum: nil), "most entries per file"),
                            Field(
                                "expire_after", .duration, default: "30d",
                                "keep indicators from earlier runs until this long after they were last received; "
                                    + "0s: this run's only"),
                            Field(
                                "domain_wildcards", .boolean, default: false,
                                "after each domain, a *.domain line for its subdomains"),
                        ], summary: "external dynamic lists for firewalls")
                ),
                (
                    "stix",
                    ObjectShape(
                        [
                            Field("path", .string(.nonEmpty), required: true, "the STIX 2.1 bundle written"),
                            Field("identity", .string(.nonEmpty), default: "temsync", "the producer's name"),
                            Field(
                                "valid_for", .duration,
                                "sets valid_until to the indicator's last sighting plus this"),
                        ], summary: "a STIX 2.1 bundle")
                ),
                (
                    "http",
                    ObjectShape(
                        [
                            Field("url", .string(Formats.httpURL), required: true, "where batches are sent"),
                            Field(
                                "method", .enumeration(EnumShape(HTTPOutput.Method.allCases.map(\.rawValue))),
                                default: "POST", "POST or PUT"),
                            Field(
                                "headers",
                                .dictionary(
                                    key: Formats.headerName,
                                    value: .secret(
                                        SecretShape(noun: "header value", allowsPrefix: true, allowsInline: true))),
                                "extra headers: a string, or a secret reference with an optional prefix"),
                            Field(
                                "batch_size", .integer(minimum: 1, maximum: 10000), default: 500,
                                "records per request"),
                            Field("gzip", .boolean, default: false, "gzip request bodies"),
                            Field("timeout", .duration, default: "30s", "time for one request"),
                        ], summary: "an HTTP endpoint", rules: httpRules)
                ),
            ]))

    /// Headers temsync sets itself.
    static let reservedHeaders: Set<String> = [
        "content-type", "content-encoding", "content-length", "transfer-encoding", "host", "idempotency-key",
    ]

    @Sendable static func fileRules(_ object: ValueObject) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        if let path = object.string("path") {
            let format =
                object.string("format").flatMap { FileOutput.Format(rawValue: $0.value) }
                ?? format(forPath: path.value)
            if format != .csv, let columns = object["columns"] {
                problems.append(
                    .error("'columns' applies to format 'csv' only, not '\(format.rawValue)'", at: columns.location))
            }
        }
        return problems + appendRules(object)
    }

    static func appendRules(_ object: ValueObject) -> [Diagnostic] {
        guard let mode = object.string("mode"), mode.value == "append", object.isWritten("mode"),
            let path = object.string("path")
        else { return [] }
        let format =
            object.string("format").flatMap { FileOutput.Format(rawValue: $0.value) } ?? format(forPath: path.value)
        guard format != .jsonl else { return [] }
        return [.error("mode 'append' works only with format 'jsonl', not '\(format.rawValue)'", at: mode.location)]
    }

    @Sendable static func httpRules(_ object: ValueObject) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        for entry in object.object("headers")?.entries ?? [] {
            if reservedHeaders.contains(entry.key.value.lowercased()) {
                problems.append(
                    .error(
                        "header '\(entry.key.value)' is set by temsync and cannot be configured", at: entry.key.location
                    ))
                continue
            }
            if case .string = entry.value.value, isCredentialHeader(entry.key.value) {
                problems.append(
                    .error(
                        "header '\(entry.key.value)' carries a credential: its value must be a reference "
                            + "({ env: NAME } or { file: PATH }, with an optional prefix), not a value: secrets in "
                            + "job files end up in git", at: entry.value.location))
            }
        }
        return problems
    }
}
