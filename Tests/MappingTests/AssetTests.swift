import JSON
import Testing

@testable import Mapping

/// `emit: assets`: the organisation's own devices, users, mailboxes, applications, service principals and cloud
/// resources, for prioritisation.
@Suite struct AssetTests {
    func assets(
        _ alerts: [JSON], rules: MappingRules = MappingRules(emit: located(.assets, 1, 7))
    ) throws
        -> [Record]
    {
        let program = try compile(rules)
        var set = program.makeAssetSet()
        for alert in alerts { program.collect(alert: alert, into: &set) }
        return program.records(from: set)
    }

    /// The documented alert names one device (`tempDns`); its process ran as SYSTEM, which names no person.
    @Test func theFixturesDevice() throws {
        let alert = try #require(try fixture("security-list-alerts_v2.response.json")["value"]?[0])
        let records = try assets([alert])
        #expect(records.count == 1)
        let record = try #require(records.first)
        #expect(record.kind == .asset)
        #expect(record.id == "c114cdca-18ae-59a7-adeb-9eec6257355f")
        #expect(record.indicators == [])
        #expect(
            record.fields.encodedString()
                == "{\"id\":\"c114cdca-18ae-59a7-adeb-9eec6257355f\",\"kind\":\"device\","
                + "\"key\":\"73e7e2de709dff64ef64b1d0c30e67fab63279db\",\"name\":\"tempDns\",\"attributes\":{"
                + "\"deviceDnsName\":\"tempDns\",\"mdeDeviceId\":\"73e7e2de709dff64ef64b1d0c30e67fab63279db\","
                + "\"osPlatform\":\"Windows10\",\"osBuild\":22424,\"version\":\"Other\",\"healthStatus\":\"active\","
                + "\"riskScore\":\"medium\",\"onboardingStatus\":\"onboarded\",\"defenderAvStatus\":\"unknown\","
                + "\"rbacGroupName\":\"UnassignedGroup\",\"ipInterfaces\":[\"1.1.1.1\"],\"vmMetadata\":{"
                + "\"vmId\":\"ca1b0d41-5a3b-4d95-b48b-f220aed11d78\",\"cloudProvider\":\"azure\",\"resourceId\":"
                + "\"/subscriptions/8700d3a3-3bb7-4fbe-a090-488a1ad04161/resourceGroups/WdatpApi-EUS-STG/providers/"
                + "Microsoft.Compute/virtualMachines/NirLaviTests\",\"subscriptionId\":"
                + "\"8700d3a3-3bb7-4fbe-a090-488a1ad04161\"}},\"first_seen\":\"2021-04-26T07:45:50.116Z\","
                + "\"last_seen\":\"2021-05-02T07:56:58.222Z\",\"severity\":\"low\",\"count\":1,"
                + "\"alert_ids\":[\"da637551227677560813_-961444813\"],\"incident_ids\":[\"28282\"],"
                + "\"service_sources\":[\"microsoftDefenderForEndpoint\"],\"roles\":[\"compromised\"],"
                + "\"verdicts\":[\"unknown\"],\"evidence_types\":[\"deviceEvidence\"]}")
    }

    @Test func everyKindAndTheLatestAlertsAttributes() throws {
        var older = alert(
            id: "a-1", severity: "low",
            [
                evidence(
                    "deviceEvidence", verdict: "unknown", roles: ["compromised"],
                    ["mdeDeviceId": "DEV1", "deviceDnsName": "pc1.contoso.com", "riskScore": "low"]),
                evidence(
                    "userEvidence", verdict: "unknown",
                    ["userAccount": ["userPrincipalName": "Alice@Contoso.com", "displayName": "Alice"]]),
                evidence(
                    "analyzedMessageEvidence", ["recipientEmailAddress": "Bob@Contoso.com", "senderIp": "45.141.84.20"]),
            ])
        older["lastUpdateDateTime"] = "2026-01-01T00:00:00Z"
        var newer = alert(
            id: "a-2", severity: "high",
            [
                evidence(
                    "deviceEvidence", verdict: "unknown",
                    ["mdeDeviceId": "DEV1", "deviceDnsName": "pc1.contoso.com", "riskScore": "high"]),
                evidence("oauthApplicationEvidence", ["appId": "APP-1", "displayName": "Mail Reader"]),
                evidence(
                    "servicePrincipalEvidence", ["servicePrincipalObjectId": "SP-1", "servicePrincipalName": "reader"]),
                evidence("azureResourceEvidence", ["resourceId": "/subscriptions/S/VM1", "resourceName": "VM1"]),
                evidence("processEvidence", ["userAccount": ["accountName": "SYSTEM", "userSid": "S-1-5-18"]]),
                evidence("mailboxEvidence", ["primaryAddress": "bob@contoso.com", "displayName": "Bob"]),
            ])
        newer["lastUpdateDateTime"] = "2026-01-02T00:00:00Z"
        for order in [[older, newer], [newer, older]] {
            let records = try assets(order)
            #expect(
                records.map { "\($0.fields["kind"]!.stringValue!) \($0.fields["key"]!.stringValue!)" } == [
                    "device dev1", "user alice@contoso.com", "mailbox bob@contoso.com", "application app-1",
                    "service_principal sp-1", "cloud_resource /subscriptions/s/vm1",
                ])
            let device = try #require(records.first?.fields)
            #expect(device["attributes"]?["riskScore"] == "high")
            #expect(device["severity"] == "high")
            #expect(device["alert_ids"] == ["a-1", "a-2"])
            #expect(device["count"] == 2)
            #expect(records[2].fields["name"] == "Bob")
            #expect(records[2].fields["evidence_types"] == ["analyzedMessageEvidence", "mailboxEvidence"])
        }
    }

    @Test func fieldsAndConditionsOnAssets() throws {
        let rules = MappingRules(
            emit: located(.assets, 1, 7),
            conditions: [
                condition("asset.kind", .equals, "device"),
                condition("alert.severity", .notEquals, "informational"),
            ],
            fields: [
                field("host", path: "asset.name"), field("risk", path: "asset.attributes.riskScore"),
                field("alert", path: "alert.id"), field("ref", template: "{{record.kind}}:{{asset.key}}"),
            ])
        let quiet = alert(
            id: "a-0", severity: "informational",
            [
                evidence("deviceEvidence", ["mdeDeviceId": "dev2", "deviceDnsName": "pc2.contoso.com"])
            ])
        let loud = alert(
            id: "a-2", severity: "high",
            [
                evidence(
                    "deviceEvidence", ["mdeDeviceId": "dev1", "deviceDnsName": "pc1.contoso.com", "riskScore": "high"]),
                evidence("userEvidence", ["userAccount": ["userPrincipalName": "alice@contoso.com"]]),
            ])
        #expect(
            try assets([quiet, loud], rules: rules).map(\.fields) == [
                ["host": "pc1.contoso.com", "risk": "high", "alert": "a-2", "ref": "asset:dev1"]
            ])
    }

    @Test func assetRootsAndMembersAreChecked() {
        #expect(
            compileErrors(MappingRules(emit: located(.assets, 1, 7), fields: [field("x", path: "asset.nme")]))
                == ["jobs/defender.yaml:1:16: error: unknown member 'nme' of 'asset'; did you mean 'name'?"])
        #expect(
            compileErrors(MappingRules(emit: located(.assets, 1, 7), fields: [field("x", path: "indicator.value")]))
                == [
                    "jobs/defender.yaml:1:10: error: root 'indicator' is not available with emit 'assets' (roots: "
                        + "'alert', 'asset', 'job', 'record')"
                ])
    }
}
