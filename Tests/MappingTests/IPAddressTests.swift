import Testing

@testable import Mapping

@Suite struct IPAddressTests {
    @Test(arguments: [
        // RFC 5952 §4: leading zeros dropped, longest zero run as ::, the first on a tie, one zero group kept, lowercase.
        ("2001:0db8:0000:0000:0000:0000:0000:0001", "2001:db8::1"),
        ("2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"),
        ("2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1"),
        ("2001:0:0:1:0:0:0:1", "2001:0:0:1::1"),
        ("2001:DB8::AAAA", "2001:db8::aaaa"),
        ("2001:db8:0:0:1:0:0:0", "2001:db8:0:0:1::"),
        ("::", "::"),
        ("0:0:0:0:0:0:0:1", "::1"),
        ("fe80::1%eth0", "fe80::1"),
        ("1:0:0:0:0:0:0:0", "1::"),
        ("2a01:4f8:c0c:1234:0:0:0:1", "2a01:4f8:c0c:1234::1"),
        ("::ffff:45.141.84.10", "45.141.84.10"),
        ("::FFFF:2d8d:540a", "45.141.84.10"),
        ("45.141.84.10", "45.141.84.10"),
        ("0.0.0.0", "0.0.0.0"),
        ("255.255.255.255", "255.255.255.255"),
    ])
    func canonicalForm(written: String, canonical: String) throws {
        let address = try #require(IPAddress(written))
        #expect(address.canonical == canonical)
    }

    @Test(arguments: [
        "", "1.2.3", "1.2.3.4.5", "256.1.1.1", "010.0.0.1", "1.2.3.04", "1..2.3", "1.2.3.4.", " 1.2.3.4", "a.b.c.d",
        "1:2:3:4:5:6:7:8:9", "1::2::3", ":1:2", "12345::", "1:2:3:4:5:6:7:8::", "::ffff:1.2.3", "fe80::1%",
        "1.2.3.4/32", "1:2:3:4:5:6:7:1.2.3.4",
    ])
    func refusesWhatIsNotAnAddress(written: String) {
        #expect(IPAddress(written) == nil)
    }

    @Test(arguments: [
        ("10.1.2.3", "private"), ("172.31.255.255", "private"), ("192.168.0.1", "private"),
        ("127.0.0.1", "loopback"), ("169.254.10.10", "link-local"), ("100.64.0.1", "cgnat"),
        ("100.127.255.255", "cgnat"), ("224.0.0.251", "multicast"), ("240.0.0.1", "reserved"),
        ("255.255.255.255", "reserved"), ("0.1.2.3", "unspecified"), ("192.0.2.7", "documentation"),
        ("198.51.100.7", "documentation"), ("203.0.113.7", "documentation"), ("198.18.0.1", "benchmarking"),
        ("::1", "loopback"), ("::", "unspecified"), ("fe80::1", "link-local"), ("fd00::1", "private"),
        ("ff02::1", "multicast"), ("2001:db8::1", "documentation"), ("3fff::1", "documentation"),
        ("64:ff9b::1.2.3.4", "reserved"), ("100::1", "reserved"),
    ])
    func nonPublicAddresses(written: String, reason: String) throws {
        #expect(SpecialAddress.reason(try #require(IPAddress(written))) == reason)
    }

    @Test(arguments: [
        "1.1.1.1", "8.8.8.8", "100.63.255.255", "100.128.0.0", "172.32.0.1", "2a01:4f8::1", "2606:4700::1111",
    ])
    func publicAddresses(written: String) throws {
        #expect(SpecialAddress.reason(try #require(IPAddress(written))) == nil)
    }

    @Test func cidrBlocks() throws {
        let (v4, v4HostBits) = try #require(IPRange.parse("10.0.0.0/8"))
        #expect(!v4HostBits)
        #expect(v4.contains(IPAddress("10.255.1.2")!))
        #expect(!v4.contains(IPAddress("11.0.0.1")!))
        #expect(!v4.contains(IPAddress("::a00:1")!))
        let (v6, _) = try #require(IPRange.parse("2001:db8:abcd::/48"))
        #expect(v6.contains(IPAddress("2001:db8:abcd:ffff::1")!))
        #expect(!v6.contains(IPAddress("2001:db8:abce::1")!))
        let (single, _) = try #require(IPRange.parse("45.141.84.10"))
        #expect(single.description == "45.141.84.10/32")
        let (everything, _) = try #require(IPRange.parse("0.0.0.0/0"))
        #expect(everything.contains(IPAddress("45.141.84.10")!))
        let (written, hostBits) = try #require(IPRange.parse("10.1.2.3/8"))
        #expect(hostBits)
        #expect(written.description == "10.0.0.0/8")
        #expect(IPRange.parse("10.0.0.0/33") == nil)
        #expect(IPRange.parse("10.0.0.0/") == nil)
        #expect(IPRange.parse("10.0.0.0/08") == nil)
        #expect(IPRange.parse("2001:db8::/129") == nil)
        #expect(IPRange.parse("10.0.0/8") == nil)
    }
}
