import Foundation
import JSON
import Testing

@testable import Mapping

@Suite struct IndicatorSetTests {
    let ip = evidence("ipEvidence", roles: ["attacker"], ["ipAddress": "45.141.84.10"])

    @Test func mergesContextAcrossAlerts() throws {
        var first = alert(id: "b-alert", severity: "low", incidentId: "7", [ip])
        first["firstActivityDateTime"] = "2026-01-05T00:00:00Z"
        first["lastActivityDateTime"] = "2026-01-06T00:00:00Z"
        first["detectionSource"] = "customTi"
        var second = alert(
            id: "a-alert", severity: "Medium", incidentId: "8",
            [
                evidence(
                    "ipEvidence", verdict: "suspicious", roles: ["commandAndControl"], ["ipAddress": "45.141.84.10"]),
                evidence("urlEvidence", ["url": "https://evil.example/"]),
            ])
        second["serviceSource"] = "microsoftDefenderForOffice365"
        second["mitreTechniques"] = ["T1071", "T1566"]
        second["firstActivityDateTime"] = "2026-01-04T00:00:00Z"
        second["lastActivityDateTime"] = "2026-01-05T12:00:00Z"
        var set = IndicatorSet()
        IndicatorExtractor().collect(alert: first, into: &set)
        IndicatorExtractor().collect(alert: second, into: &set)
        #expect(set.count == 2)
        let merged = try #require(set.indicators.first)
        #expect(pairs(set.indicators) == ["ipv4 45.141.84.10", "url https://evil.example/"])
        #expect(merged.id == "f2790f5a-0424-56bc-9f40-5076654ef6af")
        #expect(merged.count == 2)
        #expect(merged.severity == .medium)
        #expect(merged.alertIDs == ["a-alert", "b-alert"])
        #expect(merged.incidentIDs == ["7", "8"])
        #expect(merged.serviceSources == ["microsoftDefenderForEndpoint", "microsoftDefenderForOffice365"])
        #expect(merged.detectionSources == ["antivirus", "customTi"])
        #expect(merged.mitreTechniques == ["T1071", "T1566"])
        #expect(merged.categories == ["CommandAndControl"])
        #expect(merged.roles == ["attacker", "commandAndControl"])
        #expect(merged.verdicts == ["malicious", "suspicious"])
        #expect(merged.evidenceTypes == ["ipEvidence"])
        #expect(merged.firstSeen == Timestamp(iso8601: "2026-01-04T00:00:00Z")?.date)
        #expect(merged.lastSeen == Timestamp(iso8601: "2026-01-06T00:00:00Z")?.date)
        #expect(set.statistics.alerts == 2)
        #expect(set.statistics.findings == 3)
        #expect(set.statistics.accepted == 3)
    }

    @Test func anAlertSeenTwiceCountsItsEvidenceTwiceButItsContextOnce() {
        var set = IndicatorSet()
        let input = alert([ip, ip])
        IndicatorExtractor().collect(alert: input, into: &set)
        IndicatorExtractor().collect(alert: input, into: &set)
        #expect(set.indicators.map(\.count) == [4])
        #expect(set.indicators.map(\.alertIDs) == [["alert-1"]])
    }

    @Test func theOrganisationsAssetsAreLeftOutAcrossTheWholeRun() {
        // Alert 1: the office's public egress address is a device's external address.
        let office = alert(
            id: "1",
            [
                evidence(
                    "deviceEvidence", verdict: "unknown",
                    ["lastExternalIpAddress": "45.141.84.31", "deviceDnsName": "pc1.contoso.com"]),
                evidence("urlEvidence", ["url": "https://evil.example/"]),
            ])
        // Alert 2, later: a sign-in alert names that same address as the attacker's.
        let signIn = alert(
            id: "2",
            [
                evidence("ipEvidence", roles: ["attacker"], ["ipAddress": "45.141.84.31"]),
                evidence("dnsEvidence", ["domainName": "pc1.contoso.com"]),
            ])
        #expect(extract(signIn) == ["ipv4 45.141.84.31", "domain pc1.contoso.com"], "alone, alert 2 names them")
        for order in [[office, signIn], [signIn, office]] {
            var set = IndicatorSet()
            for alert in order { IndicatorExtractor().collect(alert: alert, into: &set) }
            #expect(pairs(set.indicators) == ["url https://evil.example/"])
            #expect(set.suppressedAssetCount == 2)
        }
    }

    @Test func idListsKeepTheSmallestIdsWhateverTheOrder() {
        var forward = IndicatorSet(maxIDsPerIndicator: 2)
        var backward = IndicatorSet(maxIDsPerIndicator: 2)
        let alerts = ["c", "a", "d", "b"].map { alert(id: $0, incidentId: "i-" + $0, [ip]) }
        for alert in alerts { IndicatorExtractor().collect(alert: alert, into: &forward) }
        for alert in alerts.reversed() { IndicatorExtractor().collect(alert: alert, into: &backward) }
        #expect(forward.indicators.map(\.alertIDs) == [["a", "b"]])
        #expect(forward.indicators.map(\.incidentIDs) == [["i-a", "i-b"]])
        #expect(backward.indicators.map(\.alertIDs) == [["a", "b"]])
        #expect(forward.indicators.map(\.count) == [4])
    }

    @Test func insertAndUnionMergeIndicatorsMadeElsewhere() {
        let program = IndicatorExtractor()
        let records = [
            program.indicators(inAlert: alert(id: "1", severity: "low", [ip])),
            program.indicators(inAlert: alert(id: "2", severity: "high", [ip])),
        ]
        var fromRecords = IndicatorSet()
        for indicators in records { for indicator in indicators { fromRecords.insert(indicator) } }
        #expect(fromRecords.indicators.map(\.alertIDs) == [["1", "2"]])
        #expect(fromRecords.indicators.map(\.severity) == [.high])
        #expect(fromRecords.indicators.map(\.count) == [2])

        var left = IndicatorSet()
        var right = IndicatorSet()
        program.collect(alert: alert(id: "1", [ip]), into: &left)
        program.collect(
            alert: alert(id: "2", [ip, evidence("deviceEvidence", ["ipInterfaces": ["45.141.84.99"]])]), into: &right)
        program.collect(alert: alert(id: "3", [evidence("ipEvidence", ["ipAddress": "45.141.84.99"])]), into: &left)
        left.formUnion(right)
        #expect(pairs(left.indicators) == ["ipv4 45.141.84.10"])
        #expect(left.indicators.map(\.alertIDs) == [["1", "2"]])
        #expect(left.statistics.alerts == 3)
    }

    @Test func indicatorsSortByTypeThenValue() {
        let input = alert([
            evidence("submissionMailEvidence", ["sender": "z@evil.example", "reportType": "Phish"]),
            evidence("urlEvidence", ["url": "https://b.evil.example/"]),
            evidence("ipEvidence", ["ipAddress": "2a01:4f8::1"]),
            evidence("ipEvidence", ["ipAddress": "45.141.84.9"]),
            evidence("ipEvidence", ["ipAddress": "45.141.84.10"]),
            evidence("dnsEvidence", ["domainName": "a.evil.example"]),
            evidence("fileHashEvidence", ["value": .string(EvidenceTypeTests.md5A)]),
        ])
        #expect(
            extract(input) == [
                "ipv4 45.141.84.10", "ipv4 45.141.84.9", "ipv6 2a01:4f8::1", "domain a.evil.example",
                "url https://b.evil.example/", "md5 \(EvidenceTypeTests.md5A)", "email z@evil.example",
            ])
    }
}
