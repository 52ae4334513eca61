import AsyncHTTPClient
import Foundation
import GraphEmulator
import JSON
import NIOCore
import Testing

/// `temsync emulator` as a user runs it: the built binary, its printed URLs, a token from its secret file.
@Suite struct EmulatorCommandTests {
    static var binary: String {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("temsync")
            .path
    }

    @Test func servesTheDemoTenantWithoutPrintingTheSecret() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("emulator-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let secretFile = folder.appendingPathComponent("secret").path

        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = ["emulator", "--port", "0", "--alerts", "20", "--secret-file", secretFile]
        var environment = ProcessInfo.processInfo.environment
        environment[DemoTenant.secretEnvironmentVariable] = nil
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer {
            if process.isRunning { process.terminate() }
            process.waitUntilExit()
        }
        var printed = ""
        while !printed.contains("Press Ctrl-C to stop.") {
            let data = output.fileHandleForReading.availableData
            guard !data.isEmpty else { break }
            printed += String(decoding: data, as: UTF8.self)
        }
        let lines = printed.split(separator: "\n").map(String.init)
        #expect(lines.first == "temsync emulator: serving 20 alerts in \(Self.incidents(lines)) incidents (seed 1)")
        #expect(lines.contains("  tenant ID:     \(DemoTenant.tenantID)"))
        #expect(lines.contains("  client ID:     \(DemoTenant.clientID)"))
        #expect(
            lines.contains(
                "  client secret: new, written to \(secretFile) (mode 0600; or set $\(DemoTenant.secretEnvironmentVariable))"
            ))
        let graphLine = try #require(lines.first { $0.hasPrefix("  Graph URL:     ") })
        let root = try #require(
            graphLine.dropFirst("  Graph URL:     ".count).split(separator: " ").first.map(String.init))

        let secret = try String(contentsOfFile: secretFile, encoding: .utf8).trimmingCharacters(
            in: .whitespacesAndNewlines)
        #expect(secret.count >= 32)
        #expect(!printed.contains(secret))
        let permissions = try FileManager.default.attributesOfItem(atPath: secretFile)[.posixPermissions] as? Int
        #expect(permissions == 0o600)

        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        do {
            var tokenRequest = HTTPClientRequest(url: "\(root)/\(DemoTenant.tenantID)/oauth2/v2.0/token")
            tokenRequest.method = .POST
            tokenRequest.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
            let encoded = secret.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            let scope = "\(root)/.default".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            tokenRequest.body = .bytes(
                ByteBuffer(
                    string:
                        "grant_type=client_credentials&client_id=\(DemoTenant.clientID)&client_secret=\(encoded)&scope=\(scope)"
                ))
            let tokenResponse = try await client.execute(tokenRequest, timeout: .seconds(10))
            let tokenBody = try JSON(parsing: Array(buffer: try await tokenResponse.body.collect(upTo: 1 << 20)))
            let token = try #require(tokenBody["access_token"]?.stringValue)
            var alertsRequest = HTTPClientRequest(url: "\(root)/v1.0/security/alerts_v2")
            alertsRequest.headers.add(name: "Authorization", value: "Bearer \(token)")
            let alerts = try await client.execute(alertsRequest, timeout: .seconds(10))
            #expect(alerts.status == .ok)
            let page = try JSON(parsing: Array(buffer: try await alerts.body.collect(upTo: 16 << 20)))
            #expect(page["value"]?.arrayValue?.count == 20)
            try await client.shutdown()
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    static func incidents(_ lines: [String]) -> String {
        guard let first = lines.first, let range = first.range(of: "alerts in ") else { return "?" }
        return String(first[range.upperBound...].prefix { $0.isNumber })
    }
}
