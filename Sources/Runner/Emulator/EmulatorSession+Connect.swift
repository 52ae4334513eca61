import GraphEmulator
import Transport

extension EmulatorSession {
    /// `temsync connect --emulator`: starts the built-in emulator in this process (a small generated data set, no
    /// state kept), points every connection at it — its hosts, its demo tenant and app (granted both permissions), an
    /// in-process secret — runs `body`, and stops it. Proxy and CA settings are set aside.
    public static func connect<T: Sendable>(
        _ targets: [ConnectTarget], alertCount: Int = 20, _ body: ([ConnectTarget], Notes) async throws -> T
    ) async throws -> T {
        let secret = Secret(randomSecret())
        let configuration = EmulatorConfiguration.demo(secret: secret.reveal(), alertCount: alertCount)
        return try await GraphEmulator.withRunning(configuration) { emulator in
            var lines = [
                "emulator: \(emulator.graphRoot) standing in for Microsoft Graph and the identity platform, "
                    + "tenant \(DemoTenant.tenantID), app \(DemoTenant.clientID)"
            ]
            let rewritten = targets.map { target in
                var target = target
                if target.connection.proxy != nil || target.connection.caFile != nil {
                    lines.append("\(target.title): proxy and tls settings set aside for the emulator")
                }
                target.connection = EmulatorSession.pointed(target.connection, at: emulator, secret: secret)
                return target
            }
            return try await body(rewritten, Notes(lines: lines))
        }
    }
}
