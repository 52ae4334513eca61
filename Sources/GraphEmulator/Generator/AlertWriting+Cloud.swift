/// Evidence of cloud resources: Azure, AWS and Google Cloud resources, storage blobs and SAS tokens, IoT devices
/// and their network interfaces.
extension AlertWriting {
    var resourceGroupPath: String { "/subscriptions/\(organization.subscriptionID)/resourceGroups/rg-prod" }

    mutating func azureResourceEvidence(
        typed: Bool = true, kind: String = "Microsoft.Storage/storageAccounts", name: String? = nil
    ) {
        let name = name ?? "stcontoso" + random.hex(6)
        evidence(typed ? "#microsoft.graph.security.azureResourceEvidence" : nil, roles: ["attacked"]) { alert in
            alert.key("resourceId", "\(alert.resourceGroupPath)/providers/\(kind)/\(name)")
            alert.key("resourceName", name)
            alert.key("resourceType", kind.split(separator: "/").last.map(String.init) ?? kind)
        }
    }

    mutating func amazonResourceEvidence(typed: Bool = true) {
        let account = String(random.int(100_000_000_000...999_999_999_999))
        evidence(typed ? "#microsoft.graph.security.amazonResourceEvidence" : nil, roles: ["attacked"]) { alert in
            let name = "prod-data-" + alert.random.hex(6)
            alert.key("amazonAccountId", account)
            alert.key("amazonResourceId", "arn:aws:s3:::\(name)")
            alert.key("resourceName", name)
            alert.key("resourceType", "S3 Bucket")
        }
    }

    mutating func googleCloudResourceEvidence(typed: Bool = true) {
        evidence(typed ? "#microsoft.graph.security.googleCloudResourceEvidence" : nil, roles: ["attacked"]) { alert in
            let project = "contoso-prod-\(alert.random.int(100...999))"
            let instance = "vm-\(alert.random.hex(6))"
            alert.key(
                "fullResourceName",
                "//compute.googleapis.com/projects/\(project)/zones/europe-west1-b/instances/\(instance)")
            alert.key("location", "europe-west1-b")
            alert.writer.key("locationType")
            alert.writer.plain(alert.random.pick(["unknown", "regional", "zonal", "global"]))
            alert.key("projectId", project)
            alert.key("projectNumber", int: alert.random.int(100_000_000_000...999_999_999_999))
            alert.key("resourceName", instance)
            alert.key("resourceType", "compute.googleapis.com/Instance")
        }
    }

    mutating func blobContainerEvidence(typed: Bool = true, account: String) {
        evidence(typed ? "#microsoft.graph.security.blobContainerEvidence" : nil, roles: ["attacked"]) { alert in
            alert.key("name", "backups")
            alert.writer.key("storageResource")
            alert.azureResourceEvidence(typed: false, name: account)
            alert.key("url", "https://\(account).blob.core.windows.net/backups")
        }
    }

    mutating func blobEvidence() {
        let account = "stcontoso" + random.hex(6)
        let file = poolFile()
        evidence("#microsoft.graph.security.blobEvidence", verdict: maliciousVerdict(), roles: ["created"]) { alert in
            alert.writer.key("blobContainer")
            alert.blobContainerEvidence(typed: false, account: account)
            alert.key("etag", "0x8DC" + alert.random.hex(12).uppercased())
            alert.writer.key("fileHashes")
            alert.array { alert in
                alert.object { alert in
                    alert.writer.key("algorithm")
                    alert.writer.plain("sha256")
                    alert.key("value", file.sha256)
                }
                alert.object { alert in
                    alert.writer.key("algorithm")
                    alert.writer.plain("md5")
                    alert.key("value", file.md5)
                }
            }
            alert.key("name", file.name)
            alert.key("url", "https://\(account).blob.core.windows.net/backups/\(file.name)")
        }
    }

    mutating func sasTokenEvidence() {
        let start = before(minutes: 60...600)
        evidence("#microsoft.graph.security.sasTokenEvidence", verdict: "suspicious", roles: ["contextual"]) { alert in
            alert.key(
                "allowedIpAddresses",
                alert.random.chance(0.7) ? "Allows all IP addresses" : alert.pools.ipAddresses[alert.threatAddress()])
            alert.key("allowedResourceTypes", strings: ["Container", "Object"])
            alert.key("allowedServices", strings: ["Blob"])
            alert.key("expiryDateTime", time: start.adding(seconds: 86_400 * 365))
            alert.key("permissions", strings: ["Read", "List"])
            alert.key("protocol", "HTTPS")
            alert.key("signatureHash", alert.random.hex(64))
            alert.key("signedWith", "Account key")
            alert.key("startDateTime", time: start)
            alert.writer.key("storageResource")
            alert.azureResourceEvidence(typed: false)
        }
    }

    mutating func nicEvidence(typed: Bool = true) {
        evidence(typed ? "#microsoft.graph.security.nicEvidence" : nil, roles: ["contextual"]) { alert in
            alert.writer.key("ipAddress")
            alert.ipEvidence(
                "10.\(alert.random.int(100...120)).\(alert.random.int(0...255)).\(alert.random.int(2...254))",
                typed: false)
            alert.key("macAddress", Self.macAddress(&alert.random))
            alert.key("vlans", strings: ["VLAN \(alert.random.int(10...400))"])
        }
    }

    static func macAddress(_ random: inout SplitMix64) -> String {
        let hex = random.hex(12).uppercased()
        var parts: [Substring] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            parts.append(hex[index..<next])
            index = next
        }
        return parts.joined(separator: "-")
    }

    mutating func ioTDeviceEvidence() {
        evidence("#microsoft.graph.security.ioTDeviceEvidence", verdict: "suspicious", roles: ["attacked"]) { alert in
            let name = "PLC-\(alert.random.pick(["LINE", "PUMP", "HVAC", "PACK"]))-\(alert.random.int(1...40))"
            alert.key("deviceId", alert.random.guid())
            alert.key("deviceName", name)
            alert.key("devicePageLink", "https://security.microsoft.com/machines/\(alert.random.hex(40))")
            alert.key("deviceSubType", "Programmable Logic Controller")
            alert.key("deviceType", "Industrial")
            alert.writer.key("importance")
            alert.writer.plain(alert.random.pick(["unknown", "low", "normal", "high"]))
            alert.writer.key("ioTHub")
            alert.azureResourceEvidence(typed: false, kind: "Microsoft.Devices/IotHubs", name: "iothub-plant-1")
            alert.key("ioTSecurityAgentId", alert.random.guid())
            alert.writer.key("ipAddress")
            alert.ipEvidence(
                "10.\(alert.random.int(100...120)).\(alert.random.int(0...255)).\(alert.random.int(2...254))",
                typed: false)
            alert.key("isAuthorized", bool: alert.random.chance(0.7))
            alert.key("isProgramming", bool: alert.random.chance(0.3))
            alert.key("isScanner", bool: alert.random.chance(0.1))
            alert.key("macAddress", Self.macAddress(&alert.random))
            alert.key("manufacturer", alert.random.pick(["Siemens", "Rockwell Automation", "Schneider Electric"]))
            alert.key("model", alert.random.pick(["S7-1500", "ControlLogix 5580", "Modicon M580"]))
            alert.writer.key("nics")
            alert.array { alert in alert.nicEvidence(typed: false) }
            alert.key("operatingSystem", "Firmware 2.9")
            alert.key("owners", strings: ["ot-team@" + alert.organization.domain])
            alert.key("protocols", strings: ["S7", "Modbus", "EtherNet/IP"])
            alert.key("purdueLayer", "Level 1")
            alert.key("sensor", "sensor-plant-1")
            alert.key("serialNumber", alert.random.hex(10).uppercased())
            alert.key("site", "Plant 1")
            alert.key("source", "Microsoft Defender for IoT")
            alert.writer.key("sourceRef")
            alert.urlEvidence(
                "https://portal.azure.com/#view/Microsoft_Azure_IoT_Defender/DeviceDetails/\(alert.random.guid())",
                typed: false)
            alert.key("zone", "Production")
        }
    }
}
