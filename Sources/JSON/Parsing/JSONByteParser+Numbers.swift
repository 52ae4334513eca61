extension JSONByteParser {
    /// Reads the number that starts at `index`: an `.int` when integral and within `Int`, else a `.double`.
    mutating func parseNumber() throws(JSONParseError) -> JSON {
        let start = index
        var position = index
        var negative = false
        if buffer[position] == UInt8(ascii: "-") {
            negative = true
            position += 1
        }
        let digitsStart = position
        var integer: Int = 0
        var overflow = false
        while position < buffer.count, buffer[position] >= UInt8(ascii: "0"), buffer[position] <= UInt8(ascii: "9") {
            let digit = Int(buffer[position] - UInt8(ascii: "0"))
            let (multiplied, o1) = integer.multipliedReportingOverflow(by: 10)
            let (added, o2) = multiplied.addingReportingOverflow(digit)
            overflow = overflow || o1 || o2
            integer = added
            position += 1
        }
        let digitCount = position - digitsStart
        guard digitCount > 0 else { throw error("invalid number", at: start) }
        if digitCount > 1, buffer[digitsStart] == UInt8(ascii: "0") {
            throw error("leading zero in a number", at: start)
        }
        var isInteger = true
        if position < buffer.count, buffer[position] == UInt8(ascii: ".") {
            isInteger = false
            position += 1
            let fractionStart = position
            while position < buffer.count, buffer[position] >= UInt8(ascii: "0"), buffer[position] <= UInt8(ascii: "9")
            {
                position += 1
            }
            guard position > fractionStart else { throw error("invalid number", at: start) }
        }
        if position < buffer.count, buffer[position] == UInt8(ascii: "e") || buffer[position] == UInt8(ascii: "E") {
            isInteger = false
            position += 1
            if position < buffer.count, buffer[position] == UInt8(ascii: "+") || buffer[position] == UInt8(ascii: "-") {
                position += 1
            }
            let exponentStart = position
            while position < buffer.count, buffer[position] >= UInt8(ascii: "0"), buffer[position] <= UInt8(ascii: "9")
            {
                position += 1
            }
            guard position > exponentStart else { throw error("invalid number", at: start) }
        }
        index = position
        if isInteger, !overflow {
            return .int(negative ? -integer : integer)
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<position]), as: UTF8.self)
        guard let value = Double(text) else { throw error("invalid number", at: start) }
        return .double(value)
    }
}
