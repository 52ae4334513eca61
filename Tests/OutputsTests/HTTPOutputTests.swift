import AsyncHTTPClient
import Foundation
import JSON
import Mapping
import Testing
import Transport

@testable import Outputs

@Suite struct HTTPOutputTests {
    static let records: [Record] = (1...7).map { number in
        Record(id: "rec-\(number)", kind: .alert, fields: ["n": .int(number), "title": .string("alert \(number)")])
    }

    static func body(_ numbers: ClosedRange<Int>) -> String {
        "[" + numbers.map { #"{"n":\#($0),"title":"alert \#($0)"}"# }.joined(separator: ",") + "]"
    }

    static let policy = RetryPolicy(maxAttempts: 5, initialDelay: .seconds(1), jitter: .none)

    func withClient<T>(
        connectTimeout: Duration = .seconds(10), _ body: (HTTPClient) async throws -> T
    ) async throws -> T {
        var configuration = HTTPClient.Configuration()
        configuration.timeout.connect = .milliseconds(
            Int64(
                connectTimeout.components.seconds * 1000 + connectTimeout.components.attoseconds / 1_000_000_000_000_000
            ))
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        do {
            let result = try await body(client)
            try await client.shutdown()
            return result
        } catch {
            try await client.shutdown()
            throw error
        }
    }

    @Test func deliversEveryBatchOnceThroughFaults() async throws {
        let receiver = Receiver()
        receiver.script([
            .status(429, retryAfter: "7"), .status(503), .pass,  // batch 1: throttled, unavailable, accepted
            .dropBeforeStoring, .pass,  // batch 2: the request is lost, then accepted
            .dropAfterStoring, .pass,  // batch 3: stored but the answer is lost; the retry is a repeat
        ])
        let sleeps = RecordedSleeps()
        let report = try await receiver.serve { url in
            try await withClient { client in
                let options = HTTPOutputOptions(url: url, batchSize: 2, retry: Self.policy)
                let output = HTTPOutput(
                    name: "tem", options: options, context: Samples.context(), client: client, runtime: sleeps.runtime)
                try await deliver(output, [Array(Self.records.prefix(3)), Array(Self.records.suffix(4))])
                return await output.report()
            }
        }
        #expect(
            receiver.stored.map { String(decoding: $0.body, as: UTF8.self) } == [
                Self.body(1...2), Self.body(3...4), Self.body(5...6), Self.body(7...7),
            ])
        #expect(Set(receiver.stored.map(\.key)).count == 4)
        let keys = receiver.requests.map(\.key)
        #expect(keys.count == 8)
        #expect(keys[0] == keys[1] && keys[1] == keys[2] && keys[3] == keys[4] && keys[5] == keys[6])
        #expect(sleeps.all == [.seconds(7), .seconds(2), .seconds(1), .seconds(1)])
        #expect(report.batches == 4)
        #expect(report.delivered == 7)
        #expect(report.retries == 4)
        #expect(report.status == .committed)
        let headers = try #require(receiver.requests.first?.headers)
        #expect(headers["content-type"] == "application/json")
        #expect(headers["user-agent"] == "temsync")
        #expect(receiver.requests.allSatisfy { $0.method == "POST" })
    }

    @Test func sendsTheSameKeyForTheSameBatchInALaterRun() async throws {
        let receiver = Receiver()
        try await receiver.serve { url in
            try await withClient { client in
                for records in [Self.records, Self.records] {
                    let output = HTTPOutput(
                        name: "tem", options: .init(url: url, batchSize: 3), context: Samples.context(), client: client)
                    try await deliver(output, [records])
                }
                var changed = Self.records
                changed[0].fields["title"] = "alert 1, updated"
                let output = HTTPOutput(
                    name: "tem", options: .init(url: url, batchSize: 3), context: Samples.context(), client: client)
                try await deliver(output, [changed])
            }
        }
        #expect(receiver.requests.count == 9)
        #expect(Array(receiver.requests.map(\.key)[0..<3]) == Array(receiver.requests.map(\.key)[3..<6]))
        // The batch whose record changed is new data; the two unchanged batches are repeats.
        #expect(receiver.stored.count == 4)
        #expect(receiver.requests[6].key != receiver.requests[0].key)
        #expect(receiver.requests[7].key == receiver.requests[1].key)
    }

    @Test func compressesBodiesAndPutsWhenAsked() async throws {
        let receiver = Receiver()
        try await receiver.serve { url in
            try await withClient { client in
                let options = HTTPOutputOptions(url: url, method: .put, batchSize: 10, gzip: true)
                let output = HTTPOutput(name: "tem", options: options, context: Samples.context(), client: client)
                try await deliver(output, records: Self.records)
            }
        }
        let request = try #require(receiver.requests.first)
        #expect(receiver.requests.count == 1)
        #expect(request.method == "PUT")
        #expect(request.headers["content-encoding"] == "gzip")
        #expect(String(decoding: request.body, as: UTF8.self) == Self.body(1...7))
    }

    @Test func failsAtOnceOnARefusalAndNeverShowsASecret() async throws {
        let receiver = Receiver()
        receiver.script([
            .status(
                401,
                body: #"{"error":{"code":"auth","message":"token 'Bearer s3cr3t-t0ken' is not valid; key k3y-v4lue"}}"#)
        ])
        let logs = LogRecorder()
        let sleeps = RecordedSleeps()
        let error = try await receiver.serve { url in
            try await withClient { client in
                let options = HTTPOutputOptions(
                    url: url + "?tenant=contoso",
                    headers: [
                        .init(name: "Authorization", value: .secret(Secret("s3cr3t-t0ken"), prefix: "Bearer ")),
                        .init(name: "X-Api-Key", value: .secret(Secret("k3y-v4lue"))),
                        .init(name: "X-Source", value: .plain("temsync-test")),
                    ], batchSize: 5, retry: Self.policy)
                let spec = OutputDefinition(name: "tem", configuration: .http(options))
                let output = try spec.makeOutput(
                    context: Samples.context(logger: logs),
                    environment: .init(httpClient: client, retryRuntime: sleeps.runtime))
                return await #expect(throws: OutputError.self) { try await deliver(output, [Self.records]) }
            }
        }
        let request = try #require(receiver.requests.first)
        #expect(request.headers["authorization"] == "Bearer s3cr3t-t0ken")
        #expect(request.headers["x-api-key"] == "k3y-v4lue")
        #expect(request.headers["x-source"] == "temsync-test")
        #expect(receiver.requests.count == 1)
        #expect(sleeps.all == [])
        let description = try #require(error?.description)
        #expect(description.hasPrefix("output 'tem': POST http://127.0.0.1:"))
        #expect(
            description.hasSuffix(
                "/ingest answered 401 Unauthorized: token '<redacted>' is not valid; key <redacted>"))
        #expect(error?.status == 401)
        for line in logs.all + [description, "\(String(describing: error))"] {
            #expect(!line.contains("s3cr3t") && !line.contains("k3y-v4lue"))
        }
    }

    @Test func givesUpWhenRetriesRunOut() async throws {
        let receiver = Receiver()
        receiver.script([.status(503), .status(502), .status(503, body: "try later")])
        let logs = LogRecorder()
        let sleeps = RecordedSleeps()
        let error = try await receiver.serve { url in
            try await withClient { client in
                let options = HTTPOutputOptions(
                    url: url,
                    headers: [.init(name: "Authorization", value: .secret(Secret("s3cr3t"), prefix: "Bearer "))],
                    retry: RetryPolicy(maxAttempts: 3, initialDelay: .seconds(1), jitter: .none))
                let output = HTTPOutput(
                    name: "tem", options: options, context: Samples.context(logger: logs), client: client,
                    runtime: sleeps.runtime)
                return await #expect(throws: OutputError.self) { try await deliver(output, [Self.records]) }
            }
        }
        let description = try #require(error?.description)
        #expect(description.hasPrefix("output 'tem': gave up after 3 attempts (no attempts were left): POST http://"))
        #expect(description.hasSuffix("/ingest answered 503 Service Unavailable: try later"))
        #expect(sleeps.all == [.seconds(1), .seconds(2)])
        #expect(logs.all.filter { $0.hasPrefix("warning retrying a batch") }.count == 2)
        #expect(!logs.all.contains { $0.contains("s3cr3t") })
    }

    @Test func retriesARefusedConnectionThenGivesUp() async throws {
        // Port 1 (tcpmux): nothing listens there on a normal machine, so the connection is refused.
        let url = "http://127.0.0.1:1/ingest"
        let sleeps = RecordedSleeps()
        // AsyncHTTPClient keeps trying to connect until its connect timeout: keep that short here.
        let error = try await withClient(connectTimeout: .milliseconds(200)) { client in
            let options = HTTPOutputOptions(
                url: url, retry: RetryPolicy(maxAttempts: 2, initialDelay: .seconds(1), jitter: .none))
            let output = HTTPOutput(
                name: "tem", options: options, context: Samples.context(), client: client, runtime: sleeps.runtime)
            return await #expect(throws: OutputError.self) { try await deliver(output, [Self.records]) }
        }
        #expect(sleeps.all == [.seconds(1)])
        #expect(
            error?.description.hasPrefix(
                "output 'tem': gave up after 2 attempts (no attempts were left): POST \(url) failed: ") == true)
    }

    @Test func redactsSecretHeaderValuesWhenPrinted() {
        let value = HTTPOutputOptions.HeaderValue.secret(Secret("s3cr3t"), prefix: "Bearer ")
        #expect("\(value)" == "Bearer <redacted>")
        #expect(HTTPOutput.redacted("https://u:p@tem.example/api/x?token=abc#f") == "https://tem.example/api/x")
    }

    @Test func reportsOptionsThatCannotWork() {
        let options = HTTPOutputOptions(
            url: "ftp://x",
            headers: [
                .init(name: "Content-Length", value: .plain("1")), .init(name: "Bad Name", value: .plain("a\nb")),
            ],
            batchSize: 0)
        #expect(
            OutputDefinition(name: "tem", configuration: .http(options)).problems == [
                "output 'tem': 'url' must be an absolute http or https URL, not 'ftp://x'",
                "output 'tem': 'batch_size' must be 1…10000, not 0",
                "output 'tem': header 'Content-Length' is set by temsync and cannot be configured",
                "output 'tem': header name 'Bad Name' is not a valid HTTP field name",
                "output 'tem': the value of header 'Bad Name' must not contain a line break",
            ])
    }
}
