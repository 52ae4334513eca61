import Diagnostics

extension MappingCompiler {
    mutating func indicatorPolicy(_ rules: IndicatorRules) -> IndicatorPolicy? {
        var valid = true
        let typeNames = Indicator.Kind.allCases.map(\.rawValue)
        var types = Set(Indicator.Kind.allCases)
        if let written = rules.types {
            types = []
            for name in written {
                if let kind = Indicator.Kind(rawValue: name.value) {
                    types.insert(kind)
                } else {
                    error(
                        "unknown indicator type '\(name.value)'"
                            + Self.suggestion(name.value, among: typeNames, what: "types"),
                        at: name.location)
                    valid = false
                }
            }
            if written.isEmpty {
                warning("'types' is empty: no indicator will be extracted", at: nil)
            }
        }
        let verdictNames = EvidenceVerdict.allCases.map(\.rawValue)
        var verdicts: Set<String> = ["unknown", "suspicious", "malicious"]
        if let written = rules.verdicts {
            verdicts = []
            for name in written {
                if verdictNames.contains(name.value) {
                    verdicts.insert(name.value)
                } else if name.value == "unknownFutureValue" {
                    error(
                        "'unknownFutureValue' is Graph's evolvable-enum sentinel, not a verdict; don't filter on it",
                        at: name.location)
                    valid = false
                } else {
                    error(
                        "unknown verdict '\(name.value)'"
                            + Self.suggestion(name.value, among: verdictNames, what: "verdicts"),
                        at: name.location)
                    valid = false
                }
            }
        }
        let roleNames = EvidenceRoles.names.filter { $0 != "unknownFutureValue" }
        var roles: Set<String>?
        if let written = rules.roles {
            var chosen = Set<String>()
            for name in written {
                if roleNames.contains(name.value) {
                    chosen.insert(name.value)
                } else {
                    error(
                        "unknown evidence role '\(name.value)'"
                            + Self.suggestion(name.value, among: roleNames, what: "roles"),
                        at: name.location)
                    valid = false
                }
            }
            roles = chosen
        }
        var policy = IndicatorPolicy(
            types: types, verdicts: verdicts, roles: roles, includePrivate: rules.includePrivate?.value ?? false)
        if let maxIDs = rules.maxIDs {
            if (1...IndicatorPolicy.maxIDsLimit).contains(maxIDs.value) {
                policy.maxIDs = maxIDs.value
            } else {
                error(
                    "max_ids must be between 1 and \(IndicatorPolicy.maxIDsLimit), not \(maxIDs.value)",
                    at: maxIDs.location)
                valid = false
            }
        }
        for exclusion in rules.exclude {
            switch exclusion {
            case .cidr(let text):
                guard let (range, hostBits) = IPRange.parse(text.value) else {
                    error(
                        "invalid CIDR block '\(text.value)': expected an IPv4 or IPv6 address, optionally with "
                            + "'/' and a prefix length (10.0.0.0/8, 2001:db8::/32)",
                        at: text.location)
                    valid = false
                    continue
                }
                if hostBits {
                    error(
                        "CIDR block '\(text.value)' has host bits set; did you mean '\(range.description)'?",
                        at: text.location)
                    valid = false
                    continue
                }
                policy.exclude(range: range)
            case .domain(let text):
                var name = text.value
                let wildcard = name.hasPrefix("*.")
                if wildcard { name.removeFirst(2) }
                guard !name.contains("*") else {
                    error(
                        "invalid domain exclusion '\(text.value)': a wildcard is a leading '*.' ('*.contoso.com')",
                        at: text.location)
                    valid = false
                    continue
                }
                guard let domain = IndicatorNormalizer.domain(name) else {
                    error("invalid domain exclusion '\(text.value)': not a domain name", at: text.location)
                    valid = false
                    continue
                }
                policy.exclude(domain: domain, withSubdomains: wildcard)
            case .value(let text):
                if !policy.exclude(value: text.value) {
                    error(
                        "exclusion value '\(text.value)' is not an IP address, domain, URL, e-mail address or hash",
                        at: text.location)
                    valid = false
                }
            }
        }
        return valid ? policy : nil
    }
}
