import SweepCore

extension CoordinatorClient {
    /// Queues a sweep's failed trials again with a fresh attempt budget (`POST /v1/sweeps/{name}/retry`).
    public func retryFailed(sweepName: String) async throws -> RetryResponse {
        // Sweep names are [A-Za-z0-9._-] (sweep files refuse others), so they need no escaping in a path.
        try await call("POST", "v1/sweeps/\(sweepName)/retry", RetryRequest(failed: true))
    }
}
