import Foundation
import Testing

@testable import Outputs

@Suite struct TimestampTests {
    @Test(arguments: [
        (0.0, "1970-01-01T00:00:00.000Z"),
        (1_769_835_323.456, "2026-01-31T04:55:23.456Z"),
        (951_825_599.9994, "2000-02-29T11:59:59.999Z"),
        (951_825_599.9996, "2000-02-29T12:00:00.000Z"),
        (-1.5, "1969-12-31T23:59:58.500Z"),
    ])
    func formatsAndReadsBack(seconds: Double, text: String) throws {
        let date = Date(timeIntervalSince1970: seconds)
        #expect(Timestamp.format(date) == text)
        let parsed = try #require(Timestamp.parse(text))
        #expect(Timestamp.format(parsed) == text)
    }

    @Test func refusesOtherShapes() {
        for text in ["2026-01-31", "2026-01-31T04:55:23+01:00", "2026-13-31T04:55:23.000Z", "2026-01-31 04:55:23.000Z"]
        {
            #expect(Timestamp.parse(text) == nil)
        }
        #expect(Timestamp.parse("2026-01-31T04:55:23Z") == Date(timeIntervalSince1970: 1_769_835_323))
    }
}
