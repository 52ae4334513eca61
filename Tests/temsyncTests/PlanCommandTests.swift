import Foundation
import GraphEmulator
import JSON
import TemsyncTesting
import Testing

/// `temsync plan` through the built binary: exit statuses, secrets reported without values, the checkpoint start.
@Suite struct PlanCommandTests {
    static let now = "2026-01-31T00:00:00Z"

    static func job(_ workspace: EmulatedWorkspace) -> String {
        """
        sources:
          alerts: { filter: { updated_since: 3d, severity: high } }
        outputs:
          - { type: file, path: out/high.jsonl }
          - type: http
            url: https://tem.example.com/api
            headers: { Authorization: { env: TEM_TOKEN, prefix: "Bearer " } }
        """
    }

    @Test func exitsZeroWhenEverySecretResolves() async throws {
        try await EmulatedWorkspace.with(alerts: 10) { workspace in
            try workspace.writeJob("high", Self.job(workspace))
            let result = try await workspace.temsync(
                ["plan", "high.yaml", "--state-dir", "state", "--now", Self.now],
                environment: ["TEM_TOKEN": "t0ken-value-of-the-test"])
            #expect(result.status == 0)
            #expect(result.stderr == "")
            let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            #expect(lines.first == "job high  (high.yaml:1:1)")
            #expect(lines.contains("              client_secret env \(EmulatedWorkspace.secretVariable) (resolves)"))
            #expect(lines.contains("              header Authorization from env TEM_TOKEN (resolves)"))
            #expect(
                lines.contains(
                    "  source      alerts from updated_since 3d ago (2026-01-28T00:00:00Z); no checkpoint yet"))
            #expect(
                lines.contains(
                    "              GET \(workspace.emulator.graphRoot)/v1.0/security/alerts_v2?$filter=severity%20eq%20'high'"
                        + "%20and%20lastUpdateDateTime%20ge%202026-01-28T00:00:00Z&$orderby=lastUpdateDateTime%20asc&$top=1000"
                ))
            #expect(!result.stdout.contains(workspace.secret))
            #expect(!result.stdout.contains("t0ken-value-of-the-test"))
            #expect(await workspace.emulator.journal.entries.isEmpty)
            #expect(workspace.files() == ["high.yaml"])
        }
    }

    @Test func exitsOneWhenASecretDoesNotResolve() async throws {
        try await EmulatedWorkspace.with(alerts: 10) { workspace in
            try workspace.writeJob("high", Self.job(workspace))
            let result = try await workspace.temsync(["plan", "high.yaml", "--now", Self.now, "--format", "json"])
            #expect(result.status == 1)
            #expect(
                result.stderr == """
                    temsync: a job could not run now:
                      job 'high': output 'http' header 'Authorization': environment variable 'TEM_TOKEN' is not set

                    """)
            let plan = try JSON(parsing: result.stdout)
            #expect(
                plan["jobs"]?[0]?["connection"]?["client_secret"] == [
                    "reference": .string("env \(EmulatedWorkspace.secretVariable)"), "resolves": true,
                ])
            #expect(
                plan["jobs"]?[0]?["outputs"]?[1]?["secret_headers"] == [
                    "Authorization": [
                        "reference": "env TEM_TOKEN", "resolves": false,
                        "problem": "environment variable 'TEM_TOKEN' is not set",
                    ]
                ])
            #expect(!result.stdout.contains(workspace.secret))
        }
    }

    @Test func exitsTwoWhenTheFilesAreInvalid() async throws {
        try await EmulatedWorkspace.with(alerts: 10) { workspace in
            try workspace.writeJob(
                "high", Self.job(workspace).replacingOccurrences(of: "severity: high", with: "severty: high"))
            let result = try await workspace.temsync(["plan", "high.yaml", "--now", Self.now])
            #expect(result.status == 2)
            #expect(result.stdout == "")
            #expect(
                result.stderr.hasPrefix(
                    "high.yaml:9:42: error: unknown key 'severty' in 'sources.alerts.filter'; did you mean 'severity'?\n"
                ))
            #expect(result.stderr.hasSuffix("temsync: 1 error in the job files; nothing was run\n"))
        }
    }

    @Test func afterARunEachSourceStartsAtItsCheckpoint() async throws {
        try await EmulatedWorkspace.with(alerts: 30) { workspace in
            let ids = await workspace.emulator.store.alertIDs()
            for id in ids.prefix(2) {
                try await workspace.emulator.store.updateAlert(id: id) {
                    $0["lastUpdateDateTime"] = "2026-02-02T12:00:00Z"
                    $0["severity"] = "high"
                }
            }
            try workspace.writeJob(
                "high", Self.job(workspace).replacingOccurrences(of: "3d", with: "2026-01-01T00:00:00Z"))
            let environment = ["TEM_TOKEN": "t0ken"]
            let run = try await workspace.temsync(
                ["run", "high.yaml", "--state-dir", "state", "--select", "high", "--dry-run"], environment: environment)
            #expect(run.status == 0)
            #expect(workspace.files(under: "state").isEmpty)
            // A real run needs a receiver: the http output goes to the emulator's sink instead.
            let text = try #require(workspace.contents("high.yaml")).replacingOccurrences(
                of: "https://tem.example.com/api", with: workspace.emulator.sinkURL(name: "tem"))
            try text.write(toFile: workspace.folder.file("high.yaml"), atomically: true, encoding: .utf8)
            let real = try await workspace.temsync(
                ["run", "high.yaml", "--state-dir", "state"], environment: environment)
            #expect(real.status == 0)
            let plan = try await workspace.temsync(
                ["plan", "high.yaml", "--state-dir", "state", "--now", Self.now], environment: environment)
            #expect(plan.status == 0)
            #expect(
                plan.stdout.contains(
                    "  source      alerts from checkpoint 2026-02-02T12:00:00Z (skipping 2 records delivered at that instant)\n"
                ))
            #expect(plan.stdout.contains("%20and%20lastUpdateDateTime%20ge%202026-02-02T12:00:00Z&"))
            #expect(plan.stdout.contains("  checkpoint  enabled, in state/high\n"))
        }
    }
}
