import JSON
import Testing

@testable import Mapping

/// A hand-made alert for each evidence type of GRAPH.md §6, with the indicators expected from it written by hand.
@Suite struct EvidenceTypeTests {
    static let sha256A = "a3f1c0e2b4d6f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f7081"
    static let sha256B = "b3f1c0e2b4d6f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f7082"
    static let sha1A = "5f1e8acedc065031aad553b710838eb366cfee9a"
    static let md5A = "44d88612fea8a8f36de82e1278abb02f"

    @Test func ipEvidence() {
        #expect(extract(alert([evidence("ipEvidence", ["ipAddress": "45.141.84.10"])])) == ["ipv4 45.141.84.10"])
        #expect(
            extract(alert([evidence("ipEvidence", ["ipAddress": "2A01:04F8:0C0C:1234:0000:0000:0000:0001"])]))
                == ["ipv6 2a01:4f8:c0c:1234::1"])
        #expect(extract(alert([evidence("ipEvidence", ["ipAddress": "::ffff:45.141.84.10"])])) == ["ipv4 45.141.84.10"])
        #expect(extract(alert([evidence("ipEvidence", ["ipAddress": "10.1.2.3"])])) == [])
        #expect(extract(alert([evidence("ipEvidence", ["ipAddress": "not an address"])])) == [])
        // The organisation's side of an attack: a compromised or attacked address is an asset.
        #expect(extract(alert([evidence("ipEvidence", roles: ["compromised"], ["ipAddress": "45.141.84.11"])])) == [])
        #expect(extract(alert([evidence("ipEvidence", roles: ["attacked"], ["ipAddress": "45.141.84.11"])])) == [])
    }

    @Test func urlEvidence() {
        #expect(
            extract(alert([evidence("urlEvidence", ["url": "hxxps://Evil-Login[.]Example.COM/path?q=1"])]))
                == ["url https://evil-login.example.com/path?q=1"])
        #expect(extract(alert([evidence("urlEvidence", ["url": "file:///C:/Windows/x.exe"])])) == [])
        #expect(extract(alert([evidence("urlEvidence", ["url": "http://10.0.0.8/payload"])])) == [])
    }

    @Test func dnsEvidenceGivesDomainAndResolvedAddressesButNotTheAskingHostOrResolver() {
        let dns = evidence(
            "dnsEvidence",
            [
                "domainName": "C2.Bad-Domain.NET.",
                "ipAddresses": [
                    ["@odata.type": "#microsoft.graph.security.ipEvidence", "ipAddress": "45.141.84.12"],
                    ["ipAddress": "10.0.0.5"],
                ],
                "dnsServerIp": ["ipAddress": "8.8.8.8"],
                "hostIpAddress": ["ipAddress": "52.1.2.3"],
            ])
        #expect(extract(alert([dns])) == ["ipv4 45.141.84.12", "domain c2.bad-domain.net"])
        // The host that asked is an asset of the alert: named elsewhere in it, it is still no indicator.
        #expect(
            extract(alert([dns, evidence("ipEvidence", ["ipAddress": "52.1.2.3"])]))
                == ["ipv4 45.141.84.12", "domain c2.bad-domain.net"])
    }

    @Test func fileEvidenceGivesEveryHashButAuthenticode() {
        let file = evidence(
            "fileEvidence",
            [
                "fileDetails": [
                    "sha1": .string(Self.sha1A.uppercased()), "sha256": .string(Self.sha256A),
                    "md5": .string(Self.md5A),
                    "sha256Ac": .string(Self.sha256B), "fileName": "evil.exe",
                ]
            ])
        #expect(extract(alert([file])) == ["md5 \(Self.md5A)", "sha1 \(Self.sha1A)", "sha256 \(Self.sha256A)"])
    }

    @Test func fileHashEvidenceChecksTheAlgorithm() {
        let hashes = [
            evidence("fileHashEvidence", ["algorithm": "sha256", "value": .string(Self.sha256A)]),
            evidence("fileHashEvidence", ["algorithm": "md5", "value": .string(Self.sha1A)]),  // not what it claims
            evidence("fileHashEvidence", ["algorithm": "sha256ac", "value": .string(Self.sha256B)]),
            evidence("fileHashEvidence", ["algorithm": "unknown", "value": .string(Self.sha1A)]),
            evidence("fileHashEvidence", ["algorithm": "SHA256", "value": "not-hex"]),
        ]
        #expect(extract(alert(hashes)) == ["sha1 \(Self.sha1A)", "sha256 \(Self.sha256A)"])
    }

    @Test func processEvidenceGivesTheImageFileNotTheParent() {
        let process = evidence(
            "processEvidence",
            [
                "imageFile": ["sha256": .string(Self.sha256A), "fileName": "evil.exe"],
                "parentProcessImageFile": ["sha256": .string(Self.sha256B), "fileName": "explorer.exe"],
                "userAccount": ["userPrincipalName": "alice@contoso.com", "accountName": "alice"],
                "processCommandLine": "evil.exe --c2 http://45.141.84.13/",
            ])
        #expect(extract(alert([process])) == ["sha256 \(Self.sha256A)"])
    }

    @Test func malwareEvidenceWalksItsFilesAndProcesses() {
        let malware = evidence(
            "malwareEvidence",
            [
                "name": "Trojan:Win32/Emotet", "category": "Trojan",
                "files": [["fileDetails": ["sha256": .string(Self.sha256A)]]],
                "processes": [
                    [
                        "@odata.type": "#microsoft.graph.security.processEvidence",
                        "imageFile": ["sha1": .string(Self.sha1A)],
                    ]
                ],
            ])
        let indicators = IndicatorExtractor().indicators(inAlert: alert([malware]))
        #expect(pairs(indicators) == ["sha1 \(Self.sha1A)", "sha256 \(Self.sha256A)"])
        #expect(indicators.allSatisfy { $0.evidenceTypes == ["malwareEvidence"] })
    }

    @Test func blobEvidenceGivesHashesNotTheOrganisationsStorageURL() {
        let blob = evidence(
            "blobEvidence",
            [
                "url": "https://contosostorage.blob.core.windows.net/uploads/invoice.docm",
                "name": "invoice.docm",
                "fileHashes": [
                    ["algorithm": "sha256", "value": .string(Self.sha256A)],
                    ["algorithm": "md5", "value": .string(Self.md5A)],
                ],
                "blobContainer": ["url": "https://contosostorage.blob.core.windows.net/uploads", "name": "uploads"],
            ])
        #expect(extract(alert([blob])) == ["md5 \(Self.md5A)", "sha256 \(Self.sha256A)"])
    }

    static func message(direction: String) -> JSON {
        evidence(
            "analyzedMessageEvidence",
            [
                "antiSpamDirection": .string(direction),
                "senderIp": "45.141.84.20",
                "p1Sender": ["emailAddress": "Attacker@Phish.Example.org", "domainName": "phish.example.org"],
                "p2Sender": ["emailAddress": "spoof@phish.example.org", "domainName": "phish.example.org"],
                "urls": ["https://phish.example.org/login", "hxxp://bad[.]example[.]net/a"],
                "recipientEmailAddress": "bob@contoso.com",
                "subject": "Invoice",
            ])
    }

    @Test func analyzedMessageEvidenceInbound() {
        #expect(
            extract(alert([Self.message(direction: "Inbound")])) == [
                "ipv4 45.141.84.20", "url http://bad.example.net/a", "url https://phish.example.org/login",
                "email attacker@phish.example.org", "email spoof@phish.example.org",
            ])
    }

    @Test func analyzedMessageEvidenceOutboundHasTheOrganisationAsSender() {
        #expect(
            extract(alert([Self.message(direction: "Outbound")]))
                == ["url http://bad.example.net/a", "url https://phish.example.org/login"])
        #expect(
            extract(alert([Self.message(direction: "IntraOrg")]))
                == ["url http://bad.example.net/a", "url https://phish.example.org/login"])
    }

    @Test func submissionMailEvidence() {
        func submission(_ reportType: String) -> JSON {
            evidence(
                "submissionMailEvidence",
                [
                    "sender": "phisher@evil.example", "senderIp": "45.141.84.21", "recipient": "carol@contoso.com",
                    "submitter": "carol@contoso.com", "reportType": .string(reportType),
                ])
        }
        #expect(extract(alert([submission("Phish")])) == ["ipv4 45.141.84.21", "email phisher@evil.example"])
        #expect(extract(alert([submission("NotJunk")])) == [])
    }

    @Test func teamsMessageEvidence() {
        func teams(external: Bool) -> JSON {
            evidence(
                "teamsMessageEvidence",
                [
                    "senderFromAddress": "ext@evil.example", "senderIP": "45.141.84.22", "isExternal": .bool(external),
                    "urls": [
                        ["@odata.type": "#microsoft.graph.security.urlEvidence", "url": "https://evil.example/teams"]
                    ],
                    "files": [["fileDetails": ["sha256": .string(Self.sha256A)]]],
                    "recipients": ["dave@contoso.com"], "suspiciousRecipients": ["dave@contoso.com"],
                ])
        }
        #expect(
            extract(alert([teams(external: true)])) == [
                "ipv4 45.141.84.22", "url https://evil.example/teams", "sha256 \(Self.sha256A)",
                "email ext@evil.example",
            ])
        #expect(
            extract(alert([teams(external: false)])) == ["url https://evil.example/teams", "sha256 \(Self.sha256A)"])
    }

    @Test func deviceEvidenceIsAnAssetEvenWithPublicAddressesAndIncludePrivate() {
        let device = evidence(
            "deviceEvidence", verdict: "suspicious", roles: ["compromised"],
            [
                "ipInterfaces": ["45.141.84.30", "fe80::1", "10.0.0.4"], "lastExternalIpAddress": "45.141.84.31",
                "lastIpAddress": "10.0.0.4", "deviceDnsName": "pc1.contoso.com",
            ])
        var everything = IndicatorPolicy()
        everything.includePrivate = true
        #expect(extract(alert([device]), policy: everything) == [])
        // And named by other evidence in the same alert, its addresses and name are still no indicators.
        let others = [
            evidence("ipEvidence", ["ipAddress": "45.141.84.31"]), evidence("ipEvidence", ["ipAddress": "10.0.0.4"]),
            evidence("dnsEvidence", ["domainName": "PC1.contoso.com"]),
        ]
        #expect(extract(alert([device] + others), policy: everything) == [])
    }

    /// Evidence of the organisation's own things, each with an address, name or e-mail address that another
    /// evidence of the same alert names as a threat: nothing of it may become an indicator.
    @Test(
        arguments: [
            ("nicEvidence", ["ipAddress": ["ipAddress": "45.141.84.50"]], "45.141.84.50"),
            ("ioTDeviceEvidence", ["ipAddress": ["ipAddress": "45.141.84.51"], "deviceName": "cam-1"], "45.141.84.51"),
            ("ioTDeviceEvidence", ["nics": [["ipAddress": ["ipAddress": "45.141.84.52"]]]], "45.141.84.52"),
            ("kubernetesPodEvidence", ["name": "web", "podIp": ["ipAddress": "45.141.84.53"]], "45.141.84.53"),
            ("kubernetesServiceEvidence", ["externalIPs": [["ipAddress": "45.141.84.54"]]], "45.141.84.54"),
            ("kubernetesServiceEvidence", ["clusterIP": ["ipAddress": "45.141.84.55"]], "45.141.84.55"),
            ("hostLogonSessionEvidence", ["host": ["lastExternalIpAddress": "45.141.84.56"]], "45.141.84.56"),
            ("activeDirectoryDomainEvidence", ["activeDirectoryDomainName": "corp.contoso.com"], "corp.contoso.com"),
            (
                "activeDirectoryDomainEvidence",
                [
                    "activeDirectoryDomainName": "corp.contoso.com",
                    "trustedDomains": [["activeDirectoryDomainName": "fabrikam.com"]],
                ],
                "fabrikam.com"
            ),
            ("userEvidence", ["userAccount": ["userPrincipalName": "Alice@Contoso.com"]], "alice@contoso.com"),
            ("mailboxEvidence", ["primaryAddress": "bob@contoso.com"], "bob@contoso.com"),
            ("mailboxEvidence", ["userAccount": ["userPrincipalName": "bob@contoso.com"]], "bob@contoso.com"),
            ("mailboxConfigurationEvidence", ["mailboxPrimaryAddress": "carol@contoso.com"], "carol@contoso.com"),
            (
                "cloudLogonSessionEvidence", ["account": ["userAccount": ["userPrincipalName": "dave@contoso.com"]]],
                "dave@contoso.com"
            ),
            ("gitHubUserEvidence", ["email": "dev@contoso.com", "login": "dev"], "dev@contoso.com"),
        ] as [(String, [String: JSON], String)])
    func assetEvidence(type: String, fields: [String: JSON], value: String) {
        let threat: JSON
        if IPAddress(value) != nil {
            threat = evidence("ipEvidence", ["ipAddress": .string(value)])
        } else if value.contains("@") {
            threat = evidence("submissionMailEvidence", ["sender": .string(value), "reportType": "Phish"])
        } else {
            threat = evidence("dnsEvidence", ["domainName": .string(value)])
        }
        #expect(extract(alert([threat])) != [], "the threat alone is an indicator")
        #expect(extract(alert([evidence(type, fields), threat])) == [])
        #expect(extract(alert([threat, evidence(type, fields)])) == [], "the order of evidence does not matter")
    }

    /// Evidence that carries nothing a control can block gives nothing, whatever it holds.
    @Test(arguments: [
        "aiAgentEvidence", "amazonResourceEvidence", "azureResourceEvidence", "blobContainerEvidence",
        "cloudApplicationEvidence", "cloudLogonRequestEvidence", "containerEvidence", "containerImageEvidence",
        "containerRegistryEvidence", "gitHubOrganizationEvidence", "gitHubRepoEvidence", "googleCloudResourceEvidence",
        "kubernetesClusterEvidence", "kubernetesControllerEvidence", "kubernetesNamespaceEvidence",
        "kubernetesSecretEvidence", "kubernetesServiceAccountEvidence", "mailClusterEvidence",
        "oauthApplicationEvidence", "registryKeyEvidence", "registryValueEvidence", "sasTokenEvidence",
        "securityGroupEvidence", "servicePrincipalEvidence",
    ])
    func contextEvidence(type: String) {
        let noisy = evidence(
            type,
            [
                "url": "https://evil.example/x", "ipAddress": "45.141.84.60", "allowedIpAddresses": "45.141.84.61",
                "registryValue": "http://45.141.84.62/run", "email": "someone@evil.example",
                "webUrl": "https://github.com/contoso", "registry": "evil.example/repo",
                "clusterByValue": "evil.example", "publisher": "Evil Ltd", "appId": "1234",
            ])
        #expect(extract(alert([noisy])) == [])
    }

    @Test func everyEvidenceTypeOfGraphIsKnown() {
        // GRAPH.md §6 lists 48 types.
        #expect(EvidenceKind.allCases.count == 48)
        #expect(EvidenceKind(odataType: "#microsoft.graph.security.ipEvidence") == .ipEvidence)
        #expect(EvidenceKind(odataType: "microsoft.graph.security.ipEvidence") == .ipEvidence)
        #expect(EvidenceKind(odataType: "#Microsoft.Graph.Security.IpEvidence") == .ipEvidence)
        #expect(EvidenceKind(odataType: "#microsoft.graph.security.quantumEvidence") == nil)
    }
}
