import ArgumentParser
import Foundation
import JSON
import Logging
import Outputs
import Runner

extension LineLogHandler.Format: ExpressibleByArgument {}
extension Logger.Level: @retroactive ExpressibleByArgument {}

/// `temsync run`: every selected job once, concurrently, then a summary.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the jobs once: fetch from Graph, map, deliver to the outputs, commit checkpoints.",
        discussion: """
            Jobs run concurrently (at most --max-jobs at a time); one job failing does not stop the others. A job's \
            checkpoint moves only after every one of its outputs committed. SIGINT or SIGTERM stops fetching, aborts \
            the outputs (files keep their previous content) and commits no checkpoint; a second signal stops at once.

            --emulator starts the built-in Graph emulator in this process and points every selected job at it (its \
            demo tenant, an in-process secret, its demo receiver for http outputs), so the example jobs run on a \
            machine with no tenant.

            Exit status:
              0   every job succeeded
              1   at least one job failed
              2   the job files are invalid (nothing was run)
              64  the command line is wrong
              130 interrupted by SIGINT (143: SIGTERM)
            """
    )

    @Argument(help: "Job files or folders of them (default: jobs).") var paths: [String] = []
    @Option(name: .customLong("select"), help: "Only the job with this name (repeatable).") var selection: [String] = []
    @Option(help: "Jobs run at the same time.") var maxJobs = 4
    @Option(help: "The state folder holding checkpoints.") var stateDir = ".temsync/state"
    @Flag(help: "Fetch and map as usual, but write nothing and commit nothing; show a sample per output.")
    var dryRun = false
    @Option(help: "Records shown per output with --dry-run.") var limit = 5
    @Flag(help: "Run against the built-in Graph emulator, started in this process.") var emulator = false
    @Option(help: "Alerts the built-in emulator generates (with --emulator).") var emulatorAlerts = 500
    @Option(help: ArgumentHelp("Write the run report (JSON) to this file.", valueName: "file")) var report: String?
    @Option(help: "Log lines as text or json (for log shippers).") var logFormat: LineLogHandler.Format = .text
    @Option(help: "Lowest log level shown: trace, debug, info, notice, warning, error, critical.")
    var logLevel: Logger.Level = .warning
    @Flag(name: .shortAndLong, help: "No progress and no summary; errors only.") var quiet = false

    func validate() throws {
        guard maxJobs >= 1 else { throw ValidationError("--max-jobs must be at least 1") }
        guard limit >= 0 else { throw ValidationError("--limit must not be negative") }
        guard emulatorAlerts >= 0 else { throw ValidationError("--emulator-alerts must not be negative") }
    }

    /// A line for the user on stderr: `temsync: message` (after a newline, when a status line may be showing), or a
    /// JSON log line with `--log-format json`.
    static func notice(_ message: String, format: LineLogHandler.Format, level: Logger.Level = .error) {
        let line =
            format == .json
            ? LineLogHandler.jsonLine(level: level, message: message) : "temsync: \(message)\n"
        FileHandle.standardError.write(Data(line.utf8))
    }

    func run() async throws {
        let format = logFormat
        let level = quiet ? Logger.Level.error : logLevel
        LoggingSystem.bootstrap { label in LineLogHandler(label: label, format: format, level: level) }
        signal(SIGPIPE, SIG_IGN)

        let compilation = JobFiles.compile(
            paths: paths, selection: selection, options: CompileOptions(stateDirectory: stateDir))
        JobFiles.report(compilation)
        if compilation.hasErrors { throw ExitCode(2) }
        if compilation.plans.isEmpty {
            Self.notice("no job to run", format: format, level: .warning)
            return
        }
        let progress = ProgressPrinter(format: format)
        let showsProgress = !quiet
        let onProgress: @Sendable (ProgressEvent) -> Void = { event in
            if showsProgress { progress.handle(event) }
        }
        let options = RunOptions(
            dryRun: dryRun, sampleLimit: limit, maxJobs: maxJobs, stateDirectory: stateDir,
            logger: Logger(label: "temsync"), onProgress: onProgress)
        let plans = compilation.plans
        let session = emulator ? EmulatorSession(alertCount: emulatorAlerts, stateDirectory: stateDir) : nil
        let quiet = self.quiet
        let (outcome, signalNumber) = await Interruption.run(
            notice: { message in
                // In text, first off the progress line that may be showing.
                if format == .text { FileHandle.standardError.write(Data("\n".utf8)) }
                Self.notice(message, format: format, level: .warning)
            }
        ) {
            await Self.execute(plans, options: options, session: session, quiet: quiet, format: format)
        }
        progress.finish()
        let runReport: RunReport
        switch outcome {
        case .success(let value): runReport = value
        case .failure(let failure):
            Self.notice(failure.message, format: format)
            throw ExitCode(1)
        }
        if dryRun { print(RunSummary.samples(runReport), terminator: "") }
        if !quiet || runReport.status != .succeeded {
            let summary = format == .json ? RunSummary.jsonLines(runReport) : RunSummary.text(runReport)
            FileHandle.standardError.write(Data(summary.utf8))
        }
        if let report {
            let bytes = runReport.json.encoded(options: .init(sortedKeys: true, prettyPrinted: true)) + [10]
            do {
                try AtomicFile.write(bytes, to: report)
            } catch {
                Self.notice("cannot write the report: \(error)", format: format)
                throw ExitCode(1)
            }
        }
        if let signalNumber { throw ExitCode(128 + signalNumber) }
        if runReport.status != .succeeded { throw ExitCode(1) }
    }
}

extension RunCommand {
    static func execute(
        _ plans: [Plan], options: RunOptions, session: EmulatorSession?, quiet: Bool, format: LineLogHandler.Format
    ) async -> Result<RunReport, TemsyncFailure> {
        guard let session else { return .success(await RunExecutor.run(plans, options: options)) }
        do {
            let report = try await session.run(plans, logger: options.logger) { pointed, notes in
                if !quiet {
                    let text =
                        format == .json
                        ? notes.lines.map { LineLogHandler.jsonLine(level: .info, message: $0) }.joined()
                        : notes.lines.map { $0 + "\n" }.joined()
                    FileHandle.standardError.write(Data(text.utf8))
                }
                return await RunExecutor.run(pointed, options: options)
            }
            return .success(report)
        } catch {
            return .failure(TemsyncFailure("\(error)"))
        }
    }
}

/// A failure outside any job (the emulator could not start).
struct TemsyncFailure: Error, Sendable {
    var message: String
    init(_ message: String) { self.message = message }
}
