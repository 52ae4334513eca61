import Diagnostics

/// One document of a YAML stream (`---` separated).
public struct YAMLDocument: Sendable, Hashable {
    /// The document's content (an empty document is a null scalar).
    public var root: Node
    /// Where the document starts (its `---`, or its first node).
    public var location: SourceLocation
    /// `false` when the tree had to be patched to go on (an undefined alias became null, a bad merge was dropped):
    /// such a document is reported, not bound, so it causes no follow-on errors.
    public var isSound: Bool

    public init(root: Node, location: SourceLocation, isSound: Bool = true) {
        self.root = root
        self.location = location
        self.isSound = isSound
    }
}

/// What parsing one file produced: the documents read (those before a syntax error included) and every problem.
public struct YAMLStream: Sendable, Hashable {
    public var documents: [YAMLDocument]
    public var diagnostics: [Diagnostic]

    public init(documents: [YAMLDocument], diagnostics: [Diagnostic]) {
        self.documents = documents
        self.diagnostics = diagnostics
    }
}
