// Random-search sampling starts the one PRNG from a hash of the sweep name, so a sweep file
// expands identically on every machine.

extension SplitMix64 {
    /// Starts the generator at the first 8 bytes (big-endian) of SHA-256 of `text`.
    init(hashing text: String) {
        let digest = SHA256.digest(Array(text.utf8))
        self.init(seed: digest.prefix(8).reduce(0) { $0 << 8 | UInt64($1) })
    }
}
