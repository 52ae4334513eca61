/// A kind of alert the generator writes: which product raised it, how it reads, and what evidence it carries.
/// Together the scenarios use every `serviceSource`, every `detectionSource` and every evidence type.
struct AlertScenario: Sendable {
    var serviceSource: String
    var detectionSources: [String]
    var productName: String
    /// The first two characters of the alert id (as Defender's ids start with `da`, `fa`, `aa`, `ca` …).
    var idPrefix: String
    var titles: [String]
    var category: String
    var mitreTechniques: [String]
    var threatFamilies: [String] = []
    var actors: [String] = []
    var usesPolicy = false
    /// How often the scenario occurs, relative to the others.
    var weight: Int
    var evidence: @Sendable (inout AlertWriting, String?) -> Void

    static let all: [AlertScenario] = [
        AlertScenario(
            serviceSource: "microsoftDefenderForEndpoint",
            detectionSources: [
                "microsoftDefenderForEndpoint", "customTi", "microsoftThreatExperts", "customDetection",
            ],
            productName: "Microsoft Defender for Endpoint", idPrefix: "da",
            titles: [
                "Suspicious connection to a command-and-control server", "Cobalt Strike command and control detected",
            ],
            category: "CommandAndControl", mitreTechniques: ["T1071.001", "T1573"], threatFamilies: ["CobaltStrike"],
            weight: 14
        ) { alert, _ in
            alert.deviceEvidence()
            alert.processEvidence()
            alert.networkConnectionEvidence()
            alert.threatIPEvidence(roles: ["commandAndControl"])
            alert.dnsEvidence()
            alert.urlEvidence()
        },
        AlertScenario(
            serviceSource: "microsoftDefenderForEndpoint",
            detectionSources: ["antivirus", "smartScreen", "automatedInvestigation"],
            productName: "Microsoft Defender for Endpoint", idPrefix: "da",
            titles: [
                "'Qakbot' malware was detected", "'Lumma' password stealer was prevented",
                "An active 'AsyncRAT' backdoor was blocked",
            ],
            category: "Malware", mitreTechniques: ["T1204.002"],
            threatFamilies: ["Qakbot", "Lumma", "AsyncRAT", "IcedID", "RaspberryRobin"], weight: 14
        ) { alert, family in
            alert.deviceEvidence()
            alert.malwareEvidence(family: family ?? "Qakbot")
            alert.fileEvidence()
            alert.userEvidence()
            alert.urlEvidence()
        },
        AlertScenario(
            serviceSource: "microsoftDefenderForEndpoint",
            detectionSources: ["microsoftDefenderForEndpoint", "manual"],
            productName: "Microsoft Defender for Endpoint", idPrefix: "da",
            titles: [
                "Suspicious PowerShell command line", "Suspicious execution of hidden file",
                "Persistence via Run registry key",
            ],
            category: "Execution", mitreTechniques: ["T1059.001", "T1547.001", "T1564.001"], weight: 10
        ) { alert, _ in
            alert.deviceEvidence()
            alert.processEvidence()
            alert.fileEvidence()
            alert.registryKeyEvidence()
            alert.registryValueEvidence()
            alert.fileHashEvidence()
        },
        AlertScenario(
            serviceSource: "microsoftDefenderForIdentity", detectionSources: ["microsoftDefenderForIdentity"],
            productName: "Microsoft Defender for Identity", idPrefix: "aa",
            titles: [
                "Suspected DCSync attack (replication of directory services)",
                "Suspected identity theft (pass-the-ticket)", "Suspicious additions to sensitive groups",
            ],
            category: "CredentialAccess", mitreTechniques: ["T1003.006", "T1550.003", "T1098"], weight: 7
        ) { alert, _ in
            alert.deviceEvidence()
            alert.hostLogonSessionEvidence()
            alert.userEvidence()
            alert.securityGroupEvidence()
            alert.activeDirectoryDomainEvidence()
            alert.threatIPEvidence()
        },
        AlertScenario(
            serviceSource: "microsoftDefenderForOffice365", detectionSources: ["microsoftDefenderForOffice365"],
            productName: "Microsoft Defender for Office 365", idPrefix: "fa",
            titles: [
                "Email messages containing malicious URL removed after delivery",
                "A potentially malicious URL click was detected", "Email reported by user as malware or phish",
            ],
            category: "InitialAccess", mitreTechniques: ["T1566.002", "T1566.001"], usesPolicy: true, weight: 12
        ) { alert, _ in
            alert.analyzedMessageEvidence()
            alert.mailboxEvidence()
            alert.urlEvidence()
            alert.mailClusterEvidence()
            alert.submissionMailEvidence()
            alert.userEvidence(roles: ["contextual"])
        },
        AlertScenario(
            serviceSource: "microsoftDefenderForOffice365",
            detectionSources: ["microsoftDefenderForOffice365", "automatedInvestigation"],
            productName: "Microsoft Defender for Office 365", idPrefix: "fa",
            titles: [
                "Suspicious email forwarding activity", "Malicious URL clicked in a Teams message",
                "Teams message with malicious file removed after delivery",
            ],
            category: "Exfiltration", mitreTechniques: ["T1114.003", "T1566.003"], usesPolicy: true, weight: 6
        ) { alert, _ in
            alert.teamsMessageEvidence()
            alert.mailboxConfigurationEvidence()
            alert.mailboxEvidence()
            alert.userEvidence()
            alert.threatIPEvidence()
        },
        AlertScenario(
            serviceSource: "microsoftDefenderForCloudApps", detectionSources: ["cloudAppSecurity"],
            productName: "Microsoft Defender for Cloud Apps", idPrefix: "ca",
            titles: ["Impossible travel activity", "Activity from a TOR IP address", "Mass download by a single user"],
            category: "InitialAccess", mitreTechniques: ["T1078.004"], weight: 6
        ) { alert, _ in
            alert.userEvidence()
            alert.threatIPEvidence()
            alert.ipEvidence(alert.organization.egressAddresses[0], roles: ["source"])
            alert.cloudApplicationEvidence()
            alert.cloudLogonSessionEvidence()
            alert.cloudLogonRequestEvidence()
        },
        AlertScenario(
            serviceSource: "microsoftAppGovernance",
            detectionSources: ["appGovernancePolicy", "appGovernanceDetection"],
            productName: "App governance", idPrefix: "ag",
            titles: [
                "App with suspicious OAuth scope made graph calls to read email",
                "Newly created app with unusual consent",
            ],
            category: "Persistence", mitreTechniques: ["T1528", "T1098.003"], weight: 3
        ) { alert, _ in
            alert.oauthApplicationEvidence()
            alert.servicePrincipalEvidence()
            alert.cloudApplicationEvidence()
            alert.userEvidence(roles: ["contextual"])
        },
        AlertScenario(
            serviceSource: "azureAdIdentityProtection", detectionSources: ["azureAdIdentityProtection"],
            productName: "Microsoft Entra ID Protection", idPrefix: "ad",
            titles: ["Anomalous token", "Unfamiliar sign-in properties", "Password spray"],
            category: "InitialAccess", mitreTechniques: ["T1110.003", "T1539"], weight: 5
        ) { alert, _ in
            alert.userEvidence()
            alert.threatIPEvidence()
            alert.cloudLogonSessionEvidence()
            alert.cloudLogonRequestEvidence()
        },
        AlertScenario(
            serviceSource: "dataLossPrevention", detectionSources: ["microsoftDataLossPrevention"],
            productName: "Microsoft Data Loss Prevention", idPrefix: "dl",
            titles: [
                "DLP policy (Credit card numbers) matched for document in SharePoint",
                "DLP policy (U.S. PII) matched for email",
            ],
            category: "Exfiltration", mitreTechniques: ["T1567"], usesPolicy: true, weight: 3
        ) { alert, _ in
            alert.userEvidence(roles: ["policyViolator"])
            alert.fileEvidence()
            alert.mailboxEvidence()
            alert.urlEvidence()
        },
        AlertScenario(
            serviceSource: "microsoft365Defender",
            detectionSources: ["microsoft365Defender", "customDetection", "manual"],
            productName: "Microsoft Defender XDR", idPrefix: "ea",
            titles: [
                "Business email compromise (BEC) financial fraud",
                "Possible attempt to access Primary Refresh Token (PRT)",
            ],
            category: "LateralMovement", mitreTechniques: ["T1534", "T1528"], actors: ["Storm-1167", "Octo Tempest"],
            weight: 3
        ) { alert, _ in
            alert.userEvidence()
            alert.mailboxConfigurationEvidence()
            alert.deviceEvidence()
            alert.threatIPEvidence()
            alert.fileHashEvidence()
        },
        AlertScenario(
            serviceSource: "microsoftDefenderForCloud",
            detectionSources: [
                "microsoftDefenderForCloud", "microsoftDefenderForStorage", "microsoftDefenderForServers",
                "microsoftDefenderForDNS", "microsoftDefenderForDatabases", "microsoftDefenderForNetwork",
                "microsoftDefenderForAppService", "microsoftDefenderForKeyVault", "microsoftDefenderForResourceManager",
                "microsoftDefenderForApiManagement",
            ],
            productName: "Microsoft Defender for Cloud", idPrefix: "dc",
            titles: [
                "Access from a suspicious IP address to a storage blob container", "Suspicious SAS token usage",
                "Malicious blob uploaded to a storage account",
            ],
            category: "Exfiltration", mitreTechniques: ["T1530"], weight: 4
        ) { alert, _ in
            alert.blobEvidence()
            alert.blobContainerEvidence(account: "stcontoso" + alert.random.hex(6))
            alert.sasTokenEvidence()
            alert.azureResourceEvidence()
            alert.threatIPEvidence()
            alert.amazonResourceEvidence()
            alert.googleCloudResourceEvidence()
        },
        AlertScenario(
            serviceSource: "microsoftDefenderForCloud", detectionSources: ["microsoftDefenderForContainers"],
            productName: "Microsoft Defender for Cloud", idPrefix: "dc",
            titles: [
                "Privileged container detected", "Digital currency mining container detected",
                "Access to a Kubernetes secret from a suspicious pod",
            ],
            category: "PrivilegeEscalation", mitreTechniques: ["T1610", "T1611"], weight: 3
        ) { alert, _ in
            alert.kubernetesPodEvidence()
            alert.containerEvidence()
            alert.containerImageEvidence()
            alert.containerRegistryEvidence()
            alert.kubernetesClusterEvidence()
            alert.kubernetesNamespaceEvidence()
            alert.kubernetesControllerEvidence()
            alert.kubernetesServiceEvidence()
            alert.kubernetesSecretEvidence()
            alert.kubernetesServiceAccountEvidence()
            alert.urlEvidence()
        },
        AlertScenario(
            serviceSource: "microsoftDefenderForCloud", detectionSources: ["microsoftDefenderForIoT"],
            productName: "Microsoft Defender for IoT", idPrefix: "dc",
            titles: ["Unauthorized PLC programming", "Unauthorized device connected to the network"],
            category: "Impact", mitreTechniques: ["T0843"], weight: 1
        ) { alert, _ in
            alert.ioTDeviceEvidence()
            alert.nicEvidence()
            alert.threatIPEvidence()
        },
        AlertScenario(
            serviceSource: "microsoftSentinel",
            detectionSources: [
                "scheduledAlerts", "nrtAlerts", "builtInMl", "microsoftDefenderThreatIntelligenceAnalytics",
                "microsoftSentinel",
            ],
            productName: "Microsoft Sentinel", idPrefix: "sn",
            titles: [
                "Successful sign-in from a TOR exit node", "Mass repository clone by a single GitHub user",
                "Known C2 IP address in firewall logs",
            ],
            category: "Exfiltration", mitreTechniques: ["T1213.003", "T1090.003"], weight: 4
        ) { alert, _ in
            alert.userEvidence()
            alert.threatIPEvidence()
            alert.gitHubUserEvidence()
            alert.gitHubRepoEvidence()
            alert.gitHubOrganizationEvidence()
            alert.urlEvidence()
        },
        AlertScenario(
            serviceSource: "microsoftInsiderRiskManagement", detectionSources: ["microsoftInsiderRiskManagement"],
            productName: "Microsoft Purview Insider Risk Management", idPrefix: "ir",
            titles: ["Data theft by departing user", "Sensitive files copied to personal cloud storage"],
            category: "Exfiltration", mitreTechniques: ["T1567.002"], usesPolicy: true, weight: 2
        ) { alert, _ in
            alert.userEvidence(roles: ["policyViolator"])
            alert.fileEvidence()
            alert.cloudApplicationEvidence()
            alert.urlEvidence()
        },
        AlertScenario(
            serviceSource: "microsoftThreatIntelligence",
            detectionSources: ["microsoftThreatIntelligence", "securityCopilot"],
            productName: "Microsoft Defender Threat Intelligence", idPrefix: "ti",
            titles: ["Connection to infrastructure of a tracked threat actor", "Threat intelligence indicator match"],
            category: "CommandAndControl", mitreTechniques: ["T1071"],
            actors: ["Midnight Blizzard", "Storm-0558", "Sangria Tempest"],
            weight: 2
        ) { alert, _ in
            alert.dnsEvidence()
            alert.threatIPEvidence(roles: ["commandAndControl"])
            alert.fileHashEvidence()
            alert.deviceEvidence()
        },
        AlertScenario(
            serviceSource: "microsoftSecurityForAI", detectionSources: ["microsoftDefenderForAIServices"],
            productName: "Microsoft Defender for AI Services", idPrefix: "ai",
            titles: [
                "Jailbreak attempt on an AI agent blocked by Prompt Shields",
                "Sensitive data exposure in an AI agent response",
            ],
            category: "Execution", mitreTechniques: ["T1059"], weight: 1
        ) { alert, _ in
            alert.aiAgentEvidence()
            alert.azureResourceEvidence(kind: "Microsoft.CognitiveServices/accounts", name: "aoai-contoso-prod")
            alert.threatIPEvidence()
            alert.userEvidence(roles: ["contextual"])
        },
        AlertScenario(
            serviceSource: "unknown", detectionSources: ["unknown"], productName: "Microsoft Defender XDR",
            idPrefix: "ea",
            titles: ["Suspicious activity reported by a partner product"], category: "SuspiciousActivity",
            mitreTechniques: [], weight: 1
        ) { alert, _ in
            alert.userEvidence(roles: ["unknown", "scanned", "added", "loaded"])
            alert.threatIPEvidence(roles: ["suspicious"])
        },
    ]

    /// Scenario index by weight: `weighted[random.below(weighted.count)]`.
    static let weighted: [Int] = all.enumerated().flatMap { index, scenario in
        Array(repeating: index, count: scenario.weight)
    }
}
