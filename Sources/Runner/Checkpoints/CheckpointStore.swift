import Foundation
import Logging
import Outputs

/// Checkpoint files under the state folder: `<state>/<job>/<source>.json`, each replaced atomically (temporary file,
/// fsync, rename, folder fsync), so a crash leaves the previous checkpoint or the new one, never a mix.
public struct CheckpointStore: Sendable {
    /// The state folder (`--state-dir`, default `.temsync/state`).
    public var directory: String

    public init(directory: String) {
        self.directory = directory
    }

    public func folder(job: String) -> String {
        (directory as NSString).appendingPathComponent(job)
    }

    public func path(job: String, source: String) -> String {
        (folder(job: job) as NSString).appendingPathComponent("\(source).json")
    }

    /// The committed checkpoint, `nil` when there is none. An unreadable file is an error (never silently ignored:
    /// starting over could flood the outputs, skipping could lose records).
    public func load(job: String, source: String) throws(CheckpointError) -> Checkpoint? {
        let path = path(job: job, source: source)
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CheckpointError(path: path, reason: "it cannot be read")
        }
        do {
            let checkpoint = try JSONDecoder().decode(Checkpoint.self, from: data)
            guard checkpoint.version == 1 else {
                throw CheckpointError(path: path, reason: "its version \(checkpoint.version) is not supported")
            }
            return checkpoint
        } catch let error as CheckpointError {
            throw error
        } catch {
            throw CheckpointError(path: path, reason: "it is not a temsync checkpoint (\(Self.describe(error)))")
        }
    }

    /// Writes each checkpoint atomically.
    public func commit(_ checkpoints: [Checkpoint], logger: Logger) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        for checkpoint in checkpoints {
            let data = try encoder.encode(checkpoint)
            try AtomicFile.write(
                Array(data) + [UInt8(ascii: "\n")], to: path(job: checkpoint.job, source: checkpoint.source),
                logger: logger)
        }
    }

    static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): "missing '\(key.stringValue)'"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            "bad '\(context.codingPath.map(\.stringValue).joined(separator: "."))'"
        case DecodingError.dataCorrupted(let context):
            context.codingPath.isEmpty
                ? "not JSON" : "bad '\(context.codingPath.map(\.stringValue).joined(separator: "."))'"
        default: "\(error)"
        }
    }
}

/// A checkpoint file that cannot be used.
public struct CheckpointError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var reason: String

    public var description: String {
        "checkpoint '\(path)' cannot be used: \(reason); move it away to start again from the job's updated_since"
    }
}
