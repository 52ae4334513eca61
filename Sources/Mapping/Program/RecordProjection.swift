import JSON

/// What a program reads of the alerts and incidents it is given, so that pages can be parsed with a
/// `JSONProjection` (`MappingProgram.alertProjection`, `incidentProjection`).
///
/// A job that emits alert or incident records writes them whole: it reads everything. A job that emits indicators or
/// assets reads the evidence walk's members (at any depth: evidence nests), the alert context's, and the first member
/// of every `alert.*` path it has (kept whole). The walk's member names are listed here by hand; the tests compare
/// indicators and assets extracted from projected and from whole pages, over every evidence type the emulator
/// generates and over the shared fixtures, so a name missing from this list fails them.
enum RecordProjection {
    /// Every member name the evidence walk (`EvidenceWalker`) and `AlertContext` read, at any depth (the asset walk
    /// reads these and `copiedMembers`).
    static let walkedMembers: [String] = [
        "@odata.type", "account", "activeDirectoryDomainName", "alerts", "algorithm", "antiSpamDirection",
        "categories", "category", "clusterIP", "createdDateTime", "destinationAddress", "detectionSource",
        "deviceDnsName", "dnsDomain", "dnsServerIp", "domainName", "email", "emailAddress", "evidence", "externalIPs",
        "fileDetails", "fileHashes", "files", "firstActivityDateTime", "host", "hostIpAddress", "hostName", "id",
        "imageFile", "incidentId", "ipAddress", "ipAddresses", "ipInterfaces", "isExternal", "lastActivityDateTime",
        "lastExternalIpAddress", "lastIpAddress", "lastUpdateDateTime", "mailboxPrimaryAddress", "md5",
        "mitreTechniques", "nics", "p1Sender", "p2Sender", "podIp", "primaryAddress", "processes", "recipient",
        "recipientEmailAddress", "recipients", "reportType", "roles", "sender", "senderFromAddress", "senderIP",
        "senderIp", "serviceSource", "severity", "sha1", "sha256", "sourceAddress", "submitter",
        "suspiciousRecipients", "tenantId", "trustedDomains", "upn", "url", "urls", "userAccount",
        "userPrincipalName", "value", "verdict",
    ]

    /// Members whose values the asset walk copies into an asset's attributes (`AssetWalker`): kept whole.
    static let copiedMembers: [String] = [
        "accountName", "agentId", "agentName", "amazonAccountId", "amazonResourceId", "appId", "appOwnerTenantId",
        "azureAdDeviceId", "azureAdUserId", "configurationType", "defenderAvStatus", "deviceDnsName", "deviceId",
        "deviceName", "deviceType", "displayName", "distribution", "dnsDomain", "domainName", "fullResourceName",
        "healthStatus", "hostName", "hostingPlatformType", "instanceName", "ipInterfaces", "lastExternalIpAddress",
        "lastIpAddress", "location", "macAddress", "mailboxPrimaryAddress", "manufacturer", "mdeDeviceId", "model",
        "name", "ntDomain", "objectId", "onboardingStatus", "operatingSystem", "osBuild", "osPlatform", "platform",
        "primaryAddress", "projectId", "publisher", "rbacGroupName", "resourceId", "resourceName", "resourceType",
        "riskScore", "saasAppId", "servicePrincipalName", "servicePrincipalObjectId", "servicePrincipalType", "site",
        "upn", "url", "userPrincipalName", "userSid", "version", "vmMetadata", "zone",
    ]

    static func alert(emit: EmitMode, compiler: MappingCompiler) -> JSONProjection {
        guard emit == .indicators || emit == .assets, !compiler.readsWholeAlert else { return .everything }
        let whole = emit == .assets ? compiler.alertMembersRead.union(copiedMembers) : compiler.alertMembersRead
        return JSONProjection(keys: walkedMembers, whole: whole)
    }

    /// Of an alert whose record is written as Graph's own text (`emit: alerts` without `fields`): what the `where`
    /// conditions and the record id read, and what the evidence walk reads when the record's indicators are wanted.
    /// `nil` when the records are not the alerts themselves.
    static func alertBesidesText(
        emit: EmitMode, hasFields: Bool, compiler: MappingCompiler, includeIndicators: Bool
    ) -> JSONProjection? {
        guard emit == .alerts, !hasFields else { return nil }
        guard !compiler.readsWholeAlert else { return .everything }
        return JSONProjection(
            keys: includeIndicators ? walkedMembers : [],
            whole: compiler.alertMembersRead.union(RecordID.membersRead))
    }

    /// Of an incident, an indicator or asset job reads its `id` and its expanded `alerts`.
    static func incident(emit: EmitMode, compiler: MappingCompiler) -> JSONProjection {
        guard emit == .indicators || emit == .assets else { return .everything }
        return JSONProjection(keys: [String](), whole: ["id"]).reading(
            "alerts", through: alert(emit: emit, compiler: compiler))
    }
}
