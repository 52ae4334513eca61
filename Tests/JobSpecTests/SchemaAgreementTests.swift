import Foundation
import JSON
import Testing
import YAML

@testable import JobSpec

/// The JSON Schema printed by `temsync schema` agrees with the binder: Python's `jsonschema` (Draft 2020-12)
/// accepts every example job and valid fixture, and rejects representative invalid fixtures.
@Suite struct SchemaAgreementTests {
    /// Fixtures the schema must reject (the others need checks across documents or of YAML itself).
    static let rejected = [
        "connection-details", "graph-enums", "identities", "mapping", "missing-required", "outputs", "secrets-inline",
        "unknown-keys", "version-too-new", "wrong-types",
    ]

    /// Each document of a YAML file as JSON, scalars read as the binder reads them.
    static func documents(of text: String, file: String) -> [JSON] {
        YAMLParser().parse(text, file: file).documents.compactMap { document in
            var checker = Checker()
            return checker.checkAny(document.root, path: KeyPath(root: "document"))
        }
    }

    /// Runs `jsonschema` over the documents; returns, per document, whether the schema accepts it.
    static func validate(_ documents: [JSON]) throws -> [Bool] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("temsync-schema-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let schema = folder.appendingPathComponent("schema.json")
        try Data(JSONSchemaWriter.jobFileSchemaText().utf8).write(to: schema)
        let instances = folder.appendingPathComponent("instances.json")
        try Data(JSON.array(documents).encoded()).write(to: instances)
        let script = """
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1]))
            jsonschema.Draft202012Validator.check_schema(schema)
            validator = jsonschema.Draft202012Validator(schema)
            for instance in json.load(open(sys.argv[2])):
                print("ok" if validator.is_valid(instance) else "invalid")
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, schema.path, instances.path]
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let errorText = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "python3 jsonschema failed: \(errorText)")
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map { $0 == "ok" }
    }

    @Test func everyExampleJobAndValidFixturePassesTheSchema() throws {
        var documents: [JSON] = []
        var names: [String] = []
        for name in Fixtures.names(in: "valid") {
            let found = Self.documents(of: try Fixtures.text("valid/\(name)"), file: name)
            documents += found
            names += found.map { _ in name }
        }
        let examples = JobLoader().load(paths: [Fixtures.examplesFolder.path])
        for file in examples.files {
            let found = Self.documents(of: examples.sources[file] ?? "", file: file)
            documents += found
            names += found.map { _ in file }
        }
        #expect(documents.count >= 10)
        let verdicts = try Self.validate(documents)
        #expect(verdicts.count == documents.count)
        for (name, accepted) in zip(names, verdicts) {
            #expect(accepted, "the schema rejects a document of \(name)")
        }
    }

    @Test func representativeInvalidFixturesFailTheSchema() throws {
        var documents: [[JSON]] = []
        for name in Self.rejected {
            documents.append(Self.documents(of: try Fixtures.text("invalid/\(name).yaml"), file: name))
        }
        let verdicts = try Self.validate(documents.flatMap { $0 })
        var offset = 0
        for (name, fileDocuments) in zip(Self.rejected, documents) {
            let accepted = verdicts[offset..<offset + fileDocuments.count]
            offset += fileDocuments.count
            #expect(accepted.contains(false), "the schema accepts every document of invalid/\(name).yaml")
        }
    }

    @Test func theSchemaIsDraft202012AndDescribesBothDocumentKinds() throws {
        let schema = JSONSchemaWriter.jobFileSchema()
        #expect(schema["$schema"] == "https://json-schema.org/draft/2020-12/schema")
        #expect(schema["$defs"]?["job"]?["required"] == ["version", "name", "connection", "sources", "outputs"])
        #expect(
            schema["$defs"]?["connection_document"]?["required"] == [
                "version", "kind", "name", "tenant_id", "client_id", "client_secret",
            ])
        #expect(
            schema["$defs"]?["job"]?["properties"]?["concurrency"] == [
                "type": "integer", "minimum": 1, "maximum": 16,
                "description": "concurrent Graph requests of this job, 1 to 16", "default": 4,
            ])
    }
}
