import Testing

@testable import Transport

@Suite struct ProxyConfigurationTests {
    @Test func readsAProxyURLWithoutShowingThePassword() throws {
        let proxy = try ProxyConfiguration(
            url: "http://proxy.example.internal:3128", username: "svc-tem", password: Secret("pa55-w0rd"),
            noProxy: ["localhost", ".example.internal"])
        #expect(proxy.host == "proxy.example.internal")
        #expect(proxy.port == 3128)
        #expect("\(proxy)" == "http://svc-tem@proxy.example.internal:3128")
        #expect(!String(reflecting: proxy).contains("pa55-w0rd"))
        #expect(proxy.isUsed(for: "graph.microsoft.com"))
        #expect(!proxy.isUsed(for: "tem.example.internal"))
        #expect(!proxy.isUsed(for: "localhost"))
    }

    @Test func defaultsToPort80() throws {
        #expect(try ProxyConfiguration(url: "http://proxy").port == 80)
    }

    @Test(arguments: [
        (
            "https://proxy:3128",
            "proxy url 'https://proxy:3128' must start with http:// (an HTTP proxy; CONNECT is used for HTTPS targets)"
        ),
        (
            "http://user:pw@proxy:3128",
            "proxy url must not hold credentials: set proxy.username and proxy.password instead"
        ),
        (
            "proxy:3128",
            "proxy url 'proxy:3128' must start with http:// (an HTTP proxy; CONNECT is used for HTTPS targets)"
        ),
        (
            "http://proxy:3128/path",
            "proxy url 'http://proxy:3128/path' must be http://host:port, without a path or query"
        ),
    ])
    func refusesURLsItCannotUse(url: String, message: String) {
        #expect(throws: TransportConfigurationError(message)) { try ProxyConfiguration(url: url) }
    }

    @Test func passwordNeedsAUser() {
        #expect(throws: TransportConfigurationError("proxy password requires a proxy username")) {
            try ProxyConfiguration(url: "http://proxy:3128", password: Secret("x"))
        }
    }
}
