import JSON

extension EvidenceWalker {
    /// One evidence object of a known type: the per-type rules of `docs/INDICATORS.md`.
    mutating func visit(_ object: JSONObject, as kind: EvidenceKind, context: Context, depth: Int) {
        switch kind {
        // Threat artifacts.
        case .ipEvidence:
            threatIP(object.member("ipAddress"), context: context)
        case .urlEvidence:
            threatURL(object.member("url"), context: context)
        case .dnsEvidence:
            threatDomain(object.member("domainName"), context: context)
            if case .array(let resolved)? = object.member("ipAddresses") {
                for case .object(let address) in resolved {
                    threatIP(address.member("ipAddress"), context: nested(address, in: context))
                }
            }
            assetIP(object.member("hostIpAddress"))  // the device that asked
            assetIP(object.member("dnsServerIp"))  // the resolver: infrastructure, never a threat
        case .fileEvidence:
            threatFileDetails(object.member("fileDetails"), context: context)
        case .fileHashEvidence:
            threatHash(object.member("value"), algorithm: object.member("algorithm"), context: context)
        case .processEvidence:
            threatFileDetails(object.member("imageFile"), context: context)
            assetUserAccount(object.member("userAccount"))
        case .malwareEvidence:
            visitNested(object.member("files"), declared: .fileEvidence, context: context, depth: depth)
            visitNested(object.member("processes"), declared: .processEvidence, context: context, depth: depth)
        case .blobEvidence:
            if case .array(let hashes)? = object.member("fileHashes") {
                for case .object(let hash) in hashes {
                    threatHash(hash.member("value"), algorithm: hash.member("algorithm"), context: context)
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
                    source: endpoint(object.member("sourceAddress"), context: context),
                    destination: endpoint(object.member("destinationAddress"), context: context), context: context))

        // The organisation's own assets: remembered so that their values never become indicators.
        case .deviceEvidence:
            assetIP(object.member("ipInterfaces"))
            assetIP(object.member("lastIpAddress"))
            assetIP(object.member("lastExternalIpAddress"))
            assetHost(object.member("deviceDnsName"))
            assetHost(object.member("hostName"))
            if case .string(let host)? = object.member("hostName"),
                case .string(let domain)? = object.member("dnsDomain")
            {
                assetHost(.string(host + "." + domain))
            }
        case .nicEvidence:
            assetIP(object.member("ipAddress"))
        case .ioTDeviceEvidence:
            assetIP(object.member("ipAddress"))
            visitNested(object.member("nics"), declared: .nicEvidence, context: context, depth: depth)
        case .hostLogonSessionEvidence:
            visitNested(object.member("host"), declared: .deviceEvidence, context: context, depth: depth)
            visitNested(object.member("account"), declared: .userEvidence, context: context, depth: depth)
        case .cloudLogonSessionEvidence:
            visitNested(object.member("account"), declared: .userEvidence, context: context, depth: depth)
        case .userEvidence:
            assetUserAccount(object.member("userAccount"))
        case .mailboxEvidence:
            assetEmail(object.member("primaryAddress"))
            assetEmail(object.member("upn"))
            assetUserAccount(object.member("userAccount"))
        case .mailboxConfigurationEvidence:
            assetEmail(object.member("mailboxPrimaryAddress"))
            assetEmail(object.member("upn"))
        case .kubernetesPodEvidence:
            assetIP(object.member("podIp"))
        case .kubernetesServiceEvidence:
            assetIP(object.member("clusterIP"))
            assetIP(object.member("externalIPs"))
        case .activeDirectoryDomainEvidence:
            assetHost(object.member("activeDirectoryDomainName"))
            visitNested(
                object.member("trustedDomains"), declared: .activeDirectoryDomainEvidence, context: context,
                depth: depth)
        case .gitHubOrganizationEvidence, .gitHubUserEvidence:
            assetEmail(object.member("email"))

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
        let direction = object.member("antiSpamDirection")?.stringValue?.lowercased() ?? ""
        let internalSender = direction == "outbound" || direction == "intraorg" || direction == "intra-org"
        for key in ["p1Sender", "p2Sender"] {
            guard case .object(let sender)? = object.member(key) else { continue }
            if internalSender {
                assetEmail(sender.member("emailAddress"))
            } else {
                threatEmail(sender.member("emailAddress"), context: context)
            }
        }
        if internalSender {
            assetIP(object.member("senderIp"))
        } else {
            threatIP(object.member("senderIp"), context: context)
        }
        if case .array(let urls)? = object.member("urls") {
            for url in urls {
                if case .object = url {
                    visitNested(url, declared: .urlEvidence, context: context, depth: 0)
                } else {
                    threatURL(url, context: context)
                }
            }
        }
        assetEmail(object.member("recipientEmailAddress"))
    }

    /// A message a user reported: sender and sending IP are threats unless the report says it is not junk.
    mutating func visitSubmission(_ object: JSONObject, context: Context) {
        assetEmail(object.member("recipient"))
        assetEmail(object.member("submitter"))
        if object.member("reportType")?.stringValue?.lowercased() == "notjunk" { return }
        threatEmail(object.member("sender"), context: context)
        threatIP(object.member("senderIp"), context: context)
    }

    /// A Teams message: an external sender's address and IP are threats (an internal sender is an asset); its URLs
    /// and files are nested `urlEvidence` / `fileEvidence`; recipients are assets.
    mutating func visitTeamsMessage(_ object: JSONObject, context: Context, depth: Int) {
        if object.member("isExternal")?.boolValue == false {
            assetEmail(object.member("senderFromAddress"))
            assetIP(object.member("senderIP"))
        } else {
            threatEmail(object.member("senderFromAddress"), context: context)
            threatIP(object.member("senderIP"), context: context)
        }
        if case .array(let urls)? = object.member("urls") {
            for url in urls {
                if case .string = url {
                    threatURL(url, context: context)  // tolerate plain strings where urlEvidence objects belong
                } else {
                    visitNested(url, declared: .urlEvidence, context: context, depth: depth)
                }
            }
        }
        visitNested(object.member("files"), declared: .fileEvidence, context: context, depth: depth)
        assetEmail(object.member("recipients"))
        assetEmail(object.member("suspiciousRecipients"))
    }
}

extension EvidenceKind {
    /// Kinds whose objects `EvidenceWalker.visit` reads nothing from (the last group of its cases): the walk skips
    /// them without reading their verdict and roles.
    var isContextOnly: Bool {
        switch self {
        case .aiAgentEvidence, .amazonResourceEvidence, .azureResourceEvidence, .blobContainerEvidence,
            .cloudApplicationEvidence, .cloudLogonRequestEvidence, .containerEvidence, .containerImageEvidence,
            .containerRegistryEvidence, .gitHubRepoEvidence, .googleCloudResourceEvidence, .kubernetesClusterEvidence,
            .kubernetesControllerEvidence, .kubernetesNamespaceEvidence, .kubernetesSecretEvidence,
            .kubernetesServiceAccountEvidence, .mailClusterEvidence, .oauthApplicationEvidence, .registryKeyEvidence,
            .registryValueEvidence, .sasTokenEvidence, .securityGroupEvidence, .servicePrincipalEvidence:
            true
        default:
            false
        }
    }
}
