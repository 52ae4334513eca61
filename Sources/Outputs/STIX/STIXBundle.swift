import Crypto
import Foundation
import JSON
import Mapping

/// Builds the STIX 2.1 objects of a bundle: the producer's `identity`, then one `indicator` per distinct indicator.
///
/// Everything is deterministic: ids are UUIDv5 (the indicator's own `Indicator.id`; the identity's over its name),
/// timestamps come from the indicator's sightings (the run's start when Defender gave none), the bundle id is a
/// UUIDv5 over the objects' ids and `modified` times. The same input always gives the same bytes.
struct STIXBundle {
    /// The identity's `created`/`modified`: fixed, so the identity object never changes between runs.
    static let identityTimestamp = "2026-01-01T00:00:00.000Z"
    /// Alert and incident references per indicator, at most (the most recent ids are not known; the first by id).
    static let maxReferences = 20

    let identityName: String
    let validFor: Duration?
    let fallbackTime: Date

    var identityID: String { "identity--" + STIXIdentifier.uuid5(name: "stix-identity|" + identityName) }

    var identity: JSON {
        [
            "type": "identity", "spec_version": "2.1", "id": .string(identityID),
            "created": .string(Self.identityTimestamp), "modified": .string(Self.identityTimestamp),
            "name": .string(identityName), "identity_class": "system",
            "description": "Exports threat indicators from Microsoft Defender XDR alerts (temsync)",
        ]
    }

    static func indicatorID(_ indicator: Indicator) -> String {
        let uuid =
            STIXIdentifier.isUUID(indicator.id)
            ? indicator.id
            : STIXIdentifier.uuid5(
                namespace: STIXIdentifier.indicatorNamespace, name: indicator.type.rawValue + "|" + indicator.value)
        return "indicator--" + uuid
    }

    func object(for indicator: Indicator) -> JSON {
        let created = indicator.firstSeen ?? indicator.lastSeen ?? fallbackTime
        let modified = max(indicator.lastSeen ?? created, created)
        var object: JSONObject = [
            "type": "indicator", "spec_version": "2.1", "id": .string(Self.indicatorID(indicator)),
            "created_by_ref": .string(identityID),
            "created": .string(Timestamp.format(created)), "modified": .string(Timestamp.format(modified)),
            "name": .string(indicator.value), "description": .string(description(indicator)),
            "indicator_types": [.string(indicatorType(indicator))],
            "pattern": .string(STIXPattern.make(indicator.type, indicator.value)),
            "pattern_type": "stix", "pattern_version": "2.1",
            "valid_from": .string(Timestamp.format(created)),
        ]
        if let validFor {
            object["valid_until"] = .string(Timestamp.format(modified.addingTimeInterval(max(validFor.seconds, 0.001))))
        }
        if let confidence = Self.confidence(indicator.severity) { object["confidence"] = .int(confidence) }
        object["labels"] = .array(labels(indicator).map(JSON.string))
        let references = externalReferences(indicator)
        if !references.isEmpty { object["external_references"] = .array(references) }
        return .object(object)
    }

    /// STIX's "None/Low/Med/High" confidence scale (STIX 2.1 Appendix A) over Defender's severity.
    static func confidence(_ severity: Severity) -> Int? {
        switch severity {
        case .high: 85
        case .medium: 50
        case .low: 15
        case .informational: 0
        case .unknown: nil
        }
    }

    private func indicatorType(_ indicator: Indicator) -> String {
        let verdicts = Set(indicator.verdicts.map { $0.lowercased() })
        if verdicts.contains("malicious") || indicator.severity >= .medium { return "malicious-activity" }
        if verdicts.contains("suspicious") || indicator.severity >= .informational { return "anomalous-activity" }
        return "unknown"
    }

    private func labels(_ indicator: Indicator) -> [String] {
        ["severity:" + indicator.severity.rawValue]
            + indicator.verdicts.map { "verdict:" + $0.lowercased() }.sorted()
    }

    private func description(_ indicator: Indicator) -> String {
        let alerts = indicator.alertIDs.count
        let seen =
            alerts == 0
            ? "from Microsoft Defender XDR" : "seen in \(alerts) Microsoft Defender XDR alert\(alerts == 1 ? "" : "s")"
        return "\(STIXPattern.noun(indicator.type)) \(seen) (highest severity: \(indicator.severity.rawValue))"
    }

    private func externalReferences(_ indicator: Indicator) -> [JSON] {
        var references: [JSON] = []
        for alert in indicator.alertIDs.sorted().prefix(Self.maxReferences) {
            references.append([
                "source_name": "microsoft-defender-xdr", "description": "alert", "external_id": .string(alert),
                "url": .string("https://security.microsoft.com/alerts/" + Self.pathSegment(alert)),
            ])
        }
        for incident in indicator.incidentIDs.sorted().prefix(Self.maxReferences) {
            references.append([
                "source_name": "microsoft-defender-xdr", "description": "incident", "external_id": .string(incident),
                "url": .string("https://security.microsoft.com/incidents/" + Self.pathSegment(incident)),
            ])
        }
        for technique in indicator.mitreTechniques.sorted() {
            guard let url = Self.attackURL(technique) else { continue }
            references.append(["source_name": "mitre-attack", "external_id": .string(technique), "url": .string(url)])
        }
        return references
    }

    /// `T1566.001` → `https://attack.mitre.org/techniques/T1566/001/`; `nil` for anything not shaped so.
    static func attackURL(_ technique: String) -> String? {
        let parts = technique.split(separator: ".", omittingEmptySubsequences: false)
        guard let base = parts.first, base.count == 5, base.first == "T", base.dropFirst().allSatisfy(\.isASCII),
            base.dropFirst().allSatisfy(\.isNumber), parts.count <= 2,
            parts.count == 1 || (parts[1].count == 3 && parts[1].allSatisfy { $0.isASCII && $0.isNumber })
        else { return nil }
        return "https://attack.mitre.org/techniques/" + parts.joined(separator: "/") + "/"
    }

    private static func pathSegment(_ id: String) -> String {
        id.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/")))
            ?? id
    }

    /// `bundle--` + UUIDv5 over the objects' ids and `modified` times (fed to `BundleID.add` in order).
    struct BundleID {
        private var hash = SHA256()

        mutating func add(id: String, modified: String) {
            hash.update(data: Array((id + "|" + modified + "\n").utf8))
        }

        func finish() -> String {
            let digest = hash.finalize().map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
            return "bundle--" + STIXIdentifier.uuid5(name: "stix-bundle|" + digest)
        }
    }

    /// The `modified` an indicator's object gets (for the bundle id, without building the object).
    func modified(_ indicator: Indicator) -> String {
        let created = indicator.firstSeen ?? indicator.lastSeen ?? fallbackTime
        return Timestamp.format(max(indicator.lastSeen ?? created, created))
    }
}
