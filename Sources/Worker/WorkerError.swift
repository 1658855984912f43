/// An error talking to the coordinator or keeping the outbox, with a one-line description.
public struct WorkerError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What went wrong.
    public enum Code: String, Sendable {
        /// No answer (connection refused, timeout) or a 5xx: retry with backoff.
        case unreachable
        /// 401 or 403: the token is missing, wrong or lacks the right; retrying will not help.
        case unauthorized
        /// Another 4xx: the request itself was refused.
        case rejected
        /// A 2xx whose body is not the expected JSON.
        case malformedReply
        /// The on-disk outbox could not be written or read.
        case outbox
    }

    /// The kind of error.
    public var code: Code
    /// One line for the log.
    public var detail: String
    /// The HTTP status, when there was an answer.
    public var status: Int?

    /// Creates an error.
    public init(_ code: Code, _ detail: String, status: Int? = nil) {
        self.code = code
        self.detail = detail.split(whereSeparator: \.isNewline).joined(separator: " ")
        self.status = status
    }

    /// Whether the same request may succeed later.
    public var isRetryable: Bool { code == .unreachable }

    /// The detail.
    public var description: String { detail }
}
