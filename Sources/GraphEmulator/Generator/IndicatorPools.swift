import Crypto
import Foundation

/// The threat infrastructure the generated alerts point at: bounded pools of C2 addresses, domains, URLs, files
/// and senders, built once from the seed. Alerts draw from them with a skew, so the same infrastructure recurs.
struct IndicatorPools: Sendable {
    struct File: Sendable {
        var name: String
        var path: String
        var sha1: String
        var sha256: String
        var md5: String
        var size: Int
        var publisher: String?
        var signer: String?
    }

    struct Sender: Sendable {
        var address: String
        var domain: String
        var displayName: String
        var ip: String
    }

    var ipAddresses: [String] = []
    var domains: [String] = []
    var urls: [String] = []
    var files: [File] = []
    var senders: [Sender] = []
    /// Country letter codes and cities paired with the pool's addresses (by index).
    var locations: [(country: String, code: String, city: String, latitude: Double, longitude: Double)] = []

    init(seed: UInt64, sizes: IndicatorPoolSizes) {
        var random = SplitMix64(seed: seed, stream: 0x504F_4F4C, index: 0)
        for index in 0..<max(1, sizes.ipAddresses) {
            ipAddresses.append(index % 9 == 8 ? Self.publicIPv6(&random) : Self.publicIPv4(&random))
            locations.append(random.pick(Self.places))
        }
        for _ in 0..<max(1, sizes.domains) {
            let name =
                random.pick(Self.domainWords) + "-" + random.pick(Self.domainWords)
                + (random.chance(0.3) ? String(random.int(1...99)) : "")
            domains.append(name + "." + random.pick(Self.topLevelDomains))
        }
        for _ in 0..<max(1, sizes.urls) {
            let domain = domains[random.skewed(domains.count)]
            urls.append("https://" + domain + random.pick(Self.urlPaths) + random.hex(random.int(4...10)))
        }
        for index in 0..<max(1, sizes.files) {
            let seedText = "\(seed)/file/\(index)"
            let sha256 = Self.hex(SHA256.hash(data: Data(seedText.utf8)))
            let sha1 = Self.hex(Insecure.SHA1.hash(data: Data(seedText.utf8)))
            let md5 = Self.hex(Insecure.MD5.hash(data: Data(seedText.utf8)))
            let name =
                random.pick(Self.fileStems) + (random.chance(0.5) ? "_" + String(random.int(100...9999)) : "")
                + random.pick(Self.fileExtensions)
            let signed = random.chance(0.2)
            files.append(
                File(
                    name: name, path: random.pick(Self.filePaths), sha1: sha1, sha256: sha256, md5: md5,
                    size: random.int(18_000...9_800_000), publisher: signed ? "Zoom Video Communications, Inc." : nil,
                    signer: signed ? "DigiCert Trusted G4 Code Signing RSA4096 SHA384 2021 CA1" : nil))
        }
        for _ in 0..<max(1, sizes.senders) {
            let domain = domains[random.below(domains.count)]
            let local = random.pick(Self.senderLocals)
            senders.append(
                Sender(
                    address: local + "@" + domain, domain: domain,
                    displayName: random.pick(Self.senderNames), ip: Self.publicIPv4(&random)))
        }
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    static func hex<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
        var bytes: [UInt8] = []
        for byte in digest {
            bytes.append(hexDigits[Int(byte >> 4)])
            bytes.append(hexDigits[Int(byte & 0x0F)])
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A public IPv4 address (never private, loopback, link-local, CGNAT, multicast or documentation ranges).
    static func publicIPv4(_ random: inout SplitMix64) -> String {
        while true {
            let a = random.int(1...223)
            let b = random.int(0...255)
            if a == 10 || a == 127 || a == 0 || (a == 172 && (16...31).contains(b)) || (a == 192 && b == 168)
                || (a == 169 && b == 254) || (a == 100 && (64...127).contains(b)) || (a == 192 && b == 0)
                || (a == 198 && (18...19).contains(b)) || (a == 198 && b == 51) || (a == 203 && b == 0)
            {
                continue
            }
            return "\(a).\(b).\(random.int(0...255)).\(random.int(1...254))"
        }
    }

    static func publicIPv6(_ random: inout SplitMix64) -> String {
        let prefix = random.pick(["2a01:4f8", "2a03:b0c0", "2604:a880", "2a0e:fd87", "2001:41d0"])
        return "\(prefix):\(random.hex(4)):\(random.hex(4))::\(random.hex(3))"
    }

    static let places: [(country: String, code: String, city: String, latitude: Double, longitude: Double)] = [
        ("Russia", "RU", "Moscow", 55.7522, 37.6156), ("Netherlands", "NL", "Amsterdam", 52.374, 4.8897),
        ("United States", "US", "Ashburn", 39.0438, -77.4874), ("Germany", "DE", "Frankfurt am Main", 50.1155, 8.6842),
        ("China", "CN", "Shanghai", 31.2222, 121.4581), ("Romania", "RO", "Bucharest", 44.4323, 26.1063),
        ("Brazil", "BR", "Sao Paulo", -23.5475, -46.6361), ("Nigeria", "NG", "Lagos", 6.4541, 3.3947),
        ("Vietnam", "VN", "Hanoi", 21.0245, 105.8412), ("Iran", "IR", "Tehran", 35.6944, 51.4215),
        ("Singapore", "SG", "Singapore", 1.2897, 103.8501), ("Ukraine", "UA", "Kyiv", 50.4547, 30.5238),
    ]
    static let domainWords = [
        "secure", "login", "update", "cdn", "msoffice", "account", "verify", "portal", "docs", "share", "cloud",
        "sync", "auth", "billing", "invoice", "support", "teams", "onedrive", "mail", "service", "office365",
        "files", "download", "micro", "soft", "azure", "check", "sso", "payroll", "hr",
    ]
    static let topLevelDomains = ["com", "net", "xyz", "top", "info", "online", "ru", "io", "site", "live", "click"]
    static let urlPaths = [
        "/wp-content/plugins/login.php?id=", "/invoice/INV-", "/download/update.exe?v=", "/owa/auth/logon.aspx?r=",
        "/s/", "/docs/shared/", "/api/v1/beacon/", "/payload/", "/common/oauth2/authorize?client_id=", "/files/",
    ]
    static let fileStems = [
        "invoice", "update", "setup", "payload", "svchost", "rundll", "document", "scan", "zoom_installer",
        "chrome_update", "report", "beacon", "loader", "mimikatz", "procdump", "AnyDesk", "7z", "putty",
    ]
    static let fileExtensions = [
        ".exe", ".dll", ".js", ".vbs", ".ps1", ".lnk", ".iso", ".zip", ".docm", ".xlsm", ".hta",
    ]
    static let filePaths = [
        "C:\\Users\\Public\\Downloads", "C:\\ProgramData", "C:\\Windows\\Temp", "C:\\Users\\Public",
        "C:\\Users\\Default\\AppData\\Local\\Temp", "D:\\", "C:\\Windows\\System32\\Tasks",
    ]
    static let senderLocals = [
        "billing", "no-reply", "docusign", "hr-payroll", "it-support", "invoice", "ceo.office", "security-alert",
    ]
    static let senderNames = [
        "DocuSign", "Microsoft 365", "HR Payroll", "IT Support", "Accounts Payable", "SharePoint Online", "DHL Express",
    ]
}
