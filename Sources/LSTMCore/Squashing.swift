// The squashing functions of paper §1.2, eqs. (3)-(5), with the derivatives the gradient needs.
// All are affine maps of the logistic f, so one exp serves a value and its derivative.

/// The cell input squashing function g (paper eq. 5, or the logistic for Exps. 2a/2b).
public enum CellInputSquashing: String, Codable, Sendable, CaseIterable {
    /// g(x) = 4 f(x) - 2, range [-2, 2] (eq. 5; "g2" in Table 10).
    case symmetric2
    /// g(x) = f(x), range [0, 1] (Exps. 2a/2b; "g1").
    case logistic
}

/// The cell output squashing function h (paper eq. 4, or the identity for Exps. 2a/2b).
public enum CellOutputSquashing: String, Codable, Sendable, CaseIterable {
    /// h(x) = 2 f(x) - 1, range [-1, 1] (eq. 4; "h1" in Table 10).
    case symmetric1
    /// h(x) = x (Exps. 2a/2b; "id").
    case identity
}

extension CellInputSquashing {
    /// g(x) and g'(x).
    @inline(__always)
    public func valueAndDerivative(_ x: Double) -> (Double, Double) {
        let f = Elementary.logistic(x)
        let fp = f * (1 - f)
        switch self {
        case .symmetric2: return (4 * f - 2, 4 * fp)
        case .logistic: return (f, fp)
        }
    }
}

extension CellOutputSquashing {
    /// h(x) and h'(x).
    @inline(__always)
    public func valueAndDerivative(_ x: Double) -> (Double, Double) {
        switch self {
        case .symmetric1:
            let f = Elementary.logistic(x)
            return (2 * f - 1, 2 * f * (1 - f))
        case .identity:
            return (x, 1)
        }
    }
}
