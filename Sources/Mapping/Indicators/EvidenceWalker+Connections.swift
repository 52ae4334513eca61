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
        let namedThreats = findings.threats.filter { $0.kind == .ipv4 || $0.kind == .ipv6 }.map(\.value)
        for connection in connections {
            let ends = [connection.source, connection.destination]
            let local = ends.map { end in
                end.map { $0.roles.contains(any: EvidenceRoles.victim) || findings.assets.contains($0.value) } ?? false
            }
            let isThreat = ends.map { end in
                end.map { $0.roles.contains(any: EvidenceRoles.threat) || namedThreats.contains($0.value) } ?? false
            }
            var remote: [Endpoint] = []
            if (isThreat[0] && !local[0]) || (isThreat[1] && !local[1]) {
                for index in 0..<2 where isThreat[index] && !local[index] { remote.append(ends[index]!) }
            } else if let source = ends[0], let destination = ends[1] {
                if local[0] != local[1] {
                    remote.append(local[0] ? destination : source)
                } else if !local[0] {
                    let sourcePublic = SpecialAddress.reason(source.address) == nil
                    let destinationPublic = SpecialAddress.reason(destination.address) == nil
                    remote.append(sourcePublic && !destinationPublic ? source : destination)
                }  // else: both ends are the organisation's (lateral movement between its own devices)
            } else if ends[0] == nil, let destination = ends[1], !local[1] {
                remote.append(destination)
            }
            for end in ends.compactMap({ $0 }) where end.roles.contains(any: EvidenceRoles.victim) {
                findings.addAsset(end.value)
            }
            for end in remote {
                var context = connection.context
                context.verdict = end.verdict
                if !end.roles.isEmpty { context.roles = end.roles }
                threat(end.address.isV4 ? .ipv4 : .ipv6, end.value, address: end.address, context: context)
            }
        }
    }
}
