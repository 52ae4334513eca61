import JSON
import Mapping
import Testing

@testable import Outputs

/// Cells are attacker-controlled (alert titles, file names, URLs) and CSV files are opened in spreadsheets.
@Suite struct CSVInjectionTests {
    static let cases: [(JSON, String)] = [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "\"'\rx\""),
        ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
        ("=HYPERLINK(\"http://evil.example\",\"x\")", "\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\""),
        (" =1", " =1"),
        ("a,b", "\"a,b\""),
        ("say \"hi\"", "\"say \"\"hi\"\"\""),
        ("two\nlines", "\"two\nlines\""),
        ("plain", "plain"),
        ("", ""),
        (.null, ""),
        (.int(-5), "-5"),
        (.double(-1.5), "-1.5"),
        (.bool(true), "true"),
        (["=1", "b"], "'=1;b"),
        (["a", "=1"], "a;=1"),
        ([.int(-1), .int(2)], "'-1;2"),
        ([["k": "v"]], "\"{\"\"k\"\":\"\"v\"\"}\""),
    ]

    @Test(arguments: cases)
    func neutralisesAndQuotes(value: JSON, cell: String) {
        let text = CSVEncoder.render([Record(id: "r", kind: .alert, fields: ["v": value])], columns: [])
        #expect(text == "v\r\n\(cell)\r\n")
    }

    @Test func neutralisesHeaderCellsToo() {
        let text = CSVEncoder.render(
            [Record(id: "r", kind: .alert, fields: ["=x": "1", "nested": ["@y": "2", "ok": "3"]])], columns: [])
        #expect(text == "'=x,nested.@y,nested.ok\r\n1,2,3\r\n")
    }

    @Test func writesAScalarRecordInAValueColumn() {
        #expect(CSVEncoder.render([Record(id: "r", kind: .alert, fields: "-x")], columns: []) == "value\r\n'-x\r\n")
    }
}
