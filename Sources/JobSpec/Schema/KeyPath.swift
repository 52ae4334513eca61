/// Where a value sits in a document (`sources.alerts.filter`, `outputs[0].path`), for messages.
struct KeyPath: Sendable, Hashable {
    var text: String
    /// `job` or `named connection`: what the document is, for messages about its top level.
    var root: String

    init(root: String) {
        self.text = ""
        self.root = root
    }

    private init(text: String, root: String) {
        self.text = text
        self.root = root
    }

    func key(_ name: String) -> KeyPath {
        KeyPath(text: text.isEmpty ? name : "\(text).\(name)", root: root)
    }

    func index(_ index: Int) -> KeyPath {
        KeyPath(text: "\(text)[\(index)]", root: root)
    }

    /// `in 'sources.alerts'`, or `in the job` at the top level.
    var inPhrase: String { text.isEmpty ? "in the \(root)" : "in '\(text)'" }
    /// `'sources.alerts'`, or `the job` at the top level.
    var subject: String { text.isEmpty ? "the \(root)" : "'\(text)'" }
}
