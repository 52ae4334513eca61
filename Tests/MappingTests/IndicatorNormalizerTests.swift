import Testing

@testable import Mapping

@Suite struct IndicatorNormalizerTests {
    @Test(arguments: [
        ("hxxp://evil[.]example[.]com/a", "http://evil.example.com/a"),
        ("hXXps://evil(.)example(.)com", "https://evil.example.com"),
        ("evil{.}example[dot]com", "evil.example.com"),
        ("fxp://files[.]example[.]net", "ftp://files.example.net"),
        ("https[://]evil.example", "https://evil.example"),
        ("phisher[@]evil[.]example", "phisher@evil.example"),
        ("  45.141.84[.]10 \n", "45.141.84.10"),
        ("already.clean.example", "already.clean.example"),
    ])
    func refang(written: String, refanged: String) {
        #expect(IndicatorNormalizer.refang(written) == refanged)
    }

    @Test func hashes() {
        let sha256 = "8963a19fb992ad9a76576c5638fd68292cffb9aaac29eb8285f9abf6196a7dec"
        #expect(IndicatorNormalizer.hash(sha256.uppercased(), claimed: .sha256)! == (.sha256, sha256))
        #expect(IndicatorNormalizer.hash(" " + sha256 + " ", claimed: nil)! == (.sha256, sha256))
        #expect(
            IndicatorNormalizer.hash("5f1e8acedc065031aad553b710838eb366cfee9a", claimed: nil)! == (
                .sha1, "5f1e8acedc065031aad553b710838eb366cfee9a"
            ))
        #expect(
            IndicatorNormalizer.hash("44d88612fea8a8f36de82e1278abb02f", claimed: .md5)! == (
                .md5, "44d88612fea8a8f36de82e1278abb02f"
            ))
        // Not what it claims: wrong length for the claim, not hex, odd lengths, placeholders.
        #expect(IndicatorNormalizer.hash("44d88612fea8a8f36de82e1278abb02f", claimed: .sha1) == nil)
        #expect(IndicatorNormalizer.hash("z4d88612fea8a8f36de82e1278abb02f", claimed: nil) == nil)
        #expect(IndicatorNormalizer.hash("44d88612fea8a8f36de82e1278abb0", claimed: nil) == nil)
        #expect(IndicatorNormalizer.hash(String(repeating: "0", count: 64), claimed: .sha256) == nil)
        #expect(IndicatorNormalizer.hash("d41d8cd98f00b204e9800998ecf8427e", claimed: .md5) == nil)
        #expect(IndicatorNormalizer.hash("da39a3ee5e6b4b0d3255bfef95601890afd80709", claimed: .sha1) == nil)
        #expect(
            IndicatorNormalizer.hash("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", claimed: nil)
                == nil)
        #expect(IndicatorNormalizer.hash("", claimed: nil) == nil)
        #expect(IndicatorNormalizer.hash("44d8 8612fea8a8f36de82e1278abb02f", claimed: nil) == nil)
    }

    @Test(arguments: [
        ("Evil.Example.COM", "evil.example.com"),
        ("evil.example.com.", "evil.example.com"),
        ("c2[.]bad-domain[.]net", "c2.bad-domain.net"),
        ("_dmarc.example.org", "_dmarc.example.org"),
        ("bücher.example", "xn--bcher-kva.example"),
        ("MÜNCHEN.example", "xn--mnchen-3ya.example"),
        ("xn--bcher-kva.example", "xn--bcher-kva.example"),
    ])
    func domains(written: String, normalised: String) {
        #expect(IndicatorNormalizer.domain(written) == normalised)
    }

    @Test(arguments: [
        "tempDns", "1.2.3.4", "-bad.example", "bad-.example", "a..example", ".example.com", "exa mple.com", "",
        "evil.example/path", "*.evil.example", String(repeating: "a", count: 64) + ".example", "example.123",
    ])
    func notDomains(written: String) {
        #expect(IndicatorNormalizer.domain(written) == nil)
    }

    @Test func emails() {
        #expect(
            IndicatorNormalizer.email("Attacker@Phish.Example.org")! == (
                "attacker@phish.example.org", "phish.example.org"
            ))
        #expect(
            IndicatorNormalizer.email("Mallory <mallory@evil.example>")! == ("mallory@evil.example", "evil.example"))
        #expect(IndicatorNormalizer.email("mailto:mallory@evil.example")! == ("mallory@evil.example", "evil.example"))
        #expect(IndicatorNormalizer.email("mallory[@]evil[.]example")! == ("mallory@evil.example", "evil.example"))
        #expect(IndicatorNormalizer.email("mallory@evil.example")! == ("mallory@evil.example", "evil.example"))
        #expect(IndicatorNormalizer.email("not-an-address") == nil)
        #expect(IndicatorNormalizer.email("@evil.example") == nil)
        #expect(IndicatorNormalizer.email("a@b@evil.example") == nil)
        #expect(IndicatorNormalizer.email("mallory@localhost") == nil)
        #expect(IndicatorNormalizer.email("mal lory@evil.example") == nil)
    }

    @Test(arguments: [
        ("https://Evil.Example.COM/Path?Q=1#Frag", "https://evil.example.com/Path?Q=1#Frag"),
        ("HTTP://evil.example.com", "http://evil.example.com/"),
        ("http://evil.example.com:80/a", "http://evil.example.com/a"),
        ("https://evil.example.com:443", "https://evil.example.com/"),
        ("https://evil.example.com:8443/a", "https://evil.example.com:8443/a"),
        ("evil.example.com/landing", "http://evil.example.com/landing"),
        ("hxxp://bad[.]example[.]net/a", "http://bad.example.net/a"),
        ("http://user:pw@Evil.Example/x", "http://user:pw@evil.example/x"),
        ("http://[2A01:4F8::0001]:8080/x", "http://[2a01:4f8::1]:8080/x"),
        ("http://45.141.84.10/x", "http://45.141.84.10/x"),
        ("https://bücher.example/b", "https://xn--bcher-kva.example/b"),
        ("https://evil.example?x=1", "https://evil.example/?x=1"),
    ])
    func urls(written: String, normalised: String) {
        #expect(IndicatorNormalizer.url(written)?.value == normalised)
    }

    @Test(arguments: [
        "file:///etc/passwd", "javascript:alert(1)", "mailto:a@b.example", "http://", "http://exa mple.com/",
        "http://evil.example:99999/", "http://evil.example:x/", "/relative/path", "https://tempDns/x", "",
        "http://[2a01:4f8::1/x",
    ])
    func notURLs(written: String) {
        #expect(IndicatorNormalizer.url(written) == nil)
    }

    @Test func urlHostsForExclusions() {
        #expect(IndicatorNormalizer.url("http://10.0.0.1/x")?.host == .ip(IPAddress("10.0.0.1")!))
        #expect(IndicatorNormalizer.url("https://a.Evil.example/")?.host == .domain("a.evil.example"))
    }

    @Test func punycodeMatchesRFC3492() {
        // RFC 3492 §7.1 (L) "3<nen>B<gumi><kinpachi><sensei>", and the everyday example.
        #expect(Punycode.encode("3年B組金八先生") == "3B-ww4c5e180e575a65lsy2b")
        #expect(Punycode.encode("bücher") == "bcher-kva")
        #expect(Punycode.encode("ü") == "tda")
    }
}
