import ArgumentParser
import Foundation
import GraphEmulator
import Logging

/// `temsync emulator`: serves the built-in Microsoft Graph security emulator until interrupted.
struct EmulatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "emulator",
        abstract: "Serve the built-in Microsoft Graph security emulator (token endpoint, alerts_v2, incidents).",
        discussion: """
            The emulator serves the demo tenant's app (the tenant and client IDs are printed). Its client secret is \
            read from the \(DemoTenant.secretEnvironmentVariable) environment variable; when that is not set, a \
            random secret is kept in --secret-file (created with mode 0600 on first use). The secret is never \
            printed: point a job's client_secret at the variable or the file.
            """
    )

    @Option(help: "The address to listen on.") var host = "127.0.0.1"
    @Option(help: "The port to listen on (0 picks a free one).") var port = 8080
    @Option(help: "The seed of the generated data set (the same seed gives the same data).") var seed: UInt64 = 1
    @Option(help: "How many alerts to generate.") var alerts = 500
    @Option(
        help: ArgumentHelp(
            "The newest createdDateTime of the generated data (e.g. 2026-01-31T00:00:00Z); default: now. Fix it to get "
                + "the same data on every start.", valueName: "date-time"))
    var end: String?
    @Option(
        name: .customLong("data"),
        help: ArgumentHelp(
            "Serve the records of this JSON file instead of generated ones (repeatable).", valueName: "file"))
    var dataFiles: [String] = []
    @Option(
        help: ArgumentHelp(
            "Serve HTTPS with a throwaway CA and certificate written into this folder (trust its ca.pem).",
            valueName: "dir"))
    var tlsDir: String?
    @Option(help: "Where the demo app's client secret is kept when the environment variable is not set.")
    var secretFile = ".temsync/emulator/client-secret"
    @Option(help: "Lifetime of issued access tokens, in seconds.") var tokenLifetime = 3599
    @Flag(help: "Log each request (method, path, status) to standard error.") var logRequests = false

    func run() async throws {
        var endDate: Date?
        if let end {
            guard let instant = GraphTimestamp(parsing: end) else {
                throw ValidationError("--end '\(end)' is not a date-time like 2026-01-31T00:00:00Z")
            }
            endDate = instant.date
        }
        let (secret, secretSource) = try resolveSecret()
        var configuration = EmulatorConfiguration(
            host: host, port: port, apps: [DemoTenant.app(secret: secret)], tokenLifetime: tokenLifetime,
            dataSet: dataFiles.isEmpty
                ? .generated(GeneratorOptions(seed: seed, alertCount: alerts, end: endDate))
                : try DataSet.files(dataFiles),
            journal: JournalOptions(capacity: 0))
        var caFile: String?
        if let tlsDir {
            let authority = try TestCertificateAuthority.issue(into: tlsDir)
            configuration.tls = authority.serverFiles
            caFile = authority.caCertificatePath
        }
        let shownCAFile = caFile
        var logger = Logger(
            label: "temsync.emulator", factory: { label in StreamLogHandler.standardError(label: label) })
        logger.logLevel = logRequests ? .debug : .warning
        try await GraphEmulator.run(configuration, logger: logger) { emulator in
            let counts = "\(await emulator.store.alertCount) alerts in \(await emulator.store.incidentCount) incidents"
            var lines = [
                "temsync emulator: serving \(counts)" + (dataFiles.isEmpty ? " (seed \(seed))" : ""),
                "  login URL:     \(emulator.loginRoot)  (token: \(emulator.tokenURL(tenant: DemoTenant.tenantID)))",
                "  Graph URL:     \(emulator.graphRoot)  (alerts: \(emulator.alertsURL))",
                "  tenant ID:     \(DemoTenant.tenantID)",
                "  client ID:     \(DemoTenant.clientID)",
                "  client secret: \(secretSource)",
            ]
            if let shownCAFile { lines.append("  CA file:       \(shownCAFile)") }
            lines.append("Press Ctrl-C to stop.")
            // Written unbuffered, so a script reading a pipe sees the URLs at once.
            FileHandle.standardOutput.write(Data((lines.joined(separator: "\n") + "\n").utf8))
        }
    }

    /// The secret from the environment, else from the secret file (made with a random value when missing).
    func resolveSecret() throws -> (String, String) {
        let variable = DemoTenant.secretEnvironmentVariable
        if let value = ProcessInfo.processInfo.environment[variable], !value.isEmpty {
            return (value, "from $\(variable)")
        }
        if let data = FileManager.default.contents(atPath: secretFile),
            case let value = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines),
            !value.isEmpty
        {
            return (value, "in \(secretFile) (or set $\(variable))")
        }
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.")
        let value = "Tms8Q~" + String((0..<34).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] })
        let folder = URL(fileURLWithPath: secretFile).deletingLastPathComponent().path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        guard
            FileManager.default.createFile(
                atPath: secretFile, contents: Data((value + "\n").utf8), attributes: [.posixPermissions: 0o600])
        else { throw ValidationError("cannot write the client secret file '\(secretFile)'") }
        return (value, "new, written to \(secretFile) (mode 0600; or set $\(variable))")
    }
}
