import Diagnostics
import Foundation
import Testing

@testable import JobSpec

@Suite struct SecretReferenceTests {
    let location = SourceLocation(file: "j.yaml", line: 3, column: 18)

    @Test func anEnvironmentReferenceReadsTheVariableWithItsPrefix() throws {
        let reference = SecretReference(.environment("TOKEN"), prefix: "Bearer ", at: location)
        #expect(try reference.resolve(environment: ["TOKEN": "s3cr3t"]) == "Bearer s3cr3t")
        #expect(reference.description == "env TOKEN")
    }

    @Test func aMissingOrEmptyVariableIsNamedWithoutAValue() {
        let reference = SecretReference(.environment("TOKEN"), at: location)
        #expect(
            reference.checkResolvable(environment: [:])
                == .error("environment variable 'TOKEN' is not set", at: location))
        #expect(
            reference.checkResolvable(environment: ["TOKEN": ""])
                == .error("environment variable 'TOKEN' is empty", at: location))
    }

    @Test func aFileReferenceDropsOneTrailingNewline() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("temsync-secret-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let unix = folder.appendingPathComponent("unix")
        let windows = folder.appendingPathComponent("windows")
        let two = folder.appendingPathComponent("two")
        try Data("value\n".utf8).write(to: unix)
        try Data("value\r\n".utf8).write(to: windows)
        try Data("value\n\n".utf8).write(to: two)
        #expect(try SecretReference(.file(unix.path), at: location).resolve() == "value")
        #expect(try SecretReference(.file(windows.path), at: location).resolve() == "value")
        #expect(try SecretReference(.file(two.path), at: location).resolve() == "value\n")
    }

    @Test func anUnreadableFileIsNamedWithoutItsContent() {
        let path = "/nonexistent/temsync/secret"
        let reference = SecretReference(.file(path), at: location)
        #expect(
            reference.checkResolvable()
                == .error("secret file '/nonexistent/temsync/secret' cannot be read: no such file", at: location))
    }

    @Test func bindingNeverReadsASecret() throws {
        // The variable is unset and the file does not exist: binding still succeeds, with no diagnostic.
        let text = """
            version: 1
            name: lazy
            connection:
              tenant_id: 11111111-2222-3333-4444-555555555555
              client_id: 66666666-7777-8888-9999-000000000000
              client_secret: { file: /nonexistent/secret }
            sources: { alerts: {} }
            outputs:
              - { type: http, url: "https://x.example.com", headers: { Authorization: { env: TEMSYNC_UNSET_VARIABLE } } }
            """
        let set = JobLoader().load(texts: [("lazy.yaml", text)])
        #expect(set.diagnostics == [])
        #expect(set.jobs.count == 1)
    }

    @Test func anInlineSecretNeverReachesADiagnostic() {
        let secret = "q~8Q_super-secret-value"
        let text = """
            version: 1
            name: leak
            connection:
              tenant_id: 11111111-2222-3333-4444-555555555555
              client_id: 66666666-7777-8888-9999-000000000000
              client_secret: "\(secret)"
            sources: { alerts: {} }
            outputs: [{ type: http, url: "https://x.example.com", headers: { Authorization: "\(secret)" } }]
            """
        let set = JobLoader().load(texts: [("leak.yaml", text)])
        #expect(set.diagnostics.count == 2)
        let rendered = ValidationReport(set).json.encodedString() + set.diagnostics.map(\.description).joined()
        #expect(!rendered.contains(secret))
    }
}
