import Foundation
import GraphEmulator
import Runner
import Testing

/// The claims check beyond the roles: the tenant the token names, its expiry, a domain tenant_id, broader roles.
@Suite struct ConnectClaimsTests {
    typealias H = ConnectHarness

    static let environment = ["M365_CLIENT_SECRET": H.secret]

    static func claimsLines(_ outcome: H.Outcome) -> [String] {
        let lines = outcome.normalizedText.split(separator: "\n").map(String.init)
        guard let start = lines.firstIndex(where: { $0.contains(" claims ") }) else { return [] }
        return Array(lines[start...].prefix { !$0.hasPrefix("  ✓ access") && !$0.hasPrefix("  ✗ access") })
    }

    @Test func aTokenForAnotherTenantFailsTheClaims() async throws {
        // The emulator knows the tenant by a second name: it answers for the app's own tenant, as a misrouted
        // request would be answered.
        let other = "0f0f0f0f-1111-4222-8333-444444444444"
        var app = H.app()
        app.tenantDomains.append(other)
        let documents = H.namedConnection(tenant: other) + "\n---\n" + H.job("alerts-job")
        let outcome = try await H.connect(documents, apps: [app], environment: Self.environment)
        #expect(
            Self.claimsLines(outcome) == [
                "  ✗ claims      N ms  the token names tenant '\(H.tenantID)', not tenant_id '\(other)'",
                "      fix: check tenant_id (the Directory (tenant) ID on the app's Overview page)",
                "      claims: tid \(H.tenantID), appid \(H.clientID), aud http://127.0.0.1:PORT, "
                    + "exp 2026-01-31T00:59:59Z, roles SecurityAlert.Read.All, SecurityIncident.Read.All",
            ])
        #expect(outcome.report.connections.first?.failedChecks == [.claims])
        outcome.expectNoSecrets()
    }

    @Test func anExpiredTokenFailsTheClaims() async throws {
        let documents = H.namedConnection() + "\n---\n" + H.job("alerts-job")
        let outcome = try await H.connect(
            documents, environment: Self.environment, clock: { H.now.addingTimeInterval(7200) })
        #expect(
            Self.claimsLines(outcome).prefix(2) == [
                "  ✗ claims      N ms  the token expired at 2026-01-31T00:59:59Z as this machine's clock reads it",
                "      fix: check this machine's clock",
            ])
    }

    @Test func aDomainTenantIsNotComparedAndABroaderRoleIsNoted() async throws {
        let documents = H.namedConnection(tenant: DemoTenant.domain) + "\n---\n" + H.job("alerts-job")
        let outcome = try await H.connect(
            documents, apps: [H.app(roles: [GraphRole.securityAlertReadWriteAll])], environment: Self.environment)
        #expect(outcome.report.passed)
        #expect(
            Self.claimsLines(outcome) == [
                "  ✓ claims      N ms  the token grants SecurityAlert.Read.All; app and audience match",
                "      note: SecurityAlert.ReadWrite.All grants more than temsync needs: SecurityAlert.Read.All is enough",
            ])
        let claims = try #require(outcome.report.connections.first?.checks.first { $0.name == .claims })
        #expect(
            claims.details.first
                == "tid is not compared: tenant_id '\(DemoTenant.domain)' is a domain name")
    }
}
