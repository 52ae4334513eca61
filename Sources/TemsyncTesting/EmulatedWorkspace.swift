import Foundation
import GraphEmulator
import JSON

/// An emulator started in-process with a secret of its own, and a temporary folder for job files (pointed at the
/// emulator), outputs and state: what Runner tests and end-to-end tests of the binary run jobs against.
public struct EmulatedWorkspace: Sendable {
    public let emulator: GraphEmulator
    public let folder: TemporaryDirectory
    /// The client secret the emulator's demo app accepts; jobs read it from `secretVariable`.
    public let secret: String
    /// Logs of whatever ran here (hand `logs.logger()` to it).
    public let logs = LogCapture()

    public static let secretVariable = "TEMSYNC_TEST_CLIENT_SECRET"
    /// The newest `createdDateTime` of generated data: fixed, so the data is the same on every run of the tests.
    public static let dataEnd = Date(timeIntervalSince1970: 1_769_817_600)  // 2026-01-31T00:00:00Z
    /// Before every generated record (the generator spreads them over 30 days before `dataEnd`).
    public static let since = "2025-12-01T00:00:00Z"

    public var stateDirectory: String { folder.file("state") }
    public var environment: [String: String] { [Self.secretVariable: secret] }

    /// Runs `body` with an emulator serving `alerts` generated alerts (or `dataSet`), and removes the folder after.
    public static func with<T: Sendable>(
        alerts: Int = 200, dataSet: DataSet? = nil, limits: QueryLimits = QueryLimits(), faults: [FaultRule] = [],
        clock: EmulatorClock = .system, _ body: (EmulatedWorkspace) async throws -> T
    ) async throws -> T {
        let secret = "Tst8Q~" + UUID().uuidString.replacingOccurrences(of: "-", with: "")
        let configuration = EmulatorConfiguration(
            apps: [DemoTenant.app(secret: secret)],
            dataSet: dataSet ?? .generated(GeneratorOptions(seed: 7, alertCount: alerts, end: dataEnd)),
            limits: limits, faults: faults, clock: clock)
        let folder = try TemporaryDirectory(prefix: "temsync-workspace")
        defer { folder.remove() }
        return try await GraphEmulator.withRunning(configuration) { emulator in
            try await body(EmulatedWorkspace(emulator: emulator, folder: folder, secret: secret))
        }
    }

    /// The `connection:` block of a job pointed at the emulator (indented for a top-level key).
    public func connection(secretVariable: String = EmulatedWorkspace.secretVariable) -> String {
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
    public func writeJob(
        _ name: String, secretVariable: String = EmulatedWorkspace.secretVariable, _ body: String
    ) throws -> String {
        let text = "version: 1\nname: \(name)\n" + connection(secretVariable: secretVariable) + "\n" + body
        return try folder.write(text, to: "\(name).yaml")
    }

    // MARK: reading what was written

    /// The lines of a text file (none when it does not exist).
    public func lines(_ name: String) -> [String] {
        guard let text = try? String(contentsOfFile: folder.file(name), encoding: .utf8) else { return [] }
        return text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
    }

    /// A JSON Lines file, parsed.
    public func records(_ name: String) throws -> [JSON] {
        try lines(name).map { try JSON(parsing: Array($0.utf8)) }
    }

    public func contents(_ name: String) -> String? {
        try? String(contentsOfFile: folder.file(name), encoding: .utf8)
    }

    /// Every file under the folder (relative paths, sorted), hidden ones included.
    public func files(under name: String = "") -> [String] {
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
    public func checkpoint(job: String, source: String = "alerts") -> String? {
        contents("state/\(job)/\(source).json")
    }

    /// Every alert the emulator holds, as a client sending `Prefer: include-unknown-enum-members` receives it.
    public func storeAlerts() async -> [String: JSON] {
        var alerts: [String: JSON] = [:]
        for id in await emulator.store.alertIDs() {
            alerts[id] = await emulator.store.alert(id: id)
        }
        return alerts
    }
}
