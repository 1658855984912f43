/// `POST /v1/sweeps/{name}/retry`: queue the sweep's failed trials again with a fresh attempt budget.
public struct RetryRequest: Sendable, Codable, Equatable {
    /// Only failed trials (the one kind of retry there is; must be true).
    public var failed: Bool

    /// Creates a request.
    public init(failed: Bool = true) {
        self.failed = failed
    }
}

/// The answer to a retry.
public struct RetryResponse: Sendable, Codable, Equatable {
    /// Trials queued again.
    public var requeued: Int

    /// Creates an answer.
    public init(requeued: Int) {
        self.requeued = requeued
    }
}
