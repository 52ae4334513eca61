import Foundation
import GraphEmulator
import TemsyncTesting
import Testing
import Transport

@testable import GraphSecurity

/// Every fault of the emulator, survived or reported as specified.
@Suite struct FaultTests {
    static let path = "/security/alerts_v2?$top=5"

    func survive(
        _ action: FaultAction, transport: TransportConfiguration = TransportConfiguration()
    )
        async throws -> (sleeps: [Duration], retries: [String], statuses: [Int?])
    {
        let faults = [FaultRule(.alerts, requests: [1], action: action)]
        return try await EmulatorHarness.withClient(
            EmulatorHarness.configuration(faults: faults), transport: transport
        ) { context in
            let response = try await context.client.get(path: Self.path)
            #expect(response.json["value"]?.arrayValue?.count == 5)
            #expect(response.requestID != nil)
            let statuses = await context.emulator.journal.entries(for: .alerts).map(\.status)
            return (context.time.sleeps, context.retries.errors, statuses)
        }
    }

    @Test func throttlingHonoursRetryAfterInSeconds() async throws {
        let result = try await survive(.throttle(retryAfter: .seconds(3)))
        #expect(result.sleeps == [.seconds(3)])
        #expect(result.statuses == [429, 200])
        #expect(result.retries.count == 1)
        #expect(result.retries[0].hasPrefix("Graph answered 429 (TooManyRequests) for '"))
    }

    @Test func throttlingHonoursFractionalRetryAfter() async throws {
        #expect(try await survive(.throttle(retryAfter: .seconds(2.128))).sleeps == [.milliseconds(2128)])
    }

    @Test func throttlingHonoursAnHTTPDate() async throws {
        try await EmulatorHarness.withClient { context in
            _ = try await context.client.acquireToken()
            let date = Date().addingTimeInterval(90)
            await context.emulator.faults.add(
                FaultRule(.alerts, requests: [1], action: .throttle(retryAfter: .httpDate(date))))
            _ = try await context.client.get(path: Self.path)
            let sleep = try #require(context.time.sleeps.first)
            // An HTTP-date has whole seconds: what is left of the 90 seconds, give or take a second.
            #expect(sleep > .seconds(60) && sleep <= .seconds(90))
        }
    }

    @Test func throttlingWithoutRetryAfterBacksOffWithJitter() async throws {
        // Full jitter with the virtual random 0.5 of a 1 s first bound.
        #expect(try await survive(.throttle(retryAfter: nil)).sleeps == [.milliseconds(500)])
    }

    @Test(arguments: [500, 502, 503, 504, 509])
    func serverErrorsAreRetried(status: Int) async throws {
        let result = try await survive(.serverError(status: status, retryAfter: nil))
        #expect(result.statuses == [status, 200])
        #expect(result.sleeps == [.milliseconds(500)])
    }

    @Test func aServerErrorsRetryAfterIsHonoured() async throws {
        #expect(try await survive(.serverError(status: 503, retryAfter: .seconds(4))).sleeps == [.seconds(4)])
    }

    @Test func aLongRetryAfterIsCapped() async throws {
        let faults = [FaultRule(.alerts, requests: [1], action: .throttle(retryAfter: .seconds(3600)))]
        var retry = EmulatorHarness.retry
        retry.maxRetryAfter = .seconds(120)
        retry.deadline = nil
        try await EmulatorHarness.withClient(EmulatorHarness.configuration(faults: faults), retry: retry) { context in
            _ = try await context.client.get(path: Self.path)
            #expect(context.time.sleeps == [.seconds(120)])
        }
    }

    @Test func persistentServerErrorsGiveUpWithGraphsError() async throws {
        let faults = [FaultRule(.alerts, requests: .all, action: .serverError(status: 503, retryAfter: nil))]
        try await EmulatorHarness.withClient(EmulatorHarness.configuration(faults: faults)) { context in
            do {
                _ = try await context.client.get(path: Self.path)
                Issue.record("the request should have failed")
            } catch let error as RetriesExhausted {
                #expect(error.attempts == 4)
                let last = try #require(error.lastError as? GraphError)
                #expect(last.status == 503)
                #expect(
                    error.description.hasPrefix("gave up after 4 attempts (no attempts were left): Graph answered 503"))
            }
            #expect(await context.emulator.journal.entries(for: .alerts).count == 4)
        }
    }

    @Test func aSlowResponseWithinTheTimeoutIsWaitedFor() async throws {
        let result = try await survive(.delay(.milliseconds(300)))
        #expect(result.sleeps.isEmpty)
        #expect(result.statuses == [200])
    }

    @Test func aResponseSlowerThanTheRequestTimeoutIsRetried() async throws {
        let transport = TransportConfiguration(
            timeouts: HTTPTimeouts(connect: .seconds(5), request: .seconds(3)))
        let result = try await survive(.delay(.seconds(8)), transport: transport)
        #expect(result.sleeps.count == 1)
        #expect(result.retries.count == 1)
        #expect(result.retries[0].hasSuffix("timed out: no complete response within 3s (timeouts.request)"))
    }

    @Test func aConnectionCutMidBodyIsRetried() async throws {
        let result = try await survive(.cutMidBody)
        #expect(result.retries.count == 1)
        #expect(result.retries[0].contains("closed before the response was complete"))
    }

    @Test func aDroppedConnectionIsRetried() async throws {
        let result = try await survive(.dropConnection)
        #expect(result.retries.count == 1)
    }

    @Test func aMalformedBodyIsRetried() async throws {
        let result = try await survive(.malformedBody)
        #expect(result.retries.count == 1)
        #expect(result.retries[0].hasPrefix("Graph's response for '"))
        #expect(result.retries[0].contains("is unusable: invalid JSON at line"))
    }

    @Test func otherClientErrorsFailAtOnceWithGraphsCodeAndMessage() async throws {
        try await EmulatorHarness.withClient { context in
            let query = GraphQuery(source: .alerts, filter: SourceFilter(severity: ["High"]))
            do {
                _ = try await context.client.pages(of: query).collect()
                Issue.record("the request should have failed")
            } catch let error as GraphError {
                #expect(error.status == 400)
                #expect(error.code == "BadRequest")
                #expect(error.message == "The string 'High' is not a valid enumeration type constant.")
                #expect(error.hint == nil)
            }
            #expect(context.time.sleeps.isEmpty)
        }
    }

    @Test func aMissingPermissionSaysWhichAndWhere() async throws {
        let configuration = EmulatorHarness.configuration(
            apps: [EmulatorHarness.app(roles: [GraphRole.securityAlertReadAll])])
        try await EmulatorHarness.withClient(configuration) { context in
            do {
                _ = try await context.client.pages(of: GraphQuery(source: .incidents)).collect()
                Issue.record("the request should have failed")
            } catch let error as GraphError {
                #expect(error.status == 403)
                #expect(
                    error.hint
                        == "the app needs the application permission SecurityIncident.Read.All with admin consent (API "
                        + "permissions → Add a permission → Microsoft Graph → Application permissions → "
                        + "SecurityIncident.Read.All → Grant admin consent)")
            }
            #expect(await context.emulator.journal.entries(for: .incidents).count == 1)
        }
    }

    @Test func aNextLinkToAnotherOriginIsRefused() async throws {
        let faults = [FaultRule(.alerts, requests: [1], action: .nextLinkOrigin("https://graph.evil.example"))]
        try await EmulatorHarness.withClient(EmulatorHarness.configuration(faults: faults)) { context in
            do {
                _ = try await context.client.pages(of: GraphQuery(source: .alerts, pageSize: 10)).collect()
                Issue.record("paging should have stopped")
            } catch let error as GraphPagingError {
                #expect(
                    error.reason.hasPrefix("Graph's @odata.nextLink leads to 'https://graph.evil.example:443', not to"))
            }
            #expect(await context.emulator.journal.entries(for: .alerts).count == 1)
        }
    }

    @Test func theTokenIsNeverSentOffTheGraphRoot() async throws {
        try await EmulatorHarness.withClient { context in
            await #expect(
                throws: GraphConfigurationError(
                    "refusing to send the access token to 'https://graph.evil.example:443': it is not the Graph root "
                        + "'\(context.emulator.graphRoot)'")
            ) { _ = try await context.client.get("https://graph.evil.example/v1.0/security/alerts_v2") }
            #expect(await context.emulator.journal.entries.isEmpty)
        }
    }
}
