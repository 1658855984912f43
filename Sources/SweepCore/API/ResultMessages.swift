/// `POST /v1/trials/{id}/result`: report the outcome of one claim.
///
/// Answered 200 with `accepted` or `alreadyAccepted` (a resend), or 409 when the token is stale:
/// the result was recorded as a late duplicate and did not overwrite the accepted one.
public struct ResultRequest: Sendable, Codable, Equatable {
    /// The fencing token of the claim that ran the trial.
    public var token: String
    /// The outcome.
    public var result: TrialResult

    /// Creates a request.
    public init(token: String, result: TrialResult) {
        self.token = token
        self.result = result
    }
}

/// The answer to one result.
public struct ResultResponse: Sendable, Codable, Equatable {
    /// What the coordinator did with the result.
    public var status: CompletionResult
    /// Creates a response.
    public init(status: CompletionResult) { self.status = status }
}

/// `POST /v1/results`: report many outcomes in one request and one transaction (outbox flushes).
public struct ResultBatchRequest: Sendable, Codable, Equatable {
    /// The results, each with its trial and token.
    public var results: [TrialCompletion]
    /// Creates a request.
    public init(results: [TrialCompletion]) { self.results = results }
}

/// The answer to a batch: one item per result, in order. Always 200 when the body was valid.
public struct ResultBatchResponse: Sendable, Codable, Equatable {
    /// The fate of one result of the batch.
    public struct Item: Sendable, Codable, Equatable {
        /// The trial.
        public var trialID: String
        /// `accepted`, `alreadyAccepted` or `lateDuplicate`; nil when rejected (see `error`).
        public var status: CompletionResult?
        /// Why the result was rejected (unknown trial, never-issued token); it should not be resent.
        public var error: String?

        /// Creates an item.
        public init(trialID: String, status: CompletionResult?, error: String? = nil) {
            self.trialID = trialID
            self.status = status
            self.error = error
        }
    }

    /// One item per result, in request order.
    public var items: [Item]
    /// Creates a response.
    public init(items: [Item]) { self.items = items }
}
