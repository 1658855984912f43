/// `POST /v1/sweeps`: register the sweeps of a sweep file from its text; the coordinator validates
/// and expands them with the same schemas as `lstm-sweep run`, and registers all of them or none.
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
///
/// The top-level fields describe the file's first sweep (the only one of a one-sweep file); `sweeps`
/// lists every sweep of the file, in file order.
public struct SubmitResponse: Sendable, Codable, Equatable {
    /// One sweep of the submitted file.
    public struct Entry: Sendable, Codable, Equatable {
        /// The sweep's name.
        public var sweepName: String
        /// Trials the sweep expands to.
        public var trials: Int
        /// What the store did.
        public var summary: SubmitSummary

        /// Creates an entry.
        public init(sweepName: String, trials: Int, summary: SubmitSummary) {
            self.sweepName = sweepName
            self.trials = trials
            self.summary = summary
        }
    }

    /// The first sweep's name.
    public var sweepName: String
    /// Trials the first sweep expands to.
    public var trials: Int
    /// What the store did with the first sweep.
    public var summary: SubmitSummary
    /// Every sweep of the file (nil from coordinators that predate multi-sweep files).
    public var sweeps: [Entry]?

    /// Creates a response for a one-sweep file.
    public init(sweepName: String, trials: Int, summary: SubmitSummary) {
        self.init(entries: [Entry(sweepName: sweepName, trials: trials, summary: summary)])
    }

    /// Creates a response listing every sweep of a file; `entries` must not be empty.
    public init(entries: [Entry]) {
        precondition(!entries.isEmpty, "a sweep file holds at least one sweep")
        sweepName = entries[0].sweepName
        trials = entries[0].trials
        summary = entries[0].summary
        sweeps = entries
    }

    /// Every sweep of the file (the top-level one alone when the coordinator sent no list).
    public var entries: [Entry] { sweeps ?? [Entry(sweepName: sweepName, trials: trials, summary: summary)] }
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
