// The one PRNG of lstm-sweep (paper ambiguity A16: the paper names none), shared by both halves:
// the numerics draw weights and data from it, the sweep half random-search samples and bootstrap
// resamples. Extensions elsewhere add what needs more than integer arithmetic: `gaussian()` in
// LSTMCore (our own log), `init(hashing:)` in SweepCore (SHA-256).
//
// SplitMix64 (Steele, Lea & Flood 2014): state += 0x9E3779B97F4A7C15, then a 64-bit finaliser.
// It is tiny, fast, passes BigCrush, and is defined by integer arithmetic alone, so the same seed
// gives the same stream on every machine. Independent streams (initial weights, training data, test
// data) come from `SplitMix64(seed:stream:)`, which hashes the pair (seed, stream) into a start state.

/// A seeded SplitMix64 generator: the single source of randomness for a trial.
///
/// `next()` returns the standard SplitMix64 output. `uniform01()` takes the top 53 bits, so
/// it yields every multiple of 2⁻⁵³ in [0, 1) with equal probability.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    /// The generator state; the next output is a function of it alone.
    public private(set) var state: UInt64

    /// Creates a generator whose first output is the SplitMix64 output for `seed`.
    public init(seed: UInt64) {
        state = seed
    }

    /// Creates the generator of one named stream of a seed.
    ///
    /// The start state is `mix(seed ^ mix(stream + golden))`, so streams of one seed, and the
    /// same stream of neighbouring seeds, do not overlap in practice.
    public init(seed: UInt64, stream: Stream) {
        state = Self.mix(seed ^ Self.mix(stream.rawValue &+ Self.golden))
    }

    /// The named streams of a trial (a trial's seed is split into these).
    public struct Stream: RawRepresentable, Sendable, Hashable {
        public var rawValue: UInt64
        public init(rawValue: UInt64) { self.rawValue = rawValue }
        /// Initial weights and random gate biases.
        public static let weights = Stream(rawValue: 1)
        /// Training sequences (and the fixed training set of Exp. 1).
        public static let training = Stream(rawValue: 2)
        /// Test sequences (and the fixed test set of Exp. 1).
        public static let test = Stream(rawValue: 3)
        /// Sampling of random sweep values, when a sweep asks for it.
        public static let sampling = Stream(rawValue: 4)
    }

    static let golden: UInt64 = 0x9E37_79B9_7F4A_7C15

    // Wrapping arithmetic is the definition of SplitMix64, not an overflow.
    @inline(__always)
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The next 64 random bits.
    @inline(__always)
    public mutating func next() -> UInt64 {
        state &+= Self.golden
        return Self.mix(state)
    }

    /// A uniform double in [0, 1), a multiple of 2⁻⁵³.
    @inline(__always)
    public mutating func uniform01() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniform double in [low, high).
    @inline(__always)
    public mutating func uniform(_ low: Double, _ high: Double) -> Double {
        low + (high - low) * uniform01()
    }

    /// A uniform integer in the closed range, without modulo bias (Lemire's method).
    public mutating func integer(in range: ClosedRange<Int>) -> Int {
        let span = UInt64(range.upperBound - range.lowerBound) &+ 1
        if span == 0 { return Int(truncatingIfNeeded: next()) }  // the full 64-bit range
        var product = next().multipliedFullWidth(by: span)
        if product.low < span {
            let threshold = (0 &- span) % span
            while product.low < threshold {
                product = next().multipliedFullWidth(by: span)
            }
        }
        return range.lowerBound + Int(product.high)
    }

    /// True with probability `p`.
    @inline(__always)
    public mutating func bernoulli(_ p: Double) -> Bool {
        uniform01() < p
    }
}
