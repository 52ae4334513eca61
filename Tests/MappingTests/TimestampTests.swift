import Testing

@testable import Mapping

@Suite struct TimestampTests {
    @Test(arguments: [
        ("2021-04-27T12:19:27.7211305Z", "2021-04-27T12:19:27.7211305Z", 1_619_525_967),
        ("2021-04-26T07:45:50.116Z", "2021-04-26T07:45:50.116Z", 1_619_423_150),
        ("2026-01-31T00:00:00Z", "2026-01-31T00:00:00Z", 1_769_817_600),
        ("2026-01-31t02:00:00+02:00", "2026-01-31T00:00:00Z", 1_769_817_600),
        ("2026-01-30T19:30:00-0430", "2026-01-31T00:00:00Z", 1_769_817_600),
        ("2026-01-31 01:00:00+01", "2026-01-31T00:00:00Z", 1_769_817_600),
        ("2026-01-31T00:00", "2026-01-31T00:00:00Z", 1_769_817_600),
        ("2026-01-31", "2026-01-31T00:00:00Z", 1_769_817_600),
        ("2024-02-29T23:59:59.000000000001Z", "2024-02-29T23:59:59Z", 1_709_251_199),
        ("1970-01-01T00:00:00Z", "1970-01-01T00:00:00Z", 0),
        ("1969-12-31T23:59:59.5Z", "1969-12-31T23:59:59.5Z", -1),
        ("2016-12-31T23:59:60Z", "2016-12-31T23:59:59.999999999Z", 1_483_228_799),
    ])
    func parsesAndWrites(text: String, canonical: String, seconds: Int64) throws {
        let timestamp = try #require(Timestamp(iso8601: text))
        #expect(timestamp.seconds == seconds)
        #expect(timestamp.iso8601 == canonical)
    }

    @Test(arguments: [
        "", "2021", "2021-13-01", "2021-02-29", "2021-04-31", "2021-04-27T24:00:00Z", "2021-04-27T12:60:00Z",
        "2021-04-27T12:19:27.Z", "2021-04-27T12:19:27Zjunk", "2021-04-27X12:19:27Z", "yesterday", "2021-04-27T12",
        "2021-04-27T12:19:27+25:00",
    ])
    func refuses(text: String) {
        #expect(Timestamp(iso8601: text) == nil)
    }

    @Test func unixForms() throws {
        let timestamp = try #require(Timestamp(iso8601: "2021-04-26T07:45:50.116Z"))
        #expect(timestamp.unixSeconds == 1_619_423_150)
        #expect(timestamp.unixMilliseconds == 1_619_423_150_116)
    }
}
