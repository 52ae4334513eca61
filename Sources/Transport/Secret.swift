/// A secret value read at run time (a client secret, a proxy password, an API token).
///
/// It never prints itself: `description`, `debugDescription` and string interpolation show `<redacted>`, so a secret
/// that slips into a log line, an error or a plan reveals nothing. Read the value with `reveal()` at the one place
/// that sends it.
public struct Secret: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    private let value: String

    public init(_ value: String) {
        self.value = value
    }

    /// The value, for the request that needs it. Never log it.
    public func reveal() -> String { value }

    public var description: String { "<redacted>" }
    public var debugDescription: String { "<redacted>" }
}
