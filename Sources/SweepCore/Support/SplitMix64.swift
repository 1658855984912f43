// SplitMix64 (Steele, Lea & Flood 2014; the generator Java's SplittableRandom uses):
//   state += 0x9E3779B97F4A7C15; z = state
//   z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9; z = (z ^ (z >> 27)) * 0x94D049BB133111EB; return z ^ (z >> 31)
// SweepCore keeps its own copy (internal, so it never clashes with LSTMCore's) because the sweep
// half must not import the numerics half. It drives random-search sampling, seeded from the
// sweep name, so a sweep file expands identically on every machine.

/// The SplitMix64 generator: 64 bits of state, one add and two multiply-xorshifts per output.
struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// Starts the generator at `seed`.
    init(seed: UInt64) { state = seed }

    /// Starts the generator at the first 8 bytes (big-endian) of SHA-256 of `text`.
    init(hashing text: String) {
        let digest = SHA256.digest(Array(text.utf8))
        state = digest.prefix(8).reduce(0) { $0 << 8 | UInt64($1) }
    }

    mutating func next() -> UInt64 {
        // Wrapping arithmetic is the definition of the generator.
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform double in [0, 1) from the top 53 bits of the next output.
    mutating func nextUnit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }
}
