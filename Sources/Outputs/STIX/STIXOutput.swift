import Foundation
import JSON
import Logging
import Mapping

/// `type: stix`: a STIX 2.1 bundle of `indicator` objects (see `STIXBundle`), replaced atomically each run.
///
/// The bundle holds the distinct indicators of the run's records (whatever the emit mode), one object per line
/// inside the bundle's `objects` array, the producer's `identity` first.
public actor STIXOutput: Output {
    public nonisolated let name: String
    public nonisolated let target: String
    private let options: STIXOptions
    private let context: OutputContext
    private var indicators = IndicatorCollection()
    private var staged: StagedFile?
    private var counters: OutputReport
    private var opened = false

    public init(name: String, options: STIXOptions, context: OutputContext) {
        self.name = name
        self.options = options
        self.context = context
        target = OutputDefinition(name: name, configuration: .stix(options)).target
        counters = OutputReport(name: name, type: "stix", target: target, files: [options.path])
    }

    public func open() async throws {
        guard !opened else { throw OutputError(.usage, output: name, "open called twice") }
        if let problem = options.problems.first { throw OutputError(.configuration, output: name, problem) }
        do {
            try FileSystem.makeDirectories(FileSystem.folder(of: options.path))
        } catch {
            throw error.attributed(to: name)
        }
        StagedFile.removeStale(of: options.path, logger: logger)
        opened = true
    }

    public func write(_ batch: [Record]) async throws {
        guard opened, staged == nil else {
            throw OutputError(.usage, output: name, "write called outside open…prepare")
        }
        for record in batch {
            for indicator in record.indicators { indicators.add(indicator) }
        }
        counters.records += batch.count
    }

    public func prepare() async throws {
        guard staged == nil, counters.status == .open else { return }
        guard opened else { throw OutputError(.usage, output: name, "prepare called before open") }
        let bundle = STIXBundle(
            identityName: options.identity, validFor: options.validFor, fallbackTime: context.runStartedAt)
        let sorted = indicators.sorted
        var bundleID = STIXBundle.BundleID()
        bundleID.add(id: bundle.identityID, modified: STIXBundle.identityTimestamp)
        for indicator in sorted {
            bundleID.add(id: STIXBundle.indicatorID(indicator), modified: bundle.modified(indicator))
        }
        do {
            let file = try StagedFile(targetPath: options.path, logger: logger)
            staged = file
            let head: JSON = ["type": "bundle", "id": .string(bundleID.finish())]
            var text = head.encoded()
            text.removeLast()
            text.append(contentsOf: #","objects":["#.utf8 + [0x0A])
            try file.append(text)
            try file.appending { buffer in bundle.identity.write(to: &buffer) }
            for indicator in sorted {
                try file.appending { buffer in
                    buffer.append(contentsOf: [UInt8(ascii: ","), 0x0A])
                    bundle.object(for: indicator).write(to: &buffer)
                }
            }
            try file.append("\n]}\n")
            try file.sync()
        } catch {
            staged?.discard()
            staged = nil
            throw error.attributed(to: name)
        }
        counters.delivered = sorted.count
    }

    public func commit() async throws {
        try await prepare()
        guard let staged, counters.status == .open else { return }
        do {
            try staged.commit()
        } catch {
            throw error.attributed(to: name)
        }
        counters.bytes = staged.byteCount
        counters.status = .committed
        self.staged = nil
    }

    public func abort() async {
        staged?.discard()
        staged = nil
        if counters.status == .open { counters.status = .aborted }
    }

    public func report() async -> OutputReport { counters }

    private var logger: Logger {
        var logger = context.logger
        logger[metadataKey: "output.name"] = "\(name)"
        return logger
    }
}
