import Foundation
import GraphEmulator
import JSON
import Runner
import TemsyncTesting
import Testing

/// Each failure of the Connect step, with the exact lines the operator reads: what is wrong and what to fix.
@Suite struct ConnectFailureTests {
    typealias H = ConnectHarness

    static let environment = ["M365_CLIENT_SECRET": H.secret]

    /// The lines of the one connection's checks (its header left out), normalised.
    static func checkLines(_ outcome: H.Outcome) -> String {
        let lines = outcome.normalizedText.split(separator: "\n", omittingEmptySubsequences: false)
        return lines.drop { !$0.hasPrefix("  ✓") && !$0.hasPrefix("  ✗") }.prefix { !$0.isEmpty }
            .joined(separator: "\n")
    }

    static let tokenSkipped = """
          - token             skipped: a secret does not resolve
          - claims            skipped: no token
          - access            skipped: no token
        """

    @Test func aMissingEnvironmentVariableIsNamed() async throws {
        let outcome = try await H.connect(H.namedConnection() + "\n---\n" + H.job("alerts-job"), environment: [:])
        #expect(outcome.report.exitCode == 1)
        #expect(
            Self.checkLines(outcome) == """
                  ✗ secrets     N ms  client secret (env M365_CLIENT_SECRET): environment variable 'M365_CLIENT_SECRET' is not set
                      fix: set the environment variable 'M365_CLIENT_SECRET' to the client secret's Value (not its Secret ID) where temsync runs
                      the client secret is referenced at FOLDER/jobs.yaml:6:16
                """ + "\n" + Self.tokenSkipped)
        #expect(outcome.tokens.isEmpty)
        outcome.expectNoSecrets()
    }

    @Test func anUnreadableSecretFileIsNamed() async throws {
        let outcome = try await H.connect(
            H.namedConnection(secret: "{ file: FOLDER/no-such-secret }") + "\n---\n" + H.job("alerts-job"))
        #expect(
            Self.checkLines(outcome) == """
                  ✗ secrets     N ms  client secret (file FOLDER/no-such-secret): secret file 'FOLDER/no-such-secret' cannot be read: no such file
                      fix: write the client secret's Value (not its Secret ID) to 'FOLDER/no-such-secret', readable only by the user running temsync
                      the client secret is referenced at FOLDER/jobs.yaml:6:16
                """ + "\n" + Self.tokenSkipped)
        outcome.expectNoSecrets()
    }

    struct TokenCase: Sendable, CustomTestStringConvertible {
        var name: String
        var apps: [RegisteredApp] = [H.app()]
        var tenant = H.tenantID
        var client = H.clientID
        var secret = H.secret
        var cloud = "global"
        var standIn = false
        var lines: String
        var testDescription: String { name }
    }

    static let tokenCases: [TokenCase] = [
        TokenCase(
            name: "the secret's ID instead of its value", secret: H.secretID,
            lines: """
                  ✗ token       N ms  AADSTS7000215 (invalid_client): the client secret is not valid
                      fix: use the secret's Value (shown once, when the secret was created under Certificates & secrets), not its Secret ID, and check that client_secret refers to a current secret of app '\(H.clientID)'
                      Entra's message: AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '\(H.clientID)'.
                      for Microsoft support: trace ID ID, correlation ID ID, timestamp T
                      token endpoint: POST http://127.0.0.1:PORT/\(H.tenantID)/oauth2/v2.0/token
                """),
        TokenCase(
            name: "an expired secret", apps: [H.app(secretExpires: H.now.addingTimeInterval(-86_400))],
            lines: """
                  ✗ token       N ms  AADSTS7000222 (invalid_client): the client secret of app '\(H.clientID)' has expired
                      fix: create a new client secret under Certificates & secrets and update the value client_secret refers to
                      Entra's message: AADSTS7000222: The provided client secret keys for app '\(H.clientID)' are expired. Visit the Azure portal to create new keys for your app: https://aka.ms/NewClientSecret, or consider using certificate credentials for added security: https://aka.ms/certCreds.
                      for Microsoft support: trace ID ID, correlation ID ID, timestamp T
                      token endpoint: POST http://127.0.0.1:PORT/\(H.tenantID)/oauth2/v2.0/token
                """),
        TokenCase(
            name: "an unknown app", client: "00000000-1111-4222-8333-444444444444",
            lines: """
                  ✗ token       N ms  AADSTS700016 (unauthorized_client): application '00000000-1111-4222-8333-444444444444' was not found in tenant '\(H.tenantID)'
                      fix: check client_id (the Application (client) ID on the app's Overview page) and tenant_id (the Directory (tenant) ID); the app must be registered in, or consented to by, this tenant
                      Entra's message: AADSTS700016: Application with identifier '00000000-1111-4222-8333-444444444444' was not found in the directory '\(H.tenantID)'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.
                      for Microsoft support: trace ID ID, correlation ID ID, timestamp T
                      token endpoint: POST http://127.0.0.1:PORT/\(H.tenantID)/oauth2/v2.0/token
                """),
        TokenCase(
            name: "a disabled app", apps: [H.app(enabled: false)],
            lines: """
                  ✗ token       N ms  AADSTS7000112 (unauthorized_client): application '\(H.clientID)' is disabled in tenant '\(H.tenantID)'
                      fix: enable it (Enterprise applications → the app → Properties → Enabled for users to sign-in)
                      Entra's message: AADSTS7000112: Application '\(H.clientID)'(temsync connect) is disabled.
                      for Microsoft support: trace ID ID, correlation ID ID, timestamp T
                      token endpoint: POST http://127.0.0.1:PORT/\(H.tenantID)/oauth2/v2.0/token
                """),
        TokenCase(
            name: "an unknown tenant in cloud global", tenant: "fabrikam.onmicrosoft.com", standIn: true,
            lines: """
                  ✗ token       N ms  AADSTS90002 (invalid_request): tenant 'fabrikam.onmicrosoft.com' was not found in cloud 'global'
                      fix: check tenant_id; if it is a US Government tenant, set cloud: usgov (GCC High) or usgov_dod (DoD)
                      Entra's message: AADSTS90002: Tenant 'fabrikam.onmicrosoft.com' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.
                      for Microsoft support: trace ID ID, correlation ID ID, timestamp T
                      token endpoint: POST http://127.0.0.1:PORT/fabrikam.onmicrosoft.com/oauth2/v2.0/token
                """),
        TokenCase(
            name: "an unknown tenant in cloud usgov", tenant: "fabrikam.onmicrosoft.com", cloud: "usgov",
            standIn: true,
            lines: """
                  ✗ token       N ms  AADSTS90002 (invalid_request): tenant 'fabrikam.onmicrosoft.com' was not found in cloud 'usgov'
                      fix: check tenant_id; if it is a commercial tenant, set cloud: global
                      Entra's message: AADSTS90002: Tenant 'fabrikam.onmicrosoft.com' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.
                      for Microsoft support: trace ID ID, correlation ID ID, timestamp T
                      token endpoint: POST http://127.0.0.1:PORT/fabrikam.onmicrosoft.com/oauth2/v2.0/token
                """),
        TokenCase(
            name: "an unknown tenant behind an endpoints override", tenant: "fabrikam.onmicrosoft.com",
            lines: """
                  ✗ token       N ms  AADSTS90002 (invalid_request): tenant 'fabrikam.onmicrosoft.com' was not found in cloud 'global'
                      fix: check tenant_id and the endpoints override
                      Entra's message: AADSTS90002: Tenant 'fabrikam.onmicrosoft.com' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.
                      for Microsoft support: trace ID ID, correlation ID ID, timestamp T
                      token endpoint: POST http://127.0.0.1:PORT/fabrikam.onmicrosoft.com/oauth2/v2.0/token
                """),
    ]

    @Test(arguments: tokenCases)
    func aRefusedTokenIsExplainedWithItsFix(_ entry: TokenCase) async throws {
        let documents =
            H.namedConnection(tenant: entry.tenant, client: entry.client, cloud: entry.cloud) + "\n---\n"
            + H.job("alerts-job")
        let outcome = try await H.connect(
            documents, apps: entry.apps, environment: ["M365_CLIENT_SECRET": entry.secret], standIn: entry.standIn)
        #expect(outcome.report.exitCode == 1)
        let expected = """
              ✓ secrets     N ms  client secret (env M365_CLIENT_SECRET) resolves
            \(entry.lines)
              - claims            skipped: no token
              - access            skipped: no token
            """
        #expect(Self.checkLines(outcome) == expected)
        #expect(outcome.report.connections.first?.grantedRoles == nil)
        outcome.expectNoSecrets([entry.secret])
    }

    @Test func anAppWithoutSecurityIncidentReadAllFailsTheClaimsAndGetsA403() async throws {
        let documents = [
            H.namedConnection(), H.job("alerts-job"), H.job("incidents-job", sources: "{ incidents: {} }"),
        ].joined(separator: "\n---\n")
        let outcome = try await H.connect(
            documents, apps: [H.app(roles: [GraphRole.securityAlertReadAll])], environment: Self.environment)
        #expect(outcome.report.exitCode == 1)
        let steps =
            "in the Microsoft Entra admin center: App registrations → 'temsync connect' (\(H.clientID)) → API "
            + "permissions → Add a permission → Microsoft Graph → Application permissions → SecurityIncident.Read.All "
            + "→ Add permissions → Grant admin consent for your organisation (tenant '\(H.tenantID)')"
        #expect(
            Self.checkLines(outcome) == """
                  ✓ secrets     N ms  client secret (env M365_CLIENT_SECRET) resolves
                  ✓ token       N ms  token issued for app '\(H.clientID)' in tenant '\(H.tenantID)' (valid for 59 min)
                  ✗ claims      N ms  the token lacks the application permission SecurityIncident.Read.All (it carries SecurityAlert.Read.All)
                      fix: \(steps)
                      claims: tid \(H.tenantID), appid \(H.clientID), aud http://127.0.0.1:PORT, exp 2026-01-31T00:59:59Z, roles SecurityAlert.Read.All
                      note: it must be an Application permission: a Delegated permission of the same name puts no role in an app-only token
                      note: a permission listed with the status 'Not granted for …' was added but still needs the admin consent
                      note: a consent just granted can take a few minutes to reach new tokens; run temsync connect again then
                  ✗ access      N ms  GET /security/alerts_v2?$top=1 → 200 (1 alert); GET /security/incidents?$top=1 → 403 Forbidden: Missing application roles. API required roles: SecurityIncident.Read.All, SecurityIncident.ReadWrite.All. Application roles: SecurityAlert.Read.All.
                      fix: \(steps)
                      GET /security/alerts_v2?$top=1: 200 in N ms, request-id ID
                      GET /security/incidents?$top=1: request-id ID, client-request-id ID
                """)
        #expect(outcome.report.connections.first?.grantedRoles == [GraphRole.securityAlertReadAll])
        #expect(
            outcome.normalizedText.hasSuffix(
                "1 connection checked: 1 failed (connection 'contoso-prod': claims, access)\n"))
        outcome.expectNoSecrets()
    }

    @Test func anAppWithoutAnyRoleFailsTheClaimsAndBothRequests() async throws {
        let documents = [H.namedConnection(), H.job("both", sources: "{ alerts: {}, incidents: {} }")]
            .joined(separator: "\n---\n")
        let outcome = try await H.connect(documents, apps: [H.app(roles: [])], environment: Self.environment)
        let both = "SecurityAlert.Read.All and SecurityIncident.Read.All"
        let steps = { (permissions: String) in
            "in the Microsoft Entra admin center: App registrations → 'temsync connect' (\(H.clientID)) → API "
                + "permissions → Add a permission → Microsoft Graph → Application permissions → \(permissions) → Add "
                + "permissions → Grant admin consent for your organisation (tenant '\(H.tenantID)')"
        }
        #expect(
            Self.checkLines(outcome) == """
                  ✓ secrets     N ms  client secret (env M365_CLIENT_SECRET) resolves
                  ✓ token       N ms  token issued for app '\(H.clientID)' in tenant '\(H.tenantID)' (valid for 59 min)
                  ✗ claims      N ms  the token carries no application permission (no roles claim); needed: \(both)
                      fix: \(steps(both))
                      claims: tid \(H.tenantID), appid \(H.clientID), aud http://127.0.0.1:PORT, exp 2026-01-31T00:59:59Z, roles none
                      note: it must be an Application permission: a Delegated permission of the same name puts no role in an app-only token
                      note: a permission listed with the status 'Not granted for …' was added but still needs the admin consent
                      note: a consent just granted can take a few minutes to reach new tokens; run temsync connect again then
                  ✗ access      N ms  GET /security/alerts_v2?$top=1 → 403 Forbidden: Missing application roles. API required roles: SecurityAlert.Read.All, SecurityAlert.ReadWrite.All. Application roles: .; GET /security/incidents?$top=1 → 403 Forbidden: Missing application roles. API required roles: SecurityIncident.Read.All, SecurityIncident.ReadWrite.All. Application roles: .
                      fix: \(steps(both))
                      GET /security/alerts_v2?$top=1: request-id ID, client-request-id ID
                      GET /security/incidents?$top=1: request-id ID, client-request-id ID
                """)
        #expect(outcome.report.connections.first?.grantedRoles == [])
        outcome.expectNoSecrets()
    }
}
