/// Evidence of endpoints and networks: addresses, URLs, DNS, connections, devices, users, files, processes,
/// registry, logon sessions, malware.
extension AlertWriting {
    mutating func ipEvidence(
        _ address: String, location: Int? = nil, roles: [String] = [], verdict: String = "unknown",
        typed: Bool = true
    ) {
        evidence(typed ? "#microsoft.graph.security.ipEvidence" : nil, verdict: verdict, roles: roles) { alert in
            alert.key("ipAddress", address)
            if let location {
                let place = alert.pools.locations[location % alert.pools.locations.count]
                alert.key("countryLetterCode", place.code)
                alert.writer.key("location")
                alert.object { alert in
                    alert.key("city", place.city)
                    alert.key("countryName", place.country)
                    alert.writer.key("latitude")
                    alert.writer.double(place.latitude)
                    alert.writer.key("longitude")
                    alert.writer.double(place.longitude)
                    alert.key("state", nil)
                }
            } else {
                alert.key("countryLetterCode", nil)
                alert.key("location", nil)
            }
            alert.key("stream", nil)
        }
    }

    /// A C2 address from the pool, with its location.
    mutating func threatIPEvidence(roles: [String] = ["attacker"], typed: Bool = true) {
        let index = threatAddress()
        ipEvidence(pools.ipAddresses[index], location: index, roles: roles, verdict: maliciousVerdict(), typed: typed)
    }

    mutating func urlEvidence(_ url: String? = nil, typed: Bool = true) {
        let value = url ?? pools.urls[random.skewed(pools.urls.count)]
        evidence(typed ? "#microsoft.graph.security.urlEvidence" : nil, verdict: maliciousVerdict()) { alert in
            alert.key("url", value)
        }
    }

    mutating func dnsEvidence() {
        let domain = pools.domains[random.skewed(pools.domains.count)]
        let resolved = random.int(1...3)
        evidence("#microsoft.graph.security.dnsEvidence", verdict: maliciousVerdict(), roles: ["commandAndControl"]) {
            alert in
            alert.key("domainName", domain)
            alert.writer.key("dnsServerIp")
            alert.ipEvidence(alert.random.pick(["168.63.129.16", "10.0.0.4", "192.168.1.1"]), typed: false)
            alert.writer.key("hostIpAddress")
            alert.ipEvidence(alert.device.ipAddresses[0], roles: ["source"], typed: false)
            alert.writer.key("ipAddresses")
            alert.array { alert in
                for _ in 0..<resolved { alert.threatIPEvidence(roles: ["commandAndControl"], typed: false) }
            }
        }
    }

    mutating func networkConnectionEvidence() {
        evidence(
            "#microsoft.graph.security.networkConnectionEvidence", verdict: maliciousVerdict(),
            roles: ["commandAndControl"], detailedRoles: ["Outbound connection"]
        ) { alert in
            alert.writer.key("sourceAddress")
            alert.ipEvidence(alert.device.ipAddresses[0], roles: ["source"], typed: false)
            alert.key("sourcePort", int: alert.random.int(49152...65535))
            alert.writer.key("destinationAddress")
            alert.threatIPEvidence(roles: ["destination", "commandAndControl"], typed: false)
            alert.key("destinationPort", int: alert.random.pick([443, 80, 8080, 8443, 4444, 53, 1337]))
            alert.writer.key("protocol")
            alert.writer.plain(alert.random.chance(0.9) ? "tcp" : "udp")
        }
    }

    mutating func deviceEvidence(
        _ device: Organization.Device? = nil, roles: [String] = ["compromised"], typed: Bool = true
    ) {
        let device = device ?? self.device
        evidence(
            typed ? "#microsoft.graph.security.deviceEvidence" : nil, roles: roles,
            detailedRoles: roles.contains("compromised") ? ["Main device"] : [],
            tags: random.chance(0.2) ? ["Test Machine"] : []
        ) { alert in
            alert.key("firstSeenDateTime", time: GraphTimestamp(ticks: device.firstSeen))
            alert.key("mdeDeviceId", device.mdeDeviceId)
            alert.key("azureAdDeviceId", device.azureAdDeviceId)
            alert.key("deviceDnsName", device.dnsName)
            alert.key("hostName", device.hostName)
            alert.key("ntDomain", alert.organization.netbiosDomain)
            alert.key("dnsDomain", "corp." + alert.organization.domain)
            alert.key("osPlatform", device.osPlatform)
            alert.key("osBuild", int: device.osBuild)
            alert.key("version", device.version)
            alert.writer.key("healthStatus")
            alert.writer.plain(alert.random.chance(0.8) ? "active" : alert.random.pick(Self.healthStatuses))
            alert.writer.key("riskScore")
            alert.writer.plain(alert.random.pick(["none", "informational", "low", "medium", "high"]))
            alert.key("rbacGroupId", int: device.rbacGroupId)
            alert.key("rbacGroupName", device.rbacGroupName)
            alert.writer.key("onboardingStatus")
            alert.writer.plain(
                alert.random.chance(0.9)
                    ? "onboarded" : alert.random.pick(["insufficientInfo", "canBeOnboarded", "unsupported"]))
            alert.writer.key("defenderAvStatus")
            alert.writer.plain(
                alert.random.pick(["notReporting", "disabled", "notUpdated", "updated", "unknown", "notSupported"]))
            alert.key("ipInterfaces", strings: device.ipAddresses)
            alert.key("lastIpAddress", device.ipAddresses[0])
            alert.key(
                "lastExternalIpAddress",
                alert.organization.egressAddresses[Int(device.rbacGroupId) % alert.organization.egressAddresses.count])
            alert.writer.key("loggedOnUsers")
            alert.array { alert in
                alert.object { alert in
                    alert.key("accountName", alert.user.accountName)
                    alert.key("domainName", alert.organization.netbiosDomain)
                }
            }
            alert.writer.key("vmMetadata")
            if device.isAzureVM {
                alert.object { alert in
                    alert.key("vmId", device.vmId)
                    alert.writer.key("cloudProvider")
                    alert.writer.plain("azure")
                    alert.key(
                        "resourceId",
                        "/subscriptions/\(alert.organization.subscriptionID)/resourceGroups/rg-prod/providers/Microsoft.Compute/virtualMachines/\(device.hostName)"
                    )
                    alert.key("subscriptionId", alert.organization.subscriptionID)
                }
            } else {
                alert.writer.null()
            }
        }
    }

    static let healthStatuses = [
        "inactive", "impairedCommunication", "noSensorData", "noSensorDataImpairedCommunication", "unknown",
    ]

    mutating func userAccount(_ user: Organization.User? = nil, withAccessEvents: Bool = false) {
        let user = user ?? self.user
        object { alert in
            alert.key("accountName", user.accountName)
            alert.key("domainName", alert.organization.netbiosDomain)
            alert.key("userSid", user.sid)
            alert.key("azureAdUserId", user.azureAdUserId)
            alert.key("userPrincipalName", user.userPrincipalName)
            alert.key("displayName", user.displayName)
            alert.key("activeDirectoryObjectGuid", user.objectGuid)
            if withAccessEvents {
                alert.writer.key("resourceAccessEvents")
                alert.array { alert in
                    alert.object { alert in
                        alert.key("accessDateTime", time: alert.before(minutes: 1...30))
                        alert.key("accountId", user.sid)
                        alert.key("ipAddress", alert.device.ipAddresses[0])
                        alert.key("resourceIdentifier", "srv-file-0001.corp." + alert.organization.domain)
                    }
                }
            }
        }
    }

    mutating func userEvidence(_ user: Organization.User? = nil, roles: [String] = ["compromised"], typed: Bool = true)
    {
        evidence(typed ? "#microsoft.graph.security.userEvidence" : nil, roles: roles) { alert in
            alert.key("stream", nil)
            alert.writer.key("userAccount")
            alert.userAccount(user, withAccessEvents: alert.random.chance(0.2))
        }
    }

    /// `fileDetails` of a pool file; hashes of system binaries may be null, as in Graph's examples.
    mutating func fileDetails(_ file: IndicatorPools.File) {
        object { alert in
            alert.key("sha1", file.sha1)
            alert.key("sha256", file.sha256)
            alert.key("md5", alert.random.chance(0.6) ? file.md5 : nil)
            alert.key("sha256Ac", nil)
            alert.key("fileName", file.name)
            alert.key("filePath", file.path)
            alert.key("fileSize", int: file.size)
            alert.key("filePublisher", file.publisher)
            alert.key("signer", file.signer)
            alert.key("issuer", file.signer == nil ? nil : "DigiCert Trusted Root G4")
        }
    }

    mutating func systemFileDetails(name: String, path: String) {
        object { alert in
            alert.key("sha1", nil)
            alert.key("sha256", nil)
            alert.key("md5", nil)
            alert.key("sha256Ac", nil)
            alert.key("fileName", name)
            alert.key("filePath", path)
            alert.key("fileSize", int: alert.random.int(80_000...900_000))
            alert.key("filePublisher", "Microsoft Corporation")
            alert.key("signer", nil)
            alert.key("issuer", nil)
        }
    }

    mutating func poolFile() -> IndicatorPools.File { pools.files[random.skewed(pools.files.count)] }

    mutating func fileEvidence(_ file: IndicatorPools.File? = nil, typed: Bool = true) {
        let file = file ?? poolFile()
        evidence(
            typed ? "#microsoft.graph.security.fileEvidence" : nil, verdict: maliciousVerdict(),
            detailedRoles: random.chance(0.3) ? ["Referred in command line"] : []
        ) { alert in
            alert.writer.key("detectionStatus")
            alert.writer.plain(alert.random.pick(["detected", "blocked", "prevented"]))
            alert.key("mdeDeviceId", alert.device.mdeDeviceId)
            alert.writer.key("fileDetails")
            alert.fileDetails(file)
        }
    }

    mutating func fileHashEvidence() {
        let file = poolFile()
        let (algorithm, value): (String, String) =
            switch random.below(4) {
            case 0: ("md5", file.md5)
            case 1: ("sha1", file.sha1)
            default: ("sha256", file.sha256)
            }
        evidence("#microsoft.graph.security.fileHashEvidence", verdict: maliciousVerdict()) { alert in
            alert.writer.key("algorithm")
            alert.writer.plain(algorithm)
            alert.key("value", value)
        }
    }

    mutating func processEvidence(_ file: IndicatorPools.File? = nil, typed: Bool = true) {
        let file = file ?? poolFile()
        let started = before(minutes: 1...90)
        evidence(typed ? "#microsoft.graph.security.processEvidence" : nil, verdict: maliciousVerdict(), roles: []) {
            alert in
            alert.key("processId", int: alert.random.int(400...19_000))
            alert.key("parentProcessId", int: alert.random.int(400...9_000))
            alert.key("processCommandLine", Self.commandLine(for: file, &alert.random))
            alert.key("processCreationDateTime", time: started)
            alert.key(
                "parentProcessCreationDateTime", time: started.adding(seconds: -Double(alert.random.int(5...86_400))))
            alert.writer.key("detectionStatus")
            alert.writer.plain(alert.random.pick(["detected", "blocked", "prevented"]))
            alert.key("mdeDeviceId", alert.device.mdeDeviceId)
            alert.writer.key("imageFile")
            alert.fileDetails(file)
            alert.writer.key("parentProcessImageFile")
            let parent = alert.random.pick([
                ("explorer.exe", "C:\\Windows"), ("cmd.exe", "C:\\Windows\\System32"),
                ("powershell.exe", "C:\\Windows\\System32\\WindowsPowerShell\\v1.0"),
                ("WINWORD.EXE", "C:\\Program Files\\Microsoft Office\\root\\Office16"),
                ("services.exe", "C:\\Windows\\System32"),
            ])
            alert.systemFileDetails(name: parent.0, path: parent.1)
            alert.writer.key("userAccount")
            alert.userAccount()
        }
    }

    static func commandLine(for file: IndicatorPools.File, _ random: inout SplitMix64) -> String {
        switch random.below(4) {
        case 0: return "\"\(file.name)\""
        case 1: return "powershell.exe -nop -w hidden -enc " + random.hex(48)
        case 2: return "rundll32.exe \(file.path)\\\(file.name),DllRegisterServer"
        default: return "cmd.exe /c \"\(file.path)\\\(file.name)\" --silent"
        }
    }

    mutating func registryKeyEvidence() {
        evidence("#microsoft.graph.security.registryKeyEvidence", verdict: "suspicious", roles: ["created"]) { alert in
            alert.key("registryKey", "SOFTWARE\\MICROSOFT\\WINDOWS\\CURRENTVERSION\\RUN")
            alert.key("registryHive", "HKEY_LOCAL_MACHINE")
        }
    }

    mutating func registryValueEvidence() {
        let file = poolFile()
        evidence("#microsoft.graph.security.registryValueEvidence", verdict: "suspicious", roles: ["edited"]) { alert in
            alert.key("mdeDeviceId", alert.device.mdeDeviceId)
            alert.key("registryKey", "SOFTWARE\\MICROSOFT\\WINDOWS\\CURRENTVERSION\\RUN")
            alert.key("registryHive", "HKEY_CURRENT_USER")
            alert.key("registryValueName", file.name.split(separator: ".").first.map(String.init) ?? "updater")
            alert.key("registryValue", "\(file.path)\\\(file.name)")
            alert.key("registryValueType", "String")
        }
    }

    mutating func hostLogonSessionEvidence() {
        let source = organization.devices[random.below(organization.devices.count)]
        let start = before(minutes: 5...240)
        evidence("#microsoft.graph.security.hostLogonSessionEvidence", verdict: "suspicious", roles: ["contextual"]) {
            alert in
            alert.writer.key("account")
            alert.userEvidence(roles: ["compromised"], typed: false)
            alert.writer.key("host")
            alert.deviceEvidence(source, roles: ["source"], typed: false)
            alert.key("sessionId", "0x" + alert.random.hex(alert.random.int(3...8)))
            alert.key("startUtcDateTime", time: start)
            alert.key(
                "endUtcDateTime",
                time: alert.random.chance(0.6) ? start.adding(seconds: Double(alert.random.int(30...7200))) : nil)
        }
    }

    mutating func malwareEvidence(family: String) {
        let file = poolFile()
        evidence("#microsoft.graph.security.malwareEvidence", verdict: "malicious", roles: ["contextual"]) { alert in
            alert.key("name", "Trojan:Win32/\(family).\(["A", "B", "RPX", "MTB", "gen!C"][alert.random.below(5)])")
            alert.key(
                "category",
                alert.random.pick(["Trojan", "Backdoor", "Ransomware", "PasswordStealer", "TrojanDownloader"]))
            alert.writer.key("files")
            alert.array { alert in alert.fileEvidence(file, typed: false) }
            alert.writer.key("processes")
            alert.array { alert in alert.processEvidence(file, typed: false) }
        }
    }
}
