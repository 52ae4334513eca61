import Diagnostics
import JSON

/// A job's compiled mapping: turns alerts, incidents and the run's indicators into records.
///
/// Compile once (`compile`, at `validate` time too), then call, from any task, the entry point of the emit mode:
/// - `alerts`: `record(forAlert:)` per alert;
/// - `incidents`: `record(forIncident:)` per incident;
/// - `indicators`: `collect(alert:into:)` / `collect(incident:into:)` for every alert of the run into one
///   `IndicatorSet` (from `makeIndicatorSet()`), then `records(from:)` once at the end.
///
/// Evaluation never fails: a missing or oddly typed value is `null` (or the rule's default).
public struct MappingProgram: Sendable {
    public let emit: EmitMode
    public let history: History
    public let job: JobInfo
    /// Warnings found while compiling (errors make `compile` throw).
    public let warnings: [Diagnostic]
    /// The indicator extractor with the job's options; it also fills `Record.indicators` in every mode.
    public let extractor: IndicatorExtractor

    let fields: [(name: String, field: FieldProgram)]?
    /// Conditions on the record (all of them in `alerts`/`incidents` mode; those not on `alert` for indicators).
    let recordConditions: [Condition]
    /// `indicators` mode: conditions on `alert`, which choose the alerts whose indicators count.
    let alertConditions: [Condition]
    let readsRecord: Bool
    let readsAlertOfIndicator: Bool
    /// What the program reads of each alert and incident (`everything` when it emits them).
    public let alertProjection: JSONProjection
    public let incidentProjection: JSONProjection
    /// `rawAlertProjection(includeIndicators:)` without and with indicators.
    let rawAlertProjection: JSONProjection?
    let rawAlertProjectionWithIndicators: JSONProjection?
    let jobValue: JSON

    /// Compiles the rules, or throws every error found (with the warnings) as one `DiagnosticError`.
    public static func compile(_ rules: MappingRules, job: JobInfo) throws(DiagnosticError) -> MappingProgram {
        let emit = rules.emit?.value ?? .alerts
        var compiler = MappingCompiler(emit: emit, emitLocation: rules.emit?.location)
        let history = rules.history?.value ?? .latest
        if history == .versions, emit == .indicators || emit == .assets, let location = rules.history?.location {
            let what =
                emit == .indicators
                ? "an indicator record's id is the indicator's id (its type and value)"
                : "an asset record's id is the asset's id (its kind and key)"
            compiler.warning("history 'versions' has no effect with emit '\(emit.rawValue)': \(what)", at: location)
        }
        var fields: [(name: String, field: FieldProgram)]?
        var valid = true
        if let written = rules.fields {
            fields = compiler.fields(written)
            if fields == nil { valid = false }
        }
        var recordConditions: [Condition] = []
        var alertConditions: [Condition] = []
        for rule in rules.conditions {
            guard let condition = compiler.condition(rule) else {
                valid = false
                continue
            }
            if emit == .indicators || emit == .assets, condition.path.root == .alert {
                alertConditions.append(condition)
            } else {
                recordConditions.append(condition)
            }
        }
        let policy = compiler.indicatorPolicy(rules.indicators)
        if policy == nil { valid = false }
        let diagnostics = compiler.diagnostics.sortedByLocation()
        guard valid, let policy, !diagnostics.hasErrors else { throw DiagnosticError(diagnostics) }
        var jobObject = JSONObject()
        jobObject.appendUnchecked("name", .string(job.name))
        jobObject.appendUnchecked("description", job.description.map(JSON.string) ?? .null)
        func rawAlertProjection(includeIndicators: Bool) -> JSONProjection? {
            RecordProjection.alertBesidesText(
                emit: emit, hasFields: fields != nil, compiler: compiler, includeIndicators: includeIndicators)
        }
        return MappingProgram(
            emit: emit, history: history, job: job, warnings: diagnostics,
            extractor: IndicatorExtractor(policy: policy), fields: fields, recordConditions: recordConditions,
            alertConditions: alertConditions, readsRecord: compiler.usedRoots.contains(.record),
            readsAlertOfIndicator: (emit == .indicators || emit == .assets) && compiler.usedRoots.contains(.alert),
            alertProjection: RecordProjection.alert(emit: emit, compiler: compiler),
            incidentProjection: RecordProjection.incident(emit: emit, compiler: compiler),
            rawAlertProjection: rawAlertProjection(includeIndicators: false),
            rawAlertProjectionWithIndicators: rawAlertProjection(includeIndicators: true),
            jobValue: .object(jobObject))
    }

    /// When the job's records are the alerts themselves (`emit: alerts` without `fields`), they can be written as
    /// the text Graph sent (`Record.raw`), and the alerts parsed only for what this returns: what the `where`
    /// conditions and the record id read, and the evidence when `includeIndicators`. `nil` in other jobs.
    public func rawAlertProjection(includeIndicators: Bool) -> JSONProjection? {
        includeIndicators ? rawAlertProjectionWithIndicators : rawAlertProjection
    }

    /// The options the extractor runs with.
    public var indicatorPolicy: IndicatorPolicy { extractor.policy }

    // MARK: alerts and incidents

    /// `emit: alerts`: the record of one alert, or `nil` when a `where` condition leaves it out.
    /// `incidentID`: the incident it was read through, when it came inside an expanded incident.
    ///
    /// - Parameter includeIndicators: `false` skips indicator extraction (no output of the job reads
    ///   `Record.indicators`), which is most of the cost of a record.
    ///
    /// - Parameter raw: the alert's text, when its page was read with `rawAlertProjection` (then `alert` holds only
    ///   what the projection kept); the record is written as this text.
    public func record(
        forAlert alert: JSON, incidentID: String? = nil, includeIndicators: Bool = true, raw: RawJSON? = nil
    ) -> Record? {
        guard let raw, fields == nil else {
            return record(forAlert: alert, incidentID: incidentID, includeIndicators: includeIndicators)
        }
        // A record id without `id` is made from the whole alert, which the projection may have left partial.
        let whole = alert.member("id") == nil ? (try? raw.parsed()) ?? alert : alert
        var record = record(forAlert: whole, incidentID: incidentID, includeIndicators: includeIndicators)
        record?.raw = raw
        return record
    }

    private func record(forAlert alert: JSON, incidentID: String?, includeIndicators: Bool) -> Record? {
        var scope = Scope(alert: alert, job: jobValue)
        let id = RecordID.entity(kind: .alert, alert, history: history)
        if readsRecord { scope.record = Self.recordValue(id: id, kind: .alert) }
        guard recordConditions.allSatisfy({ $0.holds(in: scope) }) else { return nil }
        let value = fields.map { Self.object($0, in: scope) } ?? alert
        return Record(
            id: id, kind: .alert, fields: value,
            indicators: includeIndicators ? extractor.indicators(inAlert: alert, incidentID: incidentID) : [])
    }

    /// `emit: incidents`: the record of one incident, or `nil` when a `where` condition leaves it out. Its
    /// indicators are those of `incident.alerts` (present when the source expands alerts).
    public func record(forIncident incident: JSON, includeIndicators: Bool = true) -> Record? {
        var scope = Scope(incident: incident, job: jobValue)
        let id = RecordID.entity(kind: .incident, incident, history: history)
        if readsRecord { scope.record = Self.recordValue(id: id, kind: .incident) }
        guard recordConditions.allSatisfy({ $0.holds(in: scope) }) else { return nil }
        let value = fields.map { Self.object($0, in: scope) } ?? incident
        return Record(
            id: id, kind: .incident, fields: value,
            indicators: includeIndicators ? extractor.indicators(inIncident: incident) : [])
    }

    // MARK: indicators

    /// An empty set for this job's run (it keeps what `alert.*` paths of indicator records need).
    /// `maxIDsPerIndicator`: the job's `indicators.max_ids` unless given.
    public func makeIndicatorSet(maxIDsPerIndicator: Int? = nil) -> IndicatorSet {
        var set = IndicatorSet(maxIDsPerIndicator: maxIDsPerIndicator ?? extractor.policy.maxIDs)
        set.keepsRepresentatives = readsAlertOfIndicator
        return set
    }

    /// `emit: indicators`: adds one alert's indicators to the run's set, when the `where` conditions on `alert`
    /// hold for it. `incidentID`: the incident it was read through, if any.
    public func collect(alert: JSON, incidentID: String? = nil, into set: inout IndicatorSet) {
        if !alertConditions.isEmpty {
            let scope = Scope(alert: alert, job: jobValue)
            guard alertConditions.allSatisfy({ $0.holds(in: scope) }) else { return }
        }
        extractor.collect(alert: alert, incidentID: incidentID, into: &set)
    }

    /// `emit: indicators`: adds the indicators of every alert of an expanded incident.
    public func collect(incident: JSON, into set: inout IndicatorSet) {
        guard case .array(let alerts)? = incident["alerts"] else { return }
        let incidentID = AlertContext.text(incident["id"])
        for alert in alerts { collect(alert: alert, incidentID: incidentID, into: &set) }
    }

    /// `emit: indicators`: one record per indicator of the run, sorted by type then value, without the
    /// organisation's own assets; `where` conditions on `indicator`, `record` and `job` apply here.
    public func records(from set: IndicatorSet) -> [Record] {
        Array(recordBatches(from: set, size: .max).joined())
    }

    /// The records of `records(from:)`, made `size` at a time as they are asked for, so a run hands them to its
    /// outputs without holding every record of the run at once.
    ///
    /// - Parameters:
    ///   - includeFields: `false` when no output reads `Record.fields` (EDL and STIX read only the indicator): the
    ///     records' fields are then `null` unless the job's `where` conditions or `fields` need them made anyway.
    ///   - includeIndicators: `false` when no output reads `Record.indicators`: they are left empty.
    public func recordBatches(
        from set: IndicatorSet, size: Int = 1000, includeFields: Bool = true, includeIndicators: Bool = true
    ) -> RecordBatches {
        RecordBatches(positions: set.sortedPositions, size: size) { positions in
            var renderer = IndicatorRenderer(table: set.table)
            return positions.compactMap { position in
                self.record(
                    at: position, of: set, renderer: &renderer, includeFields: includeFields,
                    includeIndicators: includeIndicators)
            }
        }
    }

    func record(
        at position: Int, of set: IndicatorSet, renderer: inout IndicatorRenderer, includeFields: Bool = true,
        includeIndicators: Bool = true
    ) -> Record? {
        let entry = set.entries[position]
        let id = Indicator.id(type: entry.kind, value: entry.value)
        let indicators = includeIndicators ? [renderer.indicator(entry, id: id)] : []
        guard includeFields || fields != nil || !recordConditions.isEmpty else {
            return Record(id: id, kind: .indicator, fields: .null, indicators: indicators)
        }
        let indicatorValue = renderer.json(entry, id: id)
        var scope = Scope(indicator: indicatorValue, job: jobValue)
        if readsRecord { scope.record = Self.recordValue(id: id, kind: .indicator) }
        if readsAlertOfIndicator { scope.alert = set.representatives[position]?.alert ?? .null }
        guard recordConditions.allSatisfy({ $0.holds(in: scope) }) else { return nil }
        let value = fields.map { Self.object($0, in: scope) } ?? indicatorValue
        return Record(id: id, kind: .indicator, fields: value, indicators: indicators)
    }

    // MARK: helpers

    static func object(_ fields: [(name: String, field: FieldProgram)], in scope: Scope) -> JSON {
        var object = JSONObject()
        object.reserveCapacity(fields.count)
        for member in fields { object.appendUnchecked(member.name, member.field.evaluate(in: scope)) }
        return .object(object)
    }

    static func recordValue(id: String, kind: Record.Kind) -> JSON {
        var object = JSONObject()
        object.appendUnchecked("id", .string(id))
        object.appendUnchecked("kind", .string(kind.rawValue))
        return .object(object)
    }
}

extension MappingProgram {
    // MARK: assets

    /// An empty set of assets for this job's run (`emit: assets`).
    public func makeAssetSet(maxIDsPerAsset: Int = 100) -> AssetSet {
        var set = AssetSet(maxIDsPerAsset: maxIDsPerAsset)
        set.keepsAlerts = readsAlertOfIndicator
        return set
    }

    /// `emit: assets`: adds the assets one alert names, when the `where` conditions on `alert` hold for it.
    public func collect(alert: JSON, incidentID: String? = nil, into set: inout AssetSet) {
        if !alertConditions.isEmpty {
            let scope = Scope(alert: alert, job: jobValue)
            guard alertConditions.allSatisfy({ $0.holds(in: scope) }) else { return }
        }
        set.collect(alert: alert, incidentID: incidentID)
    }

    /// `emit: assets`: adds the assets every alert of an expanded incident names.
    public func collect(incident: JSON, into set: inout AssetSet) {
        guard case .array(let alerts)? = incident.member("alerts") else { return }
        let incidentID = AlertContext.text(incident.member("id"))
        for alert in alerts { collect(alert: alert, incidentID: incidentID, into: &set) }
    }

    /// `emit: assets`: one record per asset, sorted by kind then key; `where` conditions on `asset`, `record` and
    /// `job` apply here. Asset records carry no indicators.
    public func records(from set: AssetSet) -> [Record] {
        Array(recordBatches(from: set, size: .max).joined())
    }

    /// The records of `records(from:)`, made `size` at a time as they are asked for.
    public func recordBatches(from set: AssetSet, size: Int = 1000) -> RecordBatches {
        RecordBatches(positions: set.sortedPositions, size: size) { positions in
            positions.compactMap { position in
                let entry = set.entries[position]
                let assetValue = AssetSet.json(entry)
                let id = AssetSet.id(entry)
                var scope = Scope(asset: assetValue, job: self.jobValue)
                if self.readsRecord { scope.record = Self.recordValue(id: id, kind: .asset) }
                if self.readsAlertOfIndicator { scope.alert = entry.alert }
                guard self.recordConditions.allSatisfy({ $0.holds(in: scope) }) else { return nil }
                return Record(
                    id: id, kind: .asset, fields: self.fields.map { Self.object($0, in: scope) } ?? assetValue)
            }
        }
    }
}
