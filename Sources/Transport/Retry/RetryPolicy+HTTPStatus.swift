extension RetryPolicy {
    /// What an HTTP error status means for the retry loop: the policy's retryable statuses (429, 5xx…) retry, honouring
    /// the server's `Retry-After` hint; every other status fails at once.
    public func disposition(forHTTPStatus status: Int, retryAfter: Duration?) -> RetryDisposition {
        retryableStatuses.contains(status) ? .retry(after: retryAfter) : .fail
    }
}
