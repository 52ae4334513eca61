import JSON
import Logging
import Mapping

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
            record.writeJSON(to: &buffer)
        }
    }

    mutating func finish(_ file: StagedFile, logger: Logger) throws -> StagedFile {
        try file.append(count == 0 ? "]\n" : "\n]\n")
        return file
    }
}
