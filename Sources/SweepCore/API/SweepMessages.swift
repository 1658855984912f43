/// `POST /v1/sweeps`: register a sweep from the text of its file; the coordinator validates and
/// expands it with the same schemas as `lstm-sweep run`.
public struct SubmitRequest: Sendable, Codable, Equatable {
    /// The sweep file's YAML.
    public var yaml: String
    /// The file name, used only in error messages.
    public var fileName: String

    /// Creates a request.
    public init(yaml: String, fileName: String) {
        self.yaml = yaml
        self.fileName = fileName
    }
}

/// The answer to a submission.
public struct SubmitResponse: Sendable, Codable, Equatable {
    /// The sweep's name.
    public var sweepName: String
    /// Trials the sweep expands to.
    public var trials: Int
    /// What the store did.
    public var summary: SubmitSummary

    /// Creates a response.
    public init(sweepName: String, trials: Int, summary: SubmitSummary) {
        self.sweepName = sweepName
        self.trials = trials
        self.summary = summary
    }
}

/// The answer to `POST /v1/sweeps/{name}/cancel`.
public struct CancelResponse: Sendable, Codable, Equatable {
    /// Queued trials cancelled now; leased ones are told to stop on their next heartbeat.
    public var cancelled: Int
    /// Creates a response.
    public init(cancelled: Int) { self.cancelled = cancelled }
}

/// `GET /v1/status`: counts by state, overall and per sweep.
public struct StatusResponse: Sendable, Codable, Equatable {
    /// One sweep's counts.
    public struct SweepStatus: Sendable, Codable, Equatable {
        /// The sweep's name.
        public var name: String
        /// Its counts.
        public var counts: StatusCounts
        /// Creates a row.
        public init(name: String, counts: StatusCounts) {
            self.name = name
            self.counts = counts
        }
    }

    /// All trials of all sweeps.
    public var total: StatusCounts
    /// Per sweep, oldest first.
    public var sweeps: [SweepStatus]
    /// Distinct workers that talked to this coordinator process.
    public var workersSeen: Int

    /// Creates a response.
    public init(total: StatusCounts, sweeps: [SweepStatus], workersSeen: Int) {
        self.total = total
        self.sweeps = sweeps
        self.workersSeen = workersSeen
    }
}

/// The body of every 4xx/5xx answer.
public struct ErrorResponse: Sendable, Codable, Equatable {
    /// The `SweepError.Code` (or `http` for transport-level errors).
    public var code: String
    /// A one-line explanation.
    public var message: String

    /// Creates a response.
    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }
}
