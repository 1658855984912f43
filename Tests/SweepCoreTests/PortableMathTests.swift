import Foundation
import Testing
@testable import SweepCore

/// PortableMath (issue 16, item 6): within 1 ulp of the platform's libm over many values, and
/// frozen bits for fixed inputs, so a change of algorithm (or a compiler fusing a*b+c) shows up here
/// before it renames a random-search trial.
struct PortableMathTests {
    /// Distance in ulps between two finite doubles of the same sign.
    static func ulps(_ a: Double, _ b: Double) -> UInt64 {
        let (x, y) = (a.bitPattern, b.bitPattern)
        return x > y ? x - y : y - x
    }

    @Test func logIsWithinOneUlpOfFoundation() {
        var generator = SplitMix64(seed: 7)
        var worst: UInt64 = 0
        for index in 0..<200_000 {
            // Every binade from 2^-1074 to 2^1023, and many values near 1 (where log is hardest).
            let x: Double =
                index % 2 == 0
                ? Double(bitPattern: generator.next() % 0x7ff0_0000_0000_0000)
                : 1 + (generator.uniform01() - 0.5) / 64
            guard x > 0 else { continue }
            let distance = Self.ulps(PortableMath.log(x), Foundation.log(x))
            worst = max(worst, distance)
            if distance > 1 { Issue.record("log(\(x)): \(PortableMath.log(x)) against \(Foundation.log(x))") }
            if worst > 1 { break }
        }
        #expect(worst <= 1)
    }

    @Test func expIsWithinOneUlpOfFoundation() {
        var generator = SplitMix64(seed: 11)
        var worst: UInt64 = 0
        for index in 0..<200_000 {
            let x = index % 2 == 0 ? (generator.uniform01() - 0.5) * 1490 : (generator.uniform01() - 0.5) * 4
            let distance = Self.ulps(PortableMath.exp(x), Foundation.exp(x))
            worst = max(worst, distance)
            if distance > 1 { Issue.record("exp(\(x)): \(PortableMath.exp(x)) against \(Foundation.exp(x))") }
            if worst > 1 { break }
        }
        #expect(worst <= 1)
    }

    @Test func specialValues() {
        #expect(PortableMath.log(1) == 0)
        #expect(PortableMath.log(0) == -.infinity)
        #expect(PortableMath.log(-1).isNaN)
        #expect(PortableMath.log(.infinity) == .infinity)
        #expect(PortableMath.log(.leastNonzeroMagnitude) == Foundation.log(Double.leastNonzeroMagnitude))
        #expect(PortableMath.exp(0) == 1)
        #expect(PortableMath.exp(710) == .infinity)
        #expect(PortableMath.exp(-746) == 0)
        #expect(PortableMath.exp(-745) > 0)
        #expect(PortableMath.exp(.nan).isNaN)
    }

    /// Bits computed once and frozen: every host must give exactly these.
    static let frozen: [(input: Double, log: UInt64, exp: UInt64)] = [
        (0.001, 0xc01ba18a998fffa0, 0x3ff0041919b7ee34),
        (0.5, 0xbfe62e42fefa39ef, 0x3ffa61298e1e069c),
        (1.5, 0x3fd9f323ecbf984c, 0x4011ed3fe64fc541),
        (3.0, 0x3ff193ea7aad030a, 0x403415e5bf6fb106),
        (10.0, 0x40026bb1bbb55516, 0x40d5829dcf950560),
        (123.456, 0x401343774f3e2362, 0x4b11428e1cbc0143),
        (700.0, 0x401a344e6741ebab, 0x7f0d945df4f8ec8e),
    ]

    @Test func bitsAreFrozen() {
        for (input, log, exp) in Self.frozen {
            #expect(PortableMath.log(input).bitPattern == log, "log(\(input)) = 0x\(String(PortableMath.log(input).bitPattern, radix: 16))")
            #expect(PortableMath.exp(input).bitPattern == exp, "exp(\(input)) = 0x\(String(PortableMath.exp(input).bitPattern, radix: 16))")
        }
    }
}
