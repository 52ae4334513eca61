import Foundation
import GraphEmulator
import TemsyncTesting
import Testing
import Transport

@testable import GraphSecurity

/// Everything the client logged (trace level, AsyncHTTPClient's own lines included) and every error it produced,
/// searched for the secrets of the run: the client secret, the proxy password (also as Basic credentials), the token.
@Suite struct SecretHygieneTests {
    @Test func noSecretInLogsOrErrors() async throws {
        let proxyPassword = "Pr0xy.pa55-hygiene"
        let proxy = try await Tinyproxy(credentials: ("svc-tem", proxyPassword))
        defer { proxy.stop() }
        let logs = LogCapture()
        var errors: [String] = []
        var tokens: [String] = []
        let faults = [
            FaultRule(.token, requests: [1], action: .serverError(status: 503, retryAfter: nil)),
            FaultRule(.alerts, requests: [1], action: .throttle(retryAfter: .seconds(1))),
            FaultRule(.alerts, requests: [3], action: .malformedBody),
            FaultRule(.alerts, requests: [5], action: .cutMidBody),
            FaultRule(.alerts, requests: [7], action: .expireTokens),
            FaultRule(.alerts, requests: [9], action: .omitNextLink),
        ]
        let transport = TransportConfiguration(
            proxy: try ProxyConfiguration(url: proxy.url, username: "svc-tem", password: Secret(proxyPassword)))
        let retries = try await EmulatorHarness.withClient(
            EmulatorHarness.configuration(faults: faults), transport: transport, logs: logs
        ) { context in
            _ = try await context.client.pages(of: GraphQuery(source: .alerts, pageSize: 30)).collect()
            tokens.append(try await context.client.acquireToken().value.reveal())
            do {
                _ = try await context.client.pages(
                    of: GraphQuery(source: .alerts, filter: SourceFilter(status: ["Nope"]))
                )
                .collect()
            } catch { errors.append("\(error)") }
            // The client secret travelled to the token endpoint only.
            let revealing = await context.emulator.journal.entries(revealing: EmulatorHarness.secret)
            #expect(!revealing.isEmpty)
            #expect(revealing.allSatisfy { $0.route == .token })
            return context.retries.errors
        }
        errors += retries
        // Failures with the wrong secret and the wrong proxy password.
        let badProxy = TransportConfiguration(
            proxy: try ProxyConfiguration(url: proxy.url, username: "svc-tem", password: Secret("bad-" + proxyPassword))
        )
        try await EmulatorHarness.withClient(transport: badProxy, logs: logs) { context in
            do { _ = try await context.client.acquireToken() } catch { errors.append("\(error)") }
        }
        try await EmulatorHarness.withClient(secret: "wrong-" + EmulatorHarness.secret, logs: logs) { context in
            do { _ = try await context.client.acquireToken() } catch { errors.append("\(error)") }
        }

        #expect(retries.count >= 4)
        #expect(errors.count >= 6)
        let secrets =
            [
                EmulatorHarness.secret, proxyPassword, Data("svc-tem:\(proxyPassword)".utf8).base64EncodedString(),
                "bad-" + proxyPassword, "wrong-" + EmulatorHarness.secret,
            ] + tokens
        let logged = logs.text
        #expect(logged.contains("graph.request_id"))
        for secret in secrets {
            #expect(!logged.contains(secret), "a log line holds a secret")
            for error in errors { #expect(!error.contains(secret), "an error holds a secret: \(error)") }
        }
    }
}
