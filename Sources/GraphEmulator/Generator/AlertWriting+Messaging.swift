/// Evidence of mail and Teams: analysed messages, submissions, clusters, mailboxes and their configuration,
/// Teams messages with their URLs and files.
extension AlertWriting {
    mutating func sender() -> IndicatorPools.Sender { pools.senders[random.skewed(pools.senders.count)] }

    mutating func analyzedMessageEvidence() {
        let sender = sender()
        let urls = (0..<random.int(0...3)).map { _ in pools.urls[random.skewed(pools.urls.count)] }
        evidence(
            "#microsoft.graph.security.analyzedMessageEvidence", verdict: maliciousVerdict(), roles: ["contextual"],
            detailedRoles: ["Phishing email"]
        ) { alert in
            alert.key("networkMessageId", alert.random.guid())
            alert.key("internetMessageId", "<\(alert.random.hex(24))@\(sender.domain)>")
            alert.key("subject", alert.random.pick(Self.subjects))
            alert.key("language", alert.random.pick(["en", "de", "fr", "es"]))
            alert.key("senderIp", sender.ip)
            alert.key("recipientEmailAddress", alert.user.userPrincipalName)
            alert.key("antiSpamDirection", "Inbound")
            alert.key("deliveryAction", alert.random.pick(["Delivered", "Junked", "Blocked", "Replaced"]))
            alert.key(
                "deliveryLocation", alert.random.pick(["Inbox/folder", "Junk folder", "Quarantine", "Deleted items"]))
            alert.key("urn", "urn:MailEntity:\(alert.random.hex(32))")
            alert.key("threats", strings: [alert.random.pick(["Phish", "Malware", "Spam", "HighConfPhish"])])
            alert.key(
                "threatDetectionMethods",
                strings: [
                    alert.random.pick([
                        "URL detonation reputation", "Fingerprint matching", "Impersonation user", "File detonation",
                    ])
                ])
            alert.key("urls", strings: urls)
            alert.key("urlCount", int: urls.count)
            alert.key("attachmentsCount", int: alert.random.int(0...2))
            alert.key("receivedDateTime", time: alert.before(minutes: 1...120))
            for (key, isP1) in [("p1Sender", true), ("p2Sender", false)] {
                if isP1 { alert.writer.key("p1Sender") } else { alert.writer.key("p2Sender") }
                _ = key
                alert.object { alert in
                    alert.key("displayName", sender.displayName)
                    alert.key("domainName", sender.domain)
                    alert.key("emailAddress", sender.address)
                }
            }
        }
    }

    mutating func submissionMailEvidence() {
        let sender = sender()
        evidence("#microsoft.graph.security.submissionMailEvidence", verdict: "suspicious", roles: ["contextual"]) {
            alert in
            alert.key("networkMessageId", alert.random.guid())
            alert.key("recipient", alert.user.userPrincipalName)
            alert.key("reportType", alert.random.pick(["Junk", "Phish", "Malware", "NotJunk"]))
            alert.key("sender", sender.address)
            alert.key("senderIp", sender.ip)
            alert.key("subject", alert.random.pick(Self.subjects))
            alert.key("submissionDateTime", time: alert.before(minutes: 0...30))
            alert.key("submissionId", alert.random.guid())
            alert.key("submitter", alert.user.userPrincipalName)
        }
    }

    mutating func mailClusterEvidence() {
        let sender = sender()
        evidence("#microsoft.graph.security.mailClusterEvidence", verdict: "suspicious", roles: ["contextual"]) {
            alert in
            let count = alert.random.int(2...40)
            alert.key("clusterBy", "Sender")
            alert.key("clusterByValue", sender.address)
            alert.key("emailCount", int: count)
            alert.key("networkMessageIds", strings: (0..<min(count, 4)).map { _ in alert.random.guid() })
            alert.key("query", "(SenderSmtpAddress:\"\(sender.address)\")")
            alert.key("urn", "urn:MailClusterEntity:\(alert.random.hex(32))")
        }
    }

    mutating func mailboxEvidence() {
        evidence("#microsoft.graph.security.mailboxEvidence", roles: ["compromised"]) { alert in
            alert.key("displayName", alert.user.displayName)
            alert.key("primaryAddress", alert.user.userPrincipalName)
            alert.key("upn", alert.user.userPrincipalName)
            alert.writer.key("userAccount")
            alert.userAccount()
        }
    }

    mutating func mailboxConfigurationEvidence() {
        let sender = sender()
        evidence("#microsoft.graph.security.mailboxConfigurationEvidence", verdict: "suspicious", roles: ["edited"]) {
            alert in
            alert.key("configurationId", alert.random.guid())
            alert.writer.key("configurationType")
            alert.writer.plain(
                alert.random.pick([
                    "mailForwardingRule", "owaSettings", "ewsSettings", "mailDelegation", "userInboxRule",
                ]))
            alert.key("displayName", "Forward to \(sender.address)")
            alert.key("externalDirectoryObjectId", alert.user.azureAdUserId)
            alert.key("mailboxPrimaryAddress", alert.user.userPrincipalName)
            alert.key("upn", alert.user.userPrincipalName)
        }
    }

    mutating func teamsMessageEvidence() {
        let sender = sender()
        let received = before(minutes: 1...60)
        evidence("#microsoft.graph.security.teamsMessageEvidence", verdict: maliciousVerdict(), roles: ["contextual"]) {
            alert in
            alert.key("campaignId", alert.random.chance(0.5) ? alert.random.guid() : nil)
            alert.key("channelId", nil)
            alert.writer.key("deliveryAction")
            alert.writer.plain(alert.random.pick(["deliveredAsSpam", "delivered", "blocked", "replaced", "unknown"]))
            alert.writer.key("deliveryLocation")
            alert.writer.plain(alert.random.pick(["teams", "quarantine", "failed", "unknown"]))
            alert.key("groupId", nil)
            alert.key("isExternal", bool: true)
            alert.key("isOwned", bool: false)
            alert.key("lastModifiedDateTime", time: received)
            alert.writer.key("messageDirection")
            alert.writer.plain(alert.random.pick(["inbound", "outbound", "intraorg", "unknown"]))
            alert.key("messageId", String(alert.random.int(1_700_000_000_000...1_799_999_999_999)))
            alert.key("owningTenantId", alert.random.guid())
            alert.key("parentMessageId", nil)
            alert.key("receivedDateTime", time: received)
            alert.key("recipients", strings: [alert.user.userPrincipalName])
            alert.key("senderFromAddress", sender.address)
            alert.key("senderIP", sender.ip)
            alert.key("sourceAppName", "Microsoft Teams")
            alert.key("sourceId", alert.random.guid())
            alert.key("subject", alert.random.pick(Self.subjects))
            alert.key("suspiciousRecipients", strings: [alert.user.userPrincipalName])
            alert.key("threadId", "19:\(alert.random.hex(32))@unq.gbl.spaces")
            alert.key("threadType", alert.random.pick(["chat", "oneOnOne", "group"]))
            alert.writer.key("urls")
            alert.array { alert in
                for _ in 0..<alert.random.int(1...2) { alert.urlEvidence(typed: false) }
            }
            alert.writer.key("files")
            alert.array { alert in
                if alert.random.chance(0.6) { alert.fileEvidence(typed: false) }
            }
        }
    }

    static let subjects = [
        "Action required: your password expires today", "Invoice INV-2291 overdue", "Shared document: Q3 payroll.xlsx",
        "DocuSign: please review and sign", "Your mailbox is full", "Voicemail received (00:42)",
        "Updated benefits enrolment", "Urgent wire transfer request",
    ]
}
