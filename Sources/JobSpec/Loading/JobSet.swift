import Diagnostics

/// Everything loaded from the given paths: the jobs and named connections that bound without error, every
/// diagnostic (errors and warnings, in reading order) and the text of each file for source excerpts.
public struct JobSet: Sendable {
    /// Jobs whose documents have no error, in load order.
    public var jobs: [JobSpec]
    /// Named connections whose documents have no error, in load order.
    public var connections: [ConnectionSpec]
    public var diagnostics: [Diagnostic]
    /// The text of each file read, by the path used in locations.
    public var sources: [String: String]
    /// Every file read, in load order.
    public var files: [String]
    /// How many documents of each kind were found, sound or not (for summaries).
    public var jobDocumentCount: Int
    public var connectionDocumentCount: Int

    public init(
        jobs: [JobSpec] = [], connections: [ConnectionSpec] = [], diagnostics: [Diagnostic] = [],
        sources: [String: String] = [:], files: [String] = [], jobDocumentCount: Int = 0,
        connectionDocumentCount: Int = 0
    ) {
        self.jobs = jobs
        self.connections = connections
        self.diagnostics = diagnostics
        self.sources = sources
        self.files = files
        self.jobDocumentCount = jobDocumentCount
        self.connectionDocumentCount = connectionDocumentCount
    }

    /// `true` when no diagnostic is an error (warnings allowed).
    public var isValid: Bool { !diagnostics.hasErrors }

    /// The connection a job uses: its inline one, or the named connection it refers to.
    public func connection(for job: JobSpec) -> ConnectionSpec? {
        switch job.connection {
        case .inline(let connection): return connection
        case .named(let name): return connections.first { $0.name?.value == name.value }
        }
    }

    /// The named connection called `name`.
    public func connection(named name: String) -> ConnectionSpec? {
        connections.first { $0.name?.value == name }
    }

    /// The jobs that refer to the named connection `name`.
    public func jobs(using name: String) -> [JobSpec] {
        jobs.filter { if case .named(let reference) = $0.connection { reference.value == name } else { false } }
    }

    public func job(named name: String) -> JobSpec? {
        jobs.first { $0.name.value == name }
    }
}
