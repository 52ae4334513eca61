import Foundation
import Logging
import Mapping

/// `type: edl`: plain-text lists of indicators for firewalls and proxies (formats: `EDLEntry`), one file per type
/// or one combined file, one entry per line, sorted and unique, optionally capped, with age-out across runs.
///
/// Lists hold the indicators of this run plus, with `expire_after`, those of earlier runs received within that
/// long (kept in `EDLState`). Every list and the state are staged and fsynced in `prepare`; `commit` renames the
/// lists, then the state, then fsyncs the folder — a crash between two renames leaves some lists one run behind,
/// and the next run (whose checkpoint did not move) rewrites them all from the same data.
public actor EDLOutput: Output {
    public static let combinedFileName = "indicators.txt"

    public nonisolated let name: String
    public nonisolated let target: String
    private let options: EDLOptions
    private let context: OutputContext
    private var state = EDLState()
    private var current: [EDLState.Key: EDLState.Sighting] = [:]
    private var staged: [StagedFile] = []
    private var counters: OutputReport
    private var opened = false
    private var prepared = false

    public init(name: String, options: EDLOptions, context: OutputContext) {
        self.name = name
        self.options = options
        self.context = context
        target = OutputDefinition(name: name, configuration: .edl(options)).target
        var files = Self.fileNames(options).map { FileSystem.join(options.directory, $0) }
        if options.keepsState { files.append(FileSystem.join(options.directory, EDLState.fileName)) }
        counters = OutputReport(name: name, type: "edl", target: target, files: files)
    }

    /// The list files an output with `options` writes, in order.
    public static func fileNames(_ options: EDLOptions) -> [String] {
        switch options.layout {
        case .perType: options.types.map { "\($0.rawValue).txt" }
        case .combined: [combinedFileName]
        }
    }

    public func open() async throws {
        guard !opened else { throw OutputError(.usage, output: name, "open called twice") }
        if let problem = options.problems.first { throw OutputError(.configuration, output: name, problem) }
        do {
            try FileSystem.makeDirectories(options.directory)
            for path in counters.files { StagedFile.removeStale(of: path, logger: logger) }
            if options.keepsState {
                state = try EDLState(path: statePath, job: context.jobName, output: name)
            }
        } catch {
            throw error.attributed(to: name)
        }
        opened = true
    }

    public func write(_ batch: [Record]) async throws {
        guard opened, !prepared else { throw OutputError(.usage, output: name, "write called outside open…prepare") }
        let now = context.runStartedAt
        for record in batch {
            for indicator in record.indicators where options.types.contains(indicator.type) {
                let key = EDLState.Key(kind: indicator.type, value: indicator.value)
                if var seen = current[key] {
                    seen.severity = max(seen.severity, indicator.severity)
                    seen.lastActivity = Self.latest(seen.lastActivity, indicator.lastSeen)
                    current[key] = seen
                } else {
                    current[key] = EDLState.Sighting(
                        firstSeen: now, lastSeen: now, severity: indicator.severity,
                        lastActivity: indicator.lastSeen)
                }
            }
        }
        counters.records += batch.count
    }

    public func prepare() async throws {
        guard !prepared else { return }
        guard opened else { throw OutputError(.usage, output: name, "prepare called before open") }
        counters.delivered = 0
        counters.skipped = 0
        do {
            let listed = merge()
            try stageLists(listed)
            if options.keepsState {
                let file = try StagedFile(targetPath: statePath, logger: logger)
                staged.append(file)
                try state.write(to: file, job: context.jobName, output: name, updatedAt: context.runStartedAt)
                try file.sync()
            }
        } catch {
            for file in staged { file.discard() }
            staged = []
            throw error.attributed(to: name)
        }
        prepared = true
    }

    public func commit() async throws {
        try await prepare()
        guard counters.status == .open else { return }
        do {
            for file in staged { try file.rename() }
            try FileSystem.syncDirectory(options.directory)
        } catch {
            throw error.attributed(to: name)
        }
        counters.bytes = staged.reduce(0) { $0 + $1.byteCount }
        staged = []
        counters.status = .committed
        logger.debug("committed", metadata: ["edl.entries": "\(counters.delivered)"])
    }

    public func abort() async {
        for file in staged { file.discard() }
        staged = []
        if counters.status == .open { counters.status = .aborted }
    }

    public func report() async -> OutputReport { counters }

    // MARK: Building the lists

    /// Folds this run's indicators into the state, ages out the expired ones, and returns what the lists hold.
    private func merge() -> [EDLState.Key: EDLState.Sighting] {
        guard options.keepsState, let expireAfter = options.expireAfter else { return current }
        if state.sightings.isEmpty {
            state.sightings = current
        } else {
            fold()
        }
        let now = context.runStartedAt
        let limit = expireAfter.seconds
        let expired = state.sightings.filter { now.timeIntervalSince($0.value.lastSeen) > limit }.keys
        for key in expired { state.sightings.removeValue(forKey: key) }
        counters.expired = expired.count
        return state.sightings
    }

    private func fold() {
        for (key, seen) in current {
            if var known = state.sightings[key] {
                known.lastSeen = seen.lastSeen
                known.severity = max(known.severity, seen.severity)
                known.lastActivity = Self.latest(known.lastActivity, seen.lastActivity)
                state.sightings[key] = known
            } else {
                state.sightings[key] = seen
            }
        }
    }

    private func stageLists(_ listed: [EDLState.Key: EDLState.Sighting]) throws {
        var byFile: [String: EDLLines] = [:]
        var refused: [String] = []
        for (key, sighting) in listed where options.types.contains(key.kind) {
            guard let entry = EDLEntry(kind: key.kind, value: key.value) else {
                refused.append("\(key.kind.rawValue) '\(key.value)'")
                continue
            }
            byFile[fileName(for: key.kind), default: EDLLines()].add(
                entry.kind, entry.line, number: entry.number, sighting: sighting)
        }
        if !refused.isEmpty {
            counters.skipped += refused.count
            logger.warning(
                "left out values that are not valid list entries",
                metadata: ["edl.refused": "\(refused.count)", "edl.examples": "\(refused.sorted().prefix(3))"])
        }
        let wildcards = options.domainWildcards
        let domain = Indicator.Kind.domain.order
        for fileName in Self.fileNames(options) {
            var lines = byFile.removeValue(forKey: fileName) ?? EDLLines()
            lines.sortUnique(ranksHigher: Self.ranksHigher)
            if let maxEntries = options.maxEntries { cap(&lines, to: maxEntries, fileName: fileName) }
            let file = try StagedFile(targetPath: FileSystem.join(options.directory, fileName), logger: logger)
            staged.append(file)
            for item in lines.items {
                try file.appending { buffer in
                    lines.append(item, to: &buffer)
                    buffer.append(0x0A)
                    if wildcards && item.kind == domain {
                        buffer.append(contentsOf: "*.".utf8)
                        lines.append(item, to: &buffer)
                        buffer.append(0x0A)
                    }
                }
                counters.delivered += wildcards && item.kind == domain ? 2 : 1
            }
            try file.sync()
        }
    }

    /// Keeps at most `maxEntries` lines: the most severe first, then the latest alert activity, then the latest
    /// run. A domain with its wildcard line takes two.
    private func cap(_ lines: inout EDLLines, to maxEntries: Int, fileName: String) {
        let perItem = { (item: EDLLines.Item) in
            self.options.domainWildcards && item.kind == Indicator.Kind.domain.order ? 2 : 1
        }
        guard lines.items.reduce(0, { $0 + perItem($1) }) > maxEntries else { return }
        let before = lines.count
        lines.keep(
            { ranked in
                var used = 0
                for (index, item) in ranked.enumerated() {
                    used += perItem(item)
                    if used > maxEntries { return index }
                }
                return ranked.count
            }, ranksHigher: Self.ranksHigher)
        counters.skipped += before - lines.count
        logger.info(
            "capped a list at max_entries",
            metadata: ["edl.file": "\(fileName)", "edl.left_out": "\(before - lines.count)"])
    }

    /// More severe, else more recent alert activity, else received by a later run.
    private static func ranksHigher(_ lhs: EDLState.Sighting, than rhs: EDLState.Sighting) -> Bool {
        if lhs.severity != rhs.severity { return lhs.severity > rhs.severity }
        let left = lhs.lastActivity ?? .distantPast
        let right = rhs.lastActivity ?? .distantPast
        if left != right { return left > right }
        return lhs.lastSeen > rhs.lastSeen
    }

    private func fileName(for kind: Indicator.Kind) -> String {
        options.layout == .combined ? Self.combinedFileName : "\(kind.rawValue).txt"
    }

    private var statePath: String { FileSystem.join(options.directory, EDLState.fileName) }

    private static func latest(_ lhs: Date?, _ rhs: Date?) -> Date? {
        guard let lhs else { return rhs }
        guard let rhs else { return lhs }
        return max(lhs, rhs)
    }

    private var logger: Logger {
        var logger = context.logger
        logger[metadataKey: "output.name"] = "\(name)"
        return logger
    }
}
