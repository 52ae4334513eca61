/// A connection setting the Graph client cannot use (cloud `china`, an http:// endpoint that is not loopback, a
/// malformed tenant…). The message names the setting, never a secret.
public struct GraphConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
