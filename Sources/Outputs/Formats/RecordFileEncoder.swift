import JSON
import Logging
import Mapping

/// Turns records into the bytes of one file format, written to a staged file.
protocol RecordFileEncoder {
    /// Writes what comes before the first record.
    mutating func begin(_ file: StagedFile) throws
    /// Writes one record; returns the lines or rows it made.
    mutating func write(_ record: Record, to file: StagedFile) throws
    /// Writes what comes after the last record. Returns the file to commit: `file` itself, or a replacement (CSV
    /// rewrites the file when columns appeared after the header was written).
    mutating func finish(_ file: StagedFile, logger: Logger) throws -> StagedFile
}

/// JSON Lines: one compact JSON object per line, `\n` after each.
struct JSONLinesEncoder: RecordFileEncoder {
    mutating func begin(_ file: StagedFile) throws {}

    mutating func write(_ record: Record, to file: StagedFile) throws {
        try file.appending { buffer in
            record.fields.write(to: &buffer)
            buffer.append(UInt8(ascii: "\n"))
        }
    }

    mutating func finish(_ file: StagedFile, logger: Logger) throws -> StagedFile { file }
}

/// One JSON array: `[`, one compact record per line separated by commas, `]` and a newline (`[]` when empty).
struct JSONArrayEncoder: RecordFileEncoder {
    private var count = 0

    mutating func begin(_ file: StagedFile) throws {
        try file.append("[")
    }

    mutating func write(_ record: Record, to file: StagedFile) throws {
        let separator: [UInt8] = count == 0 ? [0x0A] : [UInt8(ascii: ","), 0x0A]
        count += 1
        try file.appending { buffer in
            buffer.append(contentsOf: separator)
            record.fields.write(to: &buffer)
        }
    }

    mutating func finish(_ file: StagedFile, logger: Logger) throws -> StagedFile {
        try file.append(count == 0 ? "]\n" : "\n]\n")
        return file
    }
}
