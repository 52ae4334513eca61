import JSON
import Testing

@testable import Mapping

@Suite struct MappingProgramTests {
    static let sha1 = FixtureGoldenTests.sha1
    static let sha256 = FixtureGoldenTests.sha256

    func fixtureAlert() throws -> JSON {
        try #require(try fixture("security-list-alerts_v2.response.json")["value"]?[0])
    }

    @Test func alertRecordsDefaultToTheAlertAsGraphSentIt() throws {
        let program = try compile(MappingRules())
        #expect(program.emit == .alerts)
        let record = try #require(program.record(forAlert: try fixtureAlert()))
        #expect(record.kind == .alert)
        #expect(record.fields == (try fixtureAlert()))
        // UUIDv5("alert|<tenantId>|<id>") in the record namespace, computed independently with Python.
        #expect(record.id == "6ed97b23-93f5-50a4-8f4e-6003ce526167")
        #expect(pairs(record.indicators) == ["sha1 \(Self.sha1)", "sha256 \(Self.sha256)"])
    }

    @Test func versionsHistoryNamesEachUpdate() throws {
        let program = try compile(MappingRules(history: located(.versions, 2, 10)))
        let record = try #require(program.record(forAlert: try fixtureAlert()))
        #expect(record.id == "9550d946-d8df-545a-b105-e5120ad24768")
        var updated = try fixtureAlert()
        updated["lastUpdateDateTime"] = "2021-05-03T00:00:00Z"
        #expect(program.record(forAlert: updated)?.id != record.id)
        let latest = try compile(MappingRules())
        #expect(latest.record(forAlert: updated)?.id == "6ed97b23-93f5-50a4-8f4e-6003ce526167")
    }

    @Test func anAlertWithoutIdIsNamedByItsContent() throws {
        let program = try compile(MappingRules())
        let first = try #require(program.record(forAlert: ["title": "x", "severity": "low"]))
        let reordered = try #require(program.record(forAlert: ["severity": "low", "title": "x"]))
        let other = try #require(program.record(forAlert: ["severity": "low", "title": "y"]))
        #expect(first.id == reordered.id)
        #expect(first.id != other.id)
    }

    @Test func incidentRecordsWithPascalCaseEnums() throws {
        let incident = try #require(try fixture("security-list-incidents.response.json")["value"]?[0])
        let rules = MappingRules(
            emit: located(.incidents, 1, 7),
            conditions: [condition("incident.status", .equals, "active", ignoreCase: true)],
            fields: [
                field("id", path: "incident.id"),
                field(
                    "severity", path: "incident.severity",
                    map: [("informational", 0), ("low", 30), ("medium", 60), ("high", 90)], default: 0),
                field("tags", path: "incident.customTags", transforms: [("join", "|")]),
                field("created", path: "incident.createdDateTime", transforms: [("date", "unix_seconds")]),
            ])
        let program = try compile(rules)
        let record = try #require(program.record(forIncident: incident))
        #expect(record.kind == .incident)
        #expect(record.id == "78a97f60-dcf2-5e7b-9d0b-3bf5dc3fa815")
        #expect(record.fields == ["id": "2972395", "severity": 60, "tags": "Demo", "created": 1_628_844_215])
        #expect(record.indicators == [])
        let strict = try compile(
            MappingRules(
                emit: located(.incidents, 1, 7), conditions: [condition("incident.status", .equals, "active")]))
        #expect(strict.record(forIncident: incident) == nil)
    }

    @Test func expandedIncidentRecordsCarryTheIndicatorsOfTheirAlerts() throws {
        let incident = try #require(try fixture("security-list-incidents.expand-alerts.response.json")["value"]?[0])
        let program = try compile(MappingRules(emit: located(.incidents, 1, 7)))
        let record = try #require(program.record(forIncident: incident))
        #expect(record.fields == incident)
        #expect(pairs(record.indicators) == ["sha1 \(Self.sha1)", "sha256 \(Self.sha256)"])
        #expect(record.indicators.map(\.incidentIDs) == [["28282", "2972395"], ["28282", "2972395"]])
    }

    /// The `fields` example of DESIGN.md, over the documented alert.
    @Test func designExampleOverTheFixture() throws {
        let rules = MappingRules(
            emit: located(.indicators, 1, 7),
            fields: [
                field("value", path: "indicator.value"),
                field("type", path: "indicator.type"),
                field(
                    "severity", path: "alert.severity",
                    map: [("informational", 0), ("low", 30), ("medium", 60), ("high", 90)], default: 0),
                field("title", template: "{{alert.title}} ({{alert.id}})"),
                field("source", const: "microsoft_365_defender"),
            ])
        let program = try compile(rules)
        var set = program.makeIndicatorSet()
        program.collect(alert: try fixtureAlert(), into: &set)
        let records = program.records(from: set)
        #expect(records.map(\.id) == ["2a9c54a1-fee0-5f86-8bec-3b1104d5b28b", "0d18a31e-58b8-582a-8366-0d17f3d8b7df"])
        #expect(records.map(\.kind) == [.indicator, .indicator])
        let title = "Suspicious execution of hidden file (da637551227677560813_-961444813)"
        #expect(
            records.map(\.fields) == [
                [
                    "value": .string(Self.sha1), "type": "sha1", "severity": 30, "title": .string(title),
                    "source": "microsoft_365_defender",
                ],
                [
                    "value": .string(Self.sha256), "type": "sha256", "severity": 30, "title": .string(title),
                    "source": "microsoft_365_defender",
                ],
            ])
        #expect(records.map { pairs($0.indicators) } == [["sha1 \(Self.sha1)"], ["sha256 \(Self.sha256)"]])
    }

    /// Without outputs that read fields (EDL and STIX), indicator records carry only their indicator — unless the
    /// job's `where` conditions need the fields made to be judged; without EDL or STIX, no indicator.
    @Test func indicatorRecordsMakeOnlyWhatTheOutputsRead() throws {
        let program = try compile(MappingRules(emit: located(.indicators, 1, 7)))
        var set = program.makeIndicatorSet()
        program.collect(alert: try fixtureAlert(), into: &set)
        let full = program.records(from: set)
        let lean = Array(program.recordBatches(from: set, size: 1, includeFields: false).joined())
        #expect(lean.map(\.id) == full.map(\.id))
        #expect(lean.map(\.indicators) == full.map(\.indicators))
        #expect(lean.allSatisfy { $0.fields == .null })
        #expect(full.allSatisfy { $0.fields != .null })
        let bare = Array(program.recordBatches(from: set, includeIndicators: false).joined())
        #expect(bare.map(\.fields) == full.map(\.fields))
        #expect(bare.allSatisfy { $0.indicators.isEmpty })

        let judged = try compile(
            MappingRules(
                emit: located(.indicators, 1, 7), conditions: [condition("indicator.type", .equals, "sha256")]))
        var judgedSet = judged.makeIndicatorSet()
        judged.collect(alert: try fixtureAlert(), into: &judgedSet)
        let kept = Array(judged.recordBatches(from: judgedSet, includeFields: false).joined())
        #expect(kept.map { pairs($0.indicators) } == [["sha256 \(Self.sha256)"]])
    }

    @Test func defaultIndicatorRecord() throws {
        let program = try compile(MappingRules(emit: located(.indicators, 1, 7)))
        var set = program.makeIndicatorSet()
        program.collect(alert: try fixtureAlert(), into: &set)
        let record = try #require(program.records(from: set).first)
        #expect(
            record.fields.encodedString()
                == "{\"id\":\"2a9c54a1-fee0-5f86-8bec-3b1104d5b28b\",\"type\":\"sha1\","
                + "\"value\":\"5f1e8acedc065031aad553b710838eb366cfee9a\",\"first_seen\":\"2021-04-26T07:45:50.116Z\","
                + "\"last_seen\":\"2021-05-02T07:56:58.222Z\",\"severity\":\"low\",\"count\":2,"
                + "\"alert_ids\":[\"da637551227677560813_-961444813\"],\"incident_ids\":[\"28282\"],"
                + "\"service_sources\":[\"microsoftDefenderForEndpoint\"],\"detection_sources\":[\"antivirus\"],"
                + "\"mitre_techniques\":[\"T1564.001\"],\"categories\":[\"DefenseEvasion\"],\"roles\":[],"
                + "\"verdicts\":[\"unknown\"],\"evidence_types\":[\"fileEvidence\",\"processEvidence\"]}")
    }

    @Test func nestedFieldsTransformsDefaultsAndTheRecordAndJobRoots() throws {
        let rules = MappingRules(
            fields: [
                field("ref", template: "{{job.name}}/{{record.kind}}/{{record.id}}"),
                field(
                    "device",
                    fields: [
                        field("name", path: "alert.evidence[0].deviceDnsName", transforms: [("uppercase", nil)]),
                        field("addresses", path: "alert.evidence[*].ipInterfaces[*]"),
                        field(
                            "tags", path: "alert.evidence[*].tags[*]", transforms: [("unique", nil), ("count", nil)]),
                    ]),
                field("assigned", path: "alert.assignedTo", default: "unassigned"),
                field("techniques", path: "alert.mitreTechniques", transforms: [("join", " | ")]),
                field("created", path: "alert.createdDateTime", transforms: [("date", "unix_milliseconds")]),
                field(
                    "types", path: "alert.evidence[*][\"@odata.type\"]",
                    map: [("#microsoft.graph.security.fileEvidence", "file")]),
                field("status", path: "alert.status", map: [("resolved", "closed")]),
                field("nothing", path: "alert.threatFamilyName", transforms: [("lowercase", nil)], map: [("x", "y")]),
            ])
        let program = try compile(rules, job: JobInfo(name: "defender-alerts"))
        let record = try #require(program.record(forAlert: try fixtureAlert()))
        #expect(
            record.fields == [
                "ref": "defender-alerts/alert/6ed97b23-93f5-50a4-8f4e-6003ce526167",
                "device": ["name": "TEMPDNS", "addresses": ["1.1.1.1"], "tags": 1],
                "assigned": "unassigned",
                "techniques": "T1564.001",
                "created": 1_619_525_967_721,
                "types": [
                    "#microsoft.graph.security.deviceEvidence", "file", "#microsoft.graph.security.processEvidence",
                    "#microsoft.graph.security.registryKeyEvidence",
                ],
                "status": "new",
                "nothing": nil,
            ])
        // Key order is the order written.
        #expect(
            record.fields.objectValue?.keys == [
                "ref", "device", "assigned", "techniques", "created", "types", "status", "nothing",
            ])
    }

    @Test func whereFiltersAlerts() throws {
        let high = try compile(MappingRules(conditions: [condition("alert.severity", .in, ["high", "medium"])]))
        #expect(high.record(forAlert: try fixtureAlert()) == nil)
        let low = try compile(
            MappingRules(conditions: [
                condition("alert.severity", .in, ["high", "low"]),
                condition("alert.evidence[*].verdict", .notEquals, "malicious"),
                condition("alert.title", .matches, "hidden\\s+FILE", ignoreCase: true),
                condition("alert.assignedTo", .exists, false),
                condition("alert.mitreTechniques", .exists, true),
            ]))
        #expect(low.record(forAlert: try fixtureAlert()) != nil)
    }

    @Test func conditionsOnAlertChooseTheAlertsOfAnIndicatorRun() throws {
        let rules = MappingRules(
            emit: located(.indicators, 1, 7),
            conditions: [
                condition("alert.serviceSource", .equals, "microsoftDefenderForOffice365"),
                condition("indicator.type", .notIn, ["url"]),
            ])
        let program = try compile(rules)
        #expect(program.alertConditions.count == 1)
        var set = program.makeIndicatorSet()
        program.collect(alert: try fixtureAlert(), into: &set)  // MDE: left out
        var office = alert([
            evidence("urlEvidence", ["url": "https://evil.example/"]),
            evidence("ipEvidence", ["ipAddress": "45.141.84.10"]),
        ])
        office["serviceSource"] = "microsoftDefenderForOffice365"
        program.collect(alert: office, into: &set)
        #expect(program.records(from: set).map { pairs($0.indicators) } == [["ipv4 45.141.84.10"]])
    }

    @Test func anIndicatorRecordReadsItsMostSevereThenLatestAlert() throws {
        let rules = MappingRules(emit: located(.indicators, 1, 7), fields: [field("alert", path: "alert.id")])
        let program = try compile(rules)
        let ip = evidence("ipEvidence", ["ipAddress": "45.141.84.10"])
        var medium = alert(id: "m", severity: "medium", [ip])
        medium["lastUpdateDateTime"] = "2026-02-01T00:00:00Z"
        var high = alert(id: "h", severity: "high", [ip])
        high["lastUpdateDateTime"] = "2026-01-01T00:00:00Z"
        var laterHigh = alert(id: "h2", severity: "High", [ip])
        laterHigh["lastUpdateDateTime"] = "2026-01-02T00:00:00Z"
        var set = program.makeIndicatorSet()
        for alert in [medium, high] { program.collect(alert: alert, into: &set) }
        #expect(program.records(from: set).map(\.fields) == [["alert": "h"]])
        program.collect(alert: laterHigh, into: &set)
        #expect(program.records(from: set).map(\.fields) == [["alert": "h2"]])
        program.collect(alert: medium, into: &set)
        #expect(program.records(from: set).map(\.fields) == [["alert": "h2"]])
    }
}
