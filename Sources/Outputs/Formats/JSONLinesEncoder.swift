import JSON
import Logging
import Mapping

/// JSON Lines: one compact JSON object per line, `\n` after each.
struct JSONLinesEncoder: RecordFileEncoder {
    mutating func begin(_ file: StagedFile) throws {}

    mutating func write(_ record: Record, to file: StagedFile) throws {
        try file.appending { buffer in
            record.writeJSON(to: &buffer)
            buffer.append(UInt8(ascii: "\n"))
        }
    }

    mutating func finish(_ file: StagedFile, logger: Logger) throws -> StagedFile { file }
}
