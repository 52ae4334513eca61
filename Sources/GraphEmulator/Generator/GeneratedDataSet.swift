import Foundation
import JSON

/// The generated data set without a server: the same records, byte for byte, that an emulator with these options
/// serves to a client sending `Prefer: include-unknown-enum-members` (for mapping tests and benchmarks that need
/// realistic alerts but no HTTP).
public struct GeneratedDataSet: Sendable {
    let generator: DataGenerator

    /// `options.end` nil means now, as in the emulator; pass a date for reproducible records.
    public init(_ options: GeneratorOptions) {
        generator = DataGenerator(options: options, end: options.end ?? Date())
    }

    public var alertCount: Int { generator.alertCount }
    public var incidentCount: Int { generator.incidentCount }

    /// The JSON text of alert `index` (0-based, in generation order).
    public func alertBytes(_ index: Int, includeUnknownEnumMembers: Bool = true) -> [UInt8] {
        RecordRenderer(generator: generator).render(.generatedAlert(index), includeUnknown: includeUnknownEnumMembers)
    }

    public func alert(_ index: Int) -> JSON {
        // The generator writes valid JSON; a failure here is a bug in the generator.
        try! JSON(parsing: alertBytes(index))
    }

    /// Incident `index`, with its alerts in an `alerts` member when `expandAlerts` (as `$expand=alerts`).
    public func incident(_ index: Int, expandAlerts: Bool = false) -> JSON {
        let own = RecordBody.generatedIncident(index)
        let body: RecordBody =
            expandAlerts ? .withAlerts(own, generator.alertRange(ofIncident: index).map { .generatedAlert($0) }) : own
        return try! JSON(parsing: RecordRenderer(generator: generator).render(body, includeUnknown: true))
    }

    /// The id of alert `index` (as served by alerts_v2).
    public func alertID(_ index: Int) -> String { generator.alertID(index) }
    public func incidentID(_ index: Int) -> String { generator.incidentID(index) }
}
