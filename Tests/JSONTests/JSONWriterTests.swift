import Testing

@testable import JSON

/// The writer reuses the written keys of objects that share a keys array (`KeyEncodingCache`); the output must be
/// byte for byte what the reference writer makes.
@Suite struct JSONWriterTests {
    static let allOptions = [
        JSONWriteOptions(), JSONWriteOptions(sortedKeys: true), JSONWriteOptions(prettyPrinted: true),
        JSONWriteOptions(sortedKeys: true, prettyPrinted: true),
    ]

    /// A page as the parser makes it: many objects of few shapes, keys that need escapes, nested shapes.
    @Test func writesParsedPagesAsTheReferenceDoes() throws {
        var text = "["
        for index in 0..<200 {
            if index > 0 { text += "," }
            let shape = index % 3
            text += #"{"id":\#(index),"quote\"key":"\#(shape)","tab\tkey":[\#(index),{"nested":true,"\u0001":null}]"#
            text += shape == 0 ? #","extra\\":1.5}"# : shape == 1 ? #","é":"x","\u212A":[]}"# : "}"
        }
        text += "]"
        let value = try JSON(parsing: text)
        for options in Self.allOptions {
            #expect(value.encoded(options: options) == ReferenceJSONWriter.encoded(value, options: options))
        }
        #expect(try JSON(parsing: value.encoded()) == value)
    }

    /// Objects built in code that share one keys array (copies of one object with other values) and objects that
    /// do not, interleaved.
    @Test func writesObjectsSharingAKeysArrayAsTheReferenceDoes() {
        let template: JSONObject = ["a": 0, "b\"": "x", "c": [1, 2]]
        var elements: [JSON] = []
        for index in 0..<(JSONWriter.keyCacheThreshold * 3) {
            var object = template
            object["a"] = .int(index)
            elements.append(.object(object))
            elements.append(["a": .int(index), "z": .string("\(index)")])
        }
        let value = JSON.array(elements)
        for options in Self.allOptions {
            #expect(value.encoded(options: options) == ReferenceJSONWriter.encoded(value, options: options))
        }
    }

    @Test func appendsToWhatIsAlreadyThere() {
        var output = Array("x".utf8)
        JSON.array([1, "two", nil]).write(to: &output)
        JSON.object(["k": true]).write(to: &output, options: .init(prettyPrinted: true))
        #expect(String(decoding: output, as: UTF8.self) == "x[1,\"two\",null]{\n  \"k\": true\n}")
    }

    @Test func writesNumbersAsBefore() {
        let numbers: [JSON] = [
            0, -0, 7, -7, 10, 99, 100, .int(Int.max), .int(Int.min), 0.0, -0.0, 1.5, -2.25, 3.0, 1e15, 1e16, 1e-7,
            .double(.nan), .double(.infinity), .double(-.infinity), .double(.greatestFiniteMagnitude),
        ]
        for number in numbers {
            #expect(number.encoded() == ReferenceJSONWriter.encoded(number), "\(number)")
        }
        #expect(
            JSON.array(numbers).encodedString().hasPrefix(
                "[0,0,7,-7,10,99,100,9223372036854775807,-9223372036854775808,0.0,"))
    }
}
