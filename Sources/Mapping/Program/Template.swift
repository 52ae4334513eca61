import JSON

/// A compiled template: literal text and `{{path}}` placeholders.
struct Template: Sendable {
    enum Piece: Sendable {
        case text(String)
        case value(Path)
    }

    var pieces: [Piece]

    /// The text with each placeholder replaced by its value's text (`null` and missing: nothing).
    func render(in scope: Scope) -> JSON {
        var out = ""
        for piece in pieces {
            switch piece {
            case .text(let text): out += text
            case .value(let path): ValueText.append(path.evaluate(in: scope), to: &out)
            }
        }
        return .string(out)
    }

    /// The pieces of `text`: literal runs and the text (with its offset) of each placeholder. `{{{{` is a literal
    /// `{{`. Fails on a `{{` without its `}}` and on an empty placeholder.
    static func split(_ text: String) -> Result<[(piece: RawPiece, offset: Int)], PathParser.Failure> {
        let scalars = Array(text.unicodeScalars)
        var pieces: [(RawPiece, Int)] = []
        var literal = String.UnicodeScalarView()
        var position = 0
        func flush() {
            if !literal.isEmpty { pieces.append((.text(String(literal)), 0)) }
            literal = String.UnicodeScalarView()
        }
        while position < scalars.count {
            if scalars[position] == "{", position + 1 < scalars.count, scalars[position + 1] == "{" {
                if position + 3 < scalars.count, scalars[position + 2] == "{", scalars[position + 3] == "{" {
                    literal.append("{")
                    literal.append("{")
                    position += 4
                    continue
                }
                let open = position
                var end = position + 2
                while end + 1 < scalars.count, !(scalars[end] == "}" && scalars[end + 1] == "}") { end += 1 }
                guard end + 1 < scalars.count else {
                    return .failure(.init(message: "unterminated placeholder: '{{' without '}}'", offset: open))
                }
                var start = open + 2
                var stop = end
                while start < stop, scalars[start].properties.isWhitespace { start += 1 }
                while stop > start, scalars[stop - 1].properties.isWhitespace { stop -= 1 }
                guard start < stop else {
                    return .failure(.init(message: "empty placeholder '{{}}'", offset: open))
                }
                flush()
                var inner = String.UnicodeScalarView()
                inner.append(contentsOf: scalars[start..<stop])
                pieces.append((.placeholder(String(inner)), start))
                position = end + 2
                continue
            }
            literal.append(scalars[position])
            position += 1
        }
        flush()
        return .success(pieces)
    }

    enum RawPiece {
        case text(String)
        case placeholder(String)
    }
}
