import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// The built `temsync` binary started without blocking: the test keeps serving the in-process emulator (whose
/// actors run on the same cooperative threads) while the child runs, can signal it, and awaits its end.
///
/// `@unchecked Sendable`: the `Process` is configured and started in `init` and afterwards only read (its pid and
/// termination state, which Foundation sets before calling the termination handler); the end state the handler
/// records is behind a `Mutex`.
final class RunningTemsync: @unchecked Sendable {
    private let process: Process
    private let scratch: URL
    private let ended = EndState()

    /// The exit status once known, and who waits for it.
    private final class EndState: Sendable {
        let state = Mutex<(status: Int32?, waiters: [CheckedContinuation<Int32, Never>])>((nil, []))
    }

    /// Starts `temsync arguments…` in `directory`, with `environment` added to the test's own.
    init(_ arguments: [String], in directory: String, environment: [String: String] = [:]) throws {
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("temsync-e2e-\(UUID())")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: scratch.appendingPathComponent("stdout").path, contents: nil)
        _ = FileManager.default.createFile(atPath: scratch.appendingPathComponent("stderr").path, contents: nil)
        process = Process()
        process.executableURL = try TemsyncProcess.binary
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        var merged = ProcessInfo.processInfo.environment
        for (name, value) in environment { merged[name] = value }
        process.environment = merged
        process.standardOutput = try FileHandle(forWritingTo: scratch.appendingPathComponent("stdout"))
        process.standardError = try FileHandle(forWritingTo: scratch.appendingPathComponent("stderr"))
        process.standardInput = FileHandle.nullDevice
        process.terminationHandler = { [ended] process in
            let waiters = ended.state.withLock { state in
                state.status = process.terminationStatus
                defer { state.waiters.removeAll() }
                return state.waiters
            }
            for waiter in waiters { waiter.resume(returning: process.terminationStatus) }
        }
        try process.run()
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        try? FileManager.default.removeItem(at: scratch)
    }

    var pid: Int32 { process.processIdentifier }

    func signal(_ number: Int32) { kill(process.processIdentifier, number) }

    /// The exit status (or, after a signal, `terminationStatus` as Foundation reports it: the signal's number).
    func wait() async -> Int32 {
        await withCheckedContinuation { continuation in
            let status: Int32? = ended.state.withLock { state in
                if state.status == nil { state.waiters.append(continuation) }
                return state.status
            }
            if let status { continuation.resume(returning: status) }
        }
    }

    /// Whether it ended because of a signal (`SIGKILL`), rather than by exiting.
    var wasSignalled: Bool { process.terminationReason == .uncaughtSignal }

    var stdout: String { (try? String(contentsOf: scratch.appendingPathComponent("stdout"), encoding: .utf8)) ?? "" }
    var stderr: String { (try? String(contentsOf: scratch.appendingPathComponent("stderr"), encoding: .utf8)) ?? "" }

    /// Runs to the end and returns what `TemsyncProcess.run` returns.
    static func run(
        _ arguments: [String], in directory: String, environment: [String: String] = [:]
    ) async throws
        -> TemsyncProcess.Result
    {
        let running = try RunningTemsync(arguments, in: directory, environment: environment)
        let status = await running.wait()
        return TemsyncProcess.Result(status: status, stdout: running.stdout, stderr: running.stderr)
    }
}
