import Foundation
import GraphEmulator
import TemsyncTesting
import Testing
import Transport

@testable import GraphSecurity

/// The whole client (token + Graph) through a real tinyproxy and over real TLS with a CA the test generates.
@Suite struct ProxyAndTLSTests {
    @Test func tokenAndGraphGoThroughTheProxyWithCredentials() async throws {
        let proxy = try await Tinyproxy(credentials: ("svc-tem", "Pr0xy.pa55"))
        defer { proxy.stop() }
        let transport = TransportConfiguration(
            proxy: try ProxyConfiguration(url: proxy.url, username: "svc-tem", password: Secret("Pr0xy.pa55")))
        try await EmulatorHarness.withClient(transport: transport) { context in
            let records = try await context.client.pages(of: GraphQuery(source: .alerts, pageSize: 60)).collect()
                .flatMap(\.records)
            #expect(records.count == 120)
            let port = context.emulator.port
            // One tunnel per connection: the token request and the pages share the proxy's log.
            #expect(proxy.requestLines.contains { $0.contains("CONNECT 127.0.0.1:\(port)") })
            #expect(proxy.forwarded(to: "127.0.0.1", port: port))
            #expect(await context.emulator.journal.entries(for: .token).count == 1)
            #expect(await context.emulator.journal.entries(for: .alerts).count == 3)
        }
    }

    @Test func aWrongProxyPasswordStopsAtTheTokenWithAClearError() async throws {
        let proxy = try await Tinyproxy(credentials: ("svc-tem", "Pr0xy.pa55"))
        defer { proxy.stop() }
        let transport = TransportConfiguration(
            proxy: try ProxyConfiguration(url: proxy.url, username: "svc-tem", password: Secret("wr0ng.pa55")))
        try await EmulatorHarness.withClient(transport: transport) { context in
            do {
                _ = try await context.client.acquireToken()
                Issue.record("the token request should have failed")
            } catch let error as TransportError {
                #expect(
                    error.description
                        == "proxy 'http://svc-tem@127.0.0.1:\(proxy.port)' refused the request to "
                        + "'127.0.0.1:\(context.emulator.port)': 401 Unauthorized: the proxy did not accept user "
                        + "'svc-tem'; check proxy.username and proxy.password")
            }
            #expect(await context.emulator.journal.entries.isEmpty)
            #expect(!proxy.forwarded(to: "127.0.0.1", port: context.emulator.port))
            // Not retried (a refused password stays refused); only a probe that could not reach the proxy retries.
            #expect(context.time.sleeps.count <= 1, "retried after: \(context.retries.errors)")
        }
    }

    @Test func noProxyBypassesTheProxyForTheEmulator() async throws {
        let proxy = try await Tinyproxy()
        defer { proxy.stop() }
        let transport = TransportConfiguration(
            proxy: try ProxyConfiguration(url: proxy.url, noProxy: [".example.internal", "127.0.0.0/8"]))
        try await EmulatorHarness.withClient(transport: transport) { context in
            _ = try await context.client.get(path: "/security/alerts_v2?$top=1")
            #expect(await context.emulator.journal.entries.count == 2)
            #expect(proxy.requestLines.isEmpty)
        }
    }

    @Test func theEmulatorOverTLSIsTrustedWithTheCAFile() async throws {
        let authority = try ThrowawayCA()
        defer { authority.remove() }
        let files = TLSFiles(
            certificateChainPath: authority.serverCertificatePath, privateKeyPath: authority.serverKeyPath)
        let transport = TransportConfiguration(tls: TLSTrust(caFile: authority.caCertificatePath))
        try await EmulatorHarness.withClient(EmulatorHarness.configuration(tls: files), transport: transport) {
            context in
            #expect(context.emulator.graphRoot.hasPrefix("https://"))
            let records = try await context.client.pages(of: GraphQuery(source: .alerts)).collect().flatMap(\.records)
            #expect(records.count == 120)
        }
    }

    @Test func theEmulatorOverTLSIsRefusedWithoutTheCAFile() async throws {
        let authority = try ThrowawayCA()
        defer { authority.remove() }
        let files = TLSFiles(
            certificateChainPath: authority.serverCertificatePath, privateKeyPath: authority.serverKeyPath)
        try await EmulatorHarness.withClient(EmulatorHarness.configuration(tls: files)) { context in
            do {
                _ = try await context.client.acquireToken()
                Issue.record("the token request should have failed")
            } catch let error as TransportError {
                #expect(error.kind == .tlsVerificationFailed)
                #expect(
                    error.description.hasPrefix(
                        "TLS certificate of '127.0.0.1:\(context.emulator.port)' was not accepted"))
            }
            #expect(context.time.sleeps.isEmpty)
        }
    }
}
