import AsyncHTTPClient
import Foundation
import GraphEmulator
import JSON
import Testing

/// Each fault behaves as described, on the requests it names and no others.
@Suite struct FaultTests {
    static func run(
        _ faults: [FaultRule], alerts: Int = 20, budget: RequestBudget? = nil,
        _ body: (GraphEmulator, TestHTTP, String) async throws -> Void
    ) async throws {
        try await GraphEmulator.withRunning(TestData.configuration(alerts: alerts, faults: faults, budget: budget)) {
            emulator in
            try await TestHTTP.with { http in
                let token = try await http.token(emulator)
                try await body(emulator, http, token)
            }
        }
    }

    @Test func throttlesTheThirdAndFourthRequestsWithFractionalRetryAfter() async throws {
        let rule = FaultRule(.alerts, requests: [3, 4], action: .throttle(retryAfter: .seconds(2.128)))
        try await Self.run([rule]) { emulator, http, token in
            var statuses: [Int] = []
            for _ in 1...5 {
                let exchange = try await http.get(emulator.alertsURL + "?$top=1", token: token)
                statuses.append(exchange.status)
                if exchange.status == 429 {
                    #expect(exchange.header("Retry-After") == "2.128")
                    let error = try exchange.json()["error"]
                    #expect(error?["code"] == "TooManyRequests")
                    #expect(error?["message"] == "Please retry again later.")
                    #expect(error?["innerError"]?["status"] == "429")
                }
            }
            #expect(statuses == [200, 200, 429, 429, 200])
            #expect(await emulator.faults.requestCount(.alerts) == 5)
            let journal = await emulator.journal.entries(for: .alerts)
            #expect(journal.map(\.status) == [200, 200, 429, 429, 200])
            #expect(journal[2].faults == ["429, Retry-After: 2.128"])
        }
    }

    @Test func throttlesWithAnHTTPDateOrWithoutRetryAfter() async throws {
        let date = Date(timeIntervalSince1970: 1_780_000_000)
        let rules = [
            FaultRule(.incidents, requests: [1], action: .throttle(retryAfter: .httpDate(date))),
            FaultRule(.incidents, requests: [2], action: .throttle(retryAfter: nil)),
        ]
        try await Self.run(rules) { emulator, http, token in
            let first = try await http.get(emulator.incidentsURL, token: token)
            #expect(first.status == 429)
            #expect(first.header("Retry-After") == "Thu, 28 May 2026 20:26:40 GMT")
            let second = try await http.get(emulator.incidentsURL, token: token)
            #expect(second.status == 429)
            #expect(second.header("Retry-After") == nil)
            let status1 = try await http.get(emulator.incidentsURL, token: token).status
            #expect(status1 == 200)
        }
    }

    @Test(arguments: [(500, "InternalServerError"), (503, "ServiceUnavailable"), (504, "GatewayTimeout")])
    func answersServerErrors(_ status: Int, _ code: String) async throws {
        let rules = [
            FaultRule(.alerts, requests: [1], action: .serverError(status: status, retryAfter: nil)),
            FaultRule(.alerts, requests: [2], action: .serverError(status: status, retryAfter: .seconds(3))),
        ]
        try await Self.run(rules) { emulator, http, token in
            let first = try await http.get(emulator.alertsURL, token: token)
            #expect(first.status == status)
            #expect(first.header("Retry-After") == nil)
            #expect(try first.json()["error"]?["code"] == .string(code))
            let second = try await http.get(emulator.alertsURL, token: token)
            #expect(second.status == status)
            #expect(second.header("Retry-After") == "3")
            let status2 = try await http.get(emulator.alertsURL, token: token).status
            #expect(status2 == 200)
        }
    }

    @Test func omitsTheNextLinkOnAFullPage() async throws {
        try await Self.run([FaultRule(.alerts, requests: [1], action: .omitNextLink)], alerts: 30) {
            emulator, http, token in
            let first = try await http.get(emulator.alertsURL + "?$top=10", token: token).json()
            #expect(first["value"]?.arrayValue?.count == 10)
            #expect(first["@odata.nextLink"] == nil)
            let second = try await http.get(emulator.alertsURL + "?$top=10", token: token).json()
            #expect(second["@odata.nextLink"] != nil)
        }
    }

    @Test func sendsAMalformedBody() async throws {
        try await Self.run([FaultRule(.alerts, requests: [1], action: .malformedBody)]) { emulator, http, token in
            let exchange = try await http.get(emulator.alertsURL, token: token)
            #expect(exchange.status == 200)
            #expect(throws: JSONParseError.self) { try exchange.json() }
            #expect(try await http.get(emulator.alertsURL, token: token).json()["value"] != nil)
        }
    }

    @Test func cutsTheConnectionMidBody() async throws {
        try await Self.run([FaultRule(.alerts, requests: [1], action: .cutMidBody)], alerts: 200) {
            emulator, http, token in
            await #expect(throws: (any Error).self) { try await http.get(emulator.alertsURL, token: token) }
            let entry = try #require(await emulator.journal.entries(for: .alerts).first)
            #expect(entry.status == 200)
            #expect(entry.faults == ["cut mid-body"])
            let status3 = try await http.get(emulator.alertsURL, token: token).status
            #expect(status3 == 200)
        }
    }

    @Test func dropsTheConnection() async throws {
        try await Self.run([FaultRule(.alerts, requests: [1], action: .dropConnection)]) { emulator, http, token in
            await #expect(throws: (any Error).self) { try await http.get(emulator.alertsURL, token: token) }
            #expect(await emulator.journal.entries(for: .alerts).first?.status == nil)
            let status4 = try await http.get(emulator.alertsURL, token: token).status
            #expect(status4 == 200)
        }
    }

    /// A slow answer is late, not wrong: the client's deadline decides (here a short one gives up first).
    @Test func answersSlowly() async throws {
        try await Self.run([FaultRule(.alerts, requests: [1], action: .delay(.seconds(5)))]) { emulator, http, token in
            var request = HTTPClientRequest(url: emulator.alertsURL)
            request.headers.add(name: "Authorization", value: "Bearer \(token)")
            await #expect(throws: HTTPClientError.self) {
                _ = try await http.client.execute(request, timeout: .milliseconds(200))
            }
            let status5 = try await http.get(emulator.alertsURL, token: token).status
            #expect(status5 == 200)
        }
    }

    @Test func expiresTheTokenMidRun() async throws {
        try await Self.run([FaultRule(.alerts, requests: [2], action: .expireTokens)]) { emulator, http, token in
            let status6 = try await http.get(emulator.alertsURL, token: token).status
            #expect(status6 == 200)
            let expired = try await http.get(emulator.alertsURL, token: token)
            #expect(expired.status == 401)
            #expect(try expired.json()["error"]?["message"] == "Lifetime validation failed, the token is expired.")
            let status7 = try await http.get(emulator.alertsURL, token: token).status
            #expect(status7 == 401)
            let renewed = try await http.token(emulator)
            let status8 = try await http.get(emulator.alertsURL, token: renewed).status
            #expect(status8 == 200)
        }
    }

    @Test func throttlesAnAppOverItsBudget() async throws {
        try await Self.run([], budget: RequestBudget(requestsPerMinute: 3)) { emulator, http, token in
            var statuses: [Int] = []
            var retryAfter: String?
            for _ in 1...5 {
                let exchange = try await http.get(emulator.alertsURL + "?$top=1", token: token)
                statuses.append(exchange.status)
                if exchange.status == 429 { retryAfter = exchange.header("Retry-After") }
            }
            #expect(statuses == [200, 200, 200, 429, 429])
            let seconds = try #require(retryAfter.flatMap(Int.init))
            #expect((1...60).contains(seconds))
            await emulator.faults.setRequestBudget(nil)
            let status9 = try await http.get(emulator.alertsURL, token: token).status
            #expect(status9 == 200)
        }
    }

    @Test func addsFaultsWhileRunning() async throws {
        try await Self.run([]) { emulator, http, token in
            let status10 = try await http.get(emulator.alertsURL, token: token).status
            #expect(status10 == 200)
            await emulator.faults.add(
                FaultRule(.alerts, requests: .from(2), action: .serverError(status: 503, retryAfter: nil)))
            let status11 = try await http.get(emulator.alertsURL, token: token).status
            #expect(status11 == 503)
            let status12 = try await http.get(emulator.alertsURL, token: token).status
            #expect(status12 == 503)
            await emulator.faults.removeAll()
            let status13 = try await http.get(emulator.alertsURL, token: token).status
            #expect(status13 == 200)
        }
    }

    @Test func failsTheTokenEndpointTheEntraWay() async throws {
        let rules = [FaultRule(.token, requests: [2], action: .serverError(status: 503, retryAfter: .seconds(1)))]
        try await Self.run(rules) { emulator, http, _ in
            let refused = try await http.requestToken(emulator, secret: TestData.secret)
            #expect(refused.status == 503)
            #expect(refused.header("Retry-After") == "1")
            #expect(try refused.json()["error"] == "temporarily_unavailable")
            #expect(try refused.json()["error_codes"] == [90033])
            let status14 = try await http.requestToken(emulator, secret: TestData.secret).status
            #expect(status14 == 200)
        }
    }
}

@Suite struct NextLinkOriginTests {
    @Test func pointsTheNextLinkElsewhere() async throws {
        let rule = FaultRule(.alerts, requests: [1], action: .nextLinkOrigin("http://127.0.0.2:9"))
        try await FaultTests.run([rule], alerts: 30) { emulator, http, token in
            let page = try await http.get(emulator.alertsURL + "?$top=10", token: token).json()
            let next = try #require(page["@odata.nextLink"]?.stringValue)
            #expect(next.hasPrefix("http://127.0.0.2:9/v1.0/security/alerts_v2?$top=10&$skiptoken="))
        }
    }
}
