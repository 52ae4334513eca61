import Foundation
import GraphEmulator
import JSON
import TemsyncTesting
import Testing

/// The binary never prints or writes a secret it uses: client secret, proxy password, an http header token —
/// not on stdout or stderr (trace logs in text and JSON), not in outputs, state, the report or a dry run's samples.
@Suite struct RunSecretTests {
    @Test func noSecretValueInAnythingPrintedOrWritten() async throws {
        let proxyPassword = "pxPw-" + UUID().uuidString.prefix(12)
        let proxy = try await Tinyproxy(credentials: (user: "svc-tem", password: String(proxyPassword)))
        defer { proxy.stop() }
        let token = "hdrTok-" + UUID().uuidString
        try await EmulatedWorkspace.with(alerts: 80) { workspace in
            let job = try workspace.writeJob(
                "secretive",
                """
                sources:
                  alerts: { filter: { updated_since: \(EmulatedWorkspace.since) }, page_size: 30 }
                mapping: { emit: indicators }
                outputs:
                  - { type: file, path: out/indicators.jsonl }
                  - { type: edl, dir: out/edl }
                  - { type: stix, path: out/bundle.json }
                  - type: http
                    url: "\(workspace.emulator.sinkURL(name: "tem"))"
                    headers: { Authorization: { env: TEM_TOKEN, prefix: "Bearer " } }
                """)
            var text = try #require(workspace.contents("secretive.yaml"))
            text = text.replacingOccurrences(
                of: "  endpoints:",
                with: """
                      proxy: { url: "\(proxy.url)", username: svc-tem, password: { env: PROXY_PASSWORD } }
                      endpoints:
                    """)
            try text.write(toFile: job, atomically: true, encoding: .utf8)
            let environment = ["TEM_TOKEN": token, "PROXY_PASSWORD": String(proxyPassword)]
            let wrongSecret = "Wr0ng~" + UUID().uuidString
            let common = ["secretive.yaml", "--state-dir", "state", "--log-level", "trace"]
            let runs = [
                try await workspace.temsync(["run", "--dry-run", "--limit", "50"] + common, environment: environment),
                try await workspace.temsync(["run", "--report", "out/report.json"] + common, environment: environment),
                try await workspace.temsync(["run", "--log-format", "json"] + common, environment: environment),
                try await workspace.temsync(["plan"] + common.prefix(3), environment: environment),
                try await workspace.temsync(
                    ["run"] + common,
                    environment: environment.merging([EmulatedWorkspace.secretVariable: wrongSecret]) { _, new in new }),
            ]
            #expect(runs.map(\.status) == [0, 0, 0, 0, 1])
            #expect(proxy.forwarded(to: "127.0.0.1", port: workspace.emulator.port))
            #expect(runs[1].stderr.contains(" trace ") || runs[1].stderr.contains(" debug "))
            #expect(runs[0].stdout.contains("# secretive → http (http): first "))
            var written = runs.flatMap { [$0.stdout, $0.stderr] }
            for path in workspace.files() {
                written.append(try #require(workspace.contents(path), "\(path)"))
            }
            #expect(written.count > 15)
            for secret in [workspace.secret, String(proxyPassword), token, wrongSecret] {
                let leaks = written.indices.filter { written[$0].contains(secret) }
                #expect(leaks.isEmpty, "a secret appears in texts \(leaks)")
            }
            #expect(!(await workspace.emulator.journal.entries(revealing: token)).isEmpty, "the token was sent")
        }
    }
}
