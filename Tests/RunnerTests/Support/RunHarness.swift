import Foundation
import GraphEmulator
import JSON
import JobSpec
import Outputs
import Runner
import Synchronization
import TemsyncTesting
import Transport

/// The Runner driven the way `temsync run` drives it: JobLoader → JobCompiler → RunExecutor, secrets resolved from
/// `RunOptions.environment`, retries without real waiting.
typealias RunHarness = EmulatedWorkspace

extension EmulatedWorkspace {
    /// Retries without real waiting: every sleep is recorded and returns at once.
    static func instantRetries(_ sleeps: SleepRecorder = SleepRecorder()) -> RetryRuntime {
        RetryRuntime(
            sleep: { duration in
                sleeps.record(duration)
                try Task.checkCancellation()
            }, now: { ContinuousClock.now }, random: { 0.5 })
    }

    func compile(_ paths: [String]? = nil, now: Date = Date(), selection: [String] = []) -> Compilation {
        let set = JobLoader().load(paths: paths ?? [folder.path])
        return JobCompiler.compile(
            set, options: CompileOptions(now: now, stateDirectory: stateDirectory, selection: selection))
    }

    /// Compiles the job files (the folder by default) and runs every plan once.
    func run(
        _ paths: [String]? = nil, dryRun: Bool = false, environment: [String: String]? = nil,
        retries: RetryRuntime = EmulatedWorkspace.instantRetries(), standardOutput: (any ByteSink)? = nil
    ) async throws -> RunReport {
        let compilation = compile(paths)
        guard !compilation.hasErrors else {
            throw HarnessError("the jobs do not compile: \(compilation.diagnostics.map(\.message))")
        }
        var options = RunOptions(
            dryRun: dryRun, sampleLimit: 3, stateDirectory: stateDirectory,
            environment: environment ?? self.environment, logger: logs.logger(), retryRuntime: retries)
        if let standardOutput { options.standardOutput = standardOutput }
        return await RunExecutor.run(compilation.plans, options: options)
    }
}

/// Sleeps a retry loop asked for.
final class SleepRecorder: Sendable {
    private let storage = Mutex<[Duration]>([])
    func record(_ duration: Duration) { storage.withLock { $0.append(duration) } }
    var all: [Duration] { storage.withLock { $0 } }
}

struct HarnessError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
