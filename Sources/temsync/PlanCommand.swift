import ArgumentParser
import Foundation
import JSON
import Runner

/// `temsync plan`: what each job would do, without touching the network.
struct PlanCommand: ParsableCommand {
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Show what each job would do — token request, Graph URLs, mapping, outputs — without running it.",
        discussion: """
            No network is touched. Each secret reference is checked (environment variable set, file readable) and \
            reported as resolving or missing; no value is ever printed. The checkpoint in --state-dir decides where \
            each source would start. The output is deterministic (pass --now to fix relative times such as \
            updated_since: 7d), so a pull request can show the plan's diff.

            Exit status:
              0  every selected job could run
              1  a job could not run now (a secret does not resolve, a checkpoint is
                 unreadable)
              2  the job files are invalid
              64 the command line is wrong
            """
    )

    @Argument(help: "Job files or folders of them (default: jobs).") var paths: [String] = []
    @Option(name: .customLong("select"), help: "Only the job with this name (repeatable).") var selection: [String] = []
    @Option(help: "text (default) or json.") var format: Format = .text
    @Option(help: "The state folder holding checkpoints.") var stateDir = ".temsync/state"
    @Option(help: ArgumentHelp("The time relative bounds are computed from (default: now).", valueName: "date-time"))
    var now: String?

    func run() throws {
        let compilation = JobFiles.compile(
            paths: paths, selection: selection,
            options: CompileOptions(now: try NowOption.parse(now), stateDirectory: stateDir))
        JobFiles.report(compilation)
        if compilation.hasErrors { throw ExitCode(2) }
        let renderer = PlanRenderer()
        switch format {
        case .text: print(renderer.text(compilation.plans), terminator: "")
        case .json:
            print(renderer.json(compilation.plans).encodedString(options: .init(sortedKeys: true, prettyPrinted: true)))
        }
        let blockers = renderer.blockers(compilation.plans)
        if !blockers.isEmpty {
            FileHandle.standardError.write(
                Data(("temsync: a job could not run now:\n" + blockers.map { "  \($0)\n" }.joined()).utf8))
            throw ExitCode(1)
        }
    }
}
