import JSON

/// Finds the organisation's own assets in one alert's evidence (docs/INDICATORS.md, "The organisation's assets").
enum AssetWalker {
    static func walk(alert: JSON) -> [AssetFinding] {
        var found: [AssetFinding] = []
        guard case .array(let evidence)? = alert.member("evidence") else { return found }
        for case .object(let object) in evidence {
            guard case .string(let type)? = object.member("@odata.type"), let kind = EvidenceKind(odataType: type)
            else { continue }
            let context = EvidenceWalker.Context(
                top: kind, verdict: EvidenceVerdict(object.member("verdict")),
                roles: EvidenceRoles(object.member("roles")))
            visit(object, as: kind, context: context, into: &found)
        }
        return found
    }

    static func visit(
        _ object: JSONObject, as kind: EvidenceKind, context: EvidenceWalker.Context, into found: inout [AssetFinding]
    ) {
        func add(_ asset: AssetKind, key: String?, name: String?, _ keys: [String]) {
            guard let key, !key.isEmpty else { return }
            let attributes = keys.compactMap { name in object.member(name).flatMap { $0.isNull ? nil : (name, $0) } }
            found.append(
                AssetFinding(
                    kind: asset, key: key, name: name, attributes: attributes, evidenceType: context.top,
                    roles: context.roles, verdict: context.verdict))
        }
        func text(_ name: String) -> String? {
            guard case .string(let value)? = object.member(name), !value.isEmpty else { return nil }
            return value
        }
        func nested(_ name: String, as nestedKind: EvidenceKind) {
            guard case .object(let inner)? = object.member(name) else { return }
            visit(inner, as: nestedKind, context: context, into: &found)
        }
        switch kind {
        case .deviceEvidence:
            let name = text("deviceDnsName") ?? text("hostName")
            add(
                .device, key: (text("mdeDeviceId") ?? text("azureAdDeviceId") ?? name)?.lowercased(), name: name,
                [
                    "deviceDnsName", "hostName", "dnsDomain", "ntDomain", "mdeDeviceId", "azureAdDeviceId",
                    "osPlatform", "osBuild", "version", "healthStatus", "riskScore", "onboardingStatus",
                    "defenderAvStatus", "rbacGroupName", "ipInterfaces", "lastIpAddress", "lastExternalIpAddress",
                    "vmMetadata",
                ])
        case .ioTDeviceEvidence:
            add(
                .device, key: (text("deviceId") ?? text("deviceName"))?.lowercased(), name: text("deviceName"),
                [
                    "deviceId", "deviceName", "deviceType", "manufacturer", "model", "operatingSystem", "macAddress",
                    "site", "zone",
                ])
        case .hostLogonSessionEvidence:
            nested("host", as: .deviceEvidence)
            nested("account", as: .userEvidence)
        case .cloudLogonSessionEvidence:
            nested("account", as: .userEvidence)
        case .userEvidence:
            account(object.member("userAccount"), context: context, strict: false, into: &found)
        case .processEvidence:
            // Processes run as SYSTEM and service accounts too: only accounts that name a person in Entra count.
            account(object.member("userAccount"), context: context, strict: true, into: &found)
        case .mailboxEvidence:
            let address = text("primaryAddress") ?? text("upn")
            add(
                .mailbox, key: address?.lowercased(), name: text("displayName") ?? address,
                ["primaryAddress", "upn", "displayName"])
        case .mailboxConfigurationEvidence:
            let address = text("mailboxPrimaryAddress") ?? text("upn")
            add(
                .mailbox, key: address?.lowercased(), name: text("displayName") ?? address,
                ["mailboxPrimaryAddress", "upn", "displayName", "configurationType"])
        case .oauthApplicationEvidence:
            add(
                .application, key: text("appId")?.lowercased(), name: text("displayName"),
                ["appId", "objectId", "displayName", "publisher"])
        case .cloudApplicationEvidence:
            let id =
                object.member("appId").flatMap(ValueText.scalar) ?? object.member("saasAppId").flatMap(ValueText.scalar)
            add(
                .application, key: id, name: text("displayName"), ["appId", "saasAppId", "displayName", "instanceName"])
        case .aiAgentEvidence:
            add(
                .application, key: text("agentId")?.lowercased(), name: text("agentName"),
                ["agentId", "agentName", "hostingPlatformType"])
        case .servicePrincipalEvidence:
            add(
                .servicePrincipal, key: (text("servicePrincipalObjectId") ?? text("appId"))?.lowercased(),
                name: text("servicePrincipalName"),
                [
                    "servicePrincipalObjectId", "appId", "servicePrincipalName", "servicePrincipalType",
                    "appOwnerTenantId",
                ])
        case .azureResourceEvidence:
            add(
                .cloudResource, key: text("resourceId")?.lowercased(), name: text("resourceName"),
                ["resourceId", "resourceName", "resourceType"])
        case .amazonResourceEvidence:
            add(
                .cloudResource, key: text("amazonResourceId"), name: text("resourceName"),
                ["amazonResourceId", "amazonAccountId", "resourceName", "resourceType"])
        case .googleCloudResourceEvidence:
            add(
                .cloudResource, key: text("fullResourceName"), name: text("resourceName"),
                ["fullResourceName", "projectId", "resourceName", "resourceType", "location"])
        case .blobContainerEvidence:
            add(.cloudResource, key: text("url")?.lowercased(), name: text("name"), ["url", "name"])
        case .analyzedMessageEvidence:
            mailbox(text("recipientEmailAddress"), context: context, into: &found)
        case .submissionMailEvidence:
            mailbox(text("recipient"), context: context, into: &found)
        case .kubernetesClusterEvidence:
            add(
                .cloudResource, key: text("name").map { "kubernetes:" + $0 }, name: text("name"),
                ["name", "platform", "distribution", "version"])
        default:
            break
        }
    }

    /// A recipient's mailbox, known only by its address.
    static func mailbox(_ address: String?, context: EvidenceWalker.Context, into found: inout [AssetFinding]) {
        guard let address, let (normalised, _) = IndicatorNormalizer.email(address) else { return }
        found.append(
            AssetFinding(
                kind: .mailbox, key: normalised, name: address, attributes: [("primaryAddress", .string(address))],
                evidenceType: context.top, roles: context.roles, verdict: context.verdict))
    }

    static func account(_ value: JSON?, context: EvidenceWalker.Context, strict: Bool, into found: inout [AssetFinding])
    {
        guard case .object(let account)? = value else { return }
        func text(_ name: String) -> String? {
            guard case .string(let value)? = account.member(name), !value.isEmpty else { return nil }
            return value
        }
        let upn = text("userPrincipalName")?.lowercased()
        var key = text("azureAdUserId")?.lowercased() ?? upn
        if key == nil, !strict {
            key =
                text("userSid")
                ?? text("accountName").map { (text("domainName").map { $0 + "\\" } ?? "") + $0 }?.lowercased()
        }
        guard let key else { return }
        let attributes = ["userPrincipalName", "azureAdUserId", "userSid", "accountName", "domainName", "displayName"]
            .compactMap { name in account.member(name).flatMap { $0.isNull ? nil : (name, $0) } }
        found.append(
            AssetFinding(
                kind: .user, key: key, name: text("displayName") ?? text("userPrincipalName") ?? text("accountName"),
                attributes: attributes, evidenceType: context.top, roles: context.roles, verdict: context.verdict))
    }
}
