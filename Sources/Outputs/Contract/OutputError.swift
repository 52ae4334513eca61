/// An output could not do its work. The message names the output and what failed, never a secret.
public struct OutputError: Error, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable {
        /// Reading or writing a file or folder failed (the message carries the path and the system's reason).
        case io
        /// Persisted state (EDL) is unreadable or belongs to another output.
        case state
        /// The receiver refused a request for good (a 4xx other than 429), or retries ran out.
        case http
        /// The output was used against its contract (written after commit, and so on).
        case usage
        /// The configuration cannot work (for example `append` with `csv`).
        case configuration
    }

    public var kind: Kind
    /// The output's name, when the error belongs to one.
    public var output: String?
    public var message: String
    /// The HTTP status, for `http` errors that got an answer.
    public var status: Int?

    public init(_ kind: Kind, output: String? = nil, _ message: String, status: Int? = nil) {
        self.kind = kind
        self.output = output
        self.message = message
        self.status = status
    }

    public var description: String {
        guard let output else { return message }
        return "output '\(output)': \(message)"
    }

    /// The same error attributed to `output` (when it was not yet).
    func attributed(to output: String) -> OutputError {
        var copy = self
        if copy.output == nil { copy.output = output }
        return copy
    }
}
