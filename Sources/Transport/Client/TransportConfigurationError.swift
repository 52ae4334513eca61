/// A connection setting that cannot be used (a proxy URL that is not `http://`, an unreadable CA file, a malformed
/// `no_proxy` entry…). The message names the setting and the value, never a secret.
public struct TransportConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
