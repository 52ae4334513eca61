import Diagnostics
import Foundation

/// Where a secret is kept: an environment variable or a file. Binding never reads it; `resolve()` reads it at the
/// moment it is needed (so a rotated secret is picked up by the next run), and nothing here ever prints a value.
public struct SecretReference: Sendable, Hashable, CustomStringConvertible {
    public enum Source: Sendable, Hashable {
        case environment(String)
        case file(String)
    }

    public var source: Source
    /// Put before the value (`Bearer `): HTTP header values only.
    public var prefix: String?
    /// Where the reference is written.
    public var location: SourceLocation

    public init(_ source: Source, prefix: String? = nil, at location: SourceLocation) {
        self.source = source
        self.prefix = prefix
        self.location = location
    }

    /// `env TEM_API_TOKEN` or `file /run/secrets/x`: safe to print, it names the place, not the value.
    public var description: String {
        switch source {
        case .environment(let name): "env \(name)"
        case .file(let path): "file \(path)"
        }
    }

    /// The prefix and the value. A file's content loses one trailing newline (`\n` or `\r\n`); an empty value is an
    /// error. The error names the variable or the file, never any of its content.
    public func resolve(
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(SecretResolutionError) -> String {
        let value: String
        switch source {
        case .environment(let name):
            guard let text = environment[name] else { throw SecretResolutionError(self, .variableNotSet(name)) }
            value = text
        case .file(let path):
            let data: Data
            do {
                data = try Data(contentsOf: URL(fileURLWithPath: path))
            } catch {
                throw SecretResolutionError(self, .fileUnreadable(path, Self.reason(error)))
            }
            guard let text = String(data: data, encoding: .utf8) else {
                throw SecretResolutionError(self, .fileNotText(path))
            }
            value = Self.droppingOneNewline(text)
        }
        guard !value.isEmpty else { throw SecretResolutionError(self, .empty) }
        return (prefix ?? "") + value
    }

    /// For `plan`: whether `resolve()` would succeed now, as a diagnostic at the reference when it would not.
    public func checkResolvable(
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> Diagnostic? {
        do {
            _ = try resolve(environment: environment)
            return nil
        } catch {
            return .error(error.description, at: location)
        }
    }

    static func droppingOneNewline(_ text: String) -> String {
        if text.hasSuffix("\r\n") { return String(text.unicodeScalars.dropLast(2)) }
        if text.hasSuffix("\n") { return String(text.unicodeScalars.dropLast()) }
        return text
    }

    private static func reason(_ error: any Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain,
            let code = POSIXErrorCode(rawValue: Int32(underlying.code))
        {
            return String(cString: strerror(code.rawValue)).lowercased()
        }
        if nsError.domain == NSCocoaErrorDomain {
            switch nsError.code {
            case NSFileReadNoSuchFileError: return "no such file"
            case NSFileReadNoPermissionError: return "permission denied"
            default: break
            }
        }
        return "cannot be read"
    }
}

/// Why a secret could not be read: names the variable or the file, never a value.
public struct SecretResolutionError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Reason: Sendable, Hashable {
        case variableNotSet(String)
        case fileUnreadable(String, String)
        case fileNotText(String)
        case empty
    }

    public var reference: SecretReference
    public var reason: Reason

    public init(_ reference: SecretReference, _ reason: Reason) {
        self.reference = reference
        self.reason = reason
    }

    public var description: String {
        switch reason {
        case .variableNotSet(let name): "environment variable '\(name)' is not set"
        case .fileUnreadable(let path, let why): "secret file '\(path)' cannot be read: \(why)"
        case .fileNotText(let path): "secret file '\(path)' is not UTF-8 text"
        case .empty:
            switch reference.source {
            case .environment(let name): "environment variable '\(name)' is empty"
            case .file(let path): "secret file '\(path)' is empty"
            }
        }
    }
}
