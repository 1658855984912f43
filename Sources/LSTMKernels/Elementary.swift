// exp and log written in plain IEEE double arithmetic, so that every machine computes the same
// bits (glibc's libm differs between versions). The network's squashing functions and the PRNG's
// Gaussian use these, which makes a trial's outcome bit-identical on any machine, not only on any
// thread. Accuracy is within a few ulp over the ranges we use; tests compare with Foundation's.

/// Elementary functions with a portable, fixed implementation.
public enum Elementary {
    // The constants are computed properties, not stored `static let`s: the kernel modules inline
    // these functions, and a literal inlines where a stored global would cost an accessor call.

    // ln 2 split so that k * ln2Hi is exact for |k| < 2^11 (Cody & Waite reduction).
    @inlinable static var ln2Hi: Double { 6.931_471_803_691_238_164_90e-01 }
    @inlinable static var ln2Lo: Double { 1.908_214_929_270_587_700_02e-10 }
    @inlinable static var invLn2: Double { 1.442_695_040_888_963_387_00e+00 }

    /// 1.5 · 2^52: adding and subtracting it rounds a double of magnitude below 2^51 to the nearest
    /// integer (ties to even), and leaves that integer in the low bits of the sum's bit pattern.
    @inlinable static var roundingMagic: Double { 6_755_399_441_055_744.0 }

    /// e^x, for x clamped to [-708, 708] (the result stays a normal double). Never traps, even on NaN.
    @inlinable @inline(__always)
    public static func exp(_ x: Double) -> Double {
        let xc = Swift.min(Swift.max(x, -708.0), 708.0)
        // k = round(x / ln2); r = x - k ln2 with |r| <= ln2 / 2.
        let shifted = xc * invLn2 + roundingMagic
        let k = shifted - roundingMagic
        let r = (xc - k * ln2Hi) - k * ln2Lo
        let p = expPolynomial(r)
        // 2^k from the exponent bits: the low bits of `shifted` hold k (|k| <= 1022, so 2^k is normal).
        let scale = Double(bitPattern: (shifted.bitPattern &- roundingMagic.bitPattern &+ 1023) << 52)
        return p * scale
    }

    /// e^x lane by lane, with exactly the operations of the scalar `exp`, so every lane equals it bit for bit.
    @inlinable @inline(__always)
    public static func exp(_ x: SIMD4<Double>) -> SIMD4<Double> {
        // Masked replacement compiles to branch-free compares; the generic SIMD `clamped` is not inlined.
        var xc = x
        xc.replace(with: -708.0, where: xc .< -708.0)
        xc.replace(with: 708.0, where: xc .> 708.0)
        let shifted = xc * invLn2 + roundingMagic
        let k = shifted - roundingMagic
        let r = (xc - k * ln2Hi) - k * ln2Lo
        let p = expPolynomial(r)
        let bits = unsafeBitCast(shifted, to: SIMD4<UInt64>.self)
        let scaleBits = (bits &- roundingMagic.bitPattern &+ 1023) &<< 52
        return p * unsafeBitCast(scaleBits, to: SIMD4<Double>.self)
    }

    /// The Taylor series of e^r to degree 12: the remainder is below 2e-16 relative for |r| <= 0.347.
    /// Evaluated by Estrin's scheme (pairs, then powers r², r⁴, r⁸): about 21 cycles of latency
    /// instead of Horner's 72, which matters because two exps sit on every step's dependency chain.
    @inlinable @inline(__always)
    static func expPolynomial<V: ExpArgument>(_ r: V) -> V {
        let r2 = r * r
        let r4 = r2 * r2
        let r8 = r4 * r4
        let p01 = V(1.0) + r
        let p23 = V(0.5) + V(1.0 / 6.0) * r
        let p45 = V(1.0 / 24.0) + V(1.0 / 120.0) * r
        let p67 = V(1.0 / 720.0) + V(1.0 / 5_040.0) * r
        let p89 = V(1.0 / 40_320.0) + V(1.0 / 362_880.0) * r
        let p1011 = V(1.0 / 3_628_800.0) + V(1.0 / 39_916_800.0) * r
        let q03 = p01 + p23 * r2
        let q47 = p45 + p67 * r2
        let q812 = (p89 + p1011 * r2) + V(1.0 / 479_001_600.0) * r4
        return (q03 + q47 * r4) + q812 * r8
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
    @inlinable @inline(__always)
    public static func logistic(_ x: Double) -> Double {
        1.0 / (1.0 + exp(-x))
    }

    /// The logistic sigmoid lane by lane, equal to the scalar one bit for bit.
    @inlinable @inline(__always)
    public static func logistic(_ x: SIMD4<Double>) -> SIMD4<Double> {
        1.0 / (1.0 + exp(-x))
    }

    /// y[i] = logistic(x[i]) for i in 0..<count, four values at a time and the last count % 4 one by
    /// one: every y[i] has the bits of the scalar `logistic(x[i])`. `x` and `y` may be the same
    /// buffer (each quad is read before it is written). Used where a layer's net inputs are summed
    /// first and squashed together (the baselines' and 2a's direct net's outputs).
    @inlinable @inline(__always)
    public static func logistic(_ x: UnsafePointer<Double>, into y: UnsafeMutablePointer<Double>, count: Int) {
        let source = UnsafeRawPointer(x), destination = UnsafeMutableRawPointer(y)
        var i = 0
        while i + 4 <= count {
            let quad = source.loadUnaligned(fromByteOffset: i &* 8, as: SIMD4<Double>.self)
            destination.storeBytes(of: logistic(quad), toByteOffset: i &* 8, as: SIMD4<Double>.self)
            i &+= 4
        }
        while i < count {
            y[i] = logistic(x[i])
            i &+= 1
        }
    }
}

extension Elementary {
    // float32 versions, for nets trained in single precision (package-only, so that a literal argument
    // never makes a caller's `Elementary.logistic(0.5)` ambiguous). Same scheme as the float64 exp: the
    // Cody & Waite reduction with ln 2 = C1 + C2 (C1 has 9 significant bits, so k * C1 is exact for
    // |k| < 2^15), and a Taylor polynomial of degree 7: remainder below 6e-9 relative for |r| <= 0.347,
    // under half an ulp of a float.

    @inlinable static var floatLn2Hi: Float { 0.693_359_375 }
    @inlinable static var floatLn2Lo: Float { -2.121_944_400_546_905_827_68e-4 }
    @inlinable static var floatInvLn2: Float { 1.442_695_040_888_963_4 }
    /// 1.5 · 2^23: rounds a float of magnitude below 2^22 to an integer left in the low mantissa bits.
    @inlinable static var floatRoundingMagic: Float { 12_582_912.0 }

    /// e^x in float32, for x clamped to [-87, 88] (the result stays a normal float). Never traps.
    @inlinable @inline(__always)
    package static func exp(_ x: Float) -> Float {
        let xc = Swift.min(Swift.max(x, -87.0), 88.0)
        let shifted = xc * floatInvLn2 + floatRoundingMagic
        let k = shifted - floatRoundingMagic
        let r = (xc - k * floatLn2Hi) - k * floatLn2Lo
        let scale = Float(bitPattern: (shifted.bitPattern &- floatRoundingMagic.bitPattern &+ 127) << 23)
        return floatExpPolynomial(r) * scale
    }

    /// e^x lane by lane in float32, equal to the scalar float `exp` bit for bit.
    @inlinable @inline(__always)
    package static func exp(_ x: SIMD4<Float>) -> SIMD4<Float> {
        var xc = x
        xc.replace(with: -87.0, where: xc .< -87.0)
        xc.replace(with: 88.0, where: xc .> 88.0)
        let shifted = xc * floatInvLn2 + floatRoundingMagic
        let k = shifted - floatRoundingMagic
        let r = (xc - k * floatLn2Hi) - k * floatLn2Lo
        let bits = unsafeBitCast(shifted, to: SIMD4<UInt32>.self)
        let scaleBits = (bits &- floatRoundingMagic.bitPattern &+ 127) &<< 23
        return floatExpPolynomial(r) * unsafeBitCast(scaleBits, to: SIMD4<Float>.self)
    }

    /// The Taylor series of e^r to degree 7, by Estrin's scheme.
    @inlinable @inline(__always)
    static func floatExpPolynomial<V: ExpArgument>(_ r: V) -> V {
        let r2 = r * r
        let r4 = r2 * r2
        let p01 = V(1.0) + r
        let p23 = V(0.5) + V(1.0 / 6.0) * r  // the float64 coefficients, rounded to float32 once
        let p45 = V(1.0 / 24.0) + V(1.0 / 120.0) * r
        let p67 = V(1.0 / 720.0) + V(1.0 / 5_040.0) * r
        return (p01 + p23 * r2) + (p45 + p67 * r2) * r4
    }

    /// The logistic sigmoid in float32, paper eq. (3).
    @inlinable @inline(__always)
    package static func logistic(_ x: Float) -> Float {
        1.0 / (1.0 + exp(-x))
    }

    /// The float32 logistic lane by lane, equal to the scalar one bit for bit.
    @inlinable @inline(__always)
    package static func logistic(_ x: SIMD4<Float>) -> SIMD4<Float> {
        1.0 / (1.0 + exp(-x))
    }

    /// e^x over eight float32 lanes (the float32 lane kernels' width), with the scalar's operations.
    /// Written out per width, like the SIMD4 one: a generic version over the lane and bit vectors
    /// (session 11) was not specialised in the kernel copies, and float32 lanes fell from 3.5x to 1.3x
    /// of the single path (1-2) and from 3.1x to 0.6x (6b).
    @inlinable @inline(__always)
    package static func exp(_ x: SIMD8<Float>) -> SIMD8<Float> {
        var xc = x
        xc.replace(with: -87.0, where: xc .< -87.0)
        xc.replace(with: 88.0, where: xc .> 88.0)
        let shifted = xc * floatInvLn2 + floatRoundingMagic
        let k = shifted - floatRoundingMagic
        let r = (xc - k * floatLn2Hi) - k * floatLn2Lo
        let bits = unsafeBitCast(shifted, to: SIMD8<UInt32>.self)
        let scaleBits = (bits &- floatRoundingMagic.bitPattern &+ 127) &<< 23
        return floatExpPolynomial(r) * unsafeBitCast(scaleBits, to: SIMD8<Float>.self)
    }

    /// The float32 logistic over eight lanes, equal to the scalar one bit for bit.
    @inlinable @inline(__always)
    package static func logistic(_ x: SIMD8<Float>) -> SIMD8<Float> {
        1.0 / (1.0 + exp(-x))
    }
}

/// A scalar or a vector (of either precision) that the exp polynomials run on; `init` rounds a float64
/// coefficient to the precision.
@usableFromInline
protocol ExpArgument {
    init(_ value: Double)
    static func * (a: Self, b: Self) -> Self
    static func + (a: Self, b: Self) -> Self
}

extension Double: ExpArgument {}

extension Float: ExpArgument {}

extension SIMD4: ExpArgument where Scalar: BinaryFloatingPoint {
    @inlinable
    init(_ value: Double) { self.init(repeating: Scalar(value)) }
}

extension SIMD8: ExpArgument where Scalar: BinaryFloatingPoint {
    @inlinable
    init(_ value: Double) { self.init(repeating: Scalar(value)) }
}
