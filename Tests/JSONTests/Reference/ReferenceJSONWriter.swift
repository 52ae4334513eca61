@testable import JSON

/// The writer as it was before the performance work (commit b23ce2b), kept verbatim as the oracle of the
/// differential tests: the fast writer must produce the same bytes.
extension ReferenceJSONWriter {
    static func encoded(_ value: JSON, options: JSONWriteOptions = .init()) -> [UInt8] {
        var output: [UInt8] = []
        ReferenceJSONWriter(options: options).write(value, to: &output, indent: 0)
        return output
    }
}

struct ReferenceJSONWriter {
    let options: JSONWriteOptions

    func write(_ value: JSON, to output: inout [UInt8], indent: Int) {
        switch value {
        case .null: output.append(contentsOf: "null".utf8)
        case .bool(let flag): output.append(contentsOf: (flag ? "true" : "false").utf8)
        case .int(let number): Self.writeInt(number, to: &output)
        case .double(let number): Self.writeDouble(number, to: &output)
        case .string(let string): Self.writeString(string, to: &output)
        case .array(let elements):
            output.append(UInt8(ascii: "["))
            for (offset, element) in elements.enumerated() {
                if offset > 0 { output.append(UInt8(ascii: ",")) }
                newline(&output, indent: indent + 1)
                write(element, to: &output, indent: indent + 1)
            }
            if !elements.isEmpty { newline(&output, indent: indent) }
            output.append(UInt8(ascii: "]"))
        case .object(let object):
            output.append(UInt8(ascii: "{"))
            var first = true
            func member(_ key: String, _ value: JSON) {
                if !first { output.append(UInt8(ascii: ",")) }
                first = false
                newline(&output, indent: indent + 1)
                Self.writeString(key, to: &output)
                output.append(UInt8(ascii: ":"))
                if options.prettyPrinted { output.append(UInt8(ascii: " ")) }
                write(value, to: &output, indent: indent + 1)
            }
            if options.sortedKeys {
                for (key, value) in object.sortedMembers { member(key, value) }
            } else {
                for index in 0..<object.count { member(object.keys[index], object.values[index]) }
            }
            if !object.isEmpty { newline(&output, indent: indent) }
            output.append(UInt8(ascii: "}"))
        }
    }

    func newline(_ output: inout [UInt8], indent: Int) {
        guard options.prettyPrinted else { return }
        output.append(UInt8(ascii: "\n"))
        output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent * 2))
    }

    static func writeInt(_ number: Int, to output: inout [UInt8]) {
        if number >= 0 && number < 10 {
            output.append(UInt8(ascii: "0") + UInt8(number))
            return
        }
        output.append(contentsOf: String(number).utf8)
    }

    static func writeDouble(_ number: Double, to output: inout [UInt8]) {
        guard number.isFinite else {
            output.append(contentsOf: "null".utf8)
            return
        }
        if number.rounded() == number, abs(number) < 1e15 {
            // Integral values keep a fraction so they read back as the same kind of number.
            output.append(contentsOf: String(Int(number)).utf8)
            output.append(contentsOf: ".0".utf8)
            return
        }
        output.append(contentsOf: number.description.utf8)
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    static func writeString(_ string: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        var string = string
        string.withUTF8 { bytes in
            var runStart = 0
            for position in 0..<bytes.count {
                let byte = bytes[position]
                if byte >= 0x20 && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\") { continue }
                if position > runStart {
                    output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<position]))
                }
                runStart = position + 1
                output.append(UInt8(ascii: "\\"))
                switch byte {
                case UInt8(ascii: "\""): output.append(UInt8(ascii: "\""))
                case UInt8(ascii: "\\"): output.append(UInt8(ascii: "\\"))
                case 0x0A: output.append(UInt8(ascii: "n"))
                case 0x0D: output.append(UInt8(ascii: "r"))
                case 0x09: output.append(UInt8(ascii: "t"))
                case 0x08: output.append(UInt8(ascii: "b"))
                case 0x0C: output.append(UInt8(ascii: "f"))
                default:
                    output.append(contentsOf: "u00".utf8)
                    output.append(hexDigits[Int(byte >> 4)])
                    output.append(hexDigits[Int(byte & 0x0F)])
                }
            }
            if bytes.count > runStart {
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<bytes.count]))
            }
        }
        output.append(UInt8(ascii: "\""))
    }
}
