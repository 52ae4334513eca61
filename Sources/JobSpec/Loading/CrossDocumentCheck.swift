import Diagnostics

/// Checks across every loaded document: job names unique, connection names unique, references resolve, every
/// named connection used.
struct CrossDocumentCheck {
    private var jobNames: [String: SourceLocation] = [:]
    private var connectionNames: [(name: String, location: SourceLocation)] = []
    private var references: [Located<String>] = []
    private var diagnostics: [Diagnostic] = []
    /// Locations of names defined a second time (their documents are not loaded).
    private(set) var duplicates: Set<SourceLocation> = []

    mutating func addJob(name: Located<String>?, reference: Located<String>?) {
        if let reference { references.append(reference) }
        guard let name else { return }
        if let first = jobNames[name.value] {
            diagnostics.append(
                .error(
                    "job name '\(name.value)' is already used", at: name.location,
                    notes: [.init("first defined here", at: first)]))
            duplicates.insert(name.location)
        } else {
            jobNames[name.value] = name.location
        }
    }

    mutating func addConnection(name: Located<String>?) {
        guard let name else { return }
        if let first = connectionNames.first(where: { $0.name == name.value }) {
            diagnostics.append(
                .error(
                    "connection '\(name.value)' is defined twice", at: name.location,
                    notes: [.init("first defined here", at: first.location)]))
            duplicates.insert(name.location)
        } else {
            connectionNames.append((name.value, name.location))
        }
    }

    mutating func finish() -> [Diagnostic] {
        let known = connectionNames.map(\.name)
        var used: Set<String> = []
        for reference in references {
            if known.contains(reference.value) {
                used.insert(reference.value)
                continue
            }
            let suggestion = Suggestion.didYouMean(reference.value, among: known)
            let tail =
                suggestion.isEmpty
                ? (known.isEmpty
                    ? ": no named connection was loaded (define one in a document with 'kind: connection' and "
                        + "pass its file or folder too)"
                    : "; known connections: \(known.sorted().joined(separator: ", "))")
                : suggestion
            diagnostics.append(.error("unknown connection '\(reference.value)'\(tail)", at: reference.location))
        }
        for connection in connectionNames where !used.contains(connection.name) {
            diagnostics.append(
                .warning("connection '\(connection.name)' is not used by any job", at: connection.location))
        }
        return diagnostics
    }
}
