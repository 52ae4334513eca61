import Foundation
import Mapping

/// The distinct indicators of a run: the same (type, value) seen in several records becomes one indicator with
/// the context of all of them (highest severity, earliest first and latest last sighting, counts added, sets joined).
struct IndicatorCollection {
    private struct Key: Hashable {
        var kind: Indicator.Kind
        var value: String
    }

    private var indicators: [Key: Indicator] = [:]

    var count: Int { indicators.count }

    mutating func add(_ indicator: Indicator) {
        let key = Key(kind: indicator.type, value: indicator.value)
        guard var known = indicators[key] else {
            indicators[key] = indicator
            return
        }
        known.severity = max(known.severity, indicator.severity)
        known.firstSeen = [known.firstSeen, indicator.firstSeen].compactMap { $0 }.min()
        known.lastSeen = [known.lastSeen, indicator.lastSeen].compactMap { $0 }.max()
        known.count += indicator.count
        known.alertIDs.formUnion(indicator.alertIDs)
        known.incidentIDs.formUnion(indicator.incidentIDs)
        known.serviceSources.formUnion(indicator.serviceSources)
        known.detectionSources.formUnion(indicator.detectionSources)
        known.mitreTechniques.formUnion(indicator.mitreTechniques)
        known.categories.formUnion(indicator.categories)
        known.roles.formUnion(indicator.roles)
        known.verdicts.formUnion(indicator.verdicts)
        known.evidenceTypes.formUnion(indicator.evidenceTypes)
        indicators[key] = known
    }

    /// By type (in `Indicator.Kind` order), then value.
    var sorted: [Indicator] {
        indicators.values.sorted { lhs, rhs in
            lhs.type != rhs.type ? lhs.type.order < rhs.type.order : lhs.value < rhs.value
        }
    }
}
