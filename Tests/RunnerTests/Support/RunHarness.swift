import Foundation
import GraphEmulator
import JSON
import JobSpec
import Logging
import Outputs
import Runner
import Synchronization
import TemsyncTesting
import Transport

/// An emulator started in-process, a temporary folder for job files, outputs and state, and the Runner driven the way
/// `temsync run` drives it: JobLoader → JobCompiler → RunExecutor, secrets resolved from `RunOptions.environment`.
struct RunHarness: Sendable {
    let emulator: GraphEmulator
    let folder: TemporaryDirectory
    /// The client secret the emulator's demo app accepts; jobs read it from `secretVariable`.
    let secret: String
    let logs = LogCapture()

    static let secretVariable = "TEMSYNC_TEST_CLIENT_SECRET"
    /// The newest `createdDateTime` of generated data: fixed, so the data is the same on every run of the tests.
    static let dataEnd = Date(timeIntervalSince1970: 1_769_817_600)  // 2026-01-31T00:00:00Z
    /// Before every generated record (the generator spreads them over 30 days before `dataEnd`).
    static let since = "2025-12-01T00:00:00Z"

    var stateDirectory: String { folder.file("state") }
    var environment: [String: String] { [Self.secretVariable: secret] }

    /// Runs `body` with an emulator serving `alerts` generated alerts (or `dataSet`), and removes the folder after.
    static func with<T: Sendable>(
        alerts: Int = 200, dataSet: DataSet? = nil, limits: QueryLimits = QueryLimits(), faults: [FaultRule] = [],
        clock: EmulatorClock = .system, _ body: (RunHarness) async throws -> T
    ) async throws -> T {
        let secret = "Tst8Q~" + UUID().uuidString.replacingOccurrences(of: "-", with: "")
        let configuration = EmulatorConfiguration(
            apps: [DemoTenant.app(secret: secret)],
            dataSet: dataSet ?? .generated(GeneratorOptions(seed: 7, alertCount: alerts, end: dataEnd)),
            limits: limits, faults: faults, clock: clock)
        let folder = try TemporaryDirectory(prefix: "temsync-runner")
        defer { folder.remove() }
        return try await GraphEmulator.withRunning(configuration) { emulator in
            try await body(RunHarness(emulator: emulator, folder: folder, secret: secret))
        }
    }

    /// The `connection:` block of a job pointed at the emulator (indented for a top-level key).
    func connection(secretVariable: String = RunHarness.secretVariable) -> String {
        """
        connection:
          tenant_id: \(DemoTenant.tenantID)
          client_id: \(DemoTenant.clientID)
          client_secret: { env: \(secretVariable) }
          endpoints: { login: \(emulator.loginRoot), graph: \(emulator.graphRoot) }
        """
    }

    /// A job file: `version`, `name`, the connection, then `body` (sources, mapping, outputs, …) as written.
    @discardableResult
    func writeJob(_ name: String, secretVariable: String = RunHarness.secretVariable, _ body: String) throws -> String {
        let text = "version: 1\nname: \(name)\n" + connection(secretVariable: secretVariable) + "\n" + body
        return try folder.write(text, to: "\(name).yaml")
    }

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
        retries: RetryRuntime = RunHarness.instantRetries(), standardOutput: (any ByteSink)? = nil
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

    // MARK: reading what was written

    /// The lines of a text file (none when it does not exist).
    func lines(_ name: String) -> [String] {
        guard let text = try? String(contentsOfFile: folder.file(name), encoding: .utf8) else { return [] }
        return text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
    }

    /// A JSON Lines file, parsed.
    func records(_ name: String) throws -> [JSON] {
        try lines(name).map { try JSON(parsing: Array($0.utf8)) }
    }

    func contents(_ name: String) -> String? {
        try? String(contentsOfFile: folder.file(name), encoding: .utf8)
    }

    /// Every file under the folder (relative paths, sorted), hidden ones included.
    func files(under name: String = "") -> [String] {
        let root = name.isEmpty ? folder.path : folder.file(name)
        guard let enumerator = FileManager.default.enumerator(atPath: root) else { return [] }
        var files: [String] = []
        while let path = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: root + "/" + path, isDirectory: &isDirectory),
                !isDirectory.boolValue
            {
                files.append(path)
            }
        }
        return files.sorted()
    }

    /// The checkpoint file of a job's source, as text.
    func checkpoint(job: String, source: String = "alerts") -> String? {
        contents("state/\(job)/\(source).json")
    }

    /// Every alert the emulator holds, as a client sending `Prefer: include-unknown-enum-members` receives it.
    func storeAlerts() async -> [String: JSON] {
        var alerts: [String: JSON] = [:]
        for id in await emulator.store.alertIDs() {
            alerts[id] = await emulator.store.alert(id: id)
        }
        return alerts
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
