// The normal deviates of the numerics: Marsaglia's polar method over the one PRNG, with our own log.

extension SplitMix64 {
    /// A standard normal deviate (Marsaglia's polar method: only `log` and `sqrt`).
    ///
    /// `sqrt` is correctly rounded by IEEE 754; `log` comes from `Elementary.log`, our own
    /// implementation, so the value is the same on every machine.
    public mutating func gaussian() -> Double {
        while true {
            let u = 2 * uniform01() - 1
            let v = 2 * uniform01() - 1
            let r2 = u * u + v * v
            if r2 > 0 && r2 < 1 {
                return u * (-2 * Elementary.log(r2) / r2).squareRoot()
            }
        }
    }
}
