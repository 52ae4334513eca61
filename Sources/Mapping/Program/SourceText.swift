import Diagnostics

/// Locations inside a string the user wrote, whose own location is that of its first character.
enum SourceText {
    /// The location of the character `offset` (in Unicode scalars) into `text`. When a line break comes before it
    /// (a multi-line scalar, whose indentation YAML removed), the column cannot be known: the string's own
    /// location is returned.
    static func location(of offset: Int, in text: String, from start: SourceLocation) -> SourceLocation {
        var count = 0
        for scalar in text.unicodeScalars {
            if count == offset { break }
            if scalar == "\n" || scalar == "\r" { return start }
            count += 1
        }
        return SourceLocation(file: start.file, line: start.line, column: start.column + offset)
    }
}
