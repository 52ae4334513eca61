import Foundation

/// The tenant and app that `temsync emulator` and `temsync run --emulator` serve. The IDs are fixed and public;
/// the secret is never fixed: the caller supplies it (see docs/EMULATOR.md).
public enum DemoTenant {
    public static let tenantID = "4a7c9e12-5b3d-4f68-9a21-c0d3e5f7a9b1"
    public static let domain = "contoso-demo.onmicrosoft.com"
    public static let clientID = "9d2f4b6a-8c1e-4a3f-b5d7-e9f1a3c5b7d9"
    public static let secretID = "3e5a7c9b-1d2f-4e6a-8b0c-d2e4f6a8c0e2"
    /// The environment variable `temsync emulator` reads the demo app's client secret from.
    public static let secretEnvironmentVariable = "TEMSYNC_EMULATOR_CLIENT_SECRET"

    /// The demo app: both security read permissions granted, one secret that does not expire.
    public static func app(secret: String) -> RegisteredApp {
        RegisteredApp(
            tenantID: tenantID,
            tenantDomains: [domain],
            clientID: clientID,
            displayName: "temsync demo",
            secrets: [ClientSecret(id: secretID, value: secret)],
            roles: [GraphRole.securityAlertReadAll, GraphRole.securityIncidentReadAll]
        )
    }
}

extension EmulatorConfiguration {
    /// The demo set-up of `temsync emulator` and `temsync run --emulator`: the demo app with `secret`, a generated
    /// data set, no journal (a long run keeps no request history).
    public static func demo(
        secret: String, alertCount: Int = 500, seed: UInt64 = 1, end: Date? = nil, port: Int = 0
    ) -> EmulatorConfiguration {
        EmulatorConfiguration(
            port: port, apps: [DemoTenant.app(secret: secret)],
            dataSet: .generated(GeneratorOptions(seed: seed, alertCount: alertCount, end: end)),
            journal: JournalOptions(capacity: 0))
    }
}
