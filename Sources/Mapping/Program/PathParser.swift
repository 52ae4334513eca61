/// The syntax of paths: `root.name`, `[N]`, `[-N]`, `[*]`, `["quoted name"]` (or single quotes, `\` escapes).
struct PathParser {
    struct Parsed {
        var root: String
        var steps: [Path.Step]
        /// Offset (in Unicode scalars) of each step, for messages.
        var offsets: [Int]
    }

    struct Failure: Error {
        var message: String
        var offset: Int
    }

    let scalars: [Unicode.Scalar]
    var position = 0

    init(_ text: String) {
        scalars = Array(text.unicodeScalars)
    }

    static func parse(_ text: String) -> Result<Parsed, Failure> {
        var parser = PathParser(text)
        do throws(Failure) {
            return .success(try parser.parsePath())
        } catch {
            return .failure(error)
        }
    }

    static func isNameStart(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII && (scalar.properties.isAlphabetic || scalar == "_")
    }

    static func isNameCharacter(_ scalar: Unicode.Scalar) -> Bool {
        isNameStart(scalar) || ("0"..."9").contains(scalar)
    }

    mutating func parsePath() throws(Failure) -> Parsed {
        guard !scalars.isEmpty else { throw Failure(message: "empty path", offset: 0) }
        guard Self.isNameStart(scalars[0]) else {
            throw Failure(message: "expected a root name at the start of the path", offset: 0)
        }
        let root = name()
        var steps: [Path.Step] = []
        var offsets: [Int] = []
        while position < scalars.count {
            let start = position
            switch scalars[position] {
            case ".":
                position += 1
                guard position < scalars.count, Self.isNameStart(scalars[position]) else {
                    throw Failure(
                        message: "expected a property name after '.' (quote other names: [\"@odata.type\"])",
                        offset: position)
                }
                steps.append(.member(name()))
            case "[":
                position += 1
                steps.append(try bracket())
            default:
                throw Failure(
                    message: "unexpected '\(scalars[position])'; a path continues with '.name', '[N]', '[*]' or "
                        + "'[\"name\"]'",
                    offset: position)
            }
            offsets.append(start)
        }
        return Parsed(root: root, steps: steps, offsets: offsets)
    }

    mutating func name() -> String {
        var result = String.UnicodeScalarView()
        while position < scalars.count, Self.isNameCharacter(scalars[position]) {
            result.append(scalars[position])
            position += 1
        }
        return String(result)
    }

    mutating func bracket() throws(Failure) -> Path.Step {
        guard position < scalars.count else {
            throw Failure(message: "expected an index, '*' or a quoted name after '['", offset: position)
        }
        let step: Path.Step
        let first = scalars[position]
        if first == "*" {
            position += 1
            step = .wildcard
        } else if first == "\"" || first == "'" {
            step = .member(try quoted(first))
        } else if first == "-" || ("0"..."9").contains(first) {
            let start = position
            if first == "-" { position += 1 }
            var digits = ""
            while position < scalars.count, ("0"..."9").contains(scalars[position]) {
                digits.unicodeScalars.append(scalars[position])
                position += 1
            }
            guard !digits.isEmpty, digits.count <= 9, let value = Int(digits) else {
                throw Failure(message: "expected an index (an integer of at most 9 digits) after '['", offset: start)
            }
            step = .index(first == "-" ? -value : value)
        } else {
            throw Failure(message: "expected an index, '*' or a quoted name after '['", offset: position)
        }
        guard position < scalars.count, scalars[position] == "]" else {
            throw Failure(message: "expected ']'", offset: position)
        }
        position += 1
        return step
    }

    mutating func quoted(_ quote: Unicode.Scalar) throws(Failure) -> String {
        let start = position
        position += 1
        var result = String.UnicodeScalarView()
        while position < scalars.count {
            let scalar = scalars[position]
            if scalar == quote {
                position += 1
                guard !result.isEmpty else { throw Failure(message: "empty quoted name", offset: start) }
                return String(result)
            }
            if scalar == "\\" {
                position += 1
                guard position < scalars.count else { break }
            }
            result.append(scalars[position])
            position += 1
        }
        throw Failure(message: "unterminated quoted name (missing \(quote))", offset: start)
    }
}
