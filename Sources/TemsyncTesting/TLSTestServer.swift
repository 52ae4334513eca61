import Foundation

/// A real TLS server on 127.0.0.1 (`openssl s_server -www`): answers every HTTPS request with 200 and a status page.
/// For trust tests that need nothing but a handshake and a response.
public final class TLSTestServer: Sendable {
    public let port: Int
    private let process: ChildProcess

    public init(certificate: String, key: String, logFile: String) async throws {
        let openssl = ChildProcess.locate(["/usr/bin/openssl", "/usr/local/bin/openssl", "/opt/homebrew/bin/openssl"])
        guard let openssl else { throw ProcessFailure("openssl is not installed (scripts/bootstrap installs it)") }
        port = try FreePort.next()
        process = try ChildProcess(
            openssl,
            ["s_server", "-accept", "127.0.0.1:\(port)", "-cert", certificate, "-key", key, "-www", "-quiet"],
            outputFile: logFile)
        try await FreePort.waitUntilListening(port, what: "openssl s_server")
    }

    /// `https://127.0.0.1:<port>/`.
    public var url: String { "https://127.0.0.1:\(port)/" }

    public func stop() { process.stop() }
}
