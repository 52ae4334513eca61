import AsyncHTTPClient
import Foundation
import GraphEmulator
import JSON
import NIOCore
import NIOHTTP1
import NIOSSL

/// One HTTP exchange as a test sees it.
struct Exchange: Sendable {
    var status: Int
    var headers: HTTPHeaders
    var body: [UInt8]

    var text: String { String(decoding: body, as: UTF8.self) }

    func json() throws -> JSON { try JSON(parsing: body) }

    func header(_ name: String) -> String? { headers.first(name: name) }
}

/// A real HTTP client over loopback (AsyncHTTPClient), shut down when the closure ends.
struct TestHTTP: Sendable {
    let client: HTTPClient

    static func with<T: Sendable>(
        trusting caFile: String? = nil, _ body: (TestHTTP) async throws -> T
    ) async throws -> T {
        var configuration = HTTPClient.Configuration()
        if let caFile {
            var tls = TLSConfiguration.makeClientConfiguration()
            tls.trustRoots = .file(caFile)
            configuration.tlsConfiguration = tls
        }
        configuration.timeout = .init(connect: .seconds(5), read: .seconds(30))
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        do {
            let result = try await body(TestHTTP(client: client))
            try await client.shutdown()
            return result
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    func send(
        _ method: HTTPMethod = .GET, _ url: String, headers: [(String, String)] = [], body: String? = nil
    ) async throws -> Exchange {
        var request = HTTPClientRequest(url: url)
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body { request.body = .bytes(ByteBuffer(string: body)) }
        let response = try await client.execute(request, timeout: .seconds(30))
        let buffer = try await response.body.collect(upTo: 256 << 20)
        return Exchange(status: Int(response.status.code), headers: response.headers, body: Array(buffer: buffer))
    }

    /// Requests a token for the demo app (or `clientID`/`secret`) and returns the raw exchange.
    func requestToken(
        _ emulator: GraphEmulator, tenant: String = DemoTenant.tenantID, clientID: String = DemoTenant.clientID,
        secret: String?, scope: String? = nil, grantType: String = "client_credentials",
        extraHeaders: [(String, String)] = []
    ) async throws -> Exchange {
        var form = ["grant_type=\(grantType)", "client_id=\(clientID)"]
        if let secret { form.append("client_secret=\(Self.formEncode(secret))") }
        form.append("scope=\(Self.formEncode(scope ?? emulator.scope))")
        return try await send(
            .POST, emulator.tokenURL(tenant: tenant),
            headers: [("Content-Type", "application/x-www-form-urlencoded")] + extraHeaders,
            body: form.joined(separator: "&"))
    }

    /// A valid access token for the demo app.
    func token(_ emulator: GraphEmulator, secret: String = TestData.secret) async throws -> String {
        let exchange = try await requestToken(emulator, secret: secret)
        guard exchange.status == 200, let token = try exchange.json()["access_token"]?.stringValue else {
            throw TestFailure("token request failed: \(exchange.status) \(exchange.text)")
        }
        return token
    }

    func get(_ url: String, token: String, headers: [(String, String)] = []) async throws -> Exchange {
        try await send(.GET, url, headers: [("Authorization", "Bearer \(token)")] + headers)
    }

    static func formEncode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Shared test values.
enum TestData {
    static let secret = "Zq8~emulator.test-secret_value+/="
    static let fixtures = "/work/shared/fixtures/graph"
    /// A fixed instant for deterministic generated data.
    static let end = Date(timeIntervalSince1970: 1_780_000_000)

    static func configuration(
        alerts: Int = 300, seed: UInt64 = 7, apps: [RegisteredApp]? = nil, clock: EmulatorClock = .system,
        faults: [FaultRule] = [], limits: QueryLimits = QueryLimits(), budget: RequestBudget? = nil,
        dataSet: DataSet? = nil, tokenLifetime: Int = 3599
    ) -> EmulatorConfiguration {
        EmulatorConfiguration(
            apps: apps ?? [DemoTenant.app(secret: secret)], tokenLifetime: tokenLifetime,
            dataSet: dataSet ?? .generated(GeneratorOptions(seed: seed, alertCount: alerts, end: end)),
            limits: limits, requestBudget: budget, faults: faults, clock: clock)
    }

    /// Fixture path resolution: the shared folder sits beside the repository in CI and on developer machines.
    static func fixture(_ name: String) -> String {
        let candidates = [
            fixtures + "/" + name,
            URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("shared/fixtures/graph/\(name)").path,
        ]
        return candidates.first { FileManager.default.fileExists(atPath: $0) } ?? candidates[0]
    }
}
