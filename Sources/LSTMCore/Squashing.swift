// The squashing functions of paper §1.2, eqs. (3)-(5), with the derivatives the gradient needs.
// All are affine maps of the logistic f, so one exp serves a value and its derivative.

/// The cell input squashing function g (paper eq. 5, or the logistic for Exps. 2a/2b).
public enum CellInputSquashing: String, Codable, Sendable, CaseIterable {
    /// g(x) = 4 f(x) - 2, range [-2, 2] (eq. 5; "g2" in Table 10).
    case symmetric2
    /// g(x) = f(x), range [0, 1] (Exps. 2a/2b; "g1").
    case logistic
    /// g(x) = 2 f(x) - 1, range [-1, 1]: Table 10's caption ("g2 in [-1,1]"), which swaps the ranges of
    /// the text and eqs. (4)/(5) (A14). A reading, not a default.
    case symmetric1

    /// The half-range R of g = 2R f - R, or nil for the logistic.
    public var symmetricHalfRange: Double? {
        switch self {
        case .symmetric2: return 2
        case .symmetric1: return 1
        case .logistic: return nil
        }
    }
}

/// The cell output squashing function h (paper eq. 4, or the identity for Exps. 2a/2b).
public enum CellOutputSquashing: String, Codable, Sendable, CaseIterable {
    /// h(x) = 2 f(x) - 1, range [-1, 1] (eq. 4; "h1" in Table 10).
    case symmetric1
    /// h(x) = x (Exps. 2a/2b; "id").
    case identity
    /// h(x) = 4 f(x) - 2, range [-2, 2]: Table 10's caption ("h1 is logistic sigmoid in [-2,2]"), which
    /// swaps the ranges of the text and eqs. (4)/(5) (A14). A reading, not a default.
    case symmetric2

    /// The half-range R of h = 2R f - R, or nil for the identity.
    public var symmetricHalfRange: Double? {
        switch self {
        case .symmetric1: return 1
        case .symmetric2: return 2
        case .identity: return nil
        }
    }
}

extension CellInputSquashing {
    /// g(x) and g'(x): 2R f - R and 2R f' for a half-range R (the kernels' `gScale f - gShift`, in the
    /// same operations), f and f' for the logistic.
    @inline(__always)
    public func valueAndDerivative(_ x: Double) -> (Double, Double) {
        let f = Elementary.logistic(x)
        let fp = f * (1 - f)
        guard let r = symmetricHalfRange else { return (f, fp) }
        return (2 * r * f - r, 2 * r * fp)
    }
}

extension CellOutputSquashing {
    /// h(x) and h'(x): 2R f - R and 2R f (1 - f) for a half-range R (the kernels' `hScale f - hShift`,
    /// in the same operations), x and 1 for the identity.
    @inline(__always)
    public func valueAndDerivative(_ x: Double) -> (Double, Double) {
        guard let r = symmetricHalfRange else { return (x, 1) }
        let f = Elementary.logistic(x)
        return (2 * r * f - r, 2 * r * f * (1 - f))
    }
}
