/// An error in a sweep file, a trial state change or a protocol message.
///
/// The description is always one line. When the error comes from a sweep file it starts with
/// `file:line:column:` so that editors and terminals can jump to it.
public struct SweepError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What went wrong.
    public enum Code: String, Sendable, Codable {
        case invalidSweep, unknownParameter, wrongType, badRange, unknownPreset, syntax
        /// A configuration whose parameters contradict each other (the preset's cross-parameter checks).
        case inconsistent
        case conflict, notFound, staleToken
        /// Protocol messages (HTTP API): malformed request, missing or wrong token, token without the right.
        case badRequest, unauthorized, forbidden
    }
    /// The kind of error.
    public var code: Code
    /// A human-readable, one-line explanation.
    public var detail: String
    /// Where in a sweep file the error was found, when it came from one.
    public var location: SourceLocation?

    /// Creates an error with an optional location.
    public init(_ code: Code, _ detail: String, at location: SourceLocation? = nil) {
        self.code = code
        self.detail = detail
        self.location = location
    }

    /// `file:line:column: detail`, or the detail alone; always a single line.
    public var description: String {
        let oneLine = detail.split(whereSeparator: \.isNewline).joined(separator: " ")
        guard let location else { return oneLine }
        return "\(location): \(oneLine)"
    }
}

extension SweepError {
    /// Submitting to a cancelled sweep: its new trials could never be claimed (claims need an active
    /// sweep), so a re-run would wait forever. Every TrialStore refuses it with this error.
    public static func cancelledSweep(_ name: String) -> SweepError {
        SweepError(.conflict, "sweep '\(name)' was cancelled; give it a new name to run it again")
    }
}
