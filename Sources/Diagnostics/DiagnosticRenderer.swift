import Foundation

/// Renders diagnostics for people (source line and caret), for machines (JSON) and for CI (GitHub annotations).
public struct DiagnosticRenderer: Sendable {
    public enum Format: String, Sendable, CaseIterable, Codable {
        case text
        case json
        case github
    }

    /// The text of each file, by the path used in locations, for source excerpts.
    public var sources: [String: String]

    public init(sources: [String: String] = [:]) {
        self.sources = sources
    }

    public func render(_ diagnostics: [Diagnostic], format: Format) -> String {
        switch format {
        case .text: return diagnostics.map(renderText).joined()
        case .json: return renderJSON(diagnostics)
        case .github: return diagnostics.map(renderGitHub).joined()
        }
    }

    // MARK: text

    /// One diagnostic: its line, the source line with a caret, then each note (with its own excerpt).
    public func renderText(_ diagnostic: Diagnostic) -> String {
        var out = diagnostic.description + "\n"
        out += excerpt(at: diagnostic.location)
        for note in diagnostic.notes {
            if let location = note.location {
                out += "\(location): note: \(note.message)\n"
                out += excerpt(at: location)
            } else {
                out += "note: \(note.message)\n"
            }
        }
        return out
    }

    /// The source line at `location` and a caret under its column; tabs are kept so the caret lines up.
    func excerpt(at location: SourceLocation?) -> String {
        guard let location, let text = sources[location.file], location.line >= 1 else { return "" }
        guard let line = Self.line(location.line, of: text) else { return "" }
        var caret = ""
        var column = 1
        for scalar in line.unicodeScalars {
            if column >= location.column { break }
            caret.unicodeScalars.append(scalar == "\t" ? "\t" : " ")
            column += 1
        }
        caret += "^"
        return "\(line)\n\(caret)\n"
    }

    static func line(_ number: Int, of text: String) -> Substring? {
        var current = 1
        var start = text.startIndex
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if character == "\n" || character == "\r\n" || character == "\r" {
                if current == number { return text[start..<index] }
                current += 1
                start = text.index(after: index)
            }
            index = text.index(after: index)
        }
        return current == number ? text[start..<text.endIndex] : nil
    }

    // MARK: JSON

    private struct JSONDiagnostic: Encodable {
        var severity: String
        var file: String?
        var line: Int?
        var column: Int?
        var message: String
        var notes: [JSONNote]
    }

    private struct JSONNote: Encodable {
        var file: String?
        var line: Int?
        var column: Int?
        var message: String
    }

    /// A JSON array, one object per diagnostic, keys sorted, so tools and tests can rely on it.
    public func renderJSON(_ diagnostics: [Diagnostic]) -> String {
        let values = diagnostics.map { diagnostic in
            JSONDiagnostic(
                severity: diagnostic.severity.rawValue,
                file: diagnostic.location?.file,
                line: diagnostic.location?.line,
                column: diagnostic.location?.column,
                message: diagnostic.message,
                notes: diagnostic.notes.map {
                    JSONNote(
                        file: $0.location?.file, line: $0.location?.line, column: $0.location?.column,
                        message: $0.message)
                }
            )
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        let data = (try? encoder.encode(values)) ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    // MARK: GitHub

    /// A workflow command (`::error file=…,line=…,col=…::message`) that GitHub shows on the pull request's diff.
    public func renderGitHub(_ diagnostic: Diagnostic) -> String {
        let command = diagnostic.severity == .note ? "notice" : diagnostic.severity.rawValue
        var properties: [String] = []
        if let location = diagnostic.location {
            properties.append("file=\(Self.escapeProperty(location.file))")
            properties.append("line=\(location.line)")
            properties.append("col=\(location.column)")
        }
        var message = diagnostic.message
        for note in diagnostic.notes {
            message += "\n" + (note.location.map { "\($0): note: " } ?? "note: ") + note.message
        }
        let head = properties.isEmpty ? "::\(command)" : "::\(command) \(properties.joined(separator: ","))"
        return "\(head)::\(Self.escapeData(message))\n"
    }

    static func escapeData(_ value: String) -> String {
        value.replacingOccurrences(of: "%", with: "%25")
            .replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    static func escapeProperty(_ value: String) -> String {
        escapeData(value).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
