import JSON
import Testing

@testable import Mapping

/// The evidence walk's shortcuts give what its general code gives.
@Suite struct EvidenceWalkerFastPathTests {
    /// Every member name the walker reads from an evidence object.
    static let memberNames = [
        "@odata.type", "verdict", "roles", "ipAddress", "url", "domainName", "ipAddresses", "hostIpAddress",
        "dnsServerIp", "fileDetails", "value", "algorithm", "imageFile", "userAccount", "files", "processes",
        "fileHashes", "sourceAddress", "destinationAddress", "ipInterfaces", "lastIpAddress", "lastExternalIpAddress",
        "deviceDnsName", "hostName", "dnsDomain", "nics", "host", "account", "primaryAddress", "upn",
        "mailboxPrimaryAddress", "podIp", "clusterIP", "externalIPs", "activeDirectoryDomainName", "trustedDomains",
        "email", "antiSpamDirection", "p1Sender", "p2Sender", "senderIp", "urls", "recipientEmailAddress", "recipient",
        "submitter", "reportType", "sender", "isExternal", "senderFromAddress", "senderIP", "recipients",
        "suspiciousRecipients",
    ]

    static let strings: [JSON] = [
        "203.0.113.5", "user@evil.example", "evil.example", "https://evil.example/x",
        "5d41402abc4b2a76b9719d911017c592",
    ]

    /// A nested object the walker may look into: every name an address, except the mail and hash members.
    static var nested: JSON {
        var object = JSONObject()
        for name in memberNames + ["emailAddress", "userPrincipalName", "sha256", "sha1", "md5"]
        where name != "@odata.type" {
            switch name {
            case "emailAddress", "userPrincipalName": object[name] = "user@evil.example"
            case "userAccount": object[name] = ["userPrincipalName": "user@evil.example"]
            case "value", "md5": object[name] = "5d41402abc4b2a76b9719d911017c592"
            default: object[name] = "203.0.113.5"
            }
        }
        return .object(object)
    }

    /// Member values of every shape the walker reads.
    static var shapes: [JSON] { strings + [.array(strings), nested, .array([nested])] }

    /// An evidence object of `kind` with every member the walker reads set to `value`.
    static func object(_ kind: EvidenceKind, allMembers value: JSON) -> JSONObject {
        var object = JSONObject()
        object["@odata.type"] = .string("#microsoft.graph.security." + kind.name)
        for name in memberNames where name != "@odata.type" { object[name] = value }
        return object
    }

    /// A kind the walk skips as context-only is one whose objects the general visit finds nothing in.
    @Test(arguments: EvidenceKind.allCases) func contextOnlyKindsYieldNothing(kind: EvidenceKind) {
        var yields = false
        for value in Self.shapes {
            var walker = EvidenceWalker()
            let context = EvidenceWalker.Context(top: kind, verdict: .unknown, roles: EvidenceRoles())
            walker.visit(Self.object(kind, allMembers: value), as: kind, context: context, depth: 0)
            walker.resolveConnections()
            if !walker.findings.threats.isEmpty || !walker.findings.assets.isEmpty { yields = true }
        }
        #expect(yields == !kind.isContextOnly, "\(kind.name)")
    }
}
