import Foundation
import JSON

/// The alerts and incidents the emulator serves. Generated records are written on demand from the seed (a
/// million alerts cost a few dozen bytes each); records loaded from files, added or changed are held as JSON.
/// Tests add and change records while the server runs; a change moves `lastUpdateDateTime`.
public actor SecurityStore {
    let generator: DataGenerator?
    private let clock: EmulatorClock
    private var strings = StringPool()

    private var alerts = RecordTable()
    /// Per alert sequence: the generated index, or -1 for a stored document.
    private var alertOrigins: [Int32] = []
    private var alertDocuments: [Int32: StoredDocument] = [:]
    private var alertSequenceByID: [String: Int32] = [:]
    /// The incident each alert belongs to (sequence), or -1.
    private var alertIncident: [Int32] = []

    private var incidents = RecordTable()
    private var incidentOrigins: [Int32] = []
    private var incidentDocuments: [Int32: StoredDocument] = [:]
    private var incidentSequenceByID: [String: Int32] = [:]
    /// Alerts of incidents beyond the generator's own (stored incidents, alerts added later).
    private var incidentExtraAlerts: [Int32: [Int32]] = [:]

    init(dataSet: DataSet, clock: EmulatorClock) async throws {
        self.clock = clock
        switch dataSet {
        case .empty:
            generator = nil
        case .generated(let options):
            let generator = DataGenerator(options: options, end: options.end ?? clock.now())
            self.generator = generator
            for name in generator.analysts { _ = strings.index(of: name) }
            var alertSummaries: [RecordSummary] = []
            alertSummaries.reserveCapacity(generator.alertCount)
            for index in 0..<generator.alertCount { alertSummaries.append(generator.alertSummary(index)) }
            var incidentSummaries: [RecordSummary] = []
            incidentSummaries.reserveCapacity(generator.incidentCount)
            for index in 0..<generator.incidentCount {
                incidentSummaries.append(generator.incidentSummary(index) { alertSummaries[$0] })
            }
            alerts.load(alertSummaries)
            incidents.load(incidentSummaries)
            alertOrigins = Array(0..<Int32(generator.alertCount))
            incidentOrigins = Array(0..<Int32(generator.incidentCount))
            alertIncident = generator.alertIncidents
        case .documents(let alertDocuments, let incidentDocuments):
            generator = nil
            for document in alertDocuments { try insertAlert(document, replacing: true) }
            for document in incidentDocuments { try insertIncident(document) }
        }
    }

    public var alertCount: Int { alerts.count }
    public var incidentCount: Int { incidents.count }

    // MARK: reading

    /// The alert as a client that sends `Prefer: include-unknown-enum-members` would receive it.
    public func alert(id: String) -> JSON? {
        guard let sequence = alertSequence(id: id) else { return nil }
        return try? JSON(parsing: render(alertBody(sequence), includeUnknown: true))
    }

    public func incident(id: String) -> JSON? {
        guard let sequence = incidentSequence(id: id) else { return nil }
        return try? JSON(parsing: render(incidentBody(sequence, expand: false), includeUnknown: true))
    }

    /// The ids of every alert, in the order they were loaded or added.
    public func alertIDs() -> [String] { (0..<Int32(alerts.count)).map(alertID) }

    public func incidentIDs() -> [String] { (0..<Int32(incidents.count)).map(incidentID) }

    // MARK: changing

    /// Adds an alert (its `id` must be new). `createdDateTime` and `lastUpdateDateTime` default to now. When its
    /// `incidentId` names a known incident, the alert joins that incident's alerts.
    @discardableResult
    public func addAlert(_ alert: JSON) throws -> String {
        var alert = alert
        try stampTimes(&alert)
        try insertAlert(alert, replacing: false)
        return alert["id"]!.stringValue!
    }

    /// Adds an incident (its `id` must be new); alerts in an `alerts` member are added too.
    @discardableResult
    public func addIncident(_ incident: JSON) throws -> String {
        var incident = incident
        try stampTimes(&incident)
        try insertIncident(incident)
        return incident["id"]!.stringValue!
    }

    /// Changes an alert. Unless `change` sets `lastUpdateDateTime` itself, it moves to now (and always forward);
    /// the alert's incident's `lastUpdateDateTime` follows. Returns the alert as stored.
    @discardableResult
    public func updateAlert(id: String, _ change: @Sendable (inout JSON) -> Void) throws -> JSON {
        guard let sequence = alertSequence(id: id) else { throw StoreError.notFound(kind: "alert", id: id) }
        var json = try JSON(parsing: render(alertBody(sequence), includeUnknown: true))
        let before = json["lastUpdateDateTime"]
        change(&json)
        let summary = try restamp(&json, previous: before, previousTicks: alerts.summaries[Int(sequence)].lastUpdate)
        guard json["id"]?.stringValue == id else { throw StoreError.invalidRecord("an update must not change the id") }
        alertDocuments[sequence] = StoredDocument(json, entitySet: .alerts)
        alertOrigins[Int(sequence)] = -1
        alerts.replace(sequence, with: RecordSummary(document: json, entitySet: .alerts, strings: &strings))
        let incident = alertIncident[Int(sequence)]
        if incident >= 0, incidents.summaries[Int(incident)].lastUpdate < summary {
            try touchIncident(incident, at: summary)
        }
        return json
    }

    /// Changes an incident; `lastUpdateDateTime` moves as for alerts.
    @discardableResult
    public func updateIncident(id: String, _ change: @Sendable (inout JSON) -> Void) throws -> JSON {
        guard let sequence = incidentSequence(id: id) else { throw StoreError.notFound(kind: "incident", id: id) }
        var json = try JSON(parsing: render(incidentBody(sequence, expand: false), includeUnknown: true))
        let before = json["lastUpdateDateTime"]
        change(&json)
        _ = try restamp(&json, previous: before, previousTicks: incidents.summaries[Int(sequence)].lastUpdate)
        guard json["id"]?.stringValue == id else { throw StoreError.invalidRecord("an update must not change the id") }
        json["alerts"] = nil
        incidentDocuments[sequence] = StoredDocument(json, entitySet: .incidents)
        incidentOrigins[Int(sequence)] = -1
        incidents.replace(sequence, with: RecordSummary(document: json, entitySet: .incidents, strings: &strings))
        return json
    }

    // MARK: queries (for the handlers)

    func alertPage(_ request: PageRequest) -> (bodies: [RecordBody], result: PageResult) {
        let result = alerts.page(request, strings: strings)
        return (result.sequences.map(alertBody), result)
    }

    func incidentPage(_ request: PageRequest, expand: Bool) -> (bodies: [RecordBody], result: PageResult) {
        let result = incidents.page(request, strings: strings)
        return (result.sequences.map { incidentBody($0, expand: expand) }, result)
    }

    func alertBody(id: String) -> RecordBody? {
        alertSequence(id: id).map(alertBody)
    }

    func incidentBody(id: String, expand: Bool) -> RecordBody? {
        incidentSequence(id: id).map { incidentBody($0, expand: expand) }
    }

    /// The alerts of an incident, in their order; nil when the incident does not exist.
    func alertsOfIncident(id: String) -> [RecordBody]? {
        guard let sequence = incidentSequence(id: id) else { return nil }
        return alertSequences(ofIncident: sequence).map(alertBody)
    }

    // MARK: internals

    private func alertBody(_ sequence: Int32) -> RecordBody {
        let origin = alertOrigins[Int(sequence)]
        return origin >= 0 ? .generatedAlert(Int(origin)) : .stored(alertDocuments[sequence]!)
    }

    private func incidentBody(_ sequence: Int32, expand: Bool) -> RecordBody {
        let origin = incidentOrigins[Int(sequence)]
        let own: RecordBody = origin >= 0 ? .generatedIncident(Int(origin)) : .stored(incidentDocuments[sequence]!)
        guard expand else { return own }
        return .withAlerts(own, alertSequences(ofIncident: sequence).map(alertBody))
    }

    private func alertSequences(ofIncident sequence: Int32) -> [Int32] {
        var result: [Int32] = []
        if let generator, Int(sequence) < generator.incidentCount {
            result = generator.alertRange(ofIncident: Int(sequence)).map { Int32($0) }
        }
        return result + (incidentExtraAlerts[sequence] ?? [])
    }

    func render(_ body: RecordBody, includeUnknown: Bool) -> [UInt8] {
        RecordRenderer(generator: generator).render(body, includeUnknown: includeUnknown)
    }

    private func alertSequence(id: String) -> Int32? {
        if let sequence = alertSequenceByID[id] { return sequence }
        guard let index = generator?.alertIndex(id: id), alertOrigins.indices.contains(index) else { return nil }
        return Int32(index)
    }

    private func incidentSequence(id: String) -> Int32? {
        if let sequence = incidentSequenceByID[id] { return sequence }
        guard let index = generator?.incidentIndex(id: id), incidentOrigins.indices.contains(index) else { return nil }
        return Int32(index)
    }

    private func alertID(_ sequence: Int32) -> String {
        let origin = alertOrigins[Int(sequence)]
        if origin >= 0, let generator { return generator.alertID(Int(origin)) }
        return alertDocuments[sequence]?.json["id"]?.stringValue ?? ""
    }

    private func incidentID(_ sequence: Int32) -> String {
        let origin = incidentOrigins[Int(sequence)]
        if origin >= 0, let generator { return generator.incidentID(Int(origin)) }
        return incidentDocuments[sequence]?.json["id"]?.stringValue ?? ""
    }

    private func insertAlert(_ alert: JSON, replacing: Bool) throws {
        guard case .object = alert, let id = alert["id"]?.stringValue, !id.isEmpty else {
            throw StoreError.invalidRecord("an alert needs a string 'id'")
        }
        if let existing = alertSequence(id: id) {
            guard replacing else { throw StoreError.duplicate(kind: "alert", id: id) }
            alertDocuments[existing] = StoredDocument(alert, entitySet: .alerts)
            alertOrigins[Int(existing)] = -1
            alerts.replace(existing, with: RecordSummary(document: alert, entitySet: .alerts, strings: &strings))
            return
        }
        let sequence = alerts.append(RecordSummary(document: alert, entitySet: .alerts, strings: &strings))
        alertOrigins.append(-1)
        alertDocuments[sequence] = StoredDocument(alert, entitySet: .alerts)
        alertSequenceByID[id] = sequence
        let incident = alert["incidentId"]?.stringValue.flatMap { incidentSequence(id: $0) } ?? -1
        alertIncident.append(incident)
        if incident >= 0 { incidentExtraAlerts[incident, default: []].append(sequence) }
    }

    private func insertIncident(_ incident: JSON) throws {
        guard case .object = incident, let id = incident["id"]?.stringValue, !id.isEmpty else {
            throw StoreError.invalidRecord("an incident needs a string 'id'")
        }
        guard incidentSequence(id: id) == nil else { throw StoreError.duplicate(kind: "incident", id: id) }
        var own = incident
        own["alerts"] = nil
        let sequence = incidents.append(RecordSummary(document: own, entitySet: .incidents, strings: &strings))
        incidentOrigins.append(-1)
        incidentDocuments[sequence] = StoredDocument(own, entitySet: .incidents)
        incidentSequenceByID[id] = sequence
        var members: [Int32] = []
        for alert in incident["alerts"]?.arrayValue ?? [] {
            try insertAlert(alert, replacing: true)
            let alertSequence = alertSequenceByID[alert["id"]!.stringValue!]!
            alertIncident[Int(alertSequence)] = sequence
            members.append(alertSequence)
        }
        // Alerts added earlier that name this incident join it too.
        for (alertSequence, document) in alertDocuments where alertIncident[Int(alertSequence)] < 0 {
            if document.json["incidentId"]?.stringValue == id {
                alertIncident[Int(alertSequence)] = sequence
                members.append(alertSequence)
            }
        }
        incidentExtraAlerts[sequence] = members.sorted()
    }

    private func touchIncident(_ sequence: Int32, at ticks: Int64) throws {
        var json = try JSON(parsing: render(incidentBody(sequence, expand: false), includeUnknown: true))
        json["lastUpdateDateTime"] = .string(GraphTimestamp(ticks: ticks).description)
        incidentDocuments[sequence] = StoredDocument(json, entitySet: .incidents)
        incidentOrigins[Int(sequence)] = -1
        incidents.replace(sequence, with: RecordSummary(document: json, entitySet: .incidents, strings: &strings))
    }

    private func stampTimes(_ record: inout JSON) throws {
        guard case .object = record else { throw StoreError.invalidRecord("a record must be a JSON object") }
        let now = GraphTimestamp(clock.now()).description
        if record["createdDateTime"] == nil { record["createdDateTime"] = .string(now) }
        if record["lastUpdateDateTime"] == nil { record["lastUpdateDateTime"] = .string(now) }
    }

    /// Moves `lastUpdateDateTime` unless the change set it; returns the new value in ticks.
    private func restamp(_ json: inout JSON, previous: JSON?, previousTicks: Int64) throws -> Int64 {
        if json["lastUpdateDateTime"] != previous, let text = json["lastUpdateDateTime"]?.stringValue {
            guard let explicit = GraphTimestamp(parsing: text) else {
                throw StoreError.invalidRecord("lastUpdateDateTime '\(text)' is not a DateTimeOffset")
            }
            return explicit.ticks
        }
        let ticks = max(GraphTimestamp(clock.now()).ticks, previousTicks + 1)
        json["lastUpdateDateTime"] = .string(GraphTimestamp(ticks: ticks).description)
        return ticks
    }
}

/// A change the store refused.
public enum StoreError: Error, Sendable, Hashable, CustomStringConvertible {
    case notFound(kind: String, id: String)
    case duplicate(kind: String, id: String)
    case invalidRecord(String)

    public var description: String {
        switch self {
        case .notFound(let kind, let id): "no \(kind) with id '\(id)'"
        case .duplicate(let kind, let id): "an \(kind) with id '\(id)' already exists"
        case .invalidRecord(let reason): "invalid record: \(reason)"
        }
    }
}
