import Diagnostics
import JSON

/// What `temsync validate` prints: the diagnostics in the chosen format and a summary.
public struct ValidationReport: Sendable {
    public var jobSet: JobSet

    public init(_ set: JobSet) {
        self.jobSet = set
    }

    public var errorCount: Int { jobSet.diagnostics.filter { $0.severity == .error }.count }
    public var warningCount: Int { jobSet.diagnostics.filter { $0.severity == .warning }.count }

    /// `0` when there is no error (warnings alone do not fail), `1` otherwise.
    public var exitCode: Int32 { jobSet.isValid ? 0 : 1 }

    /// `checked 3 files (4 jobs, 1 connection): 2 errors, 1 warning`, or `…: valid`.
    public var summary: String {
        let files = Self.count(jobSet.files.count, "file")
        var contents = [Self.count(jobSet.jobDocumentCount, "job")]
        if jobSet.connectionDocumentCount > 0 {
            contents.append(Self.count(jobSet.connectionDocumentCount, "connection"))
        }
        var problems: [String] = []
        if errorCount > 0 { problems.append(Self.count(errorCount, "error")) }
        if warningCount > 0 { problems.append(Self.count(warningCount, "warning")) }
        let verdict =
            errorCount > 0 ? problems.joined(separator: ", ") : "valid" + (problems.isEmpty ? "" : " (\(problems[0]))")
        return "checked \(files) (\(contents.joined(separator: ", "))): \(verdict)"
    }

    static func count(_ number: Int, _ noun: String) -> String {
        "\(number) \(noun)\(number == 1 ? "" : "s")"
    }

    public func render(format: DiagnosticRenderer.Format) -> String {
        let renderer = DiagnosticRenderer(sources: jobSet.sources)
        switch format {
        case .text: return renderer.render(jobSet.diagnostics, format: .text) + summary + "\n"
        case .github: return renderer.render(jobSet.diagnostics, format: .github) + summary + "\n"
        case .json: return json.encodedString(options: JSONWriteOptions(sortedKeys: true, prettyPrinted: true)) + "\n"
        }
    }

    /// `{ valid, files, jobs, connections, errors, warnings, diagnostics: [{ severity, file, line, column, message,
    /// notes }] }`.
    public var json: JSON {
        func location(_ location: SourceLocation?, into object: inout JSONObject) {
            object["file"] = location.map { .string($0.file) } ?? .null
            object["line"] = location.map { .int($0.line) } ?? .null
            object["column"] = location.map { .int($0.column) } ?? .null
        }
        let diagnostics = jobSet.diagnostics.map { diagnostic -> JSON in
            var object: JSONObject = ["severity": .string(diagnostic.severity.rawValue)]
            location(diagnostic.location, into: &object)
            object["message"] = .string(diagnostic.message)
            object["notes"] = .array(
                diagnostic.notes.map { note in
                    var noteObject: JSONObject = ["message": .string(note.message)]
                    location(note.location, into: &noteObject)
                    return .object(noteObject)
                })
            return .object(object)
        }
        return [
            "valid": .bool(jobSet.isValid),
            "files": .array(jobSet.files.map(JSON.string)),
            "jobs": .array(jobSet.jobs.map { .string($0.name.value) }),
            "connections": .array(jobSet.connections.compactMap { $0.name.map { .string($0.value) } }),
            "errors": .int(errorCount),
            "warnings": .int(warningCount),
            "diagnostics": .array(diagnostics),
        ]
    }
}
