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
            let compact = Self.wantsCompactLabels(domain)
            var ticks: [(Double, String)] = []
            var decade = pow(10, floor(log10(domain.lowerBound)))
            while decade <= domain.upperBound * 1.000_001 {
                if decade >= domain.lowerBound * 0.999_999 { ticks.append((decade, Self.label(decade, compact: compact))) }
                decade *= 10
            }
            return ticks
        case .linear:
            let compact = Self.wantsCompactLabels(domain)
            let step = Self.niceStep(domain.upperBound - domain.lowerBound)
            let first = ceil(domain.lowerBound / step - 1e-9)
            return stride(from: first, through: floor(domain.upperBound / step + 1e-9), by: 1).map { index in
                let value = index * step
                return (value, Self.label(abs(value) < step * 1e-9 ? 0 : value, compact: compact))
            }
        }
    }

    /// Whether an axis over `domain` labels its ticks in thousands and millions ("20k", "1M"): when it
    /// reaches 10,000, so that one axis never mixes "1000000" with "1e+07".
    static func wantsCompactLabels(_ domain: ClosedRange<Double>) -> Bool {
        max(abs(domain.lowerBound), abs(domain.upperBound)) >= 10_000
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

    /// A short label: integers without a decimal point, tiny values in exponent form. `compact` writes
    /// values from 1,000 up as thousands, millions or billions ("4k", "2.5M"; a tick axis that reaches
    /// 10,000 asks for it); otherwise integers below 10 million are written out and larger values in
    /// exponent form.
    static func label(_ value: Double, compact: Bool = false) -> String {
        let magnitude = abs(value)
        if compact && magnitude >= 1_000 && magnitude < 1e15 {
            let (unit, suffix) = magnitude >= 1e12 ? (1e12, "T") : magnitude >= 1e9 ? (1e9, "G")
                : magnitude >= 1e6 ? (1e6, "M") : (1e3, "k")
            return Self.trimmed(value / unit) + suffix
        }
        if value.rounded() == value && magnitude < 1e7 { return String(Int(value)) }
        if magnitude >= 1e7 || magnitude < 1e-3 { return String(format: "%.0e", value) }
        return Self.trimmed(value)
    }

    /// `value` with at most three decimals and no trailing zeros: "2.5", "0.125", "3".
    static func trimmed(_ value: Double) -> String {
        var text = String(format: "%.3f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }
}
