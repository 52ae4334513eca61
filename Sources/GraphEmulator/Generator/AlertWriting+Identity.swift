/// Evidence of identities and cloud apps: sign-in sessions and requests, cloud and OAuth applications, service
/// principals, security groups, Active Directory domains.
extension AlertWriting {
    mutating func cloudApplicationEvidence() {
        let app = random.pick(Self.cloudApps)
        evidence("#microsoft.graph.security.cloudApplicationEvidence", roles: ["contextual"]) { alert in
            alert.key("appId", int: app.id)
            alert.key("displayName", app.name)
            alert.key("instanceId", int: 0)
            alert.key("instanceName", app.name)
            alert.key("saasAppId", int: app.id)
            alert.writer.key("stream")
            alert.object { alert in alert.key("name", "Office 365") }
        }
    }

    static let cloudApps: [(id: Int, name: String)] = [
        (11161, "Office 365"), (20893, "Microsoft Exchange Online"), (15600, "Microsoft OneDrive for Business"),
        (20892, "Microsoft SharePoint Online"), (28375, "Microsoft Teams"), (12260, "Microsoft Azure"),
        (11770, "Dropbox"), (10489, "Box"), (11522, "Google Drive"),
    ]

    mutating func oauthApplicationEvidence() {
        evidence("#microsoft.graph.security.oauthApplicationEvidence", verdict: "suspicious", roles: ["attacker"]) {
            alert in
            alert.key("appId", alert.random.guid())
            alert.key(
                "displayName",
                alert.random.pick(["Mail Sync Pro", "PDF Reader Online", "Teams Meeting Helper", "Invoice Viewer"]))
            alert.key("objectId", alert.random.guid())
            alert.key("publisher", alert.random.pick(["Unverified", "Contoso Apps Ltd", "Fabrikam Software"]))
        }
    }

    mutating func servicePrincipalEvidence() {
        evidence("#microsoft.graph.security.servicePrincipalEvidence", verdict: "suspicious", roles: ["attacker"]) {
            alert in
            alert.key("appId", alert.random.guid())
            alert.key("appOwnerTenantId", alert.random.guid())
            alert.key(
                "servicePrincipalName", alert.random.pick(["Mail Sync Pro", "backup-automation", "graph-exporter"]))
            alert.key("servicePrincipalObjectId", alert.random.guid())
            alert.writer.key("servicePrincipalType")
            alert.writer.plain(alert.random.pick(["unknown", "application", "managedIdentity", "legacy"]))
            alert.key("tenantId", alert.random.guid())
        }
    }

    mutating func cloudLogonSessionEvidence() {
        let start = before(minutes: 1...180)
        evidence("#microsoft.graph.security.cloudLogonSessionEvidence", verdict: "suspicious", roles: ["contextual"]) {
            alert in
            alert.writer.key("account")
            alert.userEvidence(roles: ["compromised"], typed: false)
            alert.key(
                "browser", alert.random.pick(["Edge 124.0", "Chrome 126.0", "Firefox 127.0", "python-requests/2.31"]))
            alert.key("deviceName", alert.random.chance(0.5) ? alert.device.hostName : nil)
            alert.key("operatingSystem", alert.random.pick(["Windows 10", "Linux", "MacOs", "Ios"]))
            alert.key("previousLogonDateTime", time: start.adding(seconds: -Double(alert.random.int(3600...864_000))))
            alert.key("protocol", alert.random.pick(["OAuth2:Token", "Rest", "Browser", "Exchange ActiveSync"]))
            alert.key("sessionId", alert.random.guid())
            alert.key("startUtcDateTime", time: start)
            alert.key("userAgent", alert.random.pick(Self.userAgents))
        }
    }

    static let userAgents = [
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36",
        "python-requests/2.31.0", "axios/1.6.8",
        "Mozilla/5.0 (X11; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0",
    ]

    mutating func cloudLogonRequestEvidence() {
        evidence("#microsoft.graph.security.cloudLogonRequestEvidence", verdict: "suspicious", roles: ["contextual"]) {
            alert in
            alert.key("requestId", alert.random.guid())
        }
    }

    mutating func securityGroupEvidence() {
        evidence("#microsoft.graph.security.securityGroupEvidence", roles: ["attacked"]) { alert in
            let name = alert.random.pick([
                "Domain Admins", "Enterprise Admins", "Backup Operators", "Account Operators",
            ])
            alert.key("activeDirectoryObjectGuid", alert.random.guid())
            alert.key("displayName", name)
            alert.key("distinguishedName", "CN=\(name),CN=Users,DC=corp,DC=contoso,DC=com")
            alert.key("friendlyName", name)
            alert.key("securityGroupId", alert.random.guid())
            alert.key("sid", "S-1-5-21-\(alert.random.int(1_000_000_000...2_000_000_000))-512")
        }
    }

    mutating func activeDirectoryDomainEvidence() {
        evidence("#microsoft.graph.security.activeDirectoryDomainEvidence", roles: ["attacked"]) { alert in
            alert.key("activeDirectoryDomainName", "corp." + alert.organization.domain)
            alert.writer.key("trustedDomains")
            alert.array { alert in
                alert.evidence(nil, roles: ["contextual"]) { alert in
                    alert.key("activeDirectoryDomainName", "emea.corp." + alert.organization.domain)
                    alert.key("trustedDomains", strings: [])
                }
            }
        }
    }

    mutating func aiAgentEvidence() {
        evidence("#microsoft.graph.security.aiAgentEvidence", verdict: "suspicious", roles: ["attacked"]) { alert in
            alert.key("agentId", alert.random.guid())
            alert.key(
                "agentName",
                alert.random.pick(["HR Benefits Assistant", "IT Helpdesk Copilot", "Sales Insights Agent"]))
            alert.writer.key("hostingPlatformType")
            alert.writer.plain(alert.random.pick(["unknown", "azureAIFoundry", "copilotStudio", "copilot"]))
            alert.key("instructions", "Answer employee questions using the HR knowledge base only.")
        }
    }

    mutating func gitHubOrganizationEvidence() {
        evidence("#microsoft.graph.security.gitHubOrganizationEvidence", roles: ["attacked"]) { alert in
            alert.key("company", "Contoso Ltd")
            alert.key("displayName", "Contoso")
            alert.key("email", "opensource@" + alert.organization.domain)
            alert.key("login", "contoso")
            alert.key("orgId", String(alert.random.int(10_000_000...99_999_999)))
            alert.key("webUrl", "https://github.com/contoso")
        }
    }

    mutating func gitHubRepoEvidence() {
        evidence("#microsoft.graph.security.gitHubRepoEvidence", roles: ["attacked"]) { alert in
            let repository = alert.random.pick(["payments-service", "infra-terraform", "mobile-app", "secrets-vault"])
            alert.key("baseUrl", "https://github.com/contoso/\(repository)")
            alert.key("login", repository)
            alert.key("owner", "contoso")
            alert.key("ownerType", "Organization")
            alert.key("repoId", String(alert.random.int(100_000_000...999_999_999)))
        }
    }

    mutating func gitHubUserEvidence() {
        evidence("#microsoft.graph.security.gitHubUserEvidence", verdict: "suspicious", roles: ["attacker"]) { alert in
            let login = alert.user.accountName.replacingOccurrences(of: ".", with: "-") + "-dev"
            alert.key("email", alert.user.userPrincipalName)
            alert.key("login", login)
            alert.key("name", alert.user.displayName)
            alert.key("userId", String(alert.random.int(1_000_000...99_999_999)))
            alert.key("webUrl", "https://github.com/\(login)")
        }
    }
}
