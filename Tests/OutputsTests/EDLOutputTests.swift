import Foundation
import Mapping
import Testing

@testable import Outputs

@Suite struct EDLOutputTests {
    static let sha256 = String(repeating: "ab", count: 32)
    static let sha1 = String(repeating: "1e", count: 20)
    static let md5 = String(repeating: "0f", count: 16)

    func edl(
        _ scratch: Scratch, _ options: (inout EDLOptions) -> Void = { _ in }, at date: Date = Samples.start
    )
        -> EDLOutput
    {
        var edlOptions = EDLOptions(directory: scratch.file("edl"), expireAfter: nil)
        options(&edlOptions)
        return EDLOutput(name: "edl", options: edlOptions, context: Samples.context(at: date))
    }

    @Test func writesOneSortedListPerType() async throws {
        let scratch = try Scratch()
        let output = edl(scratch)
        try await deliver(output, records: Samples.records)
        #expect(
            try scratch.names("edl") == [
                "domain.txt", "email.txt", "ipv4.txt", "ipv6.txt", "md5.txt", "sha1.txt", "sha256.txt", "url.txt",
            ])
        #expect(try scratch.read("edl/ipv4.txt") == "198.51.100.20\n203.0.113.7\n")
        #expect(try scratch.read("edl/ipv6.txt") == "2001:db8::1\n")
        #expect(try scratch.read("edl/domain.txt") == "evil.example\n")
        #expect(try scratch.read("edl/url.txt") == "evil.example/login?x=1\n")
        #expect(try scratch.read("edl/md5.txt") == Self.md5 + "\n")
        #expect(try scratch.read("edl/sha1.txt") == Self.sha1 + "\n")
        #expect(try scratch.read("edl/sha256.txt") == Self.sha256 + "\n")
        #expect(try scratch.read("edl/email.txt") == "attacker@evil.example\n")
        let report = await output.report()
        #expect(report.delivered == 9)
        #expect(report.skipped == 1)
        #expect(report.records == 3)
    }

    @Test func writesOneCombinedList() async throws {
        let scratch = try Scratch()
        try await deliver(edl(scratch) { $0.layout = .combined }, [Samples.records])
        #expect(try scratch.names("edl") == ["indicators.txt"])
        #expect(
            try scratch.read("edl/indicators.txt")
                == """
                198.51.100.20
                203.0.113.7
                2001:db8::1
                evil.example
                evil.example/login?x=1
                \(Self.md5)
                \(Self.sha1)
                \(Self.sha256)
                attacker@evil.example

                """)
    }

    @Test func sortsAddressesByValueAndWritesOnlyTheChosenTypes() async throws {
        let scratch = try Scratch()
        let values: [(Indicator.Kind, String)] = [
            (.ipv4, "192.168.0.1"), (.ipv4, "10.0.0.1"), (.ipv4, "9.255.255.255"), (.ipv4, "10.0.0.1"),
            (.ipv6, "2001:db8::10"), (.ipv6, "2001:db8::9"), (.ipv6, "::1"), (.domain, "skipped.example"),
        ]
        let record = Record(
            id: "r", kind: .alert, fields: [:], indicators: values.map { Samples.indicator($0.0, $0.1) })
        try await deliver(edl(scratch) { $0.types = [.ipv6, .ipv4] }, [[record]])
        #expect(try scratch.names("edl") == ["ipv4.txt", "ipv6.txt"])
        #expect(try scratch.read("edl/ipv4.txt") == "9.255.255.255\n10.0.0.1\n192.168.0.1\n")
        #expect(try scratch.read("edl/ipv6.txt") == "::1\n2001:db8::9\n2001:db8::10\n")
    }

    @Test func formatsEntriesTheWayFirewallsReadThem() async throws {
        let scratch = try Scratch()
        let values: [(Indicator.Kind, String)] = [
            (.url, "https://user:pw@evil.example:8443/a/b?c=d#frag"), (.url, "http://evil.example/a/b?c=d"),
            (.url, "hxxp://evil.example/ünï"), (.url, "https://evil.example/a b"), (.domain, "Evil.Example."),
            (.domain, "com"), (.domain, "evil.example\n0.0.0.0"), (.ipv4, "999.1.1.1"), (.ipv6, "2001:0DB8:0:0::1"),
            (.sha256, "not-a-hash"), (.email, "Bob@Evil.Example"), (.email, "a b@evil.example"),
        ]
        let record = Record(
            id: "r", kind: .alert, fields: [:], indicators: values.map { Samples.indicator($0.0, $0.1) })
        let output = edl(scratch) { $0.layout = .combined }
        try await deliver(output, [[record]])
        #expect(
            try scratch.read("edl/indicators.txt")
                == """
                2001:db8::1
                evil.example
                evil.example/%C3%BCn%C3%AF
                evil.example/a/b?c=d
                evil.example:8443/a/b?c=d
                Bob@evil.example

                """)
        #expect(await output.report().skipped == 6)
    }

    @Test func addsWildcardLinesForDomainsWhenAsked() async throws {
        let scratch = try Scratch()
        try await deliver(
            edl(scratch) {
                $0.types = [.domain]; $0.domainWildcards = true
            }, [Samples.records])
        #expect(try scratch.read("edl/domain.txt") == "evil.example\n*.evil.example\n")
    }

    @Test func capsAListKeepingTheMostSevereThenTheMostRecent() async throws {
        let scratch = try Scratch()
        let old = Samples.start.addingTimeInterval(-5 * Samples.day)
        let recent = Samples.start.addingTimeInterval(-Samples.day)
        let record = Record(
            id: "r", kind: .alert, fields: [:],
            indicators: [
                Samples.indicator(.ipv4, "192.0.2.1", .medium, lastSeen: recent),
                Samples.indicator(.ipv4, "192.0.2.2", .high, lastSeen: old),
                Samples.indicator(.ipv4, "192.0.2.3", .medium, lastSeen: old),
                Samples.indicator(.ipv4, "192.0.2.4", .low, lastSeen: recent),
            ])
        let output = edl(scratch) {
            $0.types = [.ipv4]; $0.maxEntries = 2
        }
        try await deliver(output, [[record]])
        #expect(try scratch.read("edl/ipv4.txt") == "192.0.2.1\n192.0.2.2\n")
        #expect(await output.report().skipped == 2)
    }

    @Test func anAbortLeavesEveryListAsItWas() async throws {
        let scratch = try Scratch()
        try await deliver(edl(scratch) { $0.types = [.ipv4] }, [[Samples.records[0]]])
        let output = edl(scratch) { $0.types = [.ipv4] }
        try await output.open()
        try await output.write(Samples.records)
        try await output.prepare()
        await output.abort()
        #expect(try scratch.read("edl/ipv4.txt") == "203.0.113.7\n")
        #expect(try scratch.names("edl") == ["ipv4.txt"])
    }
}
