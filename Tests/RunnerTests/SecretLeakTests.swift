import Foundation
import GraphEmulator
import JSON
import Runner
import TemsyncTesting
import Testing

/// The secrets a run uses — client secret, proxy password, an http header token — appear nowhere it writes:
/// outputs, state, report, summary, logs at trace level. Only their destinations see them.
@Suite struct SecretLeakTests {
    @Test func noSecretValueAppearsInAnythingTheRunWrites() async throws {
        let proxyPassword = "pxPw-" + UUID().uuidString.prefix(12)
        let proxy = try await Tinyproxy(credentials: (user: "svc-tem", password: String(proxyPassword)))
        defer { proxy.stop() }
        let token = "hdrTok-" + UUID().uuidString
        try await RunHarness.with(alerts: 60) { harness in
            let ok = try harness.writeJob(
                "secretive",
                """
                sources:
                  alerts: { filter: { updated_since: \(RunHarness.since) }, page_size: 25 }
                mapping: { emit: indicators }
                outputs:
                  - { type: file, path: \(harness.folder.file("out/indicators.jsonl")) }
                  - { type: edl, dir: \(harness.folder.file("out/edl")) }
                  - { type: stix, path: \(harness.folder.file("out/bundle.json")) }
                  - type: http
                    url: "\(harness.emulator.sinkURL(name: "tem"))"
                    headers: { Authorization: { env: TEM_TOKEN, prefix: "Bearer " } }
                """
            )
            // The connection goes through the proxy (its password from a file).
            let passwordFile = try harness.folder.write(String(proxyPassword) + "\n", to: "proxy-password")
            var text = try #require(harness.contents("secretive.yaml"))
            text = text.replacingOccurrences(
                of: "  endpoints:",
                with: """
                      proxy: { url: "\(proxy.url)", username: svc-tem, password: { file: \(passwordFile) } }
                      endpoints:
                    """)
            try text.write(toFile: ok, atomically: true, encoding: .utf8)
            // A second job fails on a wrong secret: its error must not carry the value either.
            let wrong = "Wr0ng~" + UUID().uuidString
            try harness.writeJob(
                "wrong", secretVariable: "WRONG_SECRET",
                """
                sources:
                  alerts: { filter: { updated_since: \(RunHarness.since) } }
                outputs:
                  - { type: file, path: \(harness.folder.file("out/wrong.jsonl")) }
                """)
            var environment = harness.environment
            environment["TEM_TOKEN"] = token
            environment["WRONG_SECRET"] = wrong

            let report = try await harness.run(environment: environment)
            #expect(report.jobs.map(\.status) == [.succeeded, .failed])
            #expect(proxy.forwarded(to: "127.0.0.1", port: harness.emulator.port))
            #expect(await harness.emulator.sink.delivery(named: "tem").requests > 0)

            let plan = PlanRenderer(environment: environment)
            let compilation = harness.compile()
            var written = [
                RunSummary.text(report), RunSummary.samples(report), report.json.encodedString(),
                harness.logs.text, plan.text(compilation.plans), plan.json(compilation.plans).encodedString(),
                report.jobs.compactMap(\.reason).joined(separator: "\n"),
            ]
            #expect(harness.logs.entries.contains { $0.level == .trace || $0.level == .debug })
            for path in harness.files() where path != "proxy-password" {
                written.append(try #require(harness.contents(path), "\(path)"))
            }
            #expect(written.count > 10)
            for secret in [harness.secret, String(proxyPassword), token, wrong] {
                for (index, text) in written.enumerated() {
                    #expect(!text.contains(secret), "text \(index) holds a secret")
                }
            }
            // Each secret went to its own destination only.
            let journal = harness.emulator.journal
            #expect(await journal.entries(revealing: harness.secret).allSatisfy { $0.route == .token })
            #expect(await journal.entries(revealing: String(proxyPassword)).isEmpty)
            #expect(await journal.entries(revealing: token).allSatisfy { $0.route == .other })
            #expect(!(await journal.entries(revealing: token)).isEmpty)
        }
    }
}
