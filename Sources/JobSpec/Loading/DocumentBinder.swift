import Diagnostics
import YAML

/// Binds one YAML document: a job or a named connection.
struct DocumentBinder {
    enum Bound {
        /// The document's name (when it has a sound one) and reference, for the checks across documents, and the
        /// typed job when the document has no error.
        case job(name: Located<String>?, reference: Located<String>?, spec: JobSpec?)
        case connection(name: Located<String>?, spec: ConnectionSpec?)
        case empty
    }

    private(set) var diagnostics: [Diagnostic] = []

    mutating func bind(_ document: YAMLDocument) -> Bound {
        let root = document.root
        if root.isNull { return .empty }
        let isConnection = root["kind"]?.scalar == "connection"
        if let version = root["version"], case .integer(let number)? = Checker.scalar(version),
            number > JobSpec.highestSupportedVersion
        {
            diagnostics.append(
                .error(
                    "version \(number) is newer than this temsync supports (highest supported: "
                        + "\(JobSpec.highestSupportedVersion))", at: version.location))
            return isConnection ? .connection(name: nil, spec: nil) : .job(name: nil, reference: nil, spec: nil)
        }
        var checker = Checker()
        let shape = isConnection ? ConnectionSpec.documentShape : JobSpec.shape
        let path = KeyPath(root: isConnection ? "named connection" : "job")
        let value = checker.check(root, .object(shape), path: path)
        diagnostics += checker.diagnostics
        let sound = !checker.diagnostics.hasErrors
        guard let object = value?.value.object else {
            return isConnection ? .connection(name: nil, spec: nil) : .job(name: nil, reference: nil, spec: nil)
        }
        if isConnection {
            return .connection(name: object.string("name"), spec: sound ? ConnectionSpec(object) : nil)
        }
        return .job(
            name: object.string("name"), reference: object.string("connection"), spec: sound ? JobSpec(object) : nil)
    }
}
