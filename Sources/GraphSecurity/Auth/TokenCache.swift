import Logging
import Transport

/// Holds the current access token and makes sure concurrent requests share one token request.
///
/// A token is reused until its renewal instant (shortly before expiry). When several tasks need a token at once, the
/// first asks the identity platform and the others wait for its answer (single flight); a failure is handed to all of
/// them. `invalidate` drops a token Graph refused (401), so the next `token()` fetches a new one.
actor TokenCache {
    private let requester: TokenRequester
    private let now: @Sendable () -> ContinuousClock.Instant
    private var current: AccessToken?
    /// Non-nil while a token request is in flight: the tasks waiting for it.
    private var waiters: [CheckedContinuation<AccessToken, any Error>]?
    /// Token requests made (for tests and reports).
    private(set) var requestCount = 0

    init(requester: TokenRequester, now: @escaping @Sendable () -> ContinuousClock.Instant) {
        self.requester = requester
        self.now = now
    }

    /// A valid token: the cached one, the one being fetched, or a new one.
    func token(logger: Logger) async throws -> AccessToken {
        while true {
            if let current, now() < current.renewAt { return current }
            if waiters != nil {
                do {
                    return try await withCheckedThrowingContinuation { waiters?.append($0) }
                } catch is CancellationError {
                    // The task that was fetching was cancelled, not necessarily this one: try again ourselves.
                    try Task.checkCancellation()
                    continue
                }
            }
            waiters = []
            requestCount += 1
            let result: Result<AccessToken, any Error>
            do {
                result = .success(try await requester.request(logger: logger))
            } catch {
                result = .failure(error)
            }
            let waiting = waiters ?? []
            waiters = nil
            if case .success(let token) = result { current = token }
            for waiter in waiting { waiter.resume(with: result) }
            return try result.get()
        }
    }

    /// Forgets `token` if it is still the current one (Graph answered 401 with it).
    func invalidate(_ token: AccessToken) {
        if current?.value == token.value { current = nil }
    }
}
