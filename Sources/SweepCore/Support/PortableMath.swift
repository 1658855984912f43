// exp and log that give the same bits on every host, for random-search sampling (issue 16, item 6).
// A log-uniform sample becomes a trial's parameter, and so part of its identity; Foundation's exp/log
// come from the platform's libm (glibc, Apple's libm, musl), which may differ in the last bit, and a
// value on a rounding boundary of the 9 significant digits the sample is rounded to would then name
// another trial on another host. These use only IEEE 754 +, -, *, / (which Swift never fuses into an
// FMA) and exact bit manipulation, so they round the same everywhere.
//
// The algorithms and coefficients are fdlibm's (Sun, 1993, freely redistributable), as FreeBSD and
// musl still ship them: e_log.c and e_exp.c, error below 1 ulp. SweepCore must not import LSTMCore,
// so this is its own copy; PortableMathTests checks it against Foundation and against frozen bits.

/// Deterministic natural exponential and logarithm (fdlibm's algorithms), for values that name trials.
enum PortableMath {
    private static let ln2Hi = 6.93147180369123816490e-01  // ln 2, top 32 bits (exact in k·ln2Hi)
    private static let ln2Lo = 1.90821492927058770002e-10  // ln 2 - ln2Hi

    /// The natural logarithm of `x`, within 1 ulp, the same bits on every host.
    static func log(_ x: Double) -> Double {
        if x.isNaN || x < 0 { return .nan }
        if x == 0 { return -.infinity }
        if x == .infinity { return x }
        var x = x
        var k = 0
        if x < Double.leastNormalMagnitude {
            x *= 18014398509481984.0  // 2^54: subnormals become normal
            k -= 54
        }
        // Reduce x to 2^k · m with m in [√2/2, √2): move the high word so that 0x3fe6a09e (√2/2)
        // becomes the bottom of the exponent's range.
        var high = UInt32(truncatingIfNeeded: x.bitPattern >> 32)
        let low = x.bitPattern & 0xffff_ffff
        high = high &+ (0x3ff0_0000 - 0x3fe6_a09e)
        k += Int(high >> 20) - 0x3ff
        high = (high & 0x000f_ffff) &+ 0x3fe6_a09e
        let m = Double(bitPattern: UInt64(high) << 32 | low)

        // log(m) = log(1 + f) = 2·atanh(s) with s = f / (2 + f), a polynomial in s² (|s| < 0.1716).
        let f = m - 1
        let halfSquare = 0.5 * f * f
        let s = f / (2 + f)
        let z = s * s
        let w = z * z
        let t1 = w * (3.999999999940941908e-01 + w * (2.222219843214978396e-01 + w * 1.531383769920937332e-01))
        let t2 =
            z
            * (6.666666666666735130e-01
                + w * (2.857142874366239149e-01 + w * (1.818357216161805012e-01 + w * 1.479819860511658591e-01)))
        let r = t2 + t1
        let dk = Double(k)
        return s * (halfSquare + r) + dk * ln2Lo - halfSquare + f + dk * ln2Hi
    }

    /// e raised to `x`, within 1 ulp, the same bits on every host.
    static func exp(_ x: Double) -> Double {
        if x.isNaN { return x }
        if x > 709.782712893383973096 { return .infinity }
        if x < -745.13321910194110842 { return 0 }
        // Reduce x to k·ln 2 + r with |r| ≤ ln 2 / 2, r carried as hi - lo.
        let magnitude = abs(x)
        var k = 0
        var hi = x
        var lo = 0.0
        if magnitude > 0.5 * 0.6931471805599453 {
            if magnitude >= 1.5 * 0.6931471805599453 {
                k = Int(1.44269504088896338700e+00 * x + (x < 0 ? -0.5 : 0.5))
            } else {
                k = x < 0 ? -1 : 1
            }
            hi = x - Double(k) * ln2Hi
            lo = Double(k) * ln2Lo
        } else if magnitude < 3.725290298461914e-09 {  // 2^-28: exp(x) = 1 + x to the last bit
            return 1 + x
        }
        let r = hi - lo
        // exp(r) = 1 + r + r·c / (2 - c), c a Remez polynomial in r².
        let rr = r * r
        let c =
            r
            - rr
            * (1.66666666666666019037e-01
                + rr
                * (-2.77777777770155933842e-03
                    + rr * (6.61375632143793436117e-05 + rr * (-1.65339022054652515390e-06 + rr * 4.13813679705723846039e-08))))
        let y = 1 - ((lo - (r * c) / (2 - c)) - hi)
        return k == 0 ? y : scaled(y, by: k)
    }

    /// `y · 2^k`, exactly when the result is normal (one rounding when it is subnormal).
    private static func scaled(_ y: Double, by k: Int) -> Double {
        // In two steps when 2^k itself is not a normal double (k from -1075 to 1024 here).
        if k > 1023 { return y * 2.0 * Double(sign: .plus, exponent: k - 1, significand: 1) }
        if k < -1021 {
            return y * Double(sign: .plus, exponent: k + 54, significand: 1) * Double(sign: .plus, exponent: -54, significand: 1)
        }
        return y * Double(sign: .plus, exponent: k, significand: 1)
    }
}
