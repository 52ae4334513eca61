import Foundation
import JSON
import Logging
import Mapping

/// `type: file`: JSON Lines, a JSON array or CSV, replaced atomically each run — or, for JSON Lines, appended.
///
/// Replace: records go to a staged file beside the target; `commit` fsyncs it, renames it over the target and
/// fsyncs the folder. Append: the run's lines are staged the same way; `commit` appends them to the target under
/// an `AppendJournal`, so a crash in the middle of the append is undone on the next open. Either way `abort`
/// leaves the target exactly as it was.
public actor FileOutput: Output {
    public nonisolated let name: String
    public nonisolated let target: String
    private let options: FileOutputOptions
    private let context: OutputContext
    private var staged: StagedFile?
    private var encoder: any RecordFileEncoder
    private var counters: OutputReport
    private var prepared = false

    public init(name: String, options: FileOutputOptions, context: OutputContext) {
        self.name = name
        self.options = options
        self.context = context
        target = OutputDefinition(name: name, configuration: .file(options)).target
        switch options.format {
        case .jsonl: encoder = JSONLinesEncoder()
        case .json: encoder = JSONArrayEncoder()
        case .csv: encoder = CSVEncoder(columns: options.columns)
        }
        counters = OutputReport(name: name, type: "file", target: target, files: [options.path])
    }

    public func open() async throws {
        guard staged == nil, counters.status == .open else { throw usage("open called twice") }
        if let problem = options.problems.first { throw OutputError(.configuration, output: name, problem) }
        do {
            if options.mode == .append {
                try AppendJournal.recover(targetPath: options.path, logger: logger)
            }
            let file = try StagedFile(targetPath: options.path, logger: logger)
            try encoder.begin(file)
            staged = file
        } catch {
            throw error.attributed(to: name)
        }
    }

    public func write(_ batch: [Record]) async throws {
        guard let staged, !prepared else { throw usage("write called outside open…prepare") }
        do {
            for record in batch { try encoder.write(record, to: staged) }
        } catch {
            throw error.attributed(to: name)
        }
        counters.records += batch.count
    }

    public func prepare() async throws {
        guard !prepared else { return }
        guard let file = staged else { throw usage("prepare called before open") }
        do {
            let finished = try encoder.finish(file, logger: logger)
            staged = finished
            try finished.sync()
        } catch {
            throw error.attributed(to: name)
        }
        prepared = true
    }

    public func commit() async throws {
        try await prepare()
        guard let staged, counters.status == .open else { return }
        do {
            switch options.mode {
            case .replace:
                try staged.commit()
                counters.bytes = staged.byteCount
            case .append:
                if counters.records > 0 {
                    counters.bytes = try AppendJournal.append(
                        staged, marker: options.runMarker ? runMarker() : nil, logger: logger)
                }
                staged.discard()
            }
        } catch {
            throw error.attributed(to: name)
        }
        counters.delivered = counters.records
        counters.status = .committed
        self.staged = nil
        logger.debug("committed", metadata: ["output.records": "\(counters.records)"])
    }

    public func abort() async {
        staged?.discard()
        staged = nil
        if counters.status == .open { counters.status = .aborted }
    }

    public func report() async -> OutputReport { counters }

    /// `{"temsync_run":{…}}`: which job and run the following lines come from.
    private func runMarker() -> [UInt8] {
        let marker: JSON = [
            "temsync_run": [
                "job": .string(context.jobName), "run_id": .string(context.runID),
                "started_at": .string(Timestamp.format(context.runStartedAt)),
                "committed_at": .string(Timestamp.format(context.now())), "records": .int(counters.records),
            ]
        ]
        return marker.encoded() + [0x0A]
    }

    private var logger: Logger {
        var logger = context.logger
        logger[metadataKey: "output.name"] = "\(name)"
        logger[metadataKey: "file.path"] = "\(options.path)"
        return logger
    }

    private func usage(_ message: String) -> OutputError {
        OutputError(.usage, output: name, message)
    }
}

extension Error {
    /// An `OutputError` attributed to `output`; other errors unchanged.
    func attributed(to output: String) -> any Error {
        (self as? OutputError)?.attributed(to: output) ?? self
    }
}
