import Testing

@testable import Transport

@Suite struct RetryStatusTests {
    @Test(arguments: [429, 500, 502, 503, 504, 509])
    func throttlingAndServerErrorsAreRetriedWithTheHint(status: Int) {
        #expect(RetryPolicy().disposition(forHTTPStatus: status, retryAfter: .seconds(2)) == .retry(after: .seconds(2)))
    }

    @Test(arguments: [400, 401, 403, 404, 405, 409, 501])
    func otherStatusesFailAtOnce(status: Int) {
        #expect(RetryPolicy().disposition(forHTTPStatus: status, retryAfter: nil) == .fail)
    }

    @Test func thePolicyDecidesWhichStatusesRetry() {
        let policy = RetryPolicy(retryableStatuses: [503])
        #expect(policy.disposition(forHTTPStatus: 500, retryAfter: nil) == .fail)
        #expect(policy.disposition(forHTTPStatus: 503, retryAfter: nil) == .retry(after: nil))
    }
}
