import JSON
import Testing

@testable import Mapping

@Suite struct TransformTests {
    @Test func textTransforms() {
        #expect(Transform.lowercase.apply("MiXeD") == "mixed")
        #expect(Transform.uppercase.apply(["a", nil, 5]) == ["A", nil, "5"])
        #expect(Transform.trim.apply("  padded \n") == "padded")
        #expect(Transform.lowercase.apply(nil) == nil)
        #expect(Transform.lowercase.apply(["k": "V"]) == ["k": "V"])
        #expect(Transform.lowercase.apply(true) == "true")
    }

    @Test func joinAndSplit() {
        #expect(Transform.join(",").apply(["T1", "T2", nil, 3]) == "T1,T2,3")
        #expect(Transform.join(" | ").apply(["a"]) == "a")
        #expect(Transform.join(",").apply("single") == "single")
        #expect(Transform.join(",").apply(nil) == nil)
        #expect(Transform.join(",").apply([]) == "")
        #expect(Transform.split(",").apply("a,b,,c") == ["a", "b", "", "c"])
        #expect(Transform.split(";").apply(["a;b", "c", nil]) == ["a", "b", "c"])
        #expect(Transform.split(",").apply(nil) == nil)
    }

    @Test func listTransforms() {
        #expect(Transform.first.apply(["a", "b"]) == "a")
        #expect(Transform.first.apply([]) == nil)
        #expect(Transform.first.apply("scalar") == "scalar")
        #expect(Transform.last.apply(["a", "b"]) == "b")
        #expect(Transform.last.apply(nil) == nil)
        #expect(Transform.unique.apply(["b", "a", "b", 1, 1, nil, nil]) == ["b", "a", 1, nil])
        #expect(Transform.unique.apply("x") == "x")
        #expect(Transform.compact.apply(["a", nil, "", "b", 0, false]) == ["a", "b", 0, false])
        #expect(Transform.compact.apply("") == nil)
        #expect(Transform.compact.apply("x") == "x")
        #expect(Transform.count.apply(["a", "b", nil]) == 3)
        #expect(Transform.count.apply("scalar") == 1)
        #expect(Transform.count.apply(nil) == 0)
        #expect(Transform.count.apply([]) == 0)
    }

    @Test func dates() {
        let graph: JSON = "2021-04-27T12:19:27.7211305Z"
        #expect(Transform.date(.iso8601).apply(graph) == "2021-04-27T12:19:27.7211305Z")
        #expect(Transform.date(.iso8601).apply("2021-04-27T14:19:27+02:00") == "2021-04-27T12:19:27Z")
        #expect(Transform.date(.unixSeconds).apply(graph) == 1_619_525_967)
        #expect(Transform.date(.unixMilliseconds).apply(graph) == 1_619_525_967_721)
        #expect(Transform.date(.iso8601).apply(1_619_525_967) == "2021-04-27T12:19:27Z")
        #expect(Transform.date(.iso8601).apply(1_619_525_967.5) == "2021-04-27T12:19:27.5Z")
        #expect(Transform.date(.iso8601).apply(["2026-01-31", "nonsense", nil]) == ["2026-01-31T00:00:00Z", nil, nil])
        #expect(Transform.date(.unixSeconds).apply(true) == nil)
    }

    @Test func conversions() {
        #expect(Transform.toString.apply(42) == "42")
        #expect(Transform.toString.apply(2.5) == "2.5")
        #expect(Transform.toString.apply(false) == "false")
        #expect(Transform.toString.apply(nil) == nil)
        #expect(Transform.toString.apply(["a": 1]) == "{\"a\":1}")
        #expect(Transform.toString.apply([1, "b"]) == ["1", "b"])
        #expect(Transform.toNumber.apply("42") == 42)
        #expect(Transform.toNumber.apply(" 4.5 ") == 4.5)
        #expect(Transform.toNumber.apply("-1e3") == -1000.0)
        #expect(Transform.toNumber.apply("4x") == nil)
        #expect(Transform.toNumber.apply("\"4\"") == nil)
        #expect(Transform.toNumber.apply(true) == 1)
        #expect(Transform.toNumber.apply(["1", "x"]) == [1, nil])
        #expect(Transform.toBool.apply("TRUE") == true)
        #expect(Transform.toBool.apply("0") == false)
        #expect(Transform.toBool.apply(1) == true)
        #expect(Transform.toBool.apply(2) == nil)
        #expect(Transform.toBool.apply("yes") == nil)
        #expect(Transform.toBool.apply(false) == false)
    }
}
