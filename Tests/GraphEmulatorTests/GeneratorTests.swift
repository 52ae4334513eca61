import Foundation
import GraphEmulator
import JSON
import Testing

/// The generated data set: deterministic, realistic, complete (every evidence type, every enum member), with
/// indicators drawn from bounded pools and devices on private addresses.
@Suite struct GeneratorTests {
    static func everything(
        alerts: Int, seed: UInt64 = 7
    ) async throws -> (alerts: [JSON], incidents: [JSON], raw: String) {
        try await GraphEmulator.withRunning(TestData.configuration(alerts: alerts, seed: seed)) { emulator in
            try await TestHTTP.with { http in
                let token = try await http.token(emulator)
                let prefer = [("Prefer", "include-unknown-enum-members")]
                var alerts: [JSON] = []
                var raw = ""
                var url: String? = emulator.alertsURL + "?$top=1000"
                while let next = url {
                    let exchange = try await http.get(next, token: token, headers: prefer)
                    raw += exchange.text
                    let page = try exchange.json()
                    alerts += page["value"]?.arrayValue ?? []
                    url = page["@odata.nextLink"]?.stringValue
                }
                var incidents: [JSON] = []
                url = emulator.incidentsURL + "?$top=1000"
                while let next = url {
                    let page = try await http.get(next, token: token, headers: prefer).json()
                    incidents += page["value"]?.arrayValue ?? []
                    url = page["@odata.nextLink"]?.stringValue
                }
                return (alerts, incidents, raw)
            }
        }
    }

    @Test func theSameSeedGivesTheSameBytes() async throws {
        let first = try await Self.everything(alerts: 300, seed: 11)
        let second = try await Self.everything(alerts: 300, seed: 11)
        let other = try await Self.everything(alerts: 300, seed: 12)
        let same = JSON.array(first.alerts).encodedString() == JSON.array(second.alerts).encodedString()
        let differs = JSON.array(first.alerts).encodedString() != JSON.array(other.alerts).encodedString()
        #expect(same)
        #expect(differs)
        #expect(JSON.array(first.incidents).encodedString() == JSON.array(second.incidents).encodedString())
        #expect(first.alerts.count == 300)
    }

    /// Collects every value of `key` anywhere in `value`.
    static func values(_ key: String, in value: JSON, into result: inout [JSON]) {
        switch value {
        case .object(let object):
            for (member, inner) in object {
                if member == key { result.append(inner) }
                values(key, in: inner, into: &result)
            }
        case .array(let elements): for element in elements { values(key, in: element, into: &result) }
        default: break
        }
    }

    @Test func coversEveryEvidenceTypeAndEnumMember() async throws {
        let data = try await Self.everything(alerts: 4000)
        var types: [JSON] = []
        for alert in data.alerts { Self.values("@odata.type", in: alert["evidence"]!, into: &types) }
        let evidenceTypes = Set(
            types.compactMap(\.stringValue).map { $0.replacingOccurrences(of: "#microsoft.graph.security.", with: "") })
        let schema = try JSON(
            parsing: Data(contentsOf: URL(fileURLWithPath: TestData.fixture("schema-derived.security-types.json"))))
        let documented = Set(
            schema["subtypes"]!.objectValue!.keys.map {
                $0.replacingOccurrences(of: "#microsoft.graph.security.", with: "")
            })
        #expect(
            documented.subtracting(evidenceTypes).isEmpty, "missing: \(documented.subtracting(evidenceTypes).sorted())")

        func members(_ key: String, _ records: [JSON]) -> Set<String> {
            Set(records.compactMap { $0[key]?.stringValue })
        }
        let enums = schema["enums"]!
        func documentedMembers(_ name: String) -> Set<String> {
            Set(enums[name]!.arrayValue!.compactMap(\.stringValue)).subtracting(["unknownFutureValue"])
        }
        #expect(members("status", data.alerts) == documentedMembers("alertStatus"))
        #expect(members("severity", data.alerts) == documentedMembers("alertSeverity"))
        #expect(members("classification", data.alerts) == documentedMembers("alertClassification"))
        #expect(members("determination", data.alerts) == documentedMembers("alertDetermination"))
        #expect(members("detectionSource", data.alerts) == documentedMembers("detectionSource"))
        // The union of the rendered enum page (microsoftSecurityForAI) and the schema (GRAPH.md §3).
        #expect(
            members("serviceSource", data.alerts)
                == documentedMembers("serviceSource").union(["microsoftSecurityForAI"]))
        #expect(members("investigationState", data.alerts).count >= 15)
        var remediation: [JSON] = []
        var roles: [JSON] = []
        var verdicts: [JSON] = []
        for alert in data.alerts {
            Self.values("remediationStatus", in: alert, into: &remediation)
            Self.values("roles", in: alert, into: &roles)
            Self.values("verdict", in: alert, into: &verdicts)
        }
        #expect(Set(remediation.compactMap(\.stringValue)) == documentedMembers("evidenceRemediationStatus"))
        #expect(Set(verdicts.compactMap(\.stringValue)).isSuperset(of: ["unknown", "suspicious", "malicious"]))
        let allRoles = Set(roles.flatMap { $0.arrayValue ?? [] }.compactMap(\.stringValue))
        #expect(
            allRoles.isSuperset(of: [
                "compromised", "attacker", "commandAndControl", "source", "destination", "contextual", "policyViolator",
            ]))
        let incidentStatuses = Set(data.incidents.compactMap { $0["status"]?.stringValue?.lowercased() })
        #expect(incidentStatuses == Set(documentedMembers("incidentStatus").map { $0.lowercased() }))
    }

    @Test func indicatorsRecurAndDevicesArePrivate() async throws {
        let data = try await Self.everything(alerts: 3000)
        var addresses: [String: Int] = [:]
        var hashes: [JSON] = []
        for alert in data.alerts {
            for evidence in alert["evidence"]!.arrayValue!
            where evidence["@odata.type"] == "#microsoft.graph.security.ipEvidence"
                && evidence["verdict"] == "malicious"
            {
                addresses[evidence["ipAddress"]!.stringValue!, default: 0] += 1
            }
            Self.values("sha256", in: alert["evidence"]!, into: &hashes)
        }
        // The default pools hold 2000 addresses and 5000 files; a few addresses recur in many alerts.
        #expect(addresses.count <= 2000)
        #expect((addresses.values.max() ?? 0) >= 20)
        #expect(Set(hashes.compactMap(\.stringValue)).count <= 5000)

        var deviceAddresses: [String] = []
        var nulls = 0
        for alert in data.alerts {
            for evidence in alert["evidence"]!.arrayValue!
            where evidence["@odata.type"] == "#microsoft.graph.security.deviceEvidence" {
                deviceAddresses += evidence["ipInterfaces"]!.arrayValue!.compactMap(\.stringValue)
            }
            if alert["resolvedDateTime"] == .null { nulls += 1 }
        }
        let v4 = deviceAddresses.filter { !$0.contains(":") }
        #expect(!v4.isEmpty)
        #expect(v4.allSatisfy { $0.hasPrefix("10.") || $0.hasPrefix("192.168.") || $0.hasPrefix("172.") })
        #expect(v4.contains { $0.hasPrefix("10.") } && v4.contains { $0.hasPrefix("192.168.") })
        #expect(nulls > 0 && nulls < data.alerts.count)
    }

    @Test func writesTheDocumentedQuirksOnSomeIncidents() async throws {
        let data = try await Self.everything(alerts: 3000)
        let quirky = data.incidents.filter { $0["tags"] != nil }
        #expect(!quirky.isEmpty)
        #expect(quirky.allSatisfy { $0["customTags"] != nil })
        #expect(quirky.contains { ($0["status"]?.stringValue?.first?.isUppercase) == true })
        let comments = data.incidents.flatMap { $0["comments"]?.arrayValue ?? [] }
        #expect(comments.contains { $0["createdBy"] != nil && $0["createdTime"] != nil })
        #expect(comments.contains { $0["createdByDisplayName"] != nil })
        #expect(data.incidents.allSatisfy { $0["@odata.type"] == "#microsoft.graph.security.incident" })
    }
}

@Suite struct GeneratedDataSetTests {
    @Test func matchesWhatTheEmulatorServes() async throws {
        let options = GeneratorOptions(seed: 5, alertCount: 40, end: TestData.end)
        let offline = GeneratedDataSet(options)
        try await GraphEmulator.withRunning(TestData.configuration(dataSet: .generated(options))) { emulator in
            try await TestHTTP.with { http in
                let token = try await http.token(emulator)
                let id = offline.alertID(3)
                var served = try await http.get(
                    emulator.alertsURL + "/" + id, token: token, headers: [("Prefer", "include-unknown-enum-members")]
                ).json()
                served["@odata.context"] = nil
                #expect(served.encodedString() == offline.alert(3).encodedString())
                let incident = offline.incident(0, expandAlerts: true)
                #expect(incident["id"] == .string(offline.incidentID(0)))
                #expect(incident["alerts"]?.arrayValue?.first?["id"] == .string(offline.alertID(0)))
            }
        }
    }
}
