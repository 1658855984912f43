import Foundation
import LSTMCore
import Testing

/// Our portable exp/log and the PRNG against their definitions.
struct ElementaryTests {
    @Test func expIsWithinFourUlpOfTheSystemExp() {
        var rng = SplitMix64(seed: 1)
        for _ in 0..<100_000 {
            let x = rng.uniform(-700, 700)
            let ours = Elementary.exp(x), system = Foundation.exp(x)
            #expect(abs(ours - system) <= 4 * system.ulp, "exp(\(x))")
        }
    }

    @Test func logIsWithinFourUlpOfTheSystemLog() {
        var rng = SplitMix64(seed: 2)
        for _ in 0..<100_000 {
            let x = Foundation.exp(rng.uniform(-700, 700))
            let ours = Elementary.log(x), system = Foundation.log(x)
            #expect(abs(ours - system) <= 4 * max(system.ulp, Double.ulpOfOne), "log(\(x))")
        }
    }

    @Test func logisticSaturatesWithoutOverflow() {
        #expect(Elementary.logistic(1000.0) == 1.0)
        #expect(Elementary.logistic(-1000.0) >= 0 && Elementary.logistic(-1000.0) < 1e-300)
        #expect(Elementary.logistic(0.0) == 0.5)
    }

    @Test func logisticOfABufferHasTheScalarBits() {
        // Given net inputs over the whole range, in buffers of every length up to two quads and a tail
        var rng = SplitMix64(seed: 3)
        for count in 0...11 {
            let x = (0..<count).map { _ in rng.uniform(-40, 40) }
            var y = [Double](repeating: .nan, count: count), inPlace = x
            // When squashed into another buffer and in place
            x.withUnsafeBufferPointer { x in
                y.withUnsafeMutableBufferPointer { Elementary.logistic(x.baseAddress!, into: $0.baseAddress!, count: count) }
            }
            inPlace.withUnsafeMutableBufferPointer { Elementary.logistic($0.baseAddress!, into: $0.baseAddress!, count: count) }
            // Then every value has the bits of the scalar logistic
            let scalar = x.map { Elementary.logistic($0).bitPattern }
            #expect(y.map(\.bitPattern) == scalar, "count \(count)")
            #expect(inPlace.map(\.bitPattern) == scalar, "count \(count), in place")
        }
    }

    @Test func splitMixMatchesTheReferenceSequence() {
        // SplitMix64 from state 0: the published first outputs.
        var rng = SplitMix64(seed: 0)
        #expect(rng.next() == 0xE220_A839_7B1D_CDAF)
        #expect(rng.next() == 0x6E78_9E6A_A1B9_65F4)
        #expect(rng.next() == 0x06C4_5D18_8009_454F)
    }

    @Test func streamsOfOneSeedDiffer() {
        var a = SplitMix64(seed: 7, stream: .weights), b = SplitMix64(seed: 7, stream: .training)
        #expect(a.next() != b.next())
    }

    @Test func integersCoverTheClosedRangeUniformly() {
        var rng = SplitMix64(seed: 3)
        var counts = [Int](repeating: 0, count: 11)
        for _ in 0..<110_000 { counts[rng.integer(in: 100...110) - 100] += 1 }
        for c in counts { #expect(abs(c - 10_000) < 500) }
    }

    @Test func gaussianHasUnitVariance() {
        var rng = SplitMix64(seed: 4)
        var sum = 0.0, sumSquares = 0.0
        let n = 200_000
        for _ in 0..<n {
            let g = rng.gaussian()
            sum += g
            sumSquares += g * g
        }
        #expect(abs(sum / Double(n)) < 0.01)
        #expect(abs(sumSquares / Double(n) - 1) < 0.01)
    }
}
