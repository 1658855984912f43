/// An error in a task, preset or trial description, with a code and the offending detail.
public struct TaskError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What went wrong.
    public enum Code: String, Sendable {
        case unknownPreset, unknownParameter, wrongType, outOfRange, inconsistent
    }
    public var code: Code
    public var detail: String
    public init(_ code: Code, _ detail: String) {
        self.code = code
        self.detail = detail
    }
    public var description: String { detail }
}
