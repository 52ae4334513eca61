import Foundation
import JSON
import Mapping
import Testing

@testable import Outputs

@Suite struct STIXOutputTests {
    static let first = Date(timeIntervalSince1970: 1_769_763_600)  // 2026-01-30T09:00:00Z
    static let last = Date(timeIntervalSince1970: 1_769_835_323.456)  // 2026-01-31T04:55:23.456Z

    static let records: [Record] = [
        Record(
            id: "r1", kind: .indicator, fields: [:],
            indicators: [
                Samples.indicator(
                    .url, #"http://evil.example/a'b\c"#, .high, firstSeen: first, lastSeen: last,
                    alerts: ["da-2", "da-1"], verdicts: ["Malicious"], techniques: ["T1566.001", "not-a-technique"]),
                Samples.indicator(.md5, String(repeating: "0f", count: 16), .unknown),
            ])
    ]

    @Test func writesTheExactBundle() async throws {
        let scratch = try Scratch()
        let output = STIXOutput(
            name: "stix", options: .init(path: scratch.file("out/bundle.json"), validFor: .seconds(7 * 86_400)),
            context: Samples.context())
        try await deliver(output, [Self.records])
        let identity = "identity--" + STIXIdentifier.uuid5(name: "stix-identity|temsync")
        let url = Self.records[0].indicators[0]
        let md5 = Self.records[0].indicators[1]
        let text = try scratch.read("out/bundle.json")
        let bundleID = try #require(try JSON(parsing: text)["id"]?.stringValue)
        let expected = """
            {"type":"bundle","id":"\(bundleID)","objects":[
            {"type":"identity","spec_version":"2.1","id":"\(identity)","created":"2026-01-01T00:00:00.000Z","modified":"2026-01-01T00:00:00.000Z","name":"temsync","identity_class":"system","description":"Exports threat indicators from Microsoft Defender XDR alerts (temsync)"},
            {"type":"indicator","spec_version":"2.1","id":"indicator--\(url.id)","created_by_ref":"\(identity)","created":"2026-01-30T09:00:00.000Z","modified":"2026-01-31T04:55:23.456Z","name":"http://evil.example/a'b\\\\c","description":"URL seen in 2 Microsoft Defender XDR alerts (highest severity: high)","indicator_types":["malicious-activity"],"pattern":"[url:value = 'http://evil.example/a\\\\'b\\\\\\\\c']","pattern_type":"stix","pattern_version":"2.1","valid_from":"2026-01-30T09:00:00.000Z","valid_until":"2026-02-07T04:55:23.456Z","confidence":85,"labels":["severity:high","verdict:malicious"],"external_references":[{"source_name":"microsoft-defender-xdr","description":"alert","external_id":"da-1","url":"https://security.microsoft.com/alerts/da-1"},{"source_name":"microsoft-defender-xdr","description":"alert","external_id":"da-2","url":"https://security.microsoft.com/alerts/da-2"},{"source_name":"mitre-attack","external_id":"T1566.001","url":"https://attack.mitre.org/techniques/T1566/001/"}]},
            {"type":"indicator","spec_version":"2.1","id":"indicator--\(md5.id)","created_by_ref":"\(identity)","created":"2026-01-31T08:00:00.000Z","modified":"2026-01-31T08:00:00.000Z","name":"0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f","description":"File with MD5 hash from Microsoft Defender XDR (highest severity: unknown)","indicator_types":["unknown"],"pattern":"[file:hashes.MD5 = '0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f']","pattern_type":"stix","pattern_version":"2.1","valid_from":"2026-01-31T08:00:00.000Z","valid_until":"2026-02-07T08:00:00.000Z","labels":["severity:unknown"]}
            ]}

            """
        #expect(text == expected)
        #expect(bundleID.hasPrefix("bundle--"))
        #expect(await output.report().delivered == 2)
    }

    @Test func theSameInputGivesTheSameBytes() async throws {
        let scratch = try Scratch()
        for name in ["a.json", "b.json"] {
            let output = STIXOutput(name: "stix", options: .init(path: scratch.file(name)), context: Samples.context())
            try await deliver(output, records: Samples.records)
        }
        #expect(try scratch.read("a.json") == scratch.read("b.json"))
    }

    @Test func mergesAnIndicatorSeenInSeveralRecords() async throws {
        let scratch = try Scratch()
        let output = STIXOutput(name: "stix", options: .init(path: scratch.file("b.json")), context: Samples.context())
        try await deliver(output, records: Samples.records)
        let bundle = try JSON(parsing: scratch.read("b.json"))
        let objects = try #require(bundle["objects"]?.arrayValue)
        #expect(objects.count == 1 + 10)
        let address = try #require(objects.first { $0["name"] == "203.0.113.7" })
        #expect(
            address["description"] == "IPv4 address seen in 2 Microsoft Defender XDR alerts (highest severity: high)")
        #expect(address["confidence"] == 85)
        #expect(address["pattern"] == "[ipv4-addr:value = '203.0.113.7']")
    }

    @Test func makesTheSameIDsAsPythonsUUID5() {
        // uuid.uuid5(uuid.UUID("f189aac1-…"), "ipv4|203.0.113.7"): Mapping's indicator id.
        #expect(
            STIXBundle.indicatorID(Indicator(type: .ipv4, value: "203.0.113.7", id: "not-a-uuid"))
                == "indicator--21143674-b9c5-5cb2-9051-89508922ba9c")
        #expect(
            STIXBundle(identityName: "temsync", validFor: nil, fallbackTime: Samples.start).identityID
                == "identity--02b4c8be-ee8b-5ce1-ab88-87c9fa342b02")
    }

    @Test func writesTheRightPatternForEveryType() {
        let cases: [(Indicator.Kind, String, String)] = [
            (.ipv4, "192.0.2.1", "[ipv4-addr:value = '192.0.2.1']"),
            (.ipv6, "2001:db8::1", "[ipv6-addr:value = '2001:db8::1']"),
            (.domain, "evil.example", "[domain-name:value = 'evil.example']"),
            (.url, "http://x.example/?q='1'", #"[url:value = 'http://x.example/?q=\'1\'']"#),
            (.email, "a@evil.example", "[email-addr:value = 'a@evil.example']"),
            (.md5, "00", "[file:hashes.MD5 = '00']"),
            (.sha1, "11", "[file:hashes.'SHA-1' = '11']"),
            (.sha256, "22", "[file:hashes.'SHA-256' = '22']"),
        ]
        for (kind, value, pattern) in cases { #expect(STIXPattern.make(kind, value) == pattern) }
    }

    @Test func passesTheOASISValidator() async throws {
        let scratch = try Scratch()
        let output = STIXOutput(
            name: "stix",
            options: .init(path: scratch.file("bundle.json"), identity: "Contoso SOC", validFor: .seconds(86_400)),
            context: Samples.context())
        try await deliver(output, [Samples.records + Self.records])
        let result = try STIXValidator.validate(scratch.file("bundle.json"))
        #expect(result.errors == [])
        // Two "SHOULD"s are knowingly not followed: ids are UUIDv5 (deterministic: the same indicator keeps its id
        // across runs and tools) where the validator prefers v4 (103), and the links to Defender's portal carry no
        // hash of the page (302).
        let codes = Set(result.warnings.compactMap { $0.firstMatch(of: /\{\d+\}/).map { String($0.output) } })
        #expect(codes == ["{103}", "{302}"])
        #expect(result.valid)
    }
}
