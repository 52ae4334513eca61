import ArgumentParser
import Diagnostics
import Foundation
import JobSpec
import Runner

/// Loading and compiling the job files named on the command line, with the diagnostics printed to standard error.
enum JobFiles {
    static func compile(paths: [String], selection: [String], options: CompileOptions) -> Compilation {
        let set = JobLoader().load(paths: paths.isEmpty ? ["jobs"] : paths)
        var compileOptions = options
        compileOptions.selection = selection
        return JobCompiler.compile(set, options: compileOptions)
    }

    /// Prints the diagnostics (errors and warnings) to standard error, with source excerpts; on errors, `consequence`
    /// says what the command did not do.
    static func report(_ compilation: Compilation, consequence: String = "nothing was run") {
        guard !compilation.diagnostics.isEmpty else { return }
        let text = DiagnosticRenderer(sources: compilation.sources).render(compilation.diagnostics, format: .text)
        FileHandle.standardError.write(Data(text.utf8))
        if compilation.hasErrors {
            let errors = compilation.diagnostics.filter { $0.severity == .error }.count
            FileHandle.standardError.write(
                Data("temsync: \(errors) error\(errors == 1 ? "" : "s") in the job files; \(consequence)\n".utf8))
        }
    }
}

/// Parses `--now` values.
enum NowOption {
    static func parse(_ text: String?) throws -> Date {
        guard let text else { return Date() }
        guard let date = RFC3339.parse(text) else {
            throw ValidationError("--now '\(text)' is not a timestamp like 2026-01-31T00:00:00Z")
        }
        return date
    }
}
