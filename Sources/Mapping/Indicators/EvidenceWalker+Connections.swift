import JSON

extension EvidenceWalker {
    /// One end of a `networkConnectionEvidence` (an `ipEvidence`, or tolerated: a bare address string).
    func endpoint(_ value: JSON?, context: Context) -> Endpoint? {
        switch value {
        case .object(let object)?:
            guard case .string(let text)? = object.member("ipAddress"),
                let (address, value) = IndicatorNormalizer.ipValue(text)
            else { return nil }
            let own = nested(object, in: context)
            // The connection's own roles describe the connection, not this end: only the end's roles count here.
            return Endpoint(
                address: address, value: value, roles: EvidenceRoles(object.member("roles")), verdict: own.verdict)
        case .string(let text)?:
            guard let address = IndicatorNormalizer.ip(text) else { return nil }
            return Endpoint(
                address: address, value: address.canonical, roles: EvidenceRoles(), verdict: context.verdict)
        default:
            return nil
        }
    }

    /// Decides which end of each network connection is the remote one, once the rest of the alert is known:
    ///
    /// 1. An end whose own roles say threat (`attacker`, `commandAndControl`, `suspicious`), or whose address the
    ///    alert names as a threat elsewhere (an `ipEvidence`, a resolved address), is remote, unless it is also
    ///    the organisation's.
    /// 2. Otherwise an end that is the organisation's (roles `compromised`/`attacked`, or an address of a device in
    ///    the alert) is local, and the other end is remote.
    /// 3. Otherwise, when exactly one end is a public address, that end is remote.
    /// 4. Otherwise the destination is remote: Defender records the connections a device makes, and a connection is
    ///    evidence because of where it went (command and control, exfiltration, a bad site). A connection with
    ///    only a source and nothing known about it gives nothing: better a missed indicator than the
    ///    organisation's own address on a blocklist.
    ///
    /// An end with a victim role becomes an asset of the alert; other local ends are merely not emitted.
    mutating func resolveConnections() {
        guard !connections.isEmpty else { return }
        // Addresses the alert names as threats elsewhere: those found before the connections are resolved.
        let namedThreatCount = findings.threats.count
        func isNamedThreat(_ value: String) -> Bool {
            for index in 0..<namedThreatCount {
                let finding = findings.threats[index]
                if finding.kind == .ipv4 || finding.kind == .ipv6, finding.value == value { return true }
            }
            return false
        }
        func isLocal(_ end: Endpoint?) -> Bool {
            guard let end else { return false }
            return end.roles.contains(any: EvidenceRoles.victim) || findings.assets.contains(end.value)
        }
        func isThreat(_ end: Endpoint?) -> Bool {
            guard let end else { return false }
            return end.roles.contains(any: EvidenceRoles.threat) || isNamedThreat(end.value)
        }
        for connection in connections {
            let source = connection.source
            let destination = connection.destination
            let sourceLocal = isLocal(source)
            let destinationLocal = isLocal(destination)
            let sourceRemote = isThreat(source) && !sourceLocal
            let destinationRemote = isThreat(destination) && !destinationLocal
            // At most two remote ends, source first.
            var remote: (Endpoint?, Endpoint?) = (nil, nil)
            if sourceRemote || destinationRemote {
                remote = (sourceRemote ? source : nil, destinationRemote ? destination : nil)
            } else if let source, let destination {
                if sourceLocal != destinationLocal {
                    remote.0 = sourceLocal ? destination : source
                } else if !sourceLocal {
                    let sourcePublic = SpecialAddress.reason(source.address) == nil
                    let destinationPublic = SpecialAddress.reason(destination.address) == nil
                    remote.0 = sourcePublic && !destinationPublic ? source : destination
                }  // else: both ends are the organisation's (lateral movement between its own devices)
            } else if source == nil, let destination, !destinationLocal {
                remote.0 = destination
            }
            if let source, source.roles.contains(any: EvidenceRoles.victim) { findings.addAsset(source.value) }
            if let destination, destination.roles.contains(any: EvidenceRoles.victim) {
                findings.addAsset(destination.value)
            }
            if let end = remote.0 { threat(remoteEnd: end, of: connection) }
            if let end = remote.1 { threat(remoteEnd: end, of: connection) }
        }
    }

    /// Records the remote end of a connection as a threat, with the end's own verdict and roles.
    private mutating func threat(remoteEnd end: Endpoint, of connection: PendingConnection) {
        var context = connection.context
        context.verdict = end.verdict
        if !end.roles.isEmpty { context.roles = end.roles }
        threat(end.address.isV4 ? .ipv4 : .ipv6, end.value, address: end.address, context: context)
    }
}
