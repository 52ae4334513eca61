import Foundation
import GraphEmulator
import TemsyncTesting
import Testing
import Transport

@testable import GraphSecurity

/// The client-credentials token against the emulator's identity platform, over real loopback HTTP.
@Suite struct TokenTests {
    @Test func concurrentRequestsShareOneCachedToken() async throws {
        try await EmulatorHarness.withClient { context in
            let tokens = try await withThrowingTaskGroup(of: String.self) { group in
                for _ in 0..<20 { group.addTask { try await context.client.acquireToken().value.reveal() } }
                return try await group.reduce(into: Set<String>()) { $0.insert($1) }
            }
            #expect(tokens.count == 1)
            #expect(await context.client.tokenRequestCount == 1)
            _ = try await context.client.get(path: "/security/alerts_v2?$top=1")
            _ = try await context.client.acquireToken()
            #expect(await context.emulator.journal.entries(for: .token).count == 1)
        }
    }

    @Test func theTokenRequestIsTheDocumentedForm() async throws {
        try await EmulatorHarness.withClient { context in
            let token = try await context.client.acquireToken()
            #expect(token.tokenType == "Bearer")
            #expect(token.lifetime == .seconds(3599))
            #expect(try token.roles() == ["SecurityAlert.Read.All", "SecurityIncident.Read.All"])
            #expect(try token.claims()["tid"]?.stringValue == EmulatorHarness.tenantID)
            let entry = try #require(await context.emulator.journal.entries(for: .token).first)
            #expect(entry.method == "POST")
            #expect(entry.path == "/\(EmulatorHarness.tenantID)/oauth2/v2.0/token")
            #expect(entry.header("Content-Type") == "application/x-www-form-urlencoded")
            #expect(entry.header("User-Agent") == "temsync/\(TemsyncVersion.current)")
            let scope = GraphQuery.encode(context.emulator.scope).replacingOccurrences(of: ":", with: "%3A")
                .replacingOccurrences(of: "/", with: "%2F")
            #expect(
                entry.bodyText
                    == "client_id=\(EmulatorHarness.clientID)&scope=\(scope)&client_secret=Zx8Q~emulator.Secret-Value_4711"
                    + "&grant_type=client_credentials")
        }
    }

    @Test func theTokenIsRenewedShortlyBeforeItExpires() async throws {
        try await EmulatorHarness.withClient(EmulatorHarness.configuration(tokenLifetime: 600)) { context in
            let first = try await context.client.acquireToken()
            #expect(first.renewalMargin == .seconds(60))
            context.time.advance(by: .seconds(530))
            #expect(try await context.client.acquireToken().value == first.value)
            context.time.advance(by: .seconds(15))
            let second = try await context.client.acquireToken()
            #expect(second.value != first.value)
            #expect(await context.client.tokenRequestCount == 2)
        }
    }

    @Test func a401RenewsTheTokenOnce() async throws {
        let faults = [FaultRule(.alerts, requests: [2], action: .expireTokens)]
        try await EmulatorHarness.withClient(EmulatorHarness.configuration(faults: faults)) { context in
            let pages = try await context.client.pages(of: GraphQuery(source: .alerts, pageSize: 50)).collect()
            #expect(pages.flatMap(\.records).count == 120)
            #expect(await context.client.tokenRequestCount == 2)
            let statuses = await context.emulator.journal.entries(for: .alerts).map(\.status)
            #expect(statuses == [200, 401, 200, 200])
            #expect(context.retries.errors.isEmpty)
            #expect(context.logs.entries(withMessage: "Graph refused the access token; renewing it once").count == 1)
        }
    }

    @Test func a401AfterRenewalFails() async throws {
        let faults = [FaultRule(.alerts, requests: .all, action: .expireTokens)]
        try await EmulatorHarness.withClient(EmulatorHarness.configuration(faults: faults)) { context in
            do {
                _ = try await context.client.get(path: "/security/alerts_v2?$top=1")
                Issue.record("the request should have failed")
            } catch let error as GraphError {
                #expect(error.status == 401)
                #expect(error.code == "InvalidAuthenticationToken")
                let requestID = try #require(error.requestID)
                #expect(
                    error.description
                        == "Graph answered 401 (InvalidAuthenticationToken) for '\(error.url)': Lifetime validation "
                        + "failed, the token is expired.; Graph did not accept the access token (a renewed token was "
                        + "refused too); check that cloud and endpoints belong together [request-id \(requestID), "
                        + "client-request-id \(error.clientRequestID)]")
            }
            #expect(await context.client.tokenRequestCount == 2)
            #expect(await context.emulator.journal.entries(for: .alerts).count == 2)
        }
    }

    @Test func transientTokenEndpointFailuresAreRetried() async throws {
        let faults = [
            FaultRule(.token, requests: [1], action: .serverError(status: 503, retryAfter: .seconds(1.5))),
            FaultRule(.token, requests: [2], action: .throttle(retryAfter: nil)),
            FaultRule(.token, requests: [3], action: .malformedBody),
        ]
        try await EmulatorHarness.withClient(EmulatorHarness.configuration(faults: faults)) { context in
            _ = try await context.client.acquireToken()
            #expect(await context.emulator.journal.entries(for: .token).count == 4)
            #expect(context.time.sleeps.first == .milliseconds(1500))
            #expect(context.time.sleeps.count == 3)
        }
    }
}
