import JSON
import Testing

@testable import Mapping

/// The job's `indicators` options, compiled from rules as a job file gives them.
@Suite struct IndicatorOptionsTests {
    static let mixed = alert([
        evidence("ipEvidence", verdict: "malicious", roles: ["attacker"], ["ipAddress": "45.141.84.10"]),
        evidence("ipEvidence", verdict: "suspicious", ["ipAddress": "2a01:4f8::1"]),
        evidence("ipEvidence", verdict: "noThreatsFound", ["ipAddress": "45.141.84.11"]),
        evidence("ipEvidence", verdict: "unknown", ["ipAddress": "10.20.30.40"]),
        evidence("urlEvidence", ["url": "https://login.phish.example.org/x"]),
        evidence("urlEvidence", ["url": "http://192.168.1.1/admin"]),
        evidence("dnsEvidence", ["domainName": "phish.example.org"]),
        evidence("dnsEvidence", ["domainName": "evil.example"]),
        evidence("submissionMailEvidence", ["sender": "ceo@phish.example.org", "reportType": "Phish"]),
        evidence("fileHashEvidence", ["algorithm": "sha256", "value": .string(EvidenceTypeTests.sha256A)]),
        evidence("deviceEvidence", verdict: "malicious", ["ipInterfaces": ["10.0.0.4"]]),
    ])

    func run(_ rules: IndicatorRules) throws -> [String] {
        let program = try compile(MappingRules(emit: located(.indicators, 1, 7), indicators: rules))
        var set = program.makeIndicatorSet()
        program.collect(alert: Self.mixed, into: &set)
        return program.records(from: set).flatMap { pairs($0.indicators) }
    }

    @Test func defaults() throws {
        #expect(
            try run(IndicatorRules()) == [
                "ipv4 45.141.84.10", "ipv6 2a01:4f8::1", "domain evil.example", "domain phish.example.org",
                "url https://login.phish.example.org/x", "sha256 \(EvidenceTypeTests.sha256A)",
                "email ceo@phish.example.org",
            ])
    }

    @Test func types() throws {
        #expect(
            try run(IndicatorRules(types: [located("sha256", 1, 1), located("ipv6", 1, 1)]))
                == ["ipv6 2a01:4f8::1", "sha256 \(EvidenceTypeTests.sha256A)"])
    }

    @Test func verdicts() throws {
        #expect(try run(IndicatorRules(verdicts: [located("noThreatsFound", 1, 1)])) == ["ipv4 45.141.84.11"])
        #expect(try run(IndicatorRules(verdicts: [located("suspicious", 1, 1)])) == ["ipv6 2a01:4f8::1"])
    }

    @Test func roles() throws {
        #expect(try run(IndicatorRules(roles: [located("attacker", 1, 1)])) == ["ipv4 45.141.84.10"])
    }

    @Test func includePrivateKeepsPrivateAddressesButNeverTheDevices() throws {
        #expect(
            try run(
                IndicatorRules(
                    types: [located("ipv4", 1, 1), located("url", 1, 1)], includePrivate: located(true, 1, 1)))
                == [
                    "ipv4 10.20.30.40", "ipv4 45.141.84.10", "url http://192.168.1.1/admin",
                    "url https://login.phish.example.org/x",
                ])
    }

    @Test func exclusions() throws {
        let rules = IndicatorRules(exclude: [
            .cidr(located("45.141.84.0/24", 1, 1)), .cidr(located("2a01:4f8::/32", 1, 1)),
            .domain(located("*.example.org", 1, 1)), .domain(located("evil.example", 1, 1)),
            .value(located("  \(EvidenceTypeTests.sha256A.uppercased())", 1, 1)),
        ])
        #expect(try run(rules) == [])
        // A wildcard covers the domain itself, its subdomains, URL hosts and e-mail domains; an exact domain only itself.
        let exact = IndicatorRules(exclude: [.domain(located("phish.example.org", 1, 1))])
        #expect(
            try run(exact) == [
                "ipv4 45.141.84.10", "ipv6 2a01:4f8::1", "domain evil.example",
                "url https://login.phish.example.org/x", "sha256 \(EvidenceTypeTests.sha256A)",
            ])
    }

    @Test func valueExclusionsCompareNormalisedValues() throws {
        let input = alert([
            evidence("urlEvidence", ["url": "http://bad.example.net/a"]),
            evidence("urlEvidence", ["url": "http://bad.example.net/b"]),
        ])
        let program = try compile(
            MappingRules(
                emit: located(.indicators, 1, 7),
                indicators: IndicatorRules(exclude: [.value(located("HXXP://BAD[.]EXAMPLE[.]NET/a", 1, 1))])))
        var set = program.makeIndicatorSet()
        program.collect(alert: input, into: &set)
        #expect(pairs(set.indicators) == ["url http://bad.example.net/b"])
        #expect(set.statistics.dropped == [.excluded: 1])
    }

    @Test func statisticsSayWhyFindingsWereLeftOut() throws {
        let program = try compile(
            MappingRules(
                emit: located(.indicators, 1, 7),
                indicators: IndicatorRules(
                    types: [located("ipv4", 1, 1), located("ipv6", 1, 1), located("url", 1, 1)],
                    roles: [located("attacker", 1, 1), located("suspicious", 1, 1)],
                    exclude: [.cidr(located("45.141.84.10", 1, 1))])))
        var set = program.makeIndicatorSet()
        program.collect(alert: Self.mixed, into: &set)
        #expect(set.indicators.isEmpty)
        #expect(set.statistics.findings == 10)
        #expect(set.statistics.dropped == [.type: 4, .role: 4, .verdict: 1, .excluded: 1])
    }

    /// `max_ids` caps the alert and incident ids each indicator keeps (the smallest); `count` still counts them all.
    @Test func maxIDsCapsTheIdsEachIndicatorKeeps() throws {
        let alerts = ["d", "b", "a", "c"].map { id in
            alert(id: "alert-\(id)", incidentId: "inc-\(id)", [evidence("ipEvidence", ["ipAddress": "45.141.84.10"])])
        }
        func indicators(_ rules: IndicatorRules) throws -> [Indicator] {
            let program = try compile(MappingRules(emit: located(.indicators, 1, 7), indicators: rules))
            var set = program.makeIndicatorSet()
            for alert in alerts { program.collect(alert: alert, into: &set) }
            return program.records(from: set).flatMap(\.indicators)
        }
        let capped = try indicators(IndicatorRules(maxIDs: located(2, 1, 1)))
        #expect(capped.map(\.alertIDs) == [["alert-a", "alert-b"]])
        #expect(capped.map(\.incidentIDs) == [["inc-a", "inc-b"]])
        #expect(capped.map(\.count) == [4])
        let byDefault = try indicators(IndicatorRules())
        #expect(byDefault.map(\.alertIDs) == [["alert-a", "alert-b", "alert-c", "alert-d"]])
        #expect(IndicatorPolicy.defaultMaxIDs == 20)
    }

    @Test func maxIDsOutOfRangeIsAnErrorAtItsValue() {
        for value in [0, 1001] {
            #expect(
                compileErrors(
                    MappingRules(
                        emit: located(.indicators, 1, 7), indicators: IndicatorRules(maxIDs: located(value, 9, 14))))
                    == ["jobs/defender.yaml:9:14: error: max_ids must be between 1 and 1000, not \(value)"])
        }
    }
}
