/// How long a connection may take to open, and how long one request may take from start to the last body byte.
public struct HTTPTimeouts: Sendable, Hashable {
    public var connect: Duration
    public var request: Duration

    /// The defaults of docs/JOBS.md: `connect: 10s`, `request: 60s`.
    public init(connect: Duration = .seconds(10), request: Duration = .seconds(60)) {
        self.connect = connect
        self.request = request
    }
}
