/// Parses `$filter` text into a `FilterExpression` for one entity set, or fails with the message Graph's OData
/// layer gives. Grammar: `expr := term ('or' term)*; term := factor ('and' factor)*;
/// factor := '(' expr ')' | property op literal`, literals being `'string'` (quotes doubled inside), an unquoted
/// DateTimeOffset, or `null`.
struct FilterParser {
    let entitySet: EntitySet
    private let text: String
    private var tokens: [Token] = []
    private var position = 0

    struct Token: Hashable {
        enum Kind: Hashable { case word, string, open, close }
        var kind: Kind
        var text: String
        /// 0-based character offset in the filter (OData reports positions this way).
        var offset: Int
    }

    init(_ text: String, entitySet: EntitySet) {
        self.text = text
        self.entitySet = entitySet
    }

    static func parse(_ text: String, entitySet: EntitySet) throws(ODataError) -> FilterExpression {
        var parser = FilterParser(text, entitySet: entitySet)
        try parser.tokenize()
        guard !parser.tokens.isEmpty else { throw parser.syntaxError(at: 0) }
        let expression = try parser.parseOr()
        guard parser.position == parser.tokens.count else {
            throw parser.syntaxError(at: parser.tokens[parser.position].offset)
        }
        return expression
    }

    private func syntaxError(at offset: Int) -> ODataError {
        .badRequest("Invalid filter clause: Syntax error at position \(offset) in '\(text)'.")
    }

    private mutating func tokenize() throws(ODataError) {
        let characters = Array(text)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character == " " || character == "\t" {
                index += 1
            } else if character == "(" || character == ")" {
                tokens.append(Token(kind: character == "(" ? .open : .close, text: String(character), offset: index))
                index += 1
            } else if character == "'" {
                let start = index
                var value = ""
                index += 1
                var closed = false
                while index < characters.count {
                    if characters[index] == "'" {
                        if index + 1 < characters.count, characters[index + 1] == "'" {
                            value.append("'")
                            index += 2
                            continue
                        }
                        closed = true
                        index += 1
                        break
                    }
                    value.append(characters[index])
                    index += 1
                }
                guard closed else {
                    throw .badRequest(
                        "Invalid filter clause: There is an unterminated string literal at position \(start) in '\(text)'."
                    )
                }
                tokens.append(Token(kind: .string, text: value, offset: start))
            } else {
                let start = index
                var word = ""
                while index < characters.count, !" \t()'".contains(characters[index]) {
                    word.append(characters[index])
                    index += 1
                }
                tokens.append(Token(kind: .word, text: word, offset: start))
            }
        }
    }

    private mutating func parseOr() throws(ODataError) -> FilterExpression {
        var expression = try parseAnd()
        while position < tokens.count, tokens[position].kind == .word, tokens[position].text == "or" {
            position += 1
            expression = .or(expression, try parseAnd())
        }
        return expression
    }

    private mutating func parseAnd() throws(ODataError) -> FilterExpression {
        var expression = try parseFactor()
        while position < tokens.count, tokens[position].kind == .word, tokens[position].text == "and" {
            position += 1
            expression = .and(expression, try parseFactor())
        }
        return expression
    }

    private mutating func parseFactor() throws(ODataError) -> FilterExpression {
        guard position < tokens.count else { throw syntaxError(at: text.count) }
        let token = tokens[position]
        if token.kind == .open {
            position += 1
            let inner = try parseOr()
            guard position < tokens.count, tokens[position].kind == .close else {
                throw syntaxError(at: position < tokens.count ? tokens[position].offset : text.count)
            }
            position += 1
            return inner
        }
        guard token.kind == .word else { throw syntaxError(at: token.offset) }
        position += 1
        if token.text.contains("/") || token.text.contains("(") {
            throw .badRequest("Invalid filter clause: '\(token.text)' is not supported by the emulator.")
        }
        guard entitySet.properties.contains(token.text) else {
            throw .badRequest("Could not find a property named '\(token.text)' on type '\(entitySet.typeName)'.")
        }
        guard let property = FilterProperty(rawValue: token.text), entitySet.filterable.contains(property) else {
            throw .badRequest("Invalid filter clause: the property '\(token.text)' is not supported in $filter.")
        }
        guard position < tokens.count, tokens[position].kind == .word else {
            throw syntaxError(at: position < tokens.count ? tokens[position].offset : text.count)
        }
        let operatorToken = tokens[position]
        guard let op = ComparisonOperator(rawValue: operatorToken.text) else {
            throw syntaxError(at: operatorToken.offset)
        }
        position += 1
        guard position < tokens.count, tokens[position].kind == .word || tokens[position].kind == .string else {
            throw syntaxError(at: position < tokens.count ? tokens[position].offset : text.count)
        }
        let literal = tokens[position]
        position += 1
        return .comparison(property, op, try value(of: literal, for: property, op))
    }

    private func value(
        of literal: Token, for property: FilterProperty, _ op: ComparisonOperator
    ) throws(ODataError)
        -> FilterValue
    {
        if literal.kind == .word, literal.text == "null" { return .null }
        let propertyType = entitySet.edmType(of: property)
        switch property {
        case .createdDateTime, .lastUpdateDateTime:
            guard literal.kind == .word else { throw incompatible(propertyType, "Edm.String", op) }
            guard let instant = GraphTimestamp(parsing: literal.text) else {
                if literal.text.first?.isNumber == true {
                    throw .badRequest(
                        "Invalid filter clause: The DateTimeOffset text '\(literal.text)' should be in format 'yyyy-mm-ddThh:mm:ss('.'s+)?(zzzzzz)?' and each field value is within valid range."
                    )
                }
                throw syntaxError(at: literal.offset)
            }
            return .instant(instant.ticks)
        case .assignedTo:
            guard literal.kind == .string else { throw literalType(literal, against: propertyType, op) }
            return .text(literal.text)
        default:
            let table = entitySet.enumeration(of: property)
            guard literal.kind == .string else { throw literalType(literal, against: propertyType, op) }
            guard let code = table.code(exactly: literal.text) else {
                throw .badRequest("The string '\(literal.text)' is not a valid enumeration type constant.")
            }
            return .member(UInt8(code))
        }
    }

    private func literalType(_ literal: Token, against propertyType: String, _ op: ComparisonOperator) -> ODataError {
        if GraphTimestamp(parsing: literal.text) != nil { return incompatible(propertyType, "Edm.DateTimeOffset", op) }
        if Int(literal.text) != nil { return incompatible(propertyType, "Edm.Int32", op) }
        if literal.text == "true" || literal.text == "false" { return incompatible(propertyType, "Edm.Boolean", op) }
        return syntaxError(at: literal.offset)
    }

    private func incompatible(_ left: String, _ right: String, _ op: ComparisonOperator) -> ODataError {
        .badRequest(
            "A binary operator with incompatible types was detected. Found operand types '\(left)' and '\(right)' "
                + "for operator kind '\(op.kindName)'.")
    }
}
