import JSON

extension EvidenceWalker {
    /// One evidence object of a known type: the per-type rules of `docs/INDICATORS.md`.
    mutating func visit(_ object: JSONObject, as kind: EvidenceKind, context: Context, depth: Int) {
        switch kind {
        // Threat artifacts.
        case .ipEvidence:
            threatIP(object["ipAddress"], context: context)
        case .urlEvidence:
            threatURL(object["url"], context: context)
        case .dnsEvidence:
            threatDomain(object["domainName"], context: context)
            if case .array(let resolved)? = object["ipAddresses"] {
                for case .object(let address) in resolved {
                    threatIP(address["ipAddress"], context: nested(address, in: context))
                }
            }
            assetIP(object["hostIpAddress"])  // the device that asked
            assetIP(object["dnsServerIp"])  // the resolver: infrastructure, never a threat
        case .fileEvidence:
            threatFileDetails(object["fileDetails"], context: context)
        case .fileHashEvidence:
            threatHash(object["value"], algorithm: object["algorithm"], context: context)
        case .processEvidence:
            threatFileDetails(object["imageFile"], context: context)
            assetUserAccount(object["userAccount"])
        case .malwareEvidence:
            visitNested(object["files"], declared: .fileEvidence, context: context, depth: depth)
            visitNested(object["processes"], declared: .processEvidence, context: context, depth: depth)
        case .blobEvidence:
            if case .array(let hashes)? = object["fileHashes"] {
                for case .object(let hash) in hashes {
                    threatHash(hash["value"], algorithm: hash["algorithm"], context: context)
                }
            }
        case .analyzedMessageEvidence:
            visitAnalyzedMessage(object, context: context)
        case .submissionMailEvidence:
            visitSubmission(object, context: context)
        case .teamsMessageEvidence:
            visitTeamsMessage(object, context: context, depth: depth)
        case .networkConnectionEvidence:
            connections.append(
                PendingConnection(
                    source: endpoint(object["sourceAddress"], context: context),
                    destination: endpoint(object["destinationAddress"], context: context), context: context))

        // The organisation's own assets: remembered so that their values never become indicators.
        case .deviceEvidence:
            assetIP(object["ipInterfaces"])
            assetIP(object["lastIpAddress"])
            assetIP(object["lastExternalIpAddress"])
            assetHost(object["deviceDnsName"])
            assetHost(object["hostName"])
            if case .string(let host)? = object["hostName"], case .string(let domain)? = object["dnsDomain"] {
                assetHost(.string(host + "." + domain))
            }
        case .nicEvidence:
            assetIP(object["ipAddress"])
        case .ioTDeviceEvidence:
            assetIP(object["ipAddress"])
            visitNested(object["nics"], declared: .nicEvidence, context: context, depth: depth)
        case .hostLogonSessionEvidence:
            visitNested(object["host"], declared: .deviceEvidence, context: context, depth: depth)
            visitNested(object["account"], declared: .userEvidence, context: context, depth: depth)
        case .cloudLogonSessionEvidence:
            visitNested(object["account"], declared: .userEvidence, context: context, depth: depth)
        case .userEvidence:
            assetUserAccount(object["userAccount"])
        case .mailboxEvidence:
            assetEmail(object["primaryAddress"])
            assetEmail(object["upn"])
            assetUserAccount(object["userAccount"])
        case .mailboxConfigurationEvidence:
            assetEmail(object["mailboxPrimaryAddress"])
            assetEmail(object["upn"])
        case .kubernetesPodEvidence:
            assetIP(object["podIp"])
        case .kubernetesServiceEvidence:
            assetIP(object["clusterIP"])
            assetIP(object["externalIPs"])
        case .activeDirectoryDomainEvidence:
            assetHost(object["activeDirectoryDomainName"])
            visitNested(
                object["trustedDomains"], declared: .activeDirectoryDomainEvidence, context: context, depth: depth)
        case .gitHubOrganizationEvidence, .gitHubUserEvidence:
            assetEmail(object["email"])

        // Context with no artifact a control can block (names, ids, cloud resources, registry, containers …).
        case .aiAgentEvidence, .amazonResourceEvidence, .azureResourceEvidence, .blobContainerEvidence,
            .cloudApplicationEvidence, .cloudLogonRequestEvidence, .containerEvidence, .containerImageEvidence,
            .containerRegistryEvidence, .gitHubRepoEvidence, .googleCloudResourceEvidence, .kubernetesClusterEvidence,
            .kubernetesControllerEvidence, .kubernetesNamespaceEvidence, .kubernetesSecretEvidence,
            .kubernetesServiceAccountEvidence, .mailClusterEvidence, .oauthApplicationEvidence, .registryKeyEvidence,
            .registryValueEvidence, .sasTokenEvidence, .securityGroupEvidence, .servicePrincipalEvidence:
            break
        }
    }

    /// A hash with its `fileHashAlgorithm`: `md5`, `sha1`, `sha256` must match the value's length; `unknown` or
    /// none is decided by length; `sha256ac` (an Authenticode hash, not a hash of the file) is skipped.
    mutating func threatHash(_ value: JSON?, algorithm: JSON?, context: Context) {
        switch algorithm?.stringValue?.lowercased() {
        case "md5": threatHash(value, claimed: .md5, context: context)
        case "sha1": threatHash(value, claimed: .sha1, context: context)
        case "sha256": threatHash(value, claimed: .sha256, context: context)
        case "sha256ac": return
        default: threatHash(value, claimed: nil, context: context)
        }
    }

    // MARK: messages

    /// Inbound mail (or mail of unknown direction): the sender's addresses, its sending IP and its URLs are
    /// threats. Outbound and intra-organisation mail was sent by the organisation: its sender is an asset.
    mutating func visitAnalyzedMessage(_ object: JSONObject, context: Context) {
        let direction = object["antiSpamDirection"]?.stringValue?.lowercased() ?? ""
        let internalSender = direction == "outbound" || direction == "intraorg" || direction == "intra-org"
        for key in ["p1Sender", "p2Sender"] {
            guard case .object(let sender)? = object[key] else { continue }
            if internalSender {
                assetEmail(sender["emailAddress"])
            } else {
                threatEmail(sender["emailAddress"], context: context)
            }
        }
        if internalSender {
            assetIP(object["senderIp"])
        } else {
            threatIP(object["senderIp"], context: context)
        }
        if case .array(let urls)? = object["urls"] {
            for url in urls {
                if case .object = url {
                    visitNested(url, declared: .urlEvidence, context: context, depth: 0)
                } else {
                    threatURL(url, context: context)
                }
            }
        }
        assetEmail(object["recipientEmailAddress"])
    }

    /// A message a user reported: sender and sending IP are threats unless the report says it is not junk.
    mutating func visitSubmission(_ object: JSONObject, context: Context) {
        assetEmail(object["recipient"])
        assetEmail(object["submitter"])
        if object["reportType"]?.stringValue?.lowercased() == "notjunk" { return }
        threatEmail(object["sender"], context: context)
        threatIP(object["senderIp"], context: context)
    }

    /// A Teams message: an external sender's address and IP are threats (an internal sender is an asset); its URLs
    /// and files are nested `urlEvidence` / `fileEvidence`; recipients are assets.
    mutating func visitTeamsMessage(_ object: JSONObject, context: Context, depth: Int) {
        if object["isExternal"]?.boolValue == false {
            assetEmail(object["senderFromAddress"])
            assetIP(object["senderIP"])
        } else {
            threatEmail(object["senderFromAddress"], context: context)
            threatIP(object["senderIP"], context: context)
        }
        if case .array(let urls)? = object["urls"] {
            for url in urls {
                if case .string = url {
                    threatURL(url, context: context)  // tolerate plain strings where urlEvidence objects belong
                } else {
                    visitNested(url, declared: .urlEvidence, context: context, depth: depth)
                }
            }
        }
        visitNested(object["files"], declared: .fileEvidence, context: context, depth: depth)
        assetEmail(object["recipients"])
        assetEmail(object["suspiciousRecipients"])
    }
}
