import Foundation
import JSON
import Logging
import Synchronization

/// A log handler writing one line per event to a file handle (stderr by default): human text, or one JSON object
/// per line for log shippers (`--log-format json`).
///
/// Metadata keys are dotted (`job.name`, `http.status`); values are printed as given — callers never log secrets,
/// and `Transport.Secret` prints as `<redacted>` in any case.
public struct LineLogHandler: LogHandler {
    public enum Format: String, Sendable, CaseIterable {
        case text
        case json
    }

    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level
    let label: String
    let format: Format
    let sink: LineSink

    public init(label: String, format: Format, level: Logger.Level, sink: LineSink = .standardError) {
        self.label = label
        self.format = format
        self.logLevel = level
        self.sink = sink
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var merged = metadata
        if let extra = event.metadata { merged.merge(extra) { _, new in new } }
        let timestamp = Self.timestamp()
        switch format {
        case .json:
            var fields = JSONObject()
            for key in merged.keys.sorted() {
                fields[key] = Self.json(merged[key]!)
            }
            sink.write(
                Self.jsonLine(
                    level: event.level, message: event.message.description, label: label, fields: fields,
                    timestamp: timestamp))
        case .text:
            var line = "\(timestamp) \(event.level.rawValue) \(event.message)"
            for key in merged.keys.sorted() {
                line += " \(key)=\(Self.text(merged[key]!))"
            }
            sink.write(line + "\n")
        }
    }

    /// One JSON log line (newline included): `timestamp`, `level`, `message`, `logger`, then `fields` in their order.
    /// Progress and summary lines use it too under `--log-format json`, so every line on stderr is JSON.
    public static func jsonLine(
        level: Logger.Level, message: String, label: String = "temsync", fields: JSONObject = JSONObject(),
        timestamp: String = LineLogHandler.timestamp()
    ) -> String {
        var object: JSONObject = [
            "timestamp": .string(timestamp),
            "level": .string(level.rawValue),
            "message": .string(message),
            "logger": .string(label),
        ]
        for (key, value) in fields where object[key] == nil { object[key] = value }
        return JSON.object(object).encodedString() + "\n"
    }

    static func json(_ value: Logger.MetadataValue) -> JSON {
        switch value {
        case .string(let string): .string(string)
        case .stringConvertible(let convertible): .string(convertible.description)
        case .array(let values): .array(values.map(json))
        case .dictionary(let dictionary):
            .object(JSONObject(dictionary.sorted { $0.key < $1.key }.map { ($0, json($1)) }))
        }
    }

    static func text(_ value: Logger.MetadataValue) -> String {
        let string = value.description
        if string.isEmpty || string.contains(where: { $0 == " " || $0 == "\"" || $0 == "=" }) {
            return JSON.string(string).encodedString()
        }
        return string
    }

    public static func timestamp() -> String {
        Date().formatted(
            .iso8601.year().month().day().dateSeparator(.dash).time(includingFractionalSeconds: true)
                .timeSeparator(.colon).timeZone(separator: .omitted))
    }
}

/// Where log and progress lines go; serialised so lines from concurrent jobs never interleave mid-line.
public final class LineSink: Sendable {
    private let handle: Mutex<FileHandle>

    public init(_ handle: FileHandle) {
        self.handle = Mutex(handle)
    }

    public static let standardError = LineSink(.standardError)
    public static let standardOutput = LineSink(.standardOutput)

    public func write(_ text: String) {
        handle.withLock { $0.write(Data(text.utf8)) }
    }
}
