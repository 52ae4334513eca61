import Foundation
import GraphEmulator
import JSON
import Runner
import TemsyncTesting
import Testing

/// The token and the requests go through the configured proxy (a real tinyproxy with basic credentials) and trust
/// (a CA the test generates); their failures read as the transport words them.
@Suite struct ConnectTransportTests {
    typealias H = ConnectHarness

    static func proxied(port: Int) -> String {
        "proxy: { url: http://127.0.0.1:\(port), username: svc-temsync, password: { env: PROXY_PASSWORD } }"
    }

    @Test func everyRequestGoesThroughTheProxyWithItsCredentials() async throws {
        let proxy = try await Tinyproxy(credentials: ("svc-temsync", H.proxyPassword))
        defer { proxy.stop() }
        let documents = H.namedConnection(extra: Self.proxied(port: proxy.port)) + "\n---\n" + H.job("alerts-job")
        let outcome = try await H.connect(
            documents, environment: ["M365_CLIENT_SECRET": H.secret, "PROXY_PASSWORD": H.proxyPassword])
        #expect(outcome.report.passed)
        let text = outcome.normalizedText.replacingOccurrences(of: ":\(proxy.port)", with: ":PROXY")
        #expect(
            text == """
                connection 'contoso-prod': used by job alerts-job
                  tenant \(H.tenantID), client \(H.clientID), cloud global
                  login http://127.0.0.1:PORT, graph http://127.0.0.1:PORT
                  proxy http://127.0.0.1:PROXY (user 'svc-temsync')
                  needs SecurityAlert.Read.All
                  ✓ secrets     N ms  client secret (env M365_CLIENT_SECRET) and proxy password (env PROXY_PASSWORD) resolve
                  ✓ token       N ms  token issued for app '\(H.clientID)' in tenant '\(H.tenantID)' through proxy http://svc-temsync@127.0.0.1:PROXY (valid for 59 min)
                  ✓ claims      N ms  the token grants SecurityAlert.Read.All; tenant, app and audience match
                  ✓ access      N ms  GET /security/alerts_v2?$top=1 → 200 (1 alert)

                1 connection checked: every check passed

                """)
        #expect(proxy.requestLines.contains { $0.contains("CONNECT 127.0.0.1:\(outcome.port) HTTP/1.1") })
        #expect(proxy.forwarded(to: "127.0.0.1", port: outcome.port))
        outcome.expectNoSecrets()
    }

    @Test func aProxyRefusingTheCredentialsIsNamed() async throws {
        let proxy = try await Tinyproxy(credentials: ("svc-temsync", H.proxyPassword))
        defer { proxy.stop() }
        let documents = H.namedConnection(extra: Self.proxied(port: proxy.port)) + "\n---\n" + H.job("alerts-job")
        let outcome = try await H.connect(
            documents, environment: ["M365_CLIENT_SECRET": H.secret, "PROXY_PASSWORD": "wrong-password.1"])
        let text = outcome.normalizedText.replacingOccurrences(of: ":\(proxy.port)", with: ":PROXY")
        #expect(
            text.contains(
                """
                  ✗ token       N ms  proxy 'http://svc-temsync@127.0.0.1:PROXY' refused the request to '127.0.0.1:PORT': 401 Unauthorized: the proxy did not accept user 'svc-temsync'; check proxy.username and proxy.password
                      fix: check that proxy.password refers to the current password of proxy user 'svc-temsync'
                      token endpoint: POST http://127.0.0.1:PORT/\(H.tenantID)/oauth2/v2.0/token
                  - claims            skipped: no token
                """))
        outcome.expectNoSecrets(["wrong-password.1"])
    }

    @Test func theTokenIsRequestedWithTheConfiguredCATrust() async throws {
        let authority = try ThrowawayCA()
        defer { authority.remove() }
        let tls = TLSFiles(
            certificateChainPath: authority.serverCertificatePath, privateKeyPath: authority.serverKeyPath)
        let trusted =
            H.namedConnection(extra: "tls: { ca_file: \(authority.caCertificatePath) }") + "\n---\n"
            + H.job("alerts-job")
        let passing = try await H.connect(trusted, environment: ["M365_CLIENT_SECRET": H.secret], tls: tls)
        #expect(passing.report.passed)
        #expect(passing.normalizedText.contains("  tls: system trust + ca_file \(authority.caCertificatePath)\n"))
        #expect(passing.normalizedText.contains("  login https://127.0.0.1:PORT, graph https://127.0.0.1:PORT\n"))

        let untrusted = H.namedConnection() + "\n---\n" + H.job("alerts-job")
        let failing = try await H.connect(untrusted, environment: ["M365_CLIENT_SECRET": H.secret], tls: tls)
        #expect(
            failing.normalizedText.contains(
                """
                  ✗ token       N ms  TLS certificate of '127.0.0.1:PORT' was not accepted: the certificate chain does not lead to a trusted root (self-signed, issued by an unknown CA such as a TLS-inspecting proxy's, or expired); add the issuing root to tls.ca_file
                      fix: if a TLS-inspecting proxy sits on the way, add its root certificate to tls.ca_file; otherwise check the endpoints and this machine's clock
                """))
        failing.expectNoSecrets()
    }

    @Test func anUnreadableCAFileFailsTheTokenCheck() async throws {
        let documents =
            H.namedConnection(extra: "tls: { ca_file: FOLDER/missing-ca.pem }") + "\n---\n" + H.job("alerts-job")
        let outcome = try await H.connect(documents, environment: ["M365_CLIENT_SECRET": H.secret])
        #expect(
            ConnectFailureTests.checkLines(outcome) == """
                  ✓ secrets     N ms  client secret (env M365_CLIENT_SECRET) resolves
                  ✗ token       N ms  cannot read tls.ca_file 'FOLDER/missing-ca.pem': no such file
                      fix: point tls.ca_file at a readable PEM bundle of the root certificates to trust
                  - claims            skipped: no token
                  - access            skipped: no token
                """)
        #expect(outcome.tokens.isEmpty)
    }
}
