import JSON

/// Seeded, realistic Graph alerts with evidence, for the mapping benchmark (the emulator's generator is built
/// elsewhere; this one needs nothing but `JSON`). Indicator values come from pools, so a run has repeats to merge,
/// as real tenants do.
struct AlertGenerator {
    /// SplitMix64: small, fast, and the same sequence on every platform.
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
    }

    var random: Random
    /// Distinct values per indicator pool.
    let poolSize: Int

    init(seed: UInt64, poolSize: Int) {
        random = Random(state: seed)
        self.poolSize = poolSize
    }

    static let severities = ["informational", "low", "medium", "high"]
    static let sources = [
        ("microsoftDefenderForEndpoint", "antivirus"), ("microsoftDefenderForEndpoint", "microsoftDefenderForEndpoint"),
        ("microsoftDefenderForOffice365", "microsoftDefenderForOffice365"),
        ("microsoftDefenderForIdentity", "microsoftDefenderForIdentity"),
    ]
    static let verdicts = ["unknown", "suspicious", "malicious", "malicious", "noThreatsFound"]

    mutating func hex(_ length: Int, pool: Int) -> String {
        var state = UInt64(random.below(poolSize)) &* 0x2545_F491_4F6C_DD1D &+ UInt64(pool)
        var out = ""
        out.reserveCapacity(length)
        let digits = Array("0123456789abcdef")
        for _ in 0..<length {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            out.append(digits[Int(state >> 60)])
        }
        return out
    }

    mutating func publicIP() -> String {
        let n = random.below(poolSize)
        return "\(45 + n % 100).\(n / 100 % 250 + 1).\(n / 25_000 % 250 + 1).\(n % 249 + 2)"
    }

    mutating func domain() -> String { "c2-\(random.below(poolSize)).bad-domain-\(random.below(50)).net" }

    mutating func base(_ type: String, roles: [String] = []) -> JSONObject {
        var object = JSONObject()
        object.appendUnchecked("@odata.type", .string("#microsoft.graph.security." + type))
        object.appendUnchecked("createdDateTime", "2026-01-10T10:00:00.1234567Z")
        object.appendUnchecked("verdict", .string(Self.verdicts[random.below(Self.verdicts.count)]))
        object.appendUnchecked("remediationStatus", "none")
        object.appendUnchecked("remediationStatusDetails", nil)
        object.appendUnchecked("roles", .array(roles.map(JSON.string)))
        object.appendUnchecked("detailedRoles", [])
        object.appendUnchecked("tags", [])
        return object
    }

    mutating func fileDetails(name: String) -> JSON {
        [
            "sha1": .string(hex(40, pool: 1)), "sha256": .string(hex(64, pool: 2)), "md5": .string(hex(32, pool: 3)),
            "fileName": .string(name), "filePath": "C:\\Users\\alice\\AppData\\Local\\Temp", "fileSize": 123_456,
            "filePublisher": nil, "signer": nil, "issuer": nil,
        ]
    }

    mutating func evidence(device number: Int) -> [JSON] {
        var device = base("deviceEvidence", roles: ["compromised"])
        device.appendUnchecked("mdeDeviceId", .string(hex(40, pool: 9)))
        device.appendUnchecked("deviceDnsName", .string("pc\(number).contoso.com"))
        device.appendUnchecked("osPlatform", "Windows11")
        device.appendUnchecked("healthStatus", "active")
        device.appendUnchecked("riskScore", "medium")
        device.appendUnchecked(
            "ipInterfaces", [.string("10.1.\(number % 250).\(number % 200 + 1)"), "fe80::1c2:3ff:fe4:5"])
        device.appendUnchecked("lastExternalIpAddress", .string("198.\(number % 200).1.\(number % 250 + 1)"))
        device.appendUnchecked("loggedOnUsers", [["accountName": "alice", "domainName": "CONTOSO"]])
        var items: [JSON] = [.object(device)]
        var file = base("fileEvidence")
        file.appendUnchecked("detectionStatus", "detected")
        file.appendUnchecked("fileDetails", fileDetails(name: "payload.exe"))
        items.append(.object(file))
        var process = base("processEvidence")
        process.appendUnchecked("processId", 4780)
        process.appendUnchecked("processCommandLine", "\"payload.exe\" -connect")
        process.appendUnchecked("imageFile", fileDetails(name: "payload.exe"))
        process.appendUnchecked("parentProcessImageFile", fileDetails(name: "explorer.exe"))
        process.appendUnchecked(
            "userAccount", ["accountName": "alice", "domainName": "CONTOSO", "userPrincipalName": "alice@contoso.com"])
        items.append(.object(process))
        var connection = base("networkConnectionEvidence")
        connection.appendUnchecked("sourceAddress", ["ipAddress": .string("10.1.\(number % 250).\(number % 200 + 1)")])
        connection.appendUnchecked(
            "destinationAddress", ["ipAddress": .string(publicIP()), "roles": ["commandAndControl"]])
        connection.appendUnchecked("sourcePort", 49_731)
        connection.appendUnchecked("destinationPort", 443)
        connection.appendUnchecked("protocol", "tcp")
        items.append(.object(connection))
        var dns = base("dnsEvidence")
        dns.appendUnchecked("domainName", .string(domain()))
        dns.appendUnchecked("ipAddresses", .array([["ipAddress": .string(publicIP())]]))
        dns.appendUnchecked("hostIpAddress", ["ipAddress": .string("10.1.\(number % 250).\(number % 200 + 1)")])
        items.append(.object(dns))
        var registry = base("registryValueEvidence")
        registry.appendUnchecked("registryKey", "SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run")
        registry.appendUnchecked("registryValueName", "updater")
        registry.appendUnchecked("registryValue", "C:\\Users\\alice\\AppData\\Local\\Temp\\payload.exe")
        items.append(.object(registry))
        return items
    }

    mutating func evidence(mail number: Int) -> [JSON] {
        var message = base("analyzedMessageEvidence")
        message.appendUnchecked("networkMessageId", .string(hex(32, pool: 11)))
        message.appendUnchecked("subject", "Invoice overdue")
        message.appendUnchecked("senderIp", .string(publicIP()))
        message.appendUnchecked("recipientEmailAddress", .string("user\(number % 500)@contoso.com"))
        message.appendUnchecked("antiSpamDirection", "Inbound")
        message.appendUnchecked("urls", .array([.string("https://\(domain())/login?id=\(random.below(poolSize))")]))
        message.appendUnchecked(
            "p1Sender",
            [
                "emailAddress": .string("billing\(random.below(poolSize))@phish-\(random.below(50)).example"),
                "domainName": "phish.example",
            ])
        var url = base("urlEvidence")
        url.appendUnchecked("url", .string("hxxps://\(domain())/payload/\(random.below(poolSize))"))
        var mailbox = base("mailboxEvidence", roles: ["compromised"])
        mailbox.appendUnchecked("primaryAddress", .string("user\(number % 500)@contoso.com"))
        mailbox.appendUnchecked("displayName", "A User")
        var user = base("userEvidence")
        user.appendUnchecked(
            "userAccount", ["accountName": "user", "userPrincipalName": .string("user\(number % 500)@contoso.com")])
        return [.object(message), .object(url), .object(mailbox), .object(user)]
    }

    mutating func evidence(identity number: Int) -> [JSON] {
        var ip = base("ipEvidence", roles: ["attacker"])
        ip.appendUnchecked("ipAddress", .string(publicIP()))
        ip.appendUnchecked("countryLetterCode", "NL")
        var user = base("userEvidence", roles: ["compromised"])
        user.appendUnchecked(
            "userAccount", ["accountName": "bob", "userPrincipalName": .string("bob\(number % 300)@contoso.com")])
        var app = base("oauthApplicationEvidence")
        app.appendUnchecked("appId", .string(hex(32, pool: 12)))
        app.appendUnchecked("displayName", "Mail Reader")
        return [.object(ip), .object(user), .object(app)]
    }

    mutating func alert(_ number: Int) -> JSON {
        let (service, detection) = Self.sources[random.below(Self.sources.count)]
        let evidence: [JSON]
        switch service {
        case "microsoftDefenderForOffice365": evidence = self.evidence(mail: number)
        case "microsoftDefenderForIdentity": evidence = self.evidence(identity: number)
        default: evidence = self.evidence(device: number)
        }
        let id = "da6375512276775\(number)_-9614448\(number % 97)"
        var object = JSONObject()
        object.appendUnchecked("@odata.type", "#microsoft.graph.security.alert")
        object.appendUnchecked("id", .string(id))
        object.appendUnchecked("providerAlertId", .string(id))
        object.appendUnchecked("incidentId", .string(String(28_000 + number / 3)))
        object.appendUnchecked("status", "new")
        object.appendUnchecked("severity", .string(Self.severities[random.below(4)]))
        object.appendUnchecked("classification", "unknown")
        object.appendUnchecked("determination", "unknown")
        object.appendUnchecked("serviceSource", .string(service))
        object.appendUnchecked("detectionSource", .string(detection))
        object.appendUnchecked("detectorId", "e0da400f-affd-43ef-b1d5-afc2eb6f2756")
        object.appendUnchecked("tenantId", "b3c1b5fc-828c-45fa-a1e1-10d74f6d6e9c")
        object.appendUnchecked("title", "Suspicious connection to a command-and-control server")
        object.appendUnchecked(
            "description", "A process made a connection to an address associated with a known threat actor.")
        object.appendUnchecked("category", "CommandAndControl")
        object.appendUnchecked("assignedTo", nil)
        object.appendUnchecked("alertWebUrl", .string("https://security.microsoft.com/alerts/\(id)"))
        object.appendUnchecked("mitreTechniques", ["T1071.001", "T1105"])
        let day = 10 + number % 18
        object.appendUnchecked("createdDateTime", .string("2026-01-\(day)T12:19:27.7211305Z"))
        object.appendUnchecked("lastUpdateDateTime", .string("2026-01-\(day)T14:19:01.3266667Z"))
        object.appendUnchecked("firstActivityDateTime", .string("2026-01-\(day)T07:45:50.116Z"))
        object.appendUnchecked("lastActivityDateTime", .string("2026-01-\(day)T07:56:58.222Z"))
        object.appendUnchecked("comments", [])
        object.appendUnchecked("evidence", .array(evidence))
        object.appendUnchecked("systemTags", [])
        return .object(object)
    }
}
