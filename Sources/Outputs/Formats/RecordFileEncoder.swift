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
