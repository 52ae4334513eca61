import ArgumentParser
import Diagnostics
import JobSpec
import Runner

extension DiagnosticRenderer.Format: ExpressibleByArgument {}

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract:
            "Check job files: syntax, schema, names, connection references and mapping rules. No network, no secrets.",
        discussion: """
            PATH is a job file or a folder (searched recursively for *.yaml and *.yml, hidden folders skipped). \
            Every problem in every file is reported, as path:line:column: error: message, the source line with a \
            caret, and notes, then a summary line.

            Exit status:
              0  every file is valid (warnings alone do not fail)
              1  at least one error was found
              64 the command line is wrong
            """
    )

    @Argument(help: "Job files or folders of them (default: jobs).")
    var paths: [String] = []

    @Option(help: "Output format: text, json (for machines) or github (workflow annotations).")
    var format: DiagnosticRenderer.Format = .text

    func run() throws {
        // Binding, then compiling (mapping rules, endpoints, proxy settings): no state, no secrets, no network.
        let compilation = JobCompiler.compile(JobLoader().load(paths: paths.isEmpty ? ["jobs"] : paths))
        var set = compilation.jobSet
        set.diagnostics = compilation.diagnostics
        let report = ValidationReport(set)
        print(report.render(format: format), terminator: "")
        if report.exitCode != 0 { throw ExitCode(report.exitCode) }
    }
}
