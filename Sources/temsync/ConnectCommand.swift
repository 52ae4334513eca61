import ArgumentParser
import Diagnostics
import Foundation
import JSON
import Logging
import Runner

/// `temsync connect`: the "Connect" step — each connection checked end to end, with what to fix.
struct ConnectCommand: AsyncParsableCommand {
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    static let configuration = CommandConfiguration(
        commandName: "connect",
        abstract: "Check each connection end to end: secrets, token, granted permissions, one request per API.",
        discussion: """
            Checks every named connection of the files and every distinct inline connection of the jobs (--select: \
            only the connections those jobs use; --connection: only that named connection). For each, in order:

              secrets  every secret reference resolves
              token    the identity platform issues a token (through the proxy, CA trust)
              claims   the token names the tenant, app and Graph, with the roles needed
              access   one request with $top=1 per API the jobs read succeeds

            Roles needed: SecurityAlert.Read.All to read alerts (also incidents with expand_alerts), \
            SecurityIncident.Read.All to read incidents; both for a named connection no job uses. The token's claims \
            are read without verifying its signature. A failure names what to fix (the portal steps for a missing \
            permission; Entra's trace and correlation IDs for Microsoft support); the checks that depend on it are \
            skipped. Secrets and the token are never printed. --emulator points every connection at the built-in \
            emulator, started in this process. docs/CONNECT.md lists every message.

            Exit status:
              0  every check of every connection passed
              1  a check failed (or there was no connection to check)
              2  invalid job files, or --select or --connection names nothing loaded
              64 the command line is wrong
            """
    )

    @Argument(help: "Job files or folders of them (default: jobs).") var paths: [String] = []
    @Option(name: .customLong("connection"), help: "Only the named connection with this name.") var connection: String?
    @Option(name: .customLong("select"), help: "Only the connections of the job with this name (repeatable).")
    var selection: [String] = []
    @Option(help: "text (default) or json.") var format: Format = .text
    @Flag(help: "Check against the built-in Graph emulator, started in this process.") var emulator = false
    @Option(help: "Lowest log level shown on standard error (debug: every HTTP request).")
    var logLevel: Logger.Level = .error

    func run() async throws {
        let level = logLevel
        LoggingSystem.bootstrap { label in LineLogHandler(label: label, format: .text, level: level) }
        let compilation = JobFiles.compile(paths: paths, selection: selection, options: CompileOptions())
        JobFiles.report(compilation, consequence: "nothing was checked")
        if compilation.hasErrors { throw ExitCode(2) }
        let (targets, problems) = ConnectSelection.targets(compilation, selection: selection, connection: connection)
        if !problems.isEmpty {
            let text = DiagnosticRenderer(sources: compilation.sources).render(problems, format: .text)
            FileHandle.standardError.write(Data(text.utf8))
            if problems.hasErrors { throw ExitCode(2) }
        }
        if targets.isEmpty {
            FileHandle.standardError.write(Data("temsync: no connection to check in the files loaded\n".utf8))
            throw ExitCode(1)
        }
        let options = ConnectOptions(logger: Logger(label: "temsync"))
        let report: ConnectReport
        if emulator {
            do {
                report = try await EmulatorSession.connect(targets) { pointed, notes in
                    FileHandle.standardError.write(Data(notes.lines.map { $0 + "\n" }.joined().utf8))
                    return await check(pointed, options: options)
                }
            } catch {
                FileHandle.standardError.write(Data("temsync: the emulator could not start: \(error)\n".utf8))
                throw ExitCode(1)
            }
        } else {
            report = await check(targets, options: options)
        }
        if report.exitCode != 0 { throw ExitCode(report.exitCode) }
    }

    /// Runs the checks, printing each connection as soon as it is done (text) or the whole document (json).
    func check(_ targets: [ConnectTarget], options: ConnectOptions) async -> ConnectReport {
        let format = self.format
        var first = true
        let report = await ConnectReport.check(targets, options: options) { result in
            guard format == .text else { return }
            print((first ? "" : "\n") + ConnectReport.text(result), terminator: "")
            first = false
        }
        switch format {
        case .text: print("\n" + report.summary)
        case .json: print(report.json.encodedString(options: .init(sortedKeys: true, prettyPrinted: true)))
        }
        return report
    }
}
