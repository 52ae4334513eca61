import Foundation
import JSON

/// The records an emulator starts with.
public enum DataSet: Sendable {
    /// Nothing; tests add records through the store.
    case empty
    /// A seeded, deterministic data set of incidents and their alerts.
    case generated(GeneratorOptions)
    /// Records served as given (their members, order and values untouched). Incidents may carry their alerts in
    /// an `alerts` member (as `$expand=alerts` returns them): those become the incident's alerts and are served
    /// by alerts_v2 too.
    case documents(alerts: [JSON], incidents: [JSON])

    /// Loads JSON files: list responses (`{"value":[…]}`) or single records, sorted into alerts and incidents by
    /// `@odata.type` (a type naming `incident` is an incident, anything else with an `evidence` or `title` member an
    /// alert). Trailing commas, as in some documentation examples, are accepted.
    public static func files(_ paths: [String]) throws -> DataSet {
        var alerts: [JSON] = []
        var incidents: [JSON] = []
        for path in paths {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            let value: JSON
            do {
                value = try JSON(parsing: data, options: JSONParseOptions(allowTrailingCommas: true))
            } catch {
                throw DataSetError(path: path, reason: error.description)
            }
            let items = value["value"]?.arrayValue ?? [value]
            for (offset, item) in items.enumerated() {
                guard case .object = item else {
                    throw DataSetError(path: path, reason: "record \(offset + 1) is \(item.kindName), not an object")
                }
                let type = item["@odata.type"]?.stringValue ?? ""
                if type.lowercased().contains("incident") {
                    incidents.append(item)
                } else if type.hasSuffix("security.alert") || item["evidence"] != nil || item["title"] != nil {
                    alerts.append(item)
                } else {
                    throw DataSetError(
                        path: path, reason: "record \(offset + 1) is neither an alert nor an incident ('\(type)')")
                }
            }
        }
        return .documents(alerts: alerts, incidents: incidents)
    }
}

/// A data file that could not be loaded.
public struct DataSetError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var reason: String

    public var description: String { "\(path): \(reason)" }
}

/// How the generator builds its data set.
public struct GeneratorOptions: Sendable, Hashable {
    /// The same seed (with the same other options) gives the same records, byte for byte.
    public var seed: UInt64
    /// How many alerts; incidents group them (1 to 6 alerts each).
    public var alertCount: Int
    /// The tenant the records belong to.
    public var tenantID: String
    /// The newest `createdDateTime`; records spread over `span` seconds before it. Nil means "when the emulator
    /// starts" (so that demo jobs with `updated_since: 7d` find data); tests pass a fixed date.
    public var end: Date?
    public var span: TimeInterval
    /// Sizes of the indicator pools (C2 addresses, domains, URLs, file hashes, senders): indicators recur across
    /// alerts as real infrastructure does, so a million alerts carry a bounded set of indicators.
    public var pools: IndicatorPoolSizes
    /// Share of incidents written with the documented quirks (PascalCase enum values, `tags` next to `customTags`).
    public var quirkRate: Double

    public init(
        seed: UInt64 = 1,
        alertCount: Int = 500,
        tenantID: String = DemoTenant.tenantID,
        end: Date? = nil,
        span: TimeInterval = 30 * 86_400,
        pools: IndicatorPoolSizes = IndicatorPoolSizes(),
        quirkRate: Double = 0.02
    ) {
        self.seed = seed
        self.alertCount = alertCount
        self.tenantID = tenantID
        self.end = end
        self.span = span
        self.pools = pools
        self.quirkRate = quirkRate
    }
}

/// Sizes of the generator's indicator pools.
public struct IndicatorPoolSizes: Sendable, Hashable {
    public var ipAddresses: Int
    public var domains: Int
    public var urls: Int
    public var files: Int
    public var senders: Int

    public init(ipAddresses: Int = 2000, domains: Int = 1500, urls: Int = 4000, files: Int = 5000, senders: Int = 800) {
        self.ipAddresses = ipAddresses
        self.domains = domains
        self.urls = urls
        self.files = files
        self.senders = senders
    }
}
