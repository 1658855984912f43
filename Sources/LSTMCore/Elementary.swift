// exp and log written in plain IEEE double arithmetic, so that every machine computes the same
// bits (glibc's libm differs between versions). The network's squashing functions and the PRNG's
// Gaussian use these, which makes a trial's outcome bit-identical on any machine, not only on any
// thread. Accuracy is within a few ulp over the ranges we use; tests compare with Foundation's.

/// Elementary functions with a portable, fixed implementation.
public enum Elementary {
    // ln 2 split so that k * ln2Hi is exact for |k| < 2^11 (Cody & Waite reduction).
    static let ln2Hi: Double = 6.931_471_803_691_238_164_90e-01
    static let ln2Lo: Double = 1.908_214_929_270_587_700_02e-10
    static let invLn2: Double = 1.442_695_040_888_963_387_00e+00

    /// e^x, for x clamped to [-708, 708] (the result stays a normal double).
    @inline(__always)
    public static func exp(_ x: Double) -> Double {
        let xc = min(max(x, -708.0), 708.0)
        // k = round(x / ln2); r = x - k ln2 with |r| <= ln2 / 2.
        let k = (xc * invLn2).rounded(.toNearestOrEven)
        let r = (xc - k * ln2Hi) - k * ln2Lo
        // Taylor series of e^r to degree 12: the remainder is below 2e-16 relative for |r| <= 0.347.
        var p = 1.0 / 479_001_600.0
        p = p * r + 1.0 / 39_916_800.0
        p = p * r + 1.0 / 3_628_800.0
        p = p * r + 1.0 / 362_880.0
        p = p * r + 1.0 / 40_320.0
        p = p * r + 1.0 / 5_040.0
        p = p * r + 1.0 / 720.0
        p = p * r + 1.0 / 120.0
        p = p * r + 1.0 / 24.0
        p = p * r + 1.0 / 6.0
        p = p * r + 0.5
        p = p * r + 1.0
        p = p * r + 1.0
        // Scale by 2^k through the exponent bits; |k| <= 1022 here, so 2^k is a normal double.
        let scale = Double(bitPattern: UInt64(Int64(k) + 1023) << 52)
        return p * scale
    }

    /// The natural logarithm of a positive, finite x.
    public static func log(_ x: Double) -> Double {
        precondition(x > 0 && x.isFinite, "log needs a positive finite argument")
        // x = m * 2^e with m in [sqrt(1/2), sqrt(2)); log m = 2 atanh(z), z = (m - 1) / (m + 1).
        var e = Double(x.exponent)
        var m = x.significand  // [1, 2)
        if m > 1.414_213_562_373_095_1 {
            m *= 0.5
            e += 1
        }
        let z = (m - 1) / (m + 1)
        let z2 = z * z
        // atanh(z) / z = sum z^(2n) / (2n + 1); |z| < 0.172, so 11 terms reach 1e-17.
        var s = 1.0 / 21.0
        s = s * z2 + 1.0 / 19.0
        s = s * z2 + 1.0 / 17.0
        s = s * z2 + 1.0 / 15.0
        s = s * z2 + 1.0 / 13.0
        s = s * z2 + 1.0 / 11.0
        s = s * z2 + 1.0 / 9.0
        s = s * z2 + 1.0 / 7.0
        s = s * z2 + 1.0 / 5.0
        s = s * z2 + 1.0 / 3.0
        s = s * z2 + 1.0
        return e * ln2Hi + (2 * z * s + e * ln2Lo)
    }

    /// The logistic sigmoid 1 / (1 + e^-x), paper eq. (3).
    @inline(__always)
    public static func logistic(_ x: Double) -> Double {
        1.0 / (1.0 + exp(-x))
    }
}
