import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A helper program started by a test (tinyproxy, openssl): run to completion, or kept running until `stop()`.
public final class ChildProcess: Sendable {
    private let process: Process
    public let name: String

    /// Starts `executable` with `arguments`; its output goes to `outputFile` (or nowhere).
    public init(_ executable: String, _ arguments: [String], outputFile: String? = nil) throws {
        process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let outputFile {
            _ = FileManager.default.createFile(atPath: outputFile, contents: nil)
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: outputFile))
            process.standardOutput = handle
            process.standardError = handle
        } else {
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
        }
        process.standardInput = FileHandle.nullDevice
        name = URL(fileURLWithPath: executable).lastPathComponent
        try process.run()
    }

    public var isRunning: Bool { process.isRunning }

    /// Kills the process and waits for it. SIGKILL, because a child started from the test runner may inherit a
    /// signal mask that blocks SIGTERM.
    public func stop() {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    /// Runs a program to completion; throws with its output when it fails.
    @discardableResult
    public static func run(_ executable: String, _ arguments: [String], in directory: String? = nil) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ProcessFailure("\(executable) \(arguments.joined(separator: " ")) failed: \(output)")
        }
        return output
    }

    /// The first of `candidates` that exists and is executable.
    public static func locate(_ candidates: [String]) -> String? {
        candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
