import Logging
import TemsyncTesting
import Testing

@testable import Transport

/// Requests through a real tinyproxy (CONNECT to a TLS server the test started), asserted from the proxy's log.
@Suite struct TinyproxyTransportTests {
    struct Setup {
        let authority: ThrowawayCA
        let server: TLSTestServer

        static func start() async throws -> Setup {
            let authority = try ThrowawayCA()
            let server = try await TLSTestServer(
                certificate: authority.serverCertificatePath, key: authority.serverKeyPath,
                logFile: authority.directory.file("s_server.log"))
            return Setup(authority: authority, server: server)
        }

        func configuration(proxy: ProxyConfiguration) -> TransportConfiguration {
            TransportConfiguration(proxy: proxy, tls: TLSTrust(caFile: authority.caCertificatePath))
        }

        func stop() {
            server.stop()
            authority.remove()
        }
    }

    @Test func passesThroughAProxyWithoutCredentials() async throws {
        let setup = try await Setup.start()
        let proxy = try await Tinyproxy()
        defer {
            proxy.stop()
            setup.stop()
        }
        let configuration = setup.configuration(proxy: try ProxyConfiguration(url: proxy.url))
        let response = try await HTTPTransport.withTransport(configuration) { transport in
            try await transport.send(TransportRequest(url: setup.server.url), logger: LogCapture().logger())
        }
        #expect(response.status == 200)
        #expect(proxy.requestLines.contains { $0.contains("CONNECT 127.0.0.1:\(setup.server.port)") })
        #expect(proxy.forwarded(to: "127.0.0.1", port: setup.server.port))
    }

    @Test func passesThroughAProxyWithBasicCredentials() async throws {
        let setup = try await Setup.start()
        let proxy = try await Tinyproxy(credentials: ("svc-tem", "Pr0xy-pa55"))
        defer {
            proxy.stop()
            setup.stop()
        }
        let configuration = setup.configuration(
            proxy: try ProxyConfiguration(url: proxy.url, username: "svc-tem", password: Secret("Pr0xy-pa55")))
        let response = try await HTTPTransport.withTransport(configuration) { transport in
            try await transport.send(TransportRequest(url: setup.server.url), logger: LogCapture().logger())
        }
        #expect(response.status == 200)
        #expect(proxy.forwarded(to: "127.0.0.1", port: setup.server.port))
    }

    @Test func aWrongProxyPasswordIsAClearErrorWithoutThePassword() async throws {
        let setup = try await Setup.start()
        let proxy = try await Tinyproxy(credentials: ("svc-tem", "Pr0xy-pa55"))
        defer {
            proxy.stop()
            setup.stop()
        }
        let configuration = setup.configuration(
            proxy: try ProxyConfiguration(url: proxy.url, username: "svc-tem", password: Secret("wrong-pa55")))
        let logs = LogCapture()
        do {
            _ = try await HTTPTransport.withTransport(configuration) { transport in
                try await transport.send(TransportRequest(url: setup.server.url), logger: logs.logger())
            }
            Issue.record("the request should have failed")
        } catch let error as TransportError {
            #expect(error.kind == .proxyAuthenticationFailed)
            #expect(
                error.description
                    == "proxy 'http://svc-tem@127.0.0.1:\(proxy.port)' refused the request to '127.0.0.1:\(setup.server.port)': "
                    + "401 Unauthorized: the proxy did not accept user 'svc-tem'; check proxy.username "
                    + "and proxy.password")
            #expect(error.retryDisposition(under: RetryPolicy()) == .fail)
        }
        #expect(!proxy.forwarded(to: "127.0.0.1", port: setup.server.port))
        #expect(!logs.text.contains("wrong-pa55"))
    }

    @Test func missingCredentialsSayWhatToSet() async throws {
        let setup = try await Setup.start()
        let proxy = try await Tinyproxy(credentials: ("svc-tem", "Pr0xy-pa55"))
        defer {
            proxy.stop()
            setup.stop()
        }
        let configuration = setup.configuration(proxy: try ProxyConfiguration(url: proxy.url))
        do {
            _ = try await HTTPTransport.withTransport(configuration) { transport in
                try await transport.send(TransportRequest(url: setup.server.url), logger: LogCapture().logger())
            }
            Issue.record("the request should have failed")
        } catch let error as TransportError {
            #expect(
                error.description
                    == "proxy 'http://127.0.0.1:\(proxy.port)' refused the request to '127.0.0.1:\(setup.server.port)': "
                    + "407 Proxy Authentication Required: the proxy wants credentials; set proxy.username and proxy.password"
            )
        }
    }

    @Test func noProxyEntriesBypassTheProxy() async throws {
        let setup = try await Setup.start()
        let proxy = try await Tinyproxy()
        defer {
            proxy.stop()
            setup.stop()
        }
        let configuration = setup.configuration(
            proxy: try ProxyConfiguration(url: proxy.url, noProxy: ["localhost", "127.0.0.0/8"]))
        let response = try await HTTPTransport.withTransport(configuration) { transport in
            #expect(!transport.usesProxy(for: setup.server.url))
            return try await transport.send(TransportRequest(url: setup.server.url), logger: LogCapture().logger())
        }
        #expect(response.status == 200)
        #expect(proxy.requestLines.isEmpty)
        #expect(!proxy.forwarded(to: "127.0.0.1", port: setup.server.port))
    }

    @Test func anUnreachableProxyIsNamed() async throws {
        let port = try FreePort.next()
        let configuration = TransportConfiguration(
            proxy: try ProxyConfiguration(
                url: "http://127.0.0.1:\(port)", username: "svc-tem", password: Secret("pw-1")))
        do {
            _ = try await HTTPTransport.withTransport(configuration) { transport in
                try await transport.send(TransportRequest(url: "https://127.0.0.1:1/"), logger: LogCapture().logger())
            }
            Issue.record("the request should have failed")
        } catch let error as TransportError {
            #expect(error.kind == .proxyUnreachable)
            #expect(
                error.description == "cannot connect to proxy 'http://svc-tem@127.0.0.1:\(port)': connection refused")
            #expect(error.retryDisposition(under: RetryPolicy()) == .retry(after: nil))
        }
    }
}
