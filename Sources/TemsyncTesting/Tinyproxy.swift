import Foundation

/// A real tinyproxy on 127.0.0.1 and a free port, with a generated configuration (no `ConnectPort` restriction, so
/// CONNECT to any port passes; optional basic credentials) and its log in a file the test reads.
public final class Tinyproxy: Sendable {
    public let port: Int
    public let directory: TemporaryDirectory
    public let logPath: String
    private let process: ChildProcess

    /// - Parameter credentials: `BasicAuth user password` when given (tinyproxy's parser takes letters, digits and
    ///   `-_.~@` only: no `!` or spaces).
    public init(credentials: (user: String, password: String)? = nil) async throws {
        guard
            let executable = ChildProcess.locate([
                "/usr/bin/tinyproxy", "/usr/sbin/tinyproxy", "/usr/local/bin/tinyproxy",
            ])
        else { throw ProcessFailure("tinyproxy is not installed (scripts/bootstrap installs it)") }
        directory = try TemporaryDirectory(prefix: "temsync-tinyproxy")
        logPath = directory.file("tinyproxy.log")
        port = try FreePort.next()
        var configuration = """
            Port \(port)
            Listen 127.0.0.1
            Timeout 30
            LogFile "\(logPath)"
            LogLevel Info
            MaxClients 50
            Allow 127.0.0.1
            DisableViaHeader Yes

            """
        if let credentials { configuration += "BasicAuth \(credentials.user) \(credentials.password)\n" }
        let configPath = try directory.write(configuration, to: "tinyproxy.conf")
        process = try ChildProcess(executable, ["-d", "-c", configPath], outputFile: directory.file("stdout.txt"))
        do {
            try await FreePort.waitUntilListening(port, what: "tinyproxy")
        } catch {
            process.stop()
            let output = (try? String(contentsOfFile: directory.file("stdout.txt"), encoding: .utf8)) ?? ""
            throw ProcessFailure("tinyproxy did not start: \(output.suffix(500))")
        }
    }

    /// `http://127.0.0.1:<port>`.
    public var url: String { "http://127.0.0.1:\(port)" }

    /// The log as written so far.
    public var log: String {
        (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
    }

    /// Log lines of requests the proxy received (`Request (file descriptor N): CONNECT host:port HTTP/1.1`).
    public var requestLines: [String] {
        log.split(separator: "\n").map(String.init).filter { $0.contains("Request (file descriptor") }
    }

    /// Whether the proxy opened a connection onwards to `host:port` (traffic passed through it).
    public func forwarded(to host: String, port: Int) -> Bool {
        log.contains("opensock: opening connection to \(host):\(port)")
    }

    public func stop() {
        process.stop()
        directory.remove()
    }
}
