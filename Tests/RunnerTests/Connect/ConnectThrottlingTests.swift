import GraphEmulator
import Runner
import Testing

/// Graph throttling during the access check: retried as Graph asks (Retry-After), explained when it persists.
@Suite struct ConnectThrottlingTests {
    typealias H = ConnectHarness

    static let environment = ["M365_CLIENT_SECRET": H.secret]

    static func accessLines(_ outcome: H.Outcome) -> [String] {
        let lines = outcome.normalizedText.split(separator: "\n").map(String.init)
        guard let start = lines.firstIndex(where: { $0.contains(" access ") }) else { return [] }
        return Array(lines[start...].prefix { $0.hasPrefix("  ") })
    }

    @Test func aThrottledRequestIsRetriedAfterTheTimeGraphAsksFor() async throws {
        let sleeps = SleepRecorder()
        let outcome = try await H.connect(
            H.namedConnection() + "\n---\n" + H.job("alerts-job"), environment: Self.environment,
            faults: [FaultRule(.alerts, requests: [1], action: .throttle(retryAfter: .seconds(3)))], sleeps: sleeps)
        #expect(outcome.report.passed)
        #expect(Self.accessLines(outcome) == ["  ✓ access      N ms  GET /security/alerts_v2?$top=1 → 200 (1 alert)"])
        #expect(sleeps.all == [.seconds(3)])
        outcome.expectNoSecrets()
    }

    @Test func persistentThrottlingFailsTheAccessCheckWithItsExplanation() async throws {
        let sleeps = SleepRecorder()
        let outcome = try await H.connect(
            H.namedConnection() + "\n---\n" + H.job("alerts-job"), environment: Self.environment,
            faults: [FaultRule(.alerts, action: .throttle(retryAfter: .seconds(2)))], sleeps: sleeps)
        #expect(outcome.report.connections.first?.failedChecks == [.access])
        #expect(
            Self.accessLines(outcome) == [
                "  ✗ access      N ms  GET /security/alerts_v2?$top=1 → 429 TooManyRequests: Please retry again later.",
                "      fix: Graph is throttling or failing right now: try again in a few minutes; if it persists, quote "
                    + "the request-id to Microsoft support",
                "      GET /security/alerts_v2?$top=1: gave up after 3 attempts",
                "      GET /security/alerts_v2?$top=1: request-id ID, client-request-id ID",
            ])
        // Graph's Retry-After was honoured between the attempts.
        #expect(sleeps.all == [.seconds(2), .seconds(2)])
        outcome.expectNoSecrets()
    }
}
