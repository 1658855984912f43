// An axis: its label, its scale (linear, logarithmic or named categories), the domain the data
// needs, and "nice" ticks (1, 2 or 5 times a power of ten on linear axes; decades on log axes).

import Foundation

/// One axis of a ``Chart``.
public struct ChartAxis: Sendable, Equatable {
    /// How values map to positions.
    public enum Scale: Sendable, Equatable {
        /// Evenly spaced values.
        case linear
        /// Evenly spaced decades; values must be positive.
        case log
        /// Named categories at 0, 1, 2, …
        case categories([String])
    }

    /// The axis title.
    public var label: String
    /// The scale.
    public var scale: Scale
    /// A fixed domain (a success rate's 0...1), or nil to fit the data.
    public var fixedDomain: ClosedRange<Double>?

    /// Creates an axis.
    public init(label: String, scale: Scale = .linear, fixedDomain: ClosedRange<Double>? = nil) {
        self.label = label
        self.scale = scale
        self.fixedDomain = fixedDomain
    }

    /// The domain shown for `values`: the fixed one, or the data's range widened to whole ticks.
    public func domain(for values: [Double]) -> ClosedRange<Double> {
        if let fixedDomain { return fixedDomain }
        switch scale {
        case .categories(let names):
            return -0.5...(Double(max(names.count, 1)) - 0.5)
        case .log:
            let positive = values.filter { $0 > 0 && $0.isFinite }
            guard let low = positive.min(), let high = positive.max() else { return 1...10 }
            let lower = pow(10, floor(log10(low))), upper = pow(10, ceil(log10(high)))
            return lower < upper ? lower...upper : lower...(upper * 10)
        case .linear:
            let finite = values.filter(\.isFinite)
            guard var low = finite.min(), var high = finite.max() else { return 0...1 }
            if low == high { (low, high) = (low - max(1, abs(low) * 0.1), high + max(1, abs(high) * 0.1)) }
            let step = Self.niceStep(high - low)
            return (floor(low / step) * step)...(ceil(high / step) * step)
        }
    }

    /// Tick values within `domain`, with their labels.
    public func ticks(in domain: ClosedRange<Double>) -> [(value: Double, label: String)] {
        switch scale {
        case .categories(let names):
            return names.enumerated().map { (Double($0.offset), $0.element) }
        case .log:
            var ticks: [(Double, String)] = []
            var decade = pow(10, floor(log10(domain.lowerBound)))
            while decade <= domain.upperBound * 1.000_001 {
                if decade >= domain.lowerBound * 0.999_999 { ticks.append((decade, Self.label(decade))) }
                decade *= 10
            }
            return ticks
        case .linear:
            let step = Self.niceStep(domain.upperBound - domain.lowerBound)
            let first = ceil(domain.lowerBound / step - 1e-9)
            return stride(from: first, through: floor(domain.upperBound / step + 1e-9), by: 1).map { index in
                let value = index * step
                return (value, Self.label(abs(value) < step * 1e-9 ? 0 : value))
            }
        }
    }

    /// The position of `value` in `domain`, from 0 (lower end) to 1 (upper end).
    public func fraction(of value: Double, in domain: ClosedRange<Double>) -> Double {
        switch scale {
        case .log:
            let low = log10(domain.lowerBound), high = log10(domain.upperBound)
            return (log10(max(value, domain.lowerBound)) - low) / (high - low)
        case .linear, .categories:
            return (value - domain.lowerBound) / (domain.upperBound - domain.lowerBound)
        }
    }

    /// A step of 1, 2 or 5 times a power of ten giving about five intervals over `span`.
    static func niceStep(_ span: Double) -> Double {
        guard span > 0, span.isFinite else { return 1 }
        let raw = span / 5, magnitude = pow(10, floor(log10(raw)))
        let factor = [1.0, 2, 5, 10].first { raw <= $0 * magnitude * 1.000_001 } ?? 10
        return factor * magnitude
    }

    /// A short label: integers without a decimal point, large and tiny values in exponent form.
    static func label(_ value: Double) -> String {
        if value.rounded() == value && abs(value) < 1e7 { return String(Int(value)) }
        let magnitude = abs(value)
        if magnitude >= 1e7 || magnitude < 1e-3 { return String(format: "%.0e", value) }
        var text = String(format: "%.3f", value)
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }
}
