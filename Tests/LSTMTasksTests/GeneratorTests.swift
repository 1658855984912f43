import LSTMCore
import Testing

@testable import LSTMTasks

/// Generator properties of every task, checked over many samples (paper §3).
struct GeneratorTests {
    @Test func everyReberStringIsAcceptedAndTheShortestHasNineSymbols() {
        var rng = SplitMix64(seed: 1)
        let task = EmbeddedReber()
        var shortest = Int.max
        for _ in 0..<5000 {
            let s = task.generateString(rng: &rng)
            #expect(EmbeddedReber.accepts(s))
            #expect(s[1] == s[s.count - 2])  // the embedded branch symbol returns second to last
            shortest = min(shortest, s.count)
        }
        #expect(shortest == 9)
    }

    @Test(arguments: ["BTSSXXTVVE", "BPVVE", "BTXXVPSE", "BPVPXVPXVPXVVE", "BTSXXVPSE"])
    func reberGrammarAcceptsTheCourseExamples(_ inner: String) {
        let symbols = inner.map { c in EmbeddedReber.symbols.firstIndex(of: c) ?? -1 }
        #expect(EmbeddedReber.accepts([0, 1] + symbols + [1, 6]))
        #expect(!EmbeddedReber.accepts([0, 1] + symbols + [2, 6]))  // wrong closing branch
    }

    @Test(arguments: ["BTSSSE", "BTXXVVSE"])
    func reberGrammarRejectsTheCourseCounterexamples(_ inner: String) {
        let symbols = inner.map { c in EmbeddedReber.symbols.firstIndex(of: c) ?? -1 }
        #expect(!EmbeddedReber.accepts([0, 2] + symbols + [2, 6]))
    }

    @Test func reberSequencePredictsTheNextSymbolAtEveryStep() {
        var rng = SplitMix64(seed: 2)
        let task = EmbeddedReber()
        var seq = task.makeBuffer()
        let string = task.generateString(rng: &rng)
        task.fill(&seq, string: string)
        #expect(seq.length == string.count - 1)
        for t in 0..<seq.length {
            #expect(seq.activeInput[t] == string[t])
            #expect(seq.hasTarget[t] && seq.target(unit: string[t + 1], at: t) == 1)
        }
    }

    @Test func addingTargetsAndMarkersFollowThePaper() {
        var rng = SplitMix64(seed: 3)
        let task = Adding(T: 100)
        var seq = task.makeBuffer()
        for _ in 0..<2000 {
            task.fill(&seq, rng: &rng)
            let n = seq.length
            #expect((100...110).contains(n))
            let marked = (0..<n).filter { seq.input(unit: 1, at: $0) == 1 }
            #expect(marked.count == 2)
            #expect(marked.contains { $0 < 10 })
            #expect(marked.allSatisfy { $0 < 50 })  // X2 among the first T/2 - 1 still unmarked pairs
            for t in 0..<n where !marked.contains(t) {
                #expect(seq.input(unit: 1, at: t) == (t == 0 || t == n - 1 ? -1 : 0))
            }
            if marked.contains(0) { #expect(seq.input(unit: 0, at: 0) == 0) }
            let sum = marked.map { seq.input(unit: 0, at: $0) }.reduce(0, +)
            #expect(abs(seq.target(unit: 0, at: n - 1) - (0.5 + sum / 4)) < 1e-15)
            #expect(seq.hasTarget[n - 1] && (0..<(n - 1)).allSatisfy { !seq.hasTarget[$0] })
        }
    }

    /// Table 7: "T/2 the minimal time lag", from X2 to the teacher signal at the last pair. The lag
    /// of a sequence is its length less X2's 1-based position. Until 2026-12-03 X2 was drawn from the
    /// first T/2 - 1 pairs less X1's, which made the shortest lag T/2 + 1 (still `task.second_marker=pairs`).
    @Test(arguments: [(true, 50), (false, 51)])
    func addingAndMultiplicationReachTheMinimalLagOfTable7(unmarked: Bool, shortest: Int) {
        for problem in [Adding(T: 100, secondAmongUnmarked: unmarked) as any SequenceTask,
                        Multiplication(T: 100, secondAmongUnmarked: unmarked)] {
            var rng = SplitMix64(seed: 9)
            var seq = problem.makeBuffer()
            var lags: [Int] = []
            var seconds = Set<Int>()
            for _ in 0..<20_000 {
                problem.fill(&seq, rng: &rng)
                let marked = (0..<seq.length).filter { seq.input(unit: 1, at: $0) == 1 }
                lags.append(seq.length - 1 - marked.max()!)
                seconds.formUnion(marked.filter { $0 >= 10 })
            }
            #expect(lags.min() == shortest)
            #expect(seconds == Set(10..<(unmarked ? 50 : 49)))  // every later position can hold X2
        }
    }

    @Test func multiplicationTargetsAreTheProductOfTheMarkedValues() {
        var rng = SplitMix64(seed: 4)
        let task = Multiplication(T: 100)
        var seq = task.makeBuffer()
        for _ in 0..<1000 {
            task.fill(&seq, rng: &rng)
            let n = seq.length
            let marked = (0..<n).filter { seq.input(unit: 1, at: $0) == 1 }
            #expect(marked.count == 2)
            if marked.contains(0) { #expect(seq.input(unit: 0, at: 0) == 1) }
            #expect((0..<n).allSatisfy { (0...1).contains(seq.input(unit: 0, at: $0)) })
            let product = marked.map { seq.input(unit: 0, at: $0) }.reduce(1, *)
            #expect(abs(seq.target(unit: 0, at: n - 1) - product) < 1e-15)
        }
    }

    @Test func distractorMeanLengthIsQPlus13AndDistractorsComeFromPSymbols() {
        var rng = SplitMix64(seed: 5)
        let task = DistractorSequence(p: 50, q: 100)
        var seq = task.makeBuffer()
        var total = 0
        let samples = 20000
        for _ in 0..<samples {
            let label = task.fill(&seq, rng: &rng)
            total += seq.length + 1  // the final x/y is a target, not an input (A9)
            #expect(seq.activeInput[0] == 51 && seq.activeInput[1] == 52 + label)
            #expect(seq.activeInput[seq.length - 1] == 50)
            #expect((2..<(seq.length - 1)).allSatisfy { seq.activeInput[$0] < 50 })
            #expect(seq.length - 3 >= 100)
            #expect(seq.target(unit: label, at: seq.length - 1) == 1 && seq.target(unit: 1 - label, at: seq.length - 1) == 0)
        }
        let mean = Double(total) / Double(samples)
        #expect(abs(mean - 113) < 0.3)  // sd of the geometric tail is ~9.5; 3 standard errors ~ 0.2
    }

    @Test(arguments: [TemporalOrder.Variant.twoSymbols, .threeSymbols])
    func temporalOrderClassesFollowTheRelevantSymbols(_ variant: TemporalOrder.Variant) {
        var rng = SplitMix64(seed: 6)
        let task = TemporalOrder(variant: variant)
        var seq = task.makeBuffer()
        var seen = Set<Int>()
        for _ in 0..<2000 {
            let label = task.fill(&seq, rng: &rng)
            let n = seq.length
            #expect((100...110).contains(n))
            #expect(seq.activeInput[0] == 0 && seq.activeInput[n - 1] == 1)
            let relevant = (0..<n).filter { seq.activeInput[$0] >= 6 }
            #expect(relevant.count == task.positionRanges.count)
            for (position, range) in zip(relevant, task.positionRanges) { #expect(range.contains(position + 1)) }
            let code = relevant.reduce(0) { $0 * 2 + (seq.activeInput[$1] == 7 ? 1 : 0) }
            #expect(code == label)
            for k in 0..<task.outputCount { #expect(seq.target(unit: k, at: n - 1) == (k == label ? 1 : 0)) }
            #expect((1..<(n - 1)).allSatisfy { relevant.contains($0) || (2...5).contains(seq.activeInput[$0]) })
            seen.insert(label)
        }
        #expect(seen.count == task.outputCount)
    }

    @Test(arguments: [TwoSequence.Variant.a, .b, .c])
    func twoSequenceNoiseHasVariancePointTwo(_ variant: TwoSequence.Variant) {
        var rng = SplitMix64(seed: 7)
        let task = TwoSequence(variant: variant, T: 100, N: 3)
        var seq = task.makeBuffer()
        var noise: [Double] = [], signalNoise: [Double] = [], targetNoise: [Double] = []
        for _ in 0..<2000 {
            let label = task.fill(&seq, rng: &rng)
            #expect((100...110).contains(seq.length))
            let sign = label == 0 ? 1.0 : -1.0
            for t in 0..<seq.length {
                let x = seq.input(unit: 0, at: t)
                if t >= 3 { noise.append(x) } else { signalNoise.append(x - sign) }
            }
            targetNoise.append(seq.target(unit: 0, at: seq.length - 1) - task.cleanTarget(label: label))
        }
        #expect(abs(variance(noise) - 0.2) < 0.005)
        if variant == .b { #expect(abs(variance(signalNoise) - 0.2) < 0.02) } else { #expect(signalNoise.allSatisfy { $0 == 0 }) }
        if variant == .c { #expect(abs(variance(targetNoise) - 0.1) < 0.01) } else { #expect(targetNoise.allSatisfy { $0 == 0 }) }
    }

    @Test(arguments: [LongLagSequence.Variant.noiseFree, .noLocalRegularities])
    func longLagSequencesCarryTheFirstSymbolToTheEnd(_ variant: LongLagSequence.Variant) {
        var rng = SplitMix64(seed: 8)
        let task = LongLagSequence(variant: variant, p: 100)
        var seq = task.makeBuffer()
        for _ in 0..<200 {
            let label = task.fill(&seq, rng: &rng)
            #expect(seq.length == 100)
            #expect(seq.activeInput[0] == 99 + label)
            for t in 1..<100 {
                let symbol = seq.activeInput[t]
                #expect(variant == .noLocalRegularities ? symbol < 99 : symbol == t - 1)
                #expect(seq.target(unit: symbol, at: t - 1) == 1)
            }
            #expect(seq.target(unit: 99 + label, at: 99) == 1)
            #expect((0..<100).allSatisfy { seq.hasTarget[$0] })
        }
    }

    private func variance(_ xs: [Double]) -> Double {
        let mean = xs.reduce(0, +) / Double(xs.count)
        return xs.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(xs.count - 1)
    }
}
