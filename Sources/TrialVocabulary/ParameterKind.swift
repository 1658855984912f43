// The type and allowed range of one parameter, as a sweep file is checked against it.

/// The type and allowed range of one sweep parameter.
public enum ParameterKind: Sendable, Equatable {
    /// An integer within a closed range.
    case integer(ClosedRange<Int>)
    /// A finite real within a closed range.
    case real(ClosedRange<Double>)
    /// `true` or `false`.
    case boolean
    /// One of a fixed set of strings.
    case choice([String])
    /// A list of reals whose length lies in `count` (for example per-block gate biases).
    case realList(count: ClosedRange<Int>)

    /// A short description for error messages ("an integer in 1...10").
    public var summary: String {
        switch self {
        case .integer(let range): "an integer in \(range.lowerBound)...\(range.upperBound)"
        case .real(let range): "a real in \(range.lowerBound)...\(range.upperBound)"
        case .boolean: "true or false"
        case .choice(let options): "one of " + options.joined(separator: ", ")
        case .realList(let count): "a list of \(count.lowerBound)...\(count.upperBound) reals"
        }
    }
}
