import JSON

/// Walks one alert's `evidence`, recursively, and sorts what it finds into threat artifacts and the organisation's
/// own assets. Which field of which evidence type feeds which indicator type, and why, is `docs/INDICATORS.md`;
/// this file is its implementation and must stay in step with it.
///
/// The walk is driven by the schema, not by a blind descent: an `ipEvidence` inside a `kubernetesPodEvidence` is the
/// pod's own address (an asset), while one inside `dnsEvidence.ipAddresses` is a resolved address (a threat).
struct EvidenceWalker {
    /// The deepest nesting followed; Graph nests two or three levels, anything deeper is not evidence.
    static let maxDepth = 16

    struct Context {
        var top: EvidenceKind
        var verdict: EvidenceVerdict
        var roles: EvidenceRoles
    }

    struct Endpoint {
        var address: IPAddress
        var value: String
        var roles: EvidenceRoles
        var verdict: EvidenceVerdict
    }

    struct PendingConnection {
        var source: Endpoint?
        var destination: Endpoint?
        var context: Context
    }

    var findings = EvidenceFindings()
    var connections: [PendingConnection] = []

    init() {
        findings.threats.reserveCapacity(8)
        findings.assets.reserveCapacity(8)
    }

    /// Everything found in `alert.member("evidence")`; nothing when it is missing, null or not a list.
    static func walk(alert: JSON) -> EvidenceFindings {
        var walker = EvidenceWalker()
        guard case .array(let evidence)? = alert.member("evidence") else { return walker.findings }
        for item in evidence {
            guard case .object(let object) = item else { continue }
            guard case .string(let type)? = object.member("@odata.type"), let kind = EvidenceKind(odataType: type)
            else {
                walker.findings.unknownTypes += 1
                continue
            }
            if kind.isContextOnly { continue }
            let context = Context(
                top: kind, verdict: EvidenceVerdict(object.member("verdict")),
                roles: EvidenceRoles(object.member("roles")))
            walker.visit(object, as: kind, context: context, depth: 0)
        }
        walker.resolveConnections()
        return walker.findings
    }

    // MARK: context

    /// The context of a nested evidence object: its own verdict and roles when it carries them, else its parent's.
    func nested(_ object: JSONObject, in context: Context) -> Context {
        var result = context
        if case .string = object.member("verdict") { result.verdict = EvidenceVerdict(object.member("verdict")) }
        let roles = EvidenceRoles(object.member("roles"))
        if !roles.isEmpty { result.roles = roles }
        return result
    }

    /// Visits a nested evidence object declared as `declared`; its own `@odata.type` wins when it names a known type.
    mutating func visitNested(_ value: JSON?, declared: EvidenceKind, context: Context, depth: Int) {
        guard depth < Self.maxDepth else { return }
        switch value {
        case .object(let object)?:
            var kind = declared
            if case .string(let type)? = object.member("@odata.type"), let actual = EvidenceKind(odataType: type) {
                kind = actual
            }
            visit(object, as: kind, context: nested(object, in: context), depth: depth + 1)
        case .array(let items)?:
            for item in items { visitNested(item, declared: declared, context: context, depth: depth) }
        default:
            break
        }
    }

    // MARK: recording

    mutating func threat(
        _ kind: Indicator.Kind, _ value: String, address: IPAddress? = nil, host: IndicatorNormalizer.URLHost? = nil,
        context: Context
    ) {
        findings.threats.append(
            EvidenceFinding(
                kind: kind, value: value, address: address, host: host, evidenceType: context.top,
                roles: context.roles, verdict: context.verdict))
    }

    mutating func threatIP(_ value: JSON?, context: Context) {
        guard case .string(let text)? = value, let (address, canonical) = IndicatorNormalizer.ipValue(text) else {
            return
        }
        if context.roles.contains(any: EvidenceRoles.victim) {
            findings.addAsset(canonical)
        } else {
            threat(address.isV4 ? .ipv4 : .ipv6, canonical, address: address, context: context)
        }
    }

    mutating func threatURL(_ value: JSON?, context: Context) {
        guard case .string(let text)? = value, let (url, host) = IndicatorNormalizer.url(text) else { return }
        if context.roles.contains(any: EvidenceRoles.victim) {
            findings.addAsset(url)
        } else {
            threat(.url, url, host: host, context: context)
        }
    }

    mutating func threatDomain(_ value: JSON?, context: Context) {
        guard case .string(let text)? = value, let domain = IndicatorNormalizer.domain(text) else { return }
        if context.roles.contains(any: EvidenceRoles.victim) {
            findings.addAsset(domain)
        } else {
            threat(.domain, domain, host: .domain(domain), context: context)
        }
    }

    mutating func threatEmail(_ value: JSON?, context: Context) {
        guard case .string(let text)? = value, let (email, domain) = IndicatorNormalizer.email(text) else { return }
        if context.roles.contains(any: EvidenceRoles.victim) {
            findings.addAsset(email)
        } else {
            threat(.email, email, host: .domain(domain), context: context)
        }
    }

    mutating func threatHash(_ value: JSON?, claimed: Indicator.Kind?, context: Context) {
        guard case .string(let text)? = value, let (kind, hash) = IndicatorNormalizer.hash(text, claimed: claimed)
        else { return }
        threat(kind, hash, context: context)
    }

    /// The hashes of a `fileDetails` object (`sha256Ac`, an Authenticode hash, is not a file hash and is skipped).
    mutating func threatFileDetails(_ value: JSON?, context: Context) {
        guard case .object(let details)? = value else { return }
        threatHash(details.member("sha256"), claimed: .sha256, context: context)
        threatHash(details.member("sha1"), claimed: .sha1, context: context)
        threatHash(details.member("md5"), claimed: .md5, context: context)
    }

    mutating func assetIP(_ value: JSON?) {
        switch value {
        case .string(let text)?:
            if let (_, value) = IndicatorNormalizer.ipValue(text) { findings.addAsset(value) }
        case .array(let items)?:
            for item in items { assetIP(item) }
        case .object(let object)?:  // an ipEvidence
            assetIP(object.member("ipAddress"))
        default:
            break
        }
    }

    mutating func assetHost(_ value: JSON?) {
        guard case .string(let text)? = value, let domain = IndicatorNormalizer.domain(text) else { return }
        findings.addAsset(domain)
    }

    mutating func assetEmail(_ value: JSON?) {
        switch value {
        case .string(let text)?:
            if let (email, _) = IndicatorNormalizer.email(text) { findings.addAsset(email) }
        case .array(let items)?:
            for item in items { assetEmail(item) }
        default:
            break
        }
    }

    mutating func assetUserAccount(_ value: JSON?) {
        guard case .object(let account)? = value else { return }
        assetEmail(account.member("userPrincipalName"))
    }
}
