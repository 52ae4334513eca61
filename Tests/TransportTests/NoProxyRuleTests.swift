import Testing

@testable import Transport

@Suite struct NoProxyRuleTests {
    func rules(_ entries: [String]) throws -> [NoProxyRule] {
        try entries.map { try NoProxyRule(parsing: $0) }
    }

    @Test func exactHostsMatchOnlyThemselves() throws {
        let rules = try rules(["login.example.com"])
        #expect(rules.bypasses(host: "login.example.com"))
        #expect(rules.bypasses(host: "LOGIN.Example.com."))
        #expect(!rules.bypasses(host: "x.login.example.com"))
        #expect(!rules.bypasses(host: "example.com"))
    }

    @Test(arguments: [".example.com", "*.example.com"])
    func domainSuffixesMatchTheDomainAndBelow(entry: String) throws {
        let rules = try rules([entry])
        #expect(rules.bypasses(host: "example.com"))
        #expect(rules.bypasses(host: "graph.example.com"))
        #expect(rules.bypasses(host: "a.b.example.com"))
        #expect(!rules.bypasses(host: "badexample.com"))
        #expect(!rules.bypasses(host: "example.com.evil.net"))
    }

    @Test func starMatchesEverything() throws {
        #expect(try rules(["*"]).bypasses(host: "graph.microsoft.com"))
        #expect(try rules(["*"]).bypasses(host: "10.1.2.3"))
    }

    @Test func cidrRangesMatchAddressesNotNames() throws {
        let rules = try rules(["10.0.0.0/8", "192.168.1.0/24", "fd00::/8"])
        #expect(rules.bypasses(host: "10.200.3.4"))
        #expect(rules.bypasses(host: "192.168.1.77"))
        #expect(!rules.bypasses(host: "192.168.2.1"))
        #expect(!rules.bypasses(host: "11.0.0.1"))
        #expect(rules.bypasses(host: "fd12:3456::1"))
        #expect(rules.bypasses(host: "[fd12::1]"))
        #expect(!rules.bypasses(host: "fe80::1"))
        #expect(!rules.bypasses(host: "ten.example.com"))
    }

    @Test func addressesMatchExactlyInAnyNotation() throws {
        let rules = try rules(["127.0.0.1", "::1"])
        #expect(rules.bypasses(host: "127.0.0.1"))
        #expect(!rules.bypasses(host: "127.0.0.2"))
        #expect(rules.bypasses(host: "0:0:0:0:0:0:0:1"))
        #expect(rules.bypasses(host: "[::1]"))
        #expect(!rules.bypasses(host: "localhost"))
    }

    @Test func prefixZeroMatchesTheWholeFamily() throws {
        let rules = try rules(["0.0.0.0/0"])
        #expect(rules.bypasses(host: "8.8.8.8"))
        #expect(!rules.bypasses(host: "::1"))
    }

    @Test(arguments: [
        ("10.0.0.0/33", "no_proxy entry '10.0.0.0/33' has an invalid prefix length (expected 0…32)"),
        ("fd00::/129", "no_proxy entry 'fd00::/129' has an invalid prefix length (expected 0…128)"),
        ("10.0.0/8", "no_proxy entry '10.0.0/8' is not a CIDR range: '10.0.0' is not an IP address"),
        ("", "no_proxy entry is empty"),
        (
            "proxy.example.com:8080",
            "no_proxy entry 'proxy.example.com:8080' is not a host, a domain suffix (.example.com), '*', an address or a CIDR range"
        ),
    ])
    func malformedEntriesSayWhatIsWrong(entry: String, message: String) {
        #expect(throws: TransportConfigurationError(message)) { try NoProxyRule(parsing: entry) }
    }
}
