import JSON
import Logging
import Mapping

/// CSV (RFC 4180, CRLF line ends) with a header row.
///
/// Columns are the record's fields in their order, nested objects flattened with dots (`alert.severity`), lists
/// joined with `;` in one cell. Columns given up front (the mapping's field names) come first; a field that appears
/// later becomes a new column at the end. Rows are streamed to the staged file under the header known so far;
/// when columns were added after it, `finish` writes a new file with the full header and pads the earlier rows with
/// empty cells (one extra pass, only in that case). Every cell, header included, goes through `CSVCell`.
struct CSVEncoder: RecordFileEncoder {
    private var columns: [String]
    private var index: [String: Int]
    /// The columns of the header written at the top of the staged file.
    private var headerCount = 0
    /// Stretches of rows written with the same number of columns: (columns, first byte).
    private var segments: [(columns: Int, offset: Int)] = []
    private var cells: [(text: String, neutralise: Bool)?] = []

    init(columns: [String] = []) {
        self.columns = []
        index = [:]
        for column in columns where index[column] == nil { add(column) }
    }

    private mutating func add(_ column: String) {
        index[column] = columns.count
        columns.append(column)
    }

    mutating func begin(_ file: StagedFile) throws {
        headerCount = columns.count
        try file.appending { buffer in Self.writeHeader(columns, to: &buffer) }
    }

    static func writeHeader(_ columns: [String], to buffer: inout [UInt8]) {
        for (offset, column) in columns.enumerated() {
            if offset > 0 { buffer.append(UInt8(ascii: ",")) }
            CSVCell.write(column, neutralise: true, to: &buffer)
        }
        if !columns.isEmpty { buffer.append(contentsOf: [0x0D, 0x0A]) }
    }

    mutating func write(_ record: Record, to file: StagedFile) throws {
        cells.removeAll(keepingCapacity: true)
        cells.append(contentsOf: repeatElement(nil, count: columns.count))
        flatten(record.fields, prefix: nil)
        if segments.last?.columns != columns.count { segments.append((columns.count, file.byteCount)) }
        try file.appending { buffer in writeRow(to: &buffer) }
    }

    private func writeRow(to buffer: inout [UInt8]) {
        for (offset, cell) in cells.enumerated() {
            if offset > 0 { buffer.append(UInt8(ascii: ",")) }
            if let cell { CSVCell.write(cell.text, neutralise: cell.neutralise, to: &buffer) }
        }
        buffer.append(contentsOf: [0x0D, 0x0A])
    }

    /// The CSV text of `records` in memory, header first (for dry runs): columns from all of them, rows full width.
    static func render(_ records: [Record], columns: [String]) -> String {
        var discovery = CSVEncoder(columns: columns)
        for record in records {
            discovery.cells = Array(repeating: nil, count: discovery.columns.count)
            discovery.flatten(record.fields, prefix: nil)
        }
        var encoder = CSVEncoder(columns: discovery.columns)
        var buffer: [UInt8] = []
        writeHeader(encoder.columns, to: &buffer)
        for record in records {
            encoder.cells = Array(repeating: nil, count: encoder.columns.count)
            encoder.flatten(record.fields, prefix: nil)
            encoder.writeRow(to: &buffer)
        }
        return String(decoding: buffer, as: UTF8.self)
    }

    private mutating func flatten(_ value: JSON, prefix: String?) {
        if case .object(let object) = value, !(object.isEmpty && prefix != nil) {
            for (key, member) in object {
                flatten(member, prefix: prefix.map { "\($0).\(key)" } ?? key)
            }
            return
        }
        let column = prefix ?? "value"
        let position: Int
        if let existing = index[column] {
            position = existing
        } else {
            add(column)
            cells.append(nil)
            position = columns.count - 1
        }
        cells[position] = CSVCell.text(of: value)
    }

    mutating func finish(_ file: StagedFile, logger: Logger) throws -> StagedFile {
        guard columns.count > headerCount else { return file }
        logger.debug(
            "rewriting the CSV file with columns that appeared after its header",
            metadata: ["file.path": "\(file.targetPath)", "csv.columns": "\(columns.count)"])
        let rewritten = try StagedFile(targetPath: file.targetPath, logger: logger, replacing: file)
        try rewritten.appending { buffer in Self.writeHeader(columns, to: &buffer) }
        let total = columns.count
        for (number, segment) in segments.enumerated() {
            let end = number + 1 < segments.count ? segments[number + 1].offset : file.byteCount
            var padding = RowPadding(commas: total - max(segment.columns, 1))
            try file.read(segment.offset..<end) { (chunk) in
                try rewritten.appending { buffer in padding.copy(chunk, to: &buffer) }
            }
        }
        file.discard()
        return rewritten
    }
}

/// Copies CSV rows written by `CSVEncoder`, adding empty cells before each row's CRLF. A CR outside quotes is
/// always a row end, because a cell holding CR is quoted.
private struct RowPadding {
    let commas: Int
    var inQuotes = false

    mutating func copy(_ bytes: ArraySlice<UInt8>, to output: inout [UInt8]) {
        guard commas > 0 else {
            output.append(contentsOf: bytes)
            return
        }
        for byte in bytes {
            if byte == UInt8(ascii: "\"") {
                inQuotes.toggle()
            } else if byte == 0x0D && !inQuotes {
                output.append(contentsOf: repeatElement(UInt8(ascii: ","), count: commas))
            }
            output.append(byte)
        }
    }
}
