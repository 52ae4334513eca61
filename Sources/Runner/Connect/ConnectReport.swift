/// What `temsync connect` found: every checked connection with its four checks. Printed for people
/// (`ConnectReport+Text`) or as a stable JSON document for automation (`ConnectReport+JSON`).
public struct ConnectReport: Sendable {
    public var connections: [ConnectionResult]

    public init(connections: [ConnectionResult]) {
        self.connections = connections
    }

    /// Every check of every connection passed (and there was at least one connection).
    public var passed: Bool { !connections.isEmpty && connections.allSatisfy(\.passed) }

    /// 0 when every check passed, 1 otherwise (`temsync connect --help`).
    public var exitCode: Int32 { passed ? 0 : 1 }

    /// Checks the targets one after the other (their output stays in order); `onResult` sees each connection as soon
    /// as its checks are done, so a slow network shows progress.
    public static func check(
        _ targets: [ConnectTarget], options: ConnectOptions, onResult: (ConnectionResult) -> Void = { _ in }
    ) async -> ConnectReport {
        var results: [ConnectionResult] = []
        for target in targets {
            if Task.isCancelled { break }
            let result = await ConnectionCheck(target: target, options: options).run()
            onResult(result)
            results.append(result)
        }
        return ConnectReport(connections: results)
    }
}
