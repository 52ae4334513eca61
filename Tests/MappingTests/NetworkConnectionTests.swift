import JSON
import Testing

@testable import Mapping

/// Which end of a `networkConnectionEvidence` is remote (docs/INDICATORS.md, "networkConnectionEvidence").
@Suite struct NetworkConnectionTests {
    func connection(_ source: JSON?, _ destination: JSON?) -> JSON {
        var fields: [String: JSON] = ["sourcePort": 49_731, "destinationPort": 443, "protocol": "tcp"]
        if let source { fields["sourceAddress"] = source }
        if let destination { fields["destinationAddress"] = destination }
        return evidence("networkConnectionEvidence", fields)
    }

    func end(_ address: String, roles: [String] = []) -> JSON {
        [
            "@odata.type": "#microsoft.graph.security.ipEvidence", "ipAddress": .string(address),
            "roles": .array(roles.map(JSON.string)),
        ]
    }

    func device(_ addresses: [String], external: String? = nil) -> JSON {
        var fields: [String: JSON] = [
            "ipInterfaces": .array(addresses.map(JSON.string)), "deviceDnsName": "pc1.contoso.com",
        ]
        if let external { fields["lastExternalIpAddress"] = .string(external) }
        return evidence("deviceEvidence", verdict: "unknown", roles: ["compromised"], fields)
    }

    var everything: IndicatorPolicy {
        var policy = IndicatorPolicy()
        policy.includePrivate = true
        return policy
    }

    @Test func outboundFromTheAlertsDeviceGivesTheDestination() {
        let evidence = [device(["10.0.0.5"]), connection(end("10.0.0.5"), end("45.141.84.40"))]
        #expect(extract(alert(evidence), policy: everything) == ["ipv4 45.141.84.40"])
    }

    @Test func inboundToTheAlertsDeviceGivesTheSource() {
        // An RDP brute force on a server whose public address is the device's external address.
        let evidence = [
            device(["10.0.0.6"], external: "45.141.84.42"), connection(end("45.141.84.41"), end("45.141.84.42")),
        ]
        #expect(extract(alert(evidence)) == ["ipv4 45.141.84.41"])
    }

    @Test func rolesOfTheEndsDecideFirst() {
        #expect(
            extract(alert([connection(end("45.141.84.43", roles: ["attacker"]), end("45.141.84.44"))]))
                == ["ipv4 45.141.84.43"])
        #expect(
            extract(alert([connection(end("45.141.84.43"), end("45.141.84.44", roles: ["commandAndControl"]))]))
                == ["ipv4 45.141.84.44"])
        #expect(
            extract(alert([connection(end("45.141.84.43"), end("45.141.84.44", roles: ["compromised"]))]))
                == ["ipv4 45.141.84.43"])
        #expect(
            extract(alert([connection(end("45.141.84.43", roles: ["attacked"]), end("45.141.84.44"))]))
                == ["ipv4 45.141.84.44"])
    }

    @Test func anAddressTheAlertNamesAsAThreatIsTheRemoteEnd() {
        let evidence = [
            evidence("ipEvidence", ["ipAddress": "45.141.84.45"]), connection(end("45.141.84.45"), end("45.141.84.46")),
        ]
        #expect(extract(alert(evidence)) == ["ipv4 45.141.84.45"])
    }

    @Test func withNothingKnownThePublicEndAndThenTheDestinationIsRemote() {
        #expect(extract(alert([connection(end("45.141.84.47"), end("45.141.84.48"))])) == ["ipv4 45.141.84.48"])
        #expect(
            extract(alert([connection(end("45.141.84.47"), end("192.168.1.20"))]), policy: everything)
                == ["ipv4 45.141.84.47"])
        #expect(
            extract(alert([connection(end("192.168.1.20"), end("45.141.84.48"))]), policy: everything)
                == ["ipv4 45.141.84.48"])
    }

    @Test func lateralMovementBetweenTheOrganisationsDevicesGivesNothing() {
        let evidence = [
            device(["10.0.0.5"]), device(["10.0.0.9"]), connection(end("10.0.0.5"), end("10.0.0.9")),
        ]
        #expect(extract(alert(evidence), policy: everything) == [])
    }

    @Test func aSourceAloneGivesNothingADestinationAloneIsRemote() {
        #expect(extract(alert([connection(end("45.141.84.49"), nil)])) == [])
        #expect(extract(alert([connection(nil, end("45.141.84.49"))])) == ["ipv4 45.141.84.49"])
        #expect(extract(alert([connection(nil, nil)])) == [])
        #expect(extract(alert([connection(.string("45.141.84.47"), .string("45.141.84.48"))])) == ["ipv4 45.141.84.48"])
    }

    @Test func theRemoteEndKeepsItsOwnRolesAndVerdict() {
        let connection = connection(
            end("10.0.0.5"),
            ["ipAddress": "45.141.84.40", "roles": ["commandAndControl"], "verdict": "suspicious"])
        let indicators = IndicatorExtractor().indicators(inAlert: alert([connection]))
        #expect(pairs(indicators) == ["ipv4 45.141.84.40"])
        #expect(indicators.first?.roles == ["commandAndControl"])
        #expect(indicators.first?.verdicts == ["suspicious"])
        #expect(indicators.first?.evidenceTypes == ["networkConnectionEvidence"])
    }
}
