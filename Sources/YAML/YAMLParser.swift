internal import CYAML
import Diagnostics

/// Reads YAML text into node trees through libyaml's event API.
///
/// Every document of the stream is read; a syntax error, invalid UTF-8 or a limit ends the file (the documents
/// finished before it are kept). Locations are 1-based; columns count Unicode scalars, as libyaml does.
public struct YAMLParser: Sendable {
    public var limits: YAMLLimits

    public init(limits: YAMLLimits = .default) {
        self.limits = limits
    }

    public func parse(_ text: String, file: String) -> YAMLStream {
        parse(Array(text.utf8), file: file)
    }

    public func parse(_ bytes: [UInt8], file: String) -> YAMLStream {
        guard bytes.count <= limits.maxInputBytes else {
            let error = Diagnostic.error(
                "file is \(bytes.count) bytes, over the limit of \(limits.maxInputBytes) bytes",
                at: SourceLocation(file: file, line: 1, column: 1))
            return YAMLStream(documents: [], diagnostics: [error])
        }
        // libyaml would count a byte-order mark as a column of line 1: drop it here (the encoding is UTF-8 anyway).
        let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
        return body.withUnsafeBufferPointer { buffer in
            if let offset = TextPosition.firstInvalidUTF8(in: buffer) {
                let error = Diagnostic.error(
                    "invalid UTF-8: byte 0x\(Self.hex(buffer[offset])) cannot appear here; save the file as UTF-8",
                    at: TextPosition.location(ofByte: offset, in: buffer, file: file))
                return YAMLStream(documents: [], diagnostics: [error])
            }
            var builder = TreeBuilder(limits: limits)
            Self.run(buffer, file: file, into: &builder)
            return YAMLStream(documents: builder.documents, diagnostics: builder.diagnostics)
        }
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
    }

    /// Pulls events from libyaml until the stream ends, an error occurs or the builder stops.
    private static func run(_ buffer: UnsafeBufferPointer<UInt8>, file: String, into builder: inout TreeBuilder) {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            builder.record(.error("libyaml could not start (out of memory)", at: .init(file: file, line: 1, column: 1)))
            return
        }
        defer { yaml_parser_delete(&parser) }
        yaml_parser_set_input_string(&parser, buffer.baseAddress ?? UnsafePointer(bitPattern: 1), buffer.count)
        yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)

        var event = yaml_event_t()
        while true {
            guard yaml_parser_parse(&parser, &event) == 1 else {
                builder.record(error(of: parser, buffer: buffer, file: file))
                return
            }
            defer { yaml_event_delete(&event) }
            let location = SourceLocation(
                file: file, line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)
            do {
                switch event.type {
                case YAML_STREAM_END_EVENT:
                    return
                case YAML_DOCUMENT_START_EVENT:
                    builder.startDocument(at: location)
                case YAML_DOCUMENT_END_EVENT:
                    builder.endDocument()
                case YAML_ALIAS_EVENT:
                    try builder.alias(string(event.data.alias.anchor), at: location)
                case YAML_SCALAR_EVENT:
                    let scalar = event.data.scalar
                    let value = String(
                        decoding: UnsafeBufferPointer(start: scalar.value, count: Int(scalar.length)), as: UTF8.self)
                    builder.scalar(
                        value, anchor: optionalString(scalar.anchor), tag: optionalString(scalar.tag),
                        style: style(of: scalar.style), at: location)
                case YAML_SEQUENCE_START_EVENT:
                    let start = event.data.sequence_start
                    try builder.startCollection(
                        mapping: false, anchor: optionalString(start.anchor), tag: optionalString(start.tag),
                        style: start.style == YAML_FLOW_SEQUENCE_STYLE ? .flow : .block, at: location)
                case YAML_MAPPING_START_EVENT:
                    let start = event.data.mapping_start
                    try builder.startCollection(
                        mapping: true, anchor: optionalString(start.anchor), tag: optionalString(start.tag),
                        style: start.style == YAML_FLOW_MAPPING_STYLE ? .flow : .block, at: location)
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    builder.endCollection()
                default:
                    break
                }
            } catch {
                return
            }
        }
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String {
        optionalString(pointer) ?? ""
    }

    private static func optionalString(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: pointer)
    }

    private static func style(of style: yaml_scalar_style_t) -> Node.Style {
        switch style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: .literal
        case YAML_FOLDED_SCALAR_STYLE: .folded
        default: .plain
        }
    }

    /// libyaml's error as a diagnostic: the problem at its mark, the context (`while parsing a block mapping`) as a
    /// note at its own mark.
    private static func error(
        of parser: yaml_parser_t, buffer: UnsafeBufferPointer<UInt8>, file: String
    ) -> Diagnostic {
        let problem = parser.problem.map { String(cString: $0) } ?? "unknown error"
        func location(_ mark: yaml_mark_t) -> SourceLocation {
            SourceLocation(file: file, line: Int(mark.line) + 1, column: Int(mark.column) + 1)
        }
        switch parser.error {
        case YAML_READER_ERROR:
            let at = TextPosition.location(ofByte: Int(parser.problem_offset), in: buffer, file: file)
            return .error("invalid character: \(problem)", at: at)
        case YAML_SCANNER_ERROR, YAML_PARSER_ERROR:
            let at = location(parser.problem_mark)
            var notes: [Diagnostic.Note] = []
            if let context = parser.context {
                notes.append(.init(String(cString: context), at: location(parser.context_mark)))
            }
            if TextPosition.character(at: at, in: buffer) == "\t" {
                notes.append(.init("YAML indentation uses spaces; a tab cannot indent or start a token"))
            }
            return .error("YAML syntax error: \(problem)", at: at, notes: notes)
        default:
            return .error("libyaml failed: \(problem)", at: SourceLocation(file: file, line: 1, column: 1))
        }
    }
}
