/// One threat artifact found in an alert's evidence, normalised, before the job's indicator options judge it.
struct EvidenceFinding: Sendable {
    var kind: Indicator.Kind
    var value: String
    /// For addresses: the parsed address (private-range and CIDR checks).
    var address: IPAddress?
    /// For URLs and e-mail addresses: the host (domain exclusions; the private rule for IP hosts).
    var host: IndicatorNormalizer.URLHost?
    /// The `@odata.type` name of the alert's evidence entry the artifact came from (nested or not).
    var evidenceType: EvidenceKind
    var roles: EvidenceRoles
    var verdict: EvidenceVerdict
}

/// What a walk over one alert's evidence found: threat artifacts, and the organisation's own assets, whose values
/// (device addresses and names, users' and mailboxes' addresses, the AD domain) are never indicators.
struct EvidenceFindings: Sendable {
    var threats: [EvidenceFinding] = []
    /// Normalised asset values: IP addresses (canonical), host names, e-mail addresses.
    var assets: [String] = []
    /// Evidence entries whose `@odata.type` is not one temsync knows (skipped).
    var unknownTypes = 0

    mutating func addAsset(_ value: String) {
        if !assets.contains(value) { assets.append(value) }
    }
}
