/// An error in a sweep file, a trial state change or a protocol message.
public struct SweepError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What went wrong.
    public enum Code: String, Sendable {
        case invalidSweep, unknownParameter, wrongType, badRange, conflict, notFound, staleToken
    }
    public var code: Code
    public var detail: String
    public init(_ code: Code, _ detail: String) {
        self.code = code
        self.detail = detail
    }
    public var description: String { detail }
}
