/// The emulated organisation: its devices, users and public egress addresses, built once from the seed. These are
/// assets, not threats: devices carry private addresses (10.x, 192.168.x, 172.16–31.x) and the organisation's own
/// egress addresses, which an indicator extractor must never turn into indicators.
struct Organization: Sendable {
    struct Device: Sendable {
        var hostName: String
        var dnsName: String
        var mdeDeviceId: String
        var azureAdDeviceId: String?
        var ipAddresses: [String]
        var osPlatform: String
        var osBuild: Int
        var version: String
        var rbacGroupId: Int
        var rbacGroupName: String
        var isAzureVM: Bool
        var vmId: String
        var firstSeen: Int64
    }

    struct User: Sendable {
        var accountName: String
        var displayName: String
        var userPrincipalName: String
        var sid: String
        var azureAdUserId: String
        var objectGuid: String
    }

    let domain = "contoso.com"
    let netbiosDomain = "CONTOSO"
    let subscriptionID: String
    var devices: [Device] = []
    var users: [User] = []
    var egressAddresses: [String] = []
    let analysts: [String]

    init(seed: UInt64, end: Int64) {
        var random = SplitMix64(seed: seed, stream: 0x4F52_4720, index: 0)
        subscriptionID = random.guid()
        analysts = Self.lastNames.prefix(8).enumerated().map { offset, last in
            "\(Self.firstNames[offset * 3 % Self.firstNames.count])\(last.prefix(1))@\("contoso.com")"
        }
        for _ in 0..<6 { egressAddresses.append(IndicatorPools.publicIPv4(&random)) }
        let domainSID =
            "S-1-5-21-\(random.int(1_000_000_000...2_147_483_647))-\(random.int(1_000_000_000...2_147_483_647))-\(random.int(100_000_000...999_999_999))"
        for index in 0..<400 {
            let first = Self.firstNames[random.below(Self.firstNames.count)]
            let last = Self.lastNames[random.below(Self.lastNames.count)]
            let account = "\(first.lowercased()).\(last.lowercased())\(index < 300 ? "" : String(index))"
            users.append(
                User(
                    accountName: account, displayName: "\(first) \(last)",
                    userPrincipalName: "\(account)@\(domain)", sid: "\(domainSID)-\(1100 + index)",
                    azureAdUserId: random.guid(), objectGuid: random.guid()))
        }
        let roles = ["WS-FIN", "WS-HR", "WS-ENG", "WS-SALES", "LT-EXEC", "SRV-SQL", "SRV-APP", "SRV-DC", "SRV-FILE"]
        let groups = [
            "Finance workstations", "HR workstations", "Engineering", "Sales laptops", "Executives", "Servers",
            "UnassignedGroup",
        ]
        for index in 0..<600 {
            let role = roles[random.below(roles.count)]
            let host = "\(role)-\(String(format: "%04d", index))".lowercased()
            let isServer = role.hasPrefix("SRV")
            let address: String
            switch random.below(3) {
            case 0: address = "10.\(random.int(0...40)).\(random.int(0...255)).\(random.int(2...254))"
            case 1: address = "192.168.\(random.int(0...30)).\(random.int(2...254))"
            default: address = "172.\(random.int(16...31)).\(random.int(0...255)).\(random.int(2...254))"
            }
            var addresses = [address]
            if random.chance(0.3) {
                addresses.append("fe80::\(random.hex(4)):\(random.hex(4)):\(random.hex(4)):\(random.hex(4))")
            }
            devices.append(
                Device(
                    hostName: host, dnsName: "\(host).corp.\(domain)", mdeDeviceId: random.hex(40),
                    azureAdDeviceId: random.chance(0.8) ? random.guid() : nil, ipAddresses: addresses,
                    osPlatform: isServer
                        ? random.pick(["WindowsServer2022", "WindowsServer2019", "Linux"])
                        : random.pick(["Windows11", "Windows10", "macOS"]),
                    osBuild: isServer ? random.pick([20348, 17763]) : random.pick([22631, 22621, 19045]),
                    version: isServer ? random.pick(["2022", "1809"]) : random.pick(["23H2", "22H2", "Other"]),
                    rbacGroupId: random.int(60...90), rbacGroupName: random.pick(groups),
                    isAzureVM: isServer && random.chance(0.5), vmId: random.guid(),
                    firstSeen: end - Int64(random.int(40...900)) * 86_400 * GraphTimestamp.ticksPerSecond))
        }
    }

    static let firstNames = [
        "Megan", "Alex", "Adele", "Diego", "Isaiah", "Johanna", "Lidia", "Lynne", "Nestor", "Patti", "Pradeep",
        "Grady", "Henrietta", "Irvin", "Joni", "Lee", "Miriam", "Christie", "Allan", "Debra", "Enrico", "Emily",
    ]
    static let lastNames = [
        "Bowen", "Wilber", "Vance", "Siciliani", "Langer", "Lauer", "Holloway", "Robbins", "Wilke", "Fernandez",
        "Gupta", "Archie", "Mueller", "Sayers", "Sherman", "Gu", "Graham", "Cline", "Deyoung", "Berg", "Cattaneo",
    ]
}
