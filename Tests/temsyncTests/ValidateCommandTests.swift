import Foundation
import JSON
import Testing

/// `temsync validate` and `temsync schema` through the built binary: stdout, stderr and the exit status.
@Suite struct ValidateCommandTests {
    static let fixtures = TemsyncProcess.repository.appendingPathComponent("Tests/JobSpecTests/Fixtures")

    @Test func theExampleJobsAreValid() throws {
        let result = try TemsyncProcess.run(["validate", "jobs"])
        #expect(result.stdout == "checked 4 files (4 jobs, 1 connection): valid\n")
        #expect(result.stderr == "")
        #expect(result.status == 0)
    }

    @Test func withoutAPathTheJobsFolderIsValidated() throws {
        let result = try TemsyncProcess.run(["validate"])
        #expect(result.stdout == "checked 4 files (4 jobs, 1 connection): valid\n")
        #expect(result.status == 0)
    }

    @Test func anInvalidFilePrintsItsDiagnosticsWithCaretsAndExitsOne() throws {
        let result = try TemsyncProcess.run(["validate", "invalid/unknown-keys.yaml"], in: Self.fixtures)
        let expected = try String(
            contentsOf: Self.fixtures.appendingPathComponent("invalid/unknown-keys.expected"), encoding: .utf8)
        #expect(result.stdout == expected)
        #expect(
            result.stdout.hasPrefix(
                """
                invalid/unknown-keys.yaml:2:1: error: unknown key 'nmae' in the job; did you mean 'name'?
                nmae: typo-at-the-top
                ^

                """))
        #expect(result.stderr == "")
        #expect(result.status == 1)
    }

    @Test func jsonFormatIsForMachines() throws {
        let result = try TemsyncProcess.run(
            ["validate", "--format", "json", "invalid/duplicate-names.yaml"], in: Self.fixtures)
        #expect(result.status == 1)
        let report = try JSON(parsing: result.stdout)
        #expect(report["valid"] == false)
        #expect(report["errors"] == 2)
        #expect(report["warnings"] == 0)
        #expect(report["files"] == ["invalid/duplicate-names.yaml"])
        #expect(
            report["diagnostics"]?[0] == [
                "severity": "error", "file": "invalid/duplicate-names.yaml", "line": 11, "column": 7,
                "message": "job name 'same-name' is already used",
                "notes": [
                    ["file": "invalid/duplicate-names.yaml", "line": 2, "column": 7, "message": "first defined here"]
                ],
            ])
    }

    @Test func githubFormatPrintsWorkflowAnnotations() throws {
        let result = try TemsyncProcess.run(
            ["validate", "--format", "github", "invalid/version-too-new.yaml"], in: Self.fixtures)
        #expect(result.status == 1)
        #expect(
            result.stdout == """
                ::error file=invalid/version-too-new.yaml,line=1,col=10::version 2 is newer than this temsync supports (highest supported: 1)
                ::error file=invalid/version-too-new.yaml,line=5,col=10::'version' must be 1, found 0
                ::error file=invalid/version-too-new.yaml,line=7,col=13::unknown connection 'somewhere': no named connection was loaded (define one in a document with 'kind: connection' and pass its file or folder too)
                checked 1 file (2 jobs): 3 errors

                """)
    }

    @Test func warningsAloneDoNotFail() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("temsync-warn-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let connection = """
            version: 1
            kind: connection
            name: spare
            tenant_id: 11111111-2222-3333-4444-555555555555
            client_id: 66666666-7777-8888-9999-000000000000
            client_secret: { env: SPARE_SECRET }

            """
        try Data(connection.utf8).write(to: folder.appendingPathComponent("spare.yml"))
        try Data("ignored: true\n".utf8).write(to: folder.appendingPathComponent("notes.txt"))
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent(".hidden"), withIntermediateDirectories: true)
        try Data("not: [valid\n".utf8).write(to: folder.appendingPathComponent(".hidden/broken.yaml"))
        let result = try TemsyncProcess.run(["validate", "."], in: folder)
        #expect(
            result.stdout == """
                ./spare.yml:3:7: warning: connection 'spare' is not used by any job
                name: spare
                      ^
                checked 1 file (0 jobs, 1 connection): valid (1 warning)

                """)
        #expect(result.status == 0)
    }

    @Test func aMissingPathIsAnError() throws {
        let result = try TemsyncProcess.run(["validate", "no-such-folder"])
        #expect(result.stdout == "error: no such file or folder: 'no-such-folder'\nchecked 0 files (0 jobs): 1 error\n")
        #expect(result.status == 1)
    }

    @Test func aWrongOptionIsAUsageError() throws {
        let result = try TemsyncProcess.run(["validate", "--format", "xml", "jobs"])
        #expect(result.status == 64)
        #expect(result.stdout == "")
        #expect(result.stderr.contains("The value 'xml' is invalid for '--format <format>'"))
    }

    @Test func helpDocumentsTheExitCodes() throws {
        let result = try TemsyncProcess.run(["validate", "--help"])
        #expect(result.status == 0)
        #expect(
            result.stdout.contains(
                "Exit status:\n  0  every file is valid (warnings alone do not fail)\n  1  at least one error was found\n  64 the command line is wrong"
            ))
    }

    @Test func schemaPrintsTheJSONSchema() throws {
        let result = try TemsyncProcess.run(["schema"])
        #expect(result.status == 0)
        #expect(result.stderr == "")
        let schema = try JSON(parsing: result.stdout)
        #expect(schema["$schema"] == "https://json-schema.org/draft/2020-12/schema")
        #expect(schema["then"] == ["$ref": "#/$defs/connection_document"])
        #expect(schema["else"] == ["$ref": "#/$defs/job"])
        #expect(schema["$defs"]?["job"]?["additionalProperties"] == false)
        #expect(!result.stdout.contains("\\/"))
    }
}
