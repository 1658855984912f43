// The error figures every learner reports for a sequence, and the eq. (19) step they are measured in.
// They live with the kernels, which fill them in; LSTMCore re-exports the type.

/// Error figures of one sequence, over the steps that carry targets.
public struct SequenceStats: Sendable, Equatable {
    /// Sum over target steps and outputs of (t - y)².
    public var squaredError: Double = 0
    /// The largest |t - y| over target steps and outputs.
    public var maxAbsError: Double = 0
    /// The largest |t - y| over the outputs of the last target step.
    public var finalMaxAbsError: Double = 0
    /// The number of (step, output) pairs with a target.
    public var targetCount: Int = 0
    /// The number of time steps processed.
    public var steps: Int = 0

    /// Creates empty statistics.
    public init() {}

    /// Whether every error figure is finite (false once a net diverged).
    public var isFinite: Bool { squaredError.isFinite && maxAbsError.isFinite }
}

extension SequenceStats {
    /// Eq. (19) at one target step, shared by every learner: e_k = y_k(1 − y_k)(t_k − y_k) into
    /// `errors`, and the step's error figures into `self` (E = ½ Σ (t − y)²; factor 2 dropped).
    ///
    /// - Parameters: `targets` is the sequence's [length, K] target buffer, `outputs` and `errors`
    ///   point at K values each, of the net's precision. `each(k, e_k)` runs right after e_k is known,
    ///   so a caller can fold its own sums over k into the same pass (the kernel's δ_c).
    @inlinable @inline(__always)
    package mutating func addOutputErrors<R: BinaryFloatingPoint>(
        targets: UnsafeBufferPointer<Double>, at t: Int, outputs: UnsafePointer<R>, count: Int,
        errors: UnsafeMutablePointer<R>, each: (Int, R) -> Void = { _, _ in }
    ) {
        // Local sums (the same additions in the same order as adding into `self` directly).
        var finalMax = 0.0, squared = squaredError
        for k in 0..<count {
            let y = outputs[k]
            let diff = targets[t * count + k] - Double(y)  // error figures in float64 at either precision
            let e = y * (1 - y) * R(diff)
            errors[k] = e
            squared += diff * diff
            finalMax = max(finalMax, abs(diff))
            each(k, e)
        }
        squaredError = squared
        maxAbsError = max(maxAbsError, finalMax)
        finalMaxAbsError = finalMax
        targetCount += count
    }
}
