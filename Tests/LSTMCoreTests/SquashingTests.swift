// The squashing functions g and h (paper eqs. 3-5, and Table 10 caption's swapped ranges, A14): each
// has its range and midpoint, and its derivative is the slope of its value.
import LSTMCore
import Testing

struct SquashingTests {
    static let points: [Double] = [-7, -2.5, -0.3, 0, 0.4, 1.9, 6]

    /// The centred difference of `f` at x.
    static func slope(_ f: (Double) -> Double, at x: Double) -> Double {
        let h = 1e-6
        return (f(x + h) - f(x - h)) / (2 * h)
    }

    @Test(arguments: CellInputSquashing.allCases)
    func cellInputHasItsRangeAndItsDerivative(_ g: CellInputSquashing) {
        // Given g's documented range: [-R, R] for the symmetric ones, [0, 1] for the logistic
        let (low, high) = g.symmetricHalfRange.map { (-$0, $0) } ?? (0, 1)
        // Then g(0) is the midpoint, g stays inside the range far out, and g' is g's slope
        #expect(g.valueAndDerivative(0).0 == (low + high) / 2)
        #expect(abs(g.valueAndDerivative(40).0 - high) < 1e-12 && abs(g.valueAndDerivative(-40).0 - low) < 1e-12)
        for x in Self.points {
            let (_, derivative) = g.valueAndDerivative(x)
            #expect(abs(derivative - Self.slope({ g.valueAndDerivative($0).0 }, at: x)) < 1e-8, "g = \(g), x = \(x)")
        }
    }

    @Test(arguments: CellOutputSquashing.allCases)
    func cellOutputHasItsRangeAndItsDerivative(_ h: CellOutputSquashing) {
        for x in Self.points {
            let (value, derivative) = h.valueAndDerivative(x)
            #expect(abs(derivative - Self.slope({ h.valueAndDerivative($0).0 }, at: x)) < 1e-8, "h = \(h), x = \(x)")
            if let r = h.symmetricHalfRange {
                #expect(value > -r && value < r)
            } else {
                #expect(value == x)
            }
        }
        // The caption's h is twice eq. (4)'s: h1 in [-2,2] against [-1,1] (A14)
        #expect(CellOutputSquashing.symmetric2.valueAndDerivative(1.3).0 == 2 * CellOutputSquashing.symmetric1.valueAndDerivative(1.3).0)
    }
}
