import Foundation
import JSON
import Testing

@testable import Mapping

/// Microsoft's documented example payloads, with the indicators expected from them written by hand:
///
/// The one alert (`da637551227677560813_-961444813`) has four evidence entries:
/// - `deviceEvidence` `tempDns` with `ipInterfaces: ["1.1.1.1"]` — the organisation's machine: its (public!)
///   address must never be an indicator;
/// - `fileEvidence` MsSense.exe: sha1 `5f1e8ace…fee9a`, sha256 `8963a19f…a7dec`, verdict `unknown`;
/// - `processEvidence` whose `imageFile` is the same MsSense.exe (same two hashes), and whose
///   `parentProcessImageFile` (services.exe) has null hashes;
/// - `registryKeyEvidence`: nothing to block.
///
/// So: two indicators, each seen twice (file and process), from a low-severity MDE/antivirus alert of incident
/// 28282, technique T1564.001, category DefenseEvasion, active from 2021-04-26T07:45:50.116Z to
/// 2021-05-02T07:56:58.222Z.
@Suite struct FixtureGoldenTests {
    static let sha1 = "5f1e8acedc065031aad553b710838eb366cfee9a"
    static let sha256 = "8963a19fb992ad9a76576c5638fd68292cffb9aaac29eb8285f9abf6196a7dec"
    static let alertID = "da637551227677560813_-961444813"

    func checkMsSense(_ indicator: Indicator, type: Indicator.Kind, value: String, id: String, incidents: Set<String>) {
        #expect(indicator.type == type)
        #expect(indicator.value == value)
        // UUIDv5 computed independently (Python's uuid.uuid5 in the temsync indicator namespace).
        #expect(indicator.id == id)
        #expect(indicator.count == 2)
        #expect(indicator.severity == .low)
        #expect(indicator.alertIDs == [Self.alertID])
        #expect(indicator.incidentIDs == incidents)
        #expect(indicator.serviceSources == ["microsoftDefenderForEndpoint"])
        #expect(indicator.detectionSources == ["antivirus"])
        #expect(indicator.mitreTechniques == ["T1564.001"])
        #expect(indicator.categories == ["DefenseEvasion"])
        #expect(indicator.roles == [])
        #expect(indicator.verdicts == ["unknown"])
        #expect(indicator.evidenceTypes == ["fileEvidence", "processEvidence"])
        #expect(indicator.firstSeen == Timestamp(iso8601: "2021-04-26T07:45:50.116Z")?.date)
        #expect(indicator.lastSeen == Timestamp(iso8601: "2021-05-02T07:56:58.222Z")?.date)
    }

    @Test func listAlertsExample() throws {
        let alerts = try #require(try fixture("security-list-alerts_v2.response.json")["value"]?.arrayValue)
        #expect(alerts.count == 1)
        let indicators = IndicatorExtractor().indicators(inAlert: alerts[0])
        #expect(pairs(indicators) == ["sha1 \(Self.sha1)", "sha256 \(Self.sha256)"])
        checkMsSense(
            indicators[0], type: .sha1, value: Self.sha1, id: "2a9c54a1-fee0-5f86-8bec-3b1104d5b28b",
            incidents: ["28282"])
        checkMsSense(
            indicators[1], type: .sha256, value: Self.sha256, id: "0d18a31e-58b8-582a-8366-0d17f3d8b7df",
            incidents: ["28282"])
    }

    @Test func theDevicesPublicInterfaceAddressIsNeverAnIndicator() throws {
        let alert = try #require(try fixture("security-list-alerts_v2.response.json")["value"]?[0])
        let everything = IndicatorPolicy(
            types: Set(Indicator.Kind.allCases), verdicts: ["unknown", "suspicious", "malicious", "noThreatsFound"],
            roles: nil, includePrivate: true)
        let indicators = IndicatorExtractor(policy: everything).indicators(inAlert: alert)
        #expect(!indicators.contains { $0.value == "1.1.1.1" })
        #expect(pairs(indicators) == ["sha1 \(Self.sha1)", "sha256 \(Self.sha256)"])
    }

    @Test func onlyMaliciousVerdictsGiveNothingHere() throws {
        let alert = try #require(try fixture("security-list-alerts_v2.response.json")["value"]?[0])
        let malicious = IndicatorPolicy(
            types: Set(Indicator.Kind.allCases), verdicts: ["malicious"], roles: nil, includePrivate: false)
        #expect(IndicatorExtractor(policy: malicious).indicators(inAlert: alert).isEmpty)
    }

    /// The expanded incident (with its two trailing commas) carries the same alert; read through the incident, the
    /// indicators also name incident 2972395 (the example's alert says 28282: both are kept).
    @Test func expandedIncidentExample() throws {
        let incidents = try #require(
            try fixture("security-list-incidents.expand-alerts.response.json")["value"]?.arrayValue)
        var set = IndicatorSet()
        IndicatorExtractor().collect(incident: incidents[0], into: &set)
        let indicators = set.indicators
        #expect(pairs(indicators) == ["sha1 \(Self.sha1)", "sha256 \(Self.sha256)"])
        checkMsSense(
            indicators[0], type: .sha1, value: Self.sha1, id: "2a9c54a1-fee0-5f86-8bec-3b1104d5b28b",
            incidents: ["28282", "2972395"])
        #expect(set.statistics.alerts == 1)
        #expect(set.statistics.findings == 4)
        #expect(set.statistics.accepted == 4)
        #expect(set.statistics.dropped == [:])
        #expect(set.assets.contains("1.1.1.1"))
    }

    @Test func theSameAlertFromBothSourcesMergesIntoTheSameIndicators() throws {
        let alert = try #require(try fixture("security-list-alerts_v2.response.json")["value"]?[0])
        let incident = try #require(try fixture("security-list-incidents.expand-alerts.response.json")["value"]?[0])
        var set = IndicatorSet()
        IndicatorExtractor().collect(alert: alert, into: &set)
        IndicatorExtractor().collect(incident: incident, into: &set)
        #expect(set.count == 2)
        #expect(set.indicators.map(\.count) == [4, 4])
        #expect(set.indicators.map(\.alertIDs) == [[Self.alertID], [Self.alertID]])
    }
}
